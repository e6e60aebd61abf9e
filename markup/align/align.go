// Package align pairs the blocks of a post with the blocks of its
// translation, as translators' alignment tools do (Gale and Church's
// dynamic programme): one block with one, one with two or two with one (a
// paragraph split or merged), or a block with none (left out, or added).
// The cost of a match comes from the blocks' lengths (a translation runs
// longer or shorter by a ratio fit on the pair itself), their kinds (a
// heading goes with a heading, code with code) and the anchors they share
// (numbers, link targets, image sources, inline code). It works on
// markup's blocks, without Fyne.
package align

import (
	"cmp"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"tandem/l10n"
	"tandem/markup"
)

// Match is one aligned group: the source blocks [Src[0], Src[1]] and the
// target blocks [Tgt[0], Tgt[1]] (indexes, inclusive); nil on a side with
// no block.
type Match struct {
	Src, Tgt *[2]int
	// Confidence is how sure the match is, 0 to 1: near 1 where the
	// blocks' lengths agree and they share anchors, low where only their
	// places pair them; 0 for a block without counterpart.
	Confidence float64
}

// Moves of the dynamic programme, with their prior costs (Gale and
// Church's probabilities, as -log): 1-1 is the rule, the others rare.
var moves = []struct {
	di, dj int
	prior  float64
}{
	{1, 1, 0},
	{1, 0, 4.5}, {0, 1, 4.5},
	{2, 1, 3.5}, {1, 2, 3.5}, // paragraphs split or merged: rarer than sentences
	{3, 1, 6}, {1, 3, 6}, // three paragraphs made one, or one made three
}

// feature is what the cost reads of a block.
type feature struct {
	kind    markup.Kind
	level   int
	list    bool     // a list item's block
	depth   int      // its list depth
	prose   bool     // text that a translator may split or merge
	length  float64  // characters of text
	anchors []anchor // sorted by hash, each once
	// sd is the standard deviation of its translation's length.
	sd float64
	// skip is the cost of leaving the block without counterpart (beside
	// the move's prior): a longer block costs more.
	skip float64
}

// anchor is something a block and its translation share: a number, a link
// target, an image source, inline code (by hash), and what missing it
// costs.
type anchor struct {
	h    uint64
	w    float64 // what its absence on the other side costs
	gain float64 // what sharing it is worth (2.5 at most)
}

// Blocks aligns src with tgt, the ratio of their lengths fit on the pair
// itself.
func Blocks(src, tgt []markup.Block) []Match { return BlocksWith(src, tgt, 0) }

// BlocksWith aligns src with tgt, a translation running ratio times as
// long as its source (fit on the site's pairs: a pair that leaves out a
// paragraph would mislead a ratio of its own); 0 fits it on the pair.
func BlocksWith(src, tgt []markup.Block, ratio float64) []Match {
	fs, ft := features(src), features(tgt)
	if ratio > 0 {
		return align(fs, ft, ratio)
	}
	// The pair's own ratio, then again with the ratio of the blocks
	// that matched one to one (a block left out makes the first wrong).
	ratio = lengthRatio(fs, ft)
	out := align(fs, ft, ratio)
	ls, lt := 0.0, 0.0
	for _, m := range out {
		if m.Src != nil && m.Tgt != nil && m.Src[0] == m.Src[1] && m.Tgt[0] == m.Tgt[1] && fs[m.Src[0]].prose {
			ls += fs[m.Src[0]].length
			lt += ft[m.Tgt[0]].length
		}
	}
	if ls > 0 && lt > 0 {
		if r := min(max(lt/ls, 0.6), 1.8); math.Abs(r/ratio-1) > 0.05 {
			out = align(fs, ft, r)
		}
	}
	return out
}

