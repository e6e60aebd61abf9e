package align

import "tandem/markup"

// margin is how many matches on each side of an edit are aligned again
// with it: enough for a split or merge next to it to be undone.
const margin = 3

// Update aligns newSrc with newTgt given prev, the alignment of the
// blocks whose keys (markup.Block.Key) were oldSrc and oldTgt: the
// matches before and after the blocks that changed are kept, and only the changed stretch, with a margin of
// matches on each side, is aligned again. A keystroke changes one block
// of one side, so a 100 KB pair re-aligns in a fraction of its full
// alignment. ratio is as for BlocksWith (0: fit on the stretch).
func Update(prev []Match, oldSrc, oldTgt []uint64, newSrc, newTgt []markup.Block, ratio float64) []Match {
	if prev == nil {
		return BlocksWith(newSrc, newTgt, ratio)
	}
	ps, ss := common(oldSrc, newSrc)
	pt, st := common(oldTgt, newTgt)
	if ps == len(oldSrc) && ps == len(newSrc) && pt == len(oldTgt) && pt == len(newTgt) {
		return prev // nothing changed
	}
	// The leading matches within both unchanged prefixes.
	// A match of one side only is kept when the other side is unchanged
	// around where it sits: a block put there may be its counterpart.
	head, hi, hj := 0, 0, 0 // hi, hj: where prev[head] starts
	for head < len(prev) && within(prev[head], 0, ps, 0, pt) {
		m := prev[head]
		if m.Tgt == nil && hj >= pt || m.Src == nil && hi >= ps {
			break
		}
		if m.Src != nil {
			hi = m.Src[1] + 1
		}
		if m.Tgt != nil {
			hj = m.Tgt[1] + 1
		}
		head++
	}
	head = max(0, head-margin)
	// The trailing matches within both unchanged suffixes (old indexes).
	tail, ti, tj := len(prev), len(oldSrc), len(oldTgt) // ti, tj: where prev[tail-1] ends
	for tail > head && within(prev[tail-1], len(oldSrc)-ss, len(oldSrc), len(oldTgt)-st, len(oldTgt)) {
		m := prev[tail-1]
		if m.Tgt == nil && tj <= len(oldTgt)-st || m.Src == nil && ti <= len(oldSrc)-ss {
			break
		}
		if m.Src != nil {
			ti = m.Src[0]
		}
		if m.Tgt != nil {
			tj = m.Tgt[0]
		}
		tail--
	}
	tail = min(len(prev), tail+margin)
	if tail < head {
		tail = head
	}
	i0, j0 := start(prev, head)
	i1, j1 := start(prev, tail) // old indexes where the kept tail starts
	if tail == len(prev) {
		i1, j1 = len(oldSrc), len(oldTgt)
	}
	di, dj := len(newSrc)-len(oldSrc), len(newTgt)-len(oldTgt)
	mid := BlocksWith(newSrc[i0:i1+di], newTgt[j0:j1+dj], ratio)
	out := make([]Match, 0, head+len(mid)+len(prev)-tail)
	out = append(out, prev[:head]...)
	for _, m := range mid {
		out = append(out, shift(m, i0, j0))
	}
	for _, m := range prev[tail:] {
		out = append(out, shift(m, di, dj))
	}
	return out
}

// Keys are blocks' keys, for Update.
func Keys(blocks []markup.Block) []uint64 {
	out := make([]uint64, len(blocks))
	for i := range blocks {
		out[i] = blocks[i].Key
	}
	return out
}

// common is the length of the common prefix and suffix of a list of
// keys and a list of blocks (not overlapping, but both the whole of
// equal lists).
func common(a []uint64, b []markup.Block) (prefix, suffix int) {
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix].Key {
		prefix++
	}
	if prefix == len(a) && prefix == len(b) {
		return prefix, prefix
	}
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix].Key {
		suffix++
	}
	return prefix, suffix
}

// within reports whether m's blocks lie in [s0, s1) and [t0, t1).
func within(m Match, s0, s1, t0, t1 int) bool {
	return (m.Src == nil || m.Src[0] >= s0 && m.Src[1] < s1) && (m.Tgt == nil || m.Tgt[0] >= t0 && m.Tgt[1] < t1)
}

// start is where match k begins in each list (the end of the lists for
// k == len(ms)).
func start(ms []Match, k int) (int, int) {
	i, j := 0, 0
	for _, m := range ms[:k] {
		if m.Src != nil {
			i = m.Src[1] + 1
		}
		if m.Tgt != nil {
			j = m.Tgt[1] + 1
		}
	}
	return i, j
}

func shift(m Match, di, dj int) Match {
	var out Match
	if m.Src != nil {
		out.Src = &[2]int{m.Src[0] + di, m.Src[1] + di}
	}
	if m.Tgt != nil {
		out.Tgt = &[2]int{m.Tgt[0] + dj, m.Tgt[1] + dj}
	}
	return out
}
