package model

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

func TestSlabKeepsCopies(t *testing.T) {
	var s slab
	var kept [][]byte
	var want []string
	src := make([]byte, 0, 64)
	for i := range 5000 {
		src = fmt.Appendf(src[:0], "title: post %d\n", i)
		c := s.copy(src)
		if cap(c) != len(c) {
			t.Fatalf("copy %d: capacity %d, length %d: an append would write over the next", i, cap(c), len(c))
		}
		kept = append(kept, c)
		want = append(want, string(src))
	}
	src[0] = 'X' // the source is read into again
	for i, c := range kept {
		if string(c) != want[i] {
			t.Fatalf("copy %d is %q, want %q", i, c, want[i])
		}
	}
	grown := append(kept[0], "more"...)
	if string(kept[1]) != want[1] || string(grown) != want[0]+"more" {
		t.Fatalf("appending to a copy changed the next one: %q", kept[1])
	}
	big := bytes.Repeat([]byte("a"), slabChunk/8+1)
	c := s.copy(big)
	if !bytes.Equal(c, big) || &c[0] == &big[0] {
		t.Fatal("a large string was not copied")
	}
	chunk := s.chunk
	if len(chunk) > slabChunk {
		t.Fatalf("a chunk grew past its size: %d", len(chunk))
	}
}

func TestSlabFromManyGoroutines(t *testing.T) {
	var s slab
	var wg sync.WaitGroup
	out := make([][][]byte, 4)
	for g := range out {
		wg.Go(func() {
			for i := range 2000 {
				out[g] = append(out[g], s.copy(fmt.Appendf(nil, "g%d-%d\n", g, i)))
			}
		})
	}
	wg.Wait()
	for g := range out {
		for i, c := range out[g] {
			if want := fmt.Sprintf("g%d-%d\n", g, i); string(c) != want {
				t.Fatalf("goroutine %d's copy %d is %q, want %q", g, i, c, want)
			}
		}
	}
}