// align is the dynamic programme with a length ratio.
//
// Only a band of cells around the diagonal is kept: translations are
// mostly parallel (a 100 KB pair is some 1,600 blocks a side: a whole
// table would be 2.5 million cells). The band is narrow first; when the
// best path comes near its edge, the programme runs again in a band as
// wide as the difference of the block counts, wide enough for any path.
func align(fs, ft []feature, ratio float64) []Match {
	us, ut := unions(fs), unions(ft)
	full := abs(len(fs)-len(ft)) + 15
	narrow := min(full, 8+abs(len(fs)-len(ft))/8)
	out, edge := alignBand(fs, ft, us, ut, ratio, narrow)
	if edge && narrow < full {
		out, _ = alignBand(fs, ft, us, ut, ratio, full)
	}
	return out
}

// alignBand runs the programme in a band of band cells on each side of
// the diagonal, and reports whether the path came near its edge.
func alignBand(fs, ft []feature, us, ut [][]anchor, ratio float64, band int) ([]Match, bool) {
	n, m := len(fs), len(ft)
	inf := math.Inf(1)
	width := 2*band + 1
	los := make([]int, n+1) // each row's first column in the band
	for i := range los {
		center := 0
		if n > 0 {
			center = i * m / n
		}
		los[i] = max(0, center-band)
	}
	lo := func(i int) int { return los[i] }
	cost := make([]float64, (n+1)*width)
	back := make([]int8, (n+1)*width)
	for k := range cost {
		cost[k] = inf
	}
	at := func(i, j int) int { // the cell of (i, j), -1 outside the band
		if d := j - lo(i); d >= 0 && d < width && j <= m {
			return i*width + d
		}
		return -1
	}
	cost[at(0, 0)] = 0
	for i := 0; i <= n; i++ {
		for j := lo(i); j <= min(m, lo(i)+width-1); j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, arg := inf, int8(-1)
			for k, mv := range moves {
				pi, pj := i-mv.di, j-mv.dj
				if pi < 0 || pj < 0 {
					continue
				}
				pc := at(pi, pj)
				if pc < 0 || math.IsInf(cost[pc], 1) {
					continue
				}
				if mv.di+mv.dj > 2 && !(fs[pi].prose && ft[pj].prose) {
					continue // only prose is split or merged
				}
				ua, ub := anchorsOf(fs, us, pi, i), anchorsOf(ft, ut, pj, j)
				if cost[pc]+mv.prior-2.5*float64(min(len(ua), len(ub))) >= best {
					continue // cannot do better, whatever the blocks (an anchor shared takes 2.5 at most)
				}
				c := cost[pc] + mv.prior + matchCost(fs[pi:i], ft[pj:j], ua, ub, ratio)
				if c < best {
					best, arg = c, int8(k)
				}
			}
			cost[at(i, j)], back[at(i, j)] = best, arg
		}
	}
	var out []Match
	edge := false
	for i, j := n, m; i > 0 || j > 0; {
		c := at(i, j)
		if c < 0 || back[c] < 0 {
			edge = true // outside the band: cannot happen with the band's width
			break
		}
		if d := j - lo(i); (d <= 2 && lo(i) > 0) || d >= width-3 && lo(i)+width-1 < m {
			edge = true
		}
		mv := moves[back[c]]
		var mt Match
		if mv.di > 0 {
			mt.Src = &[2]int{i - mv.di, i - 1}
		}
		if mv.dj > 0 {
			mt.Tgt = &[2]int{j - mv.dj, j - 1}
		}
		if mv.di > 0 && mv.dj > 0 {
			pi, pj := i-mv.di, j-mv.dj
			c := matchCost(fs[pi:i], ft[pj:j], anchorsOf(fs, us, pi, i), anchorsOf(ft, ut, pj, j), ratio) + mv.prior
			mt.Confidence = 1 / (1 + math.Exp(c-5)) // a half at the cost of a length 2.5σ off, nothing shared
		}
		out = append(out, mt)
		i, j = i-mv.di, j-mv.dj
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out, edge
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// variance is Gale and Church's: of a translation's length, per
// character of its source.
const variance = 6.8

// matchCost is the cost of aligning source blocks a with target blocks b
// (one of them may be empty: a block without counterpart).
func matchCost(a, b []feature, ua, ub []anchor, ratio float64) float64 {
	if len(a) == 0 {
		return b[0].skip
	}
	if len(b) == 0 {
		return a[0].skip
	}
	la, lb, sd := a[0].length, b[0].length, a[0].sd
	if len(a) > 1 {
		for _, f := range a[1:] {
			la += f.length
		}
		sd = math.Sqrt((la + 1) * variance)
	}
	for _, f := range b[1:] {
		lb += f.length
	}
	// Length: Gale and Church's normal model of the target's length.
	delta := (lb - la*ratio) / sd
	// Capped for one block with one: blocks of one kind that share their
	// anchors pair however their lengths differ (a merge or a split must
	// show in the lengths).
	c := lengthCost(math.Abs(delta))
	if len(a) == 1 && len(b) == 1 {
		c = min(c, 10)
	}
	// Kinds: a heading with a paragraph, code with prose, a list item
	// with a paragraph, cost a lot; only prose is split or merged.
	for _, x := range a {
		for _, y := range b {
			switch {
			case x.kind != y.kind:
				c += 6
				if x.kind == markup.CodeBlock || y.kind == markup.CodeBlock || x.kind == markup.ImageBlock || y.kind == markup.ImageBlock {
					c += 6
				}
			case x.list != y.list || x.depth != y.depth:
				c += 3
			case x.kind == markup.Heading && x.level != y.level:
				c += 2
			}
		}
	}
	if len(a)+len(b) > 2 {
		// Only prose of one place (the same list depth) is split or merged.
		for _, side := range [][]feature{a, b} {
			for _, f := range side {
				if !f.prose || f.depth != side[0].depth {
					c += 10
				}
			}
		}
	}
	// Anchors shared make a match likely; one on one side only makes it
	// a little less so (a number may be written out in the other
	// language, a link may go to the translation's own page), and a few
	// such misses say no more than some: a paragraph is not left out
	// because its links were localized.
	i, j := 0, 0
	miss := 0.0
	for i < len(ua) || j < len(ub) {
		switch {
		case j >= len(ub) || i < len(ua) && ua[i].h < ub[j].h:
			miss += ua[i].w
			i++
		case i >= len(ua) || ub[j].h < ua[i].h:
			miss += ub[j].w
			j++
		default:
			c -= ua[i].gain
			i, j = i+1, j+1
		}
	}
	return c + min(miss, 3)
}

// unions are the anchors of each two blocks in a row (i, i+1), made once
// for all the cells that try them.
func unions(fs []feature) [][]anchor {
	out := make([][]anchor, len(fs))
	n := 0
	for i := 0; i+1 < len(fs); i++ {
		if len(fs[i].anchors) > 0 && len(fs[i+1].anchors) > 0 {
			n += len(fs[i].anchors) + len(fs[i+1].anchors)
		}
	}
	buf := make([]anchor, 0, n) // one array for all the merged ones
	for i := 0; i+1 < len(fs); i++ {
		u := union(fs[i:i+2], buf[len(buf):])
		if len(fs[i].anchors) > 0 && len(fs[i+1].anchors) > 0 {
			buf = buf[:len(buf)+len(u)]
		}
		out[i] = u[:len(u):len(u)]
	}
	return out
}

// anchorsOf is the anchors of blocks [from, to) (none, one or two).
func anchorsOf(fs []feature, us [][]anchor, from, to int) []anchor {
	switch to - from {
	case 0:
		return nil
	case 1:
		return fs[from].anchors
	}
	return us[from]
}

// union is the anchors of a group of one or two blocks, appended to out
// (empty: a block's own anchors when the other has none).
func union(g []feature, out []anchor) []anchor {
	if len(g) == 1 || len(g[1].anchors) == 0 {
		return g[0].anchors
	}
	if len(g[0].anchors) == 0 {
		return g[1].anchors
	}
	x, y := g[0].anchors, g[1].anchors
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case j >= len(y) || i < len(x) && x[i].h < y[j].h:
			out = append(out, x[i])
			i++
		case i >= len(x) || y[j].h < x[i].h:
			out = append(out, y[j])
			j++
		default:
			out = append(out, x[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// lengthRatio is the pair's ratio of target to source length, fit on its
// text (French runs some 15% longer than English), kept within reason.
func lengthRatio(fs, ft []feature) float64 {
	ls, lt := 0.0, 0.0
	for _, f := range fs {
		ls += f.length
	}
	for _, f := range ft {
		lt += f.length
	}
	if ls == 0 || lt == 0 {
		return 1
	}
	return min(max(lt/ls, 0.6), 1.8)
}

func features(blocks []markup.Block) []feature {
	out := make([]feature, len(blocks))
	for i := range blocks {
		out[i] = featureOf(&blocks[i])
	}
	return out
}

// featureOf reads a block's kind, length and anchors: what survives
// translation, as the other language writes it (l10n): the numbers of its
// text (1.4K and 1 400 alike), its link targets without their language
// marks (/eng/ and /fra/ alike), its images' names without theirs
// (chart_en_… and chart_fr_… alike) and its code.
func featureOf(b *markup.Block) feature {
	f := feature{kind: b.Kind, level: b.Level, list: b.Depth > 0, depth: b.Depth,
		prose: b.Kind == markup.Paragraph && b.Image == nil && b.Depth == 0}
	put := func(kind, v string, w float64) {
		var h maphash.Hash
		h.SetSeed(seed)
		h.WriteString(kind)
		h.WriteString(v)
		f.anchors = append(f.anchors, anchor{h.Sum64(), w, 2.5 * w})
	}
	num := func(h uint64) { f.anchors = append(f.anchors, anchor{h, 0.5, 1.25}) }
	add := func(spans []markup.Span) {
		for _, s := range spans {
			f.length += float64(utf8.RuneCountInString(s.Text))
			if s.Link != "" {
				put("link:", l10n.LinkKey(s.Link), 1)
			}
			if s.Style&markup.Code != 0 {
				put("code:", s.Text, 1)
				continue
			}
			if s.Style&markup.Placeholder == 0 && (s.Link == "" || s.Text != s.Link) {
				numberAnchors(s.Text, num)
			}
		}
	}
	add(b.Spans)
	if f.length >= 20 && len(b.Spans) > 0 {
		// The text itself: a block left in the source's language is
		// its counterpart's twin.
		var h maphash.Hash
		h.SetSeed(seed)
		h.WriteString("text:")
		for _, s := range b.Spans {
			h.WriteString(s.Text)
		}
		f.anchors = append(f.anchors, anchor{h.Sum64(), 0, 2.5}) // a translation lacks it: nothing lost
	}
	for _, r := range b.Rows {
		for _, c := range r.Cells {
			add(c.Spans)
			for _, im := range c.Images {
				put("img:", imageKey(im), 1)
			}
		}
	}
	if b.Kind == markup.CodeBlock {
		f.length += float64(utf8.RuneCountInString(b.Code))
		put("code:", b.Code, 1)
	}
	if b.Image != nil {
		put("img:", imageKey(b.Image.Src), 1)
		f.length += float64(utf8.RuneCountInString(b.Image.Alt))
	}
	// Each once, by hash (one hash is one kind of anchor: one weight).
	slices.SortFunc(f.anchors, func(a, b anchor) int { return cmp.Compare(a.h, b.h) })
	f.anchors = slices.CompactFunc(f.anchors, func(a, b anchor) bool { return a.h == b.h })
	f.skip = math.Log1p(f.length) / 3
	f.sd = math.Sqrt((f.length + 1) * variance)
	return f
}

// numberAnchors hashes the numbers of text as both languages write
// them: digits joined across their thousands groups (1,400, 1 400 and
// 1 400 are 1400), times a magnitude (1.4K is 1400, 2M 2000000); the
// digits of a name (IDIP2019, 18F) are none. It reads bytes, without
// copies: every block of both posts is read, on every alignment (the
// checks read numbers fully, with l10n).
func numberAnchors(t string, put func(uint64)) {
	digit := func(i int) bool { return i < len(t) && t[i] >= '0' && t[i] <= '9' }
	run := func(i int) int {
		for digit(i) {
			i++
		}
		return i
	}
	for i := 0; i < len(t); i++ {
		if !digit(i) {
			continue
		}
		if i > 0 && (isLetterByte(t[i-1]) || t[i-1] >= 0x80) {
			i = run(i) // a name's digits: IDIP2019
			continue
		}
		var h maphash.Hash
		h.SetSeed(seed)
		h.WriteString("n:")
		j := run(i)
		start := i
		for start < j-1 && t[start] == '0' {
			start++
		}
		h.WriteString(t[start:j])
		// Thousands groups: a separator and three digits.
		for {
			k := j
			switch {
			case k < len(t) && (t[k] == ',' || t[k] == '.' || t[k] == ' '):
				k++
			case strings.HasPrefix(t[k:], "\u00a0") || strings.HasPrefix(t[k:], "\u202f"):
				k += 2
				if t[j] == 0xe2 {
					k++
				}
			default:
				k = -1
			}
			if k < 0 || run(k)-k != 3 {
				break
			}
			h.WriteString(t[k : k+3])
			j = k + 3
		}
		// A decimal part, then a magnitude: 1.4K.
		frac := ""
		if j+1 < len(t) && (t[j] == '.' || t[j] == ',') && digit(j+1) {
			e := run(j + 1)
			frac, j = t[j+1:e], e
		}
		if j < len(t) && (t[j] == 'K' || t[j] == 'k' || t[j] == 'M') && (j+1 >= len(t) || !isLetterByte(t[j+1])) {
			zeros := 3
			if t[j] == 'M' {
				zeros = 6
			}
			for z := 0; z < zeros; z++ {
				if z < len(frac) {
					h.WriteByte(frac[z])
				} else {
					h.WriteByte('0')
				}
			}
			frac = ""
		} else if j < len(t) && t[j] >= 'A' && t[j] <= 'Z' {
			i = j // 18F: a name
			continue
		}
		put(h.Sum64())
		if frac != "" {
			var d maphash.Hash
			d.SetSeed(seed)
			d.WriteString("n:")
			d.WriteString(frac)
			put(d.Sum64())
		}
		i = j
	}
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// imageKey is an image's name as each language's upload of it shares it.
func imageKey(src string) string {
	if stem, _ := l10n.ImageStem(src); stem != "" {
		return stem
	}
	return src
}

// lengthCosts tabulate -log of the chance of a length |δ| standard
// deviations off, 2(1 - Φ(|δ|)) (Gale and Church), every 0.01 up to 10.
var lengthCosts = func() []float64 {
	t := make([]float64, 1001)
	for i := range t {
		t[i] = -math.Log(max(math.Erfc(float64(i)/100/math.Sqrt2), 1e-300))
	}
	return t
}()

// lengthCost is the cost of a length |δ| off (δ ≥ 0).
func lengthCost(d float64) float64 {
	if i := int(d * 100); i < len(lengthCosts)-1 {
		return lengthCosts[i]
	}
	return d * d / 2 // far off: the normal tail
}

// seed keys anchor hashes for the life of the process.
var seed = maphash.MakeSeed()

// Ratio is the ratio of tgt's text length to src's, as BlocksWith takes
// it (kept within reason).
func Ratio(src, tgt []markup.Block) float64 { return lengthRatio(features(src), features(tgt)) }
