package model

import (
	"bytes"
	"sync"
)

// slab keeps many small byte strings that live as long as each other
// (the front matter of a site's posts, as it opens) side by side in
// large chunks: kept one by one, among the garbage reading them makes,
// they would leave the heap's spans part used (a 20,000-pair site: 16 MB
// of 55 MB).
type slab struct {
	mu    sync.Mutex
	chunk []byte // the chunk being filled
}

// slabChunk is a chunk's size; a string of more than an eighth of it is
// kept on its own.
const slabChunk = 64 << 10

// copy returns a copy of b, in a chunk: its capacity is its length, so
// appending to it copies it.
func (s *slab) copy(b []byte) []byte {
	if len(b) > slabChunk/8 {
		return bytes.Clone(b)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cap(s.chunk)-len(s.chunk) < len(b) {
		s.chunk = make([]byte, 0, slabChunk)
	}
	n := len(s.chunk)
	s.chunk = append(s.chunk, b...)
	return s.chunk[n:len(s.chunk):len(s.chunk)]
}
