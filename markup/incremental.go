package markup

import (
	"bytes"
	"hash/fnv"
	"hash/maphash"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Cache renders a post again after an edit by re-parsing only the parts
// that changed. The text is cut into chunks at blank lines where a new
// top-level block starts (never inside a code fence, a raw HTML block
// that spans blank lines, or before a line that continues a list); each
// chunk keeps its blocks. After an edit, only the chunks around the
// changed bytes are cut and parsed again: the chunks before them and
// after them are kept as they were (the text of each is unchanged, and a
// cut is a fresh start for the cutter). Link reference definitions are
// read from each chunk and given to every chunk. A post with footnotes is
// rendered whole, as their numbers depend on the whole text. A Cache is
// used by one goroutine at a time.
type Cache struct {
	optKey   uint64
	kramdown bool   // the text is cut as kramdown's rule reads it
	refs     []byte // every chunk's link definitions
	src      []byte // the text last rendered
	chunks   []chunk
	// byHash holds the blocks of chunks cut again, by their text, for
	// a chunk that comes back (an edit undone, a paragraph moved).
	byHash map[uint64][]Block
	doc    *Doc // the document made last

	// Arrays handed back for reuse (see Recycle): an edit of a long post
	// would otherwise allocate its blocks anew on every keystroke.
	mu     sync.Mutex
	free   [][]Block
	pinned map[*Doc]int // documents read elsewhere: never recycled
}

// Recycle hands back the blocks of a document no longer shown or used,
// for a later render to fill. It may be called from any goroutine.
func (c *Cache) Recycle(d *Doc) {
	if d == nil || cap(d.Blocks) == 0 || d == c.peekDoc() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pinned[d] > 0 {
		return // read on another goroutine: the garbage collector's
	}
	if len(c.free) < 2 {
		c.free = append(c.free, d.Blocks[:0])
	}
	d.Blocks = nil
}

// Pin keeps d's blocks from being recycled until Unpin: another
// goroutine reads them (the translation checks). It may be called from
// any goroutine.
func (c *Cache) Pin(d *Doc) {
	if d == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pinned == nil {
		c.pinned = map[*Doc]int{}
	}
	c.pinned[d]++
}

// Unpin undoes a Pin.
func (c *Cache) Unpin(d *Doc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pinned[d]--; c.pinned[d] <= 0 {
		delete(c.pinned, d)
	}
}

func (c *Cache) peekDoc() *Doc {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.doc
}

// blocksFor returns an empty array with room for n blocks, recycled when
// one is large enough.
func (c *Cache) blocksFor(n int) []Block {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, b := range c.free {
		if cap(b) >= n {
			c.free = append(c.free[:i], c.free[i+1:]...)
			return b
		}
	}
	return make([]Block, 0, n+n/8)
}

// Reset forgets the chunks and documents made so far: the next Render
// starts afresh (after one that failed half-way).
func (c *Cache) Reset() {
	c.chunks, c.src, c.byHash, c.refs = nil, nil, nil, nil
	c.setDoc(nil)
}

// NoteDoc is a document that is one note saying text (in place of a post
// that could not be rendered).
func NoteDoc(text string) *Doc {
	d := &Doc{Lines: 1, Blocks: []Block{{Kind: Note, Line: 1, End: 1, Spans: []Span{{Text: text}}}}}
	buildRuns(&d.Blocks[0], Options{}, nil)
	return d
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

var (
	footnoteRef = regexp.MustCompile(`\[\^[^\]\s]+\]`)
	linkRefDef  = regexp.MustCompile(`(?m)^ {0,3}\[[^\]\^][^\]]*\]:[ \t]*\S.*$`)
)

// chunk is a part of the text that starts a top-level block.
type chunk struct {
	start, end int // byte offsets
	lines      int // lines it holds
	hash       uint64
	refs       []byte // its link reference definitions
	footnote   bool   // it may hold a footnote
	blocks     []Block
	parsed     bool // blocks were made with the current definitions
}

// Render renders src as Render does, reusing the blocks of unchanged
// chunks. src must not be changed afterwards: the cache keeps it.
func (c *Cache) Render(src []byte, opt Options) *Doc {
	h := fnv.New64a()
	h.Write([]byte{byte(opt.Flavour), boolByte(opt.RawHTML), boolByte(opt.Invisible), boolByte(opt.Typographer), boolByte(opt.HardWrap)})
	h.Write([]byte(opt.BaseURL + "\x00" + opt.SmartQuotes))
	bf := opt.Blackfriday
	h.Write([]byte{boolByte(bf.Fractions), boolByte(bf.SmartDashes), boolByte(bf.LatexDashes), boolByte(bf.AngledQuotes)})
	h.Write([]byte(strings.Join(bf.Extensions, ",") + "\x00" + strings.Join(bf.Mask, ",")))
	if k := h.Sum64(); k != c.optKey {
		c.optKey, c.chunks, c.src, c.byHash = k, nil, nil, nil
		c.setDoc(nil)
	}
	c.kramdown = opt.Flavour == Kramdown
	var head, tail int
	c.chunks, head, tail = c.recut(src)
	c.src = src
	footnotes := false
	var refs []byte
	for i := range c.chunks {
		footnotes = footnotes || c.chunks[i].footnote
		refs = append(refs, c.chunks[i].refs...)
	}
	if footnotes && footnoteRef.Match(src) {
		c.chunks, c.src, c.byHash = nil, nil, nil
		c.setDoc(nil)
		return Render(src, opt)
	}
	if !bytes.Equal(refs, c.refs) {
		// New definitions can change any link: parse every chunk again.
		c.refs, c.byHash = refs, nil
		c.setDoc(nil)
		for i := range c.chunks {
			c.chunks[i].parsed = false
		}
	}
	if c.byHash == nil {
		c.byHash = map[uint64][]Block{}
	}
	for i := range c.chunks {
		ch := &c.chunks[i]
		if !ch.parsed {
			if b, ok := c.byHash[ch.hash]; ok {
				ch.blocks = b
			} else {
				ch.blocks = c.parse(src[ch.start:ch.end], opt)
				if len(c.byHash) > 256 {
					c.byHash = map[uint64][]Block{}
				}
				c.byHash[ch.hash] = ch.blocks
			}
			ch.parsed = true
		}
	}
	d := c.assemble(head, tail)
	c.setDoc(d)
	return d
}

func (c *Cache) setDoc(d *Doc) {
	c.mu.Lock()
	c.doc = d
	c.mu.Unlock()
}

// assemble makes the document from the chunks' blocks, numbering their
// lines. The blocks of the first head and the last tail chunks are those
// of the document made last, taken in bulk (the tail's lines moved).
func (c *Cache) assemble(head, tail int) *Doc {
	prev := c.doc
	if prev == nil {
		head, tail = 0, 0
	}
	n, headBlocks, tailBlocks, headLines, tailLines := 0, 0, 0, 0, 0
	for i := range c.chunks {
		nb := len(c.chunks[i].blocks)
		n += nb
		switch {
		case i < head:
			headBlocks += nb
			headLines += c.chunks[i].lines
		case i >= len(c.chunks)-tail:
			tailBlocks += nb
			tailLines += c.chunks[i].lines
		}
	}
	blocks := c.blocksFor(n)
	blocks = append(blocks, prev.blocksBefore(headBlocks)...)
	line := headLines + 1
	for i := head; i < len(c.chunks)-tail; i++ {
		ch := &c.chunks[i]
		for _, b := range ch.blocks {
			b.Line += line - 1
			b.End += line - 1
			blocks = append(blocks, b)
		}
		line += ch.lines
	}
	if tail > 0 {
		moved := len(blocks)
		blocks = append(blocks, prev.Blocks[len(prev.Blocks)-tailBlocks:]...)
		if shift := line - (prev.Lines + 1 - tailLines); shift != 0 {
			for i := moved; i < len(blocks); i++ {
				blocks[i].Line += shift
				blocks[i].End += shift
			}
		}
		line += tailLines
	}
	return &Doc{Blocks: blocks, Lines: line - 1}
}

// blocksBefore is the first n blocks of d (none when d is nil).
func (d *Doc) blocksBefore(n int) []Block {
	if d == nil {
		return nil
	}
	return d.Blocks[:n]
}

// parse renders one chunk's text with the definitions of all chunks.
func (c *Cache) parse(text []byte, opt Options) []Block {
	part := text
	if len(c.refs) > 0 {
		part = append(append(append([]byte{}, text...), "\n\n"...), c.refs...)
	}
	blocks := Render(part, opt).Blocks
	lines := bytes.Count(text, []byte("\n")) + 1
	kept := blocks[:0:0]
	for i := range blocks {
		if blocks[i].Line <= lines { // not from the appended definitions
			blocks[i].End = min(blocks[i].End, lines)
			kept = append(kept, blocks[i])
		}
	}
	return kept
}

// recut cuts src into chunks, keeping the chunks of the text last
// rendered that lie wholly before or after the bytes that changed. It
// returns the chunks, how many at the start are the old ones unchanged
// and how many at the end are old ones moved.
func (c *Cache) recut(src []byte) ([]chunk, int, int) {
	old := c.chunks
	if len(old) == 0 {
		return cutFrom(src, 0, len(src), nil, c.kramdown), 0, 0
	}
	pre := commonPrefix(c.src, src)
	if pre == len(src) && pre == len(c.src) {
		return old, len(old), 0
	}
	suf := commonSuffix(c.src[pre:], src[pre:])
	// Keep the chunks before the one just before the change (the change
	// may undo the cut that ends that one), and cut again from there.
	a := sort.Search(len(old), func(i int) bool { return old[i].end > pre })
	a = max(a-1, 0)
	start := 0
	if a > 0 {
		start = old[a-1].end
	}
	// Once the new cutting reaches a cut where an old chunk of the common
	// suffix starts, the rest is that chunk and those after it, moved.
	delta := len(src) - len(c.src)
	j := sort.Search(len(old), func(i int) bool { return old[i].start >= len(c.src)-suf })
	var mid []chunk
	for pos := start; pos < len(src); pos = mid[len(mid)-1].end {
		for j < len(old) && old[j].start+delta < pos {
			j++
		}
		if j < len(old) && old[j].start+delta == pos {
			return splice(old, a, j, mid, delta)
		}
		mid = cutFrom(src, pos, pos+1, mid, c.kramdown)
	}
	out := append(old[:a:a], mid...)
	if len(out) == 0 {
		out = cutFrom(src, 0, 0, nil, c.kramdown)
	}
	return out, a, 0
}

// splice replaces old[a:j] with mid and moves the chunks after by delta
// bytes, in place when mid is no longer than what it replaces.
func splice(old []chunk, a, j int, mid []chunk, delta int) ([]chunk, int, int) {
	tail := len(old) - j
	var out []chunk
	if a+len(mid) > j {
		out = make([]chunk, a+len(mid)+tail)
		copy(out, old[:a])
	} else {
		out = old[:a+len(mid)+tail]
	}
	if a+len(mid) != j {
		copy(out[a+len(mid):], old[j:])
	}
	copy(out[a:], mid)
	for i := len(out) - tail; i < len(out); i++ {
		out[i].start += delta
		out[i].end += delta
	}
	return out, a, tail
}

// cutFrom cuts chunks from src[pos:], which starts a chunk, until one
// ends at or after until, and appends them to out.
func cutFrom(src []byte, pos, until int, out []chunk, kramdown bool) []chunk {
	for {
		end, lines := cutOne(src, pos, kramdown)
		text := src[pos:end]
		out = append(out, chunk{
			start: pos, end: end, lines: lines,
			hash:     hashBytes(text),
			refs:     linkRefDefs(text),
			footnote: bytes.Contains(text, []byte("[^")),
		})
		pos = end
		if pos >= until || pos >= len(src) {
			return out
		}
	}
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// chunkSeed keys chunk hashes for the life of the process.
var chunkSeed = maphash.MakeSeed()

func hashBytes(b []byte) uint64 { return maphash.Bytes(chunkSeed, b) }

// commonPrefix is the length of the bytes a and b start with.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+256 <= n && bytes.Equal(a[i:i+256], b[i:i+256]) {
		i += 256
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the bytes a and b end with.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+256 <= n && bytes.Equal(a[len(a)-i-256:len(a)-i], b[len(b)-i-256:len(b)-i]) {
		i += 256
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// splitChunks cuts the whole of src into chunks (kramdown: as the text
// kramdown's rule makes of it, see splitHTMLLines).
func splitChunks(src []byte, kramdown bool) []chunk { return cutFrom(src, 0, len(src), nil, kramdown) }

// cutOne scans the chunk starting at pos and returns its end: the next
// blank-line boundary where a new top-level block begins, or the end of
// src; and the lines it holds.
func cutOne(src []byte, pos int, kramdown bool) (int, int) {
	start, lines := pos, 0
	var scan blockScan
	var split kramdownSplit
	prevBlank := false
	for pos < len(src) {
		nl := bytes.IndexByte(src[pos:], '\n')
		end := len(src)
		if nl >= 0 {
			end = pos + nl + 1
		}
		t := bytes.TrimRight(src[pos:end], "\r\n")
		blank := len(bytes.TrimSpace(t)) == 0
		// A cut before this line?
		if prevBlank && !blank && !scan.open() && startsBlock(t) && pos > start {
			return pos, lines
		}
		scan.step(t)
		if kramdown {
			var next []byte
			if end < len(src) {
				nl := bytes.IndexByte(src[end:], '\n')
				if nl < 0 {
					nl = len(src) - end
				}
				next = bytes.TrimRight(src[end:end+nl], "\r")
			}
			if split.blankAfter(t, next, end < len(src), &scan) {
				scan.step(nil) // the blank line kramdown's rule puts there
			}
		}
		prevBlank = blank
		lines++
		pos = end
	}
	return pos, lines
}

// startsBlock is whether a line after a blank line starts a block of its
// own at the top level: not indented, not a list item (which may belong
// to the list above), not a definition.
func startsBlock(t []byte) bool {
	if len(t) == 0 || t[0] == ' ' || t[0] == '\t' || t[0] == ':' {
		return false
	}
	if (t[0] == '-' || t[0] == '*' || t[0] == '+') && (len(t) == 1 || t[1] == ' ' || t[1] == '\t') {
		return false
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')') {
		return false
	}
	return true
}

// linkRefDefs returns the link reference definition lines of src, found
// by looking at the lines with "]:" only.
func linkRefDefs(src []byte) []byte {
	var refs []byte
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte("]:"))
		if i < 0 {
			return refs
		}
		i += off
		start := bytes.LastIndexByte(src[:i], '\n') + 1
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		if line := src[start:end]; linkRefDef.Match(line) {
			refs = append(append(refs, line...), '\n')
		}
		off = end
		if off >= len(src) {
			return refs
		}
	}
}
