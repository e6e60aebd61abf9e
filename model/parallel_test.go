package model

import (
	"strings"
	"sync/atomic"
	"testing"
)

// TestParallelRaisesOnTheCaller: a panic in one of parallel's workers is
// raised on the caller's goroutine once the workers stop (where the
// caller's recovery takes it), not in the worker (which would end the
// process); the other items are not all lost.
func TestParallelRaisesOnTheCaller(t *testing.T) {
	var done atomic.Int64
	var got any
	func() {
		defer func() { got = recover() }()
		parallel(1000, func(i int) {
			if i == 500 {
				panic("a bug on item 500")
			}
			done.Add(1)
		})
	}()
	p, ok := got.(*panicked)
	if !ok || !strings.Contains(p.String(), "a bug on item 500") {
		t.Fatalf("recovered %v", got)
	}
	if done.Load() == 0 {
		t.Error("no item done")
	}
}
