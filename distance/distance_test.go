package distance

import (
	"math/rand"
	"testing"
)

// naive is Levenshtein's definition, recursively.
func naive(a, b []rune) int {
	switch {
	case len(a) == 0:
		return len(b)
	case len(b) == 0:
		return len(a)
	}
	sub := naive(a[1:], b[1:])
	if a[0] != b[0] {
		sub++
	}
	return min(sub, naive(a[1:], b)+1, naive(a, b[1:])+1)
}

// TestLevenshtein: the distance is the definition's, on words and runes;
// with a bound, the same up to it and the bound plus one past it.
func TestLevenshtein(t *testing.T) {
	if d := Levenshtein([]string{"the", "council", "met"}, []string{"the", "board", "met", "today"}, -1); d != 2 {
		t.Errorf("words: %d, want 2", d)
	}
	if d := Levenshtein([]rune("working-together"), []rune("working-togehter"), 2); d != 2 {
		t.Errorf("a swap: %d, want 2", d)
	}
	rng := rand.New(rand.NewSource(1))
	word := func() []rune {
		r := make([]rune, rng.Intn(7))
		for i := range r {
			r[i] = rune('a' + rng.Intn(3))
		}
		return r
	}
	for range 3000 {
		a, b := word(), word()
		want := naive(a, b)
		if got := Levenshtein(a, b, -1); got != want {
			t.Fatalf("%q %q: %d, want %d", string(a), string(b), got, want)
		}
		for most := range 4 {
			if got := Levenshtein(a, b, most); got != min(want, most+1) {
				t.Fatalf("%q %q at most %d: %d, want %d", string(a), string(b), most, got, min(want, most+1))
			}
		}
	}
}
