package markup

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// Size is a run's text size.
type Size uint8

// Text sizes: the body's, the six heading levels', and a footnote
// reference's.
const (
	SizeText Size = iota
	SizeH1
	SizeH2
	SizeH3
	SizeH4
	SizeH5
	SizeH6
	SizeSmall
)

var sizeNames = [...]string{"text", "h1", "h2", "h3", "h4", "h5", "h6", "small"}

func (s Size) String() string { return sizeNames[s] }

// Color is a run's colour, by its role in the window's theme.
type Color uint8

// Colours.
const (
	Foreground  Color = iota
	Primary           // footnote references, placeholders, invisible marks
	Hyperlink         // links
	Disabled          // struck text
	PlaceHolder       // notes, level-6 headings
)

var colorNames = [...]string{"foreground", "primary", "hyperlink", "disabled", "placeholder"}

func (c Color) String() string { return colorNames[c] }

// RunStyle is how a run is drawn.
type RunStyle struct {
	Size                          Size
	Bold, Italic, Mono, Underline bool
	Color                         Color
	Align                         Align
	// Break ends the line after the run.
	Break bool
}

// Run is a piece of a block's text in one style, as the window draws it:
// a span, or a part of one split around an invisible character's mark.
type Run struct {
	Text  string
	Style RunStyle
	Link  string
}

// invisibles are the characters "show invisible characters" marks, and
// their marks.
var invisibles = map[rune]string{
	'\u00a0': "°", // no-break space
	'\u202f': "·", // narrow no-break space (French ; : ! ?)
	'\u200b': "¦", // zero-width space
	'\u00ad': "-", // soft hyphen
	'\t':     "→",
}

// buildRuns makes a block's runs from its spans (and its cells'), and its
// key. With scratch (for opt.KeysOnly, see buildAllRuns) the runs are
// made in it, for the key, and not kept.
func buildRuns(b *Block, opt Options, scratch *[]Run) {
	runsOf := func(spans []Span, base RunStyle, align Align) []Run {
		if scratch == nil {
			return spanRuns(make([]Run, 0, len(spans)), spans, base, opt, align)
		}
		start := len(*scratch)
		*scratch = spanRuns(*scratch, spans, base, opt, align)
		return (*scratch)[start:len(*scratch):len(*scratch)]
	}
	base := RunStyle{}
	switch b.Kind {
	case Heading:
		base.Size = SizeH1 + Size(min(max(b.Level, 1), 6)-1)
		base.Bold = true
		if b.Level == 6 {
			base.Color = PlaceHolder
		}
	case CodeBlock:
		b.Runs = []Run{{Text: b.Code, Style: RunStyle{Mono: true, Break: true}}}
	case Note:
		base.Italic = true
		base.Color = PlaceHolder
	case Table:
		for i := range b.Rows {
			for j := range b.Rows[i].Cells {
				c := &b.Rows[i].Cells[j]
				c.Runs = runsOf(c.Spans, base, c.Align)
			}
		}
	}
	switch b.Kind {
	case Paragraph, Heading, Note:
		b.Runs = runsOf(b.Spans, base, b.Align)
	}
	b.Key = blockKey(b)
	if scratch != nil {
		b.Runs = nil
		for i := range b.Rows {
			for j := range b.Rows[i].Cells {
				b.Rows[i].Cells[j].Runs = nil
			}
		}
		clear(*scratch) // no text kept alive by the buffer
		*scratch = (*scratch)[:0]
	}
}

// buildAllRuns is buildRuns on each of blocks; with opt.KeysOnly, in one
// buffer of runs, used again.
func buildAllRuns(blocks []Block, opt Options) {
	var scratch *[]Run
	if opt.KeysOnly {
		scratch = runBuffers.Get().(*[]Run)
		defer runBuffers.Put(scratch)
	}
	for i := range blocks {
		buildRuns(&blocks[i], opt, scratch)
	}
}

// runBuffers are the buffers of runs made for keys only.
var runBuffers = sync.Pool{New: func() any { return new([]Run) }}

// spanRuns appends spans, as runs in the block's base style, to dst.
func spanRuns(dst []Run, spans []Span, base RunStyle, opt Options, align Align) []Run {
	runs := dst
	for _, s := range spans {
		st := base
		st.Align = align
		st.Bold = st.Bold || s.Style&Bold != 0
		st.Italic = st.Italic || s.Style&Italic != 0
		st.Mono = st.Mono || s.Style&(Code|Placeholder) != 0
		st.Underline = st.Underline || s.Style&Underline != 0 || s.Link != ""
		if s.Style&Strike != 0 {
			st.Color = Disabled
		}
		if s.Style&(Sup|Placeholder) != 0 || s.Link != "" {
			st.Color = Primary
		}
		if s.Link != "" {
			st.Color = Hyperlink
		}
		if s.Style&Sup != 0 {
			st.Size = SizeSmall
		}
		runs = appendRuns(runs, s.Text, st, s.Link, opt.Invisible)
		if s.Break {
			runs[len(runs)-1].Style.Break = true
		}
	}
	return runs
}

// appendRuns adds text as one run, or, showing invisible characters, as
// runs split around their marks.
func appendRuns(runs []Run, text string, st RunStyle, link string, show bool) []Run {
	if !show || strings.IndexFunc(text, func(r rune) bool { return invisibles[r] != "" }) < 0 {
		return append(runs, Run{Text: text, Style: st, Link: link})
	}
	mark := st
	mark.Color = Primary
	start := 0
	for i, r := range text {
		m := invisibles[r]
		if m == "" {
			continue
		}
		if i > start {
			runs = append(runs, Run{Text: text[start:i], Style: st, Link: link})
		}
		runs = append(runs, Run{Text: m, Style: mark, Link: link})
		start = i + len(string(r))
	}
	if start < len(text) {
		runs = append(runs, Run{Text: text[start:], Style: st, Link: link})
	}
	return runs
}

// keyHash is FNV-1a, 64 bits: a block's key is the same in every
// process and on every machine (a silence, a draft mark, lint's JSON
// name blocks by it).
type keyHash uint64

func newKeyHash() keyHash { return 14695981039346656037 }

func (h *keyHash) Write(b []byte) {
	for _, c := range b {
		*h = (*h ^ keyHash(c)) * 1099511628211
	}
}

func (h *keyHash) WriteString(s string) {
	for i := 0; i < len(s); i++ {
		*h = (*h ^ keyHash(s[i])) * 1099511628211
	}
}

func (h *keyHash) writeByte(c byte) { *h = (*h ^ keyHash(c)) * 1099511628211 }

func (h *keyHash) Sum64() uint64 { return uint64(*h) }

// blockKey hashes what a block shows: its kind and place in lists and
// quotes, its runs, code, cells and image (its source as written, not
// the file it resolves to); not its source lines.
func blockKey(b *Block) uint64 {
	h := newKeyHash()
	h.Write([]byte{byte(b.Kind), byte(b.Level), byte(b.Depth), byte(b.Quote), byte(b.Align), boolByte(b.Loose)})
	h.WriteString(b.Marker + "\x00" + b.Lang + "\x00")
	writeRuns(&h, b.Runs)
	for _, r := range b.Rows {
		h.Write([]byte{'r', boolByte(r.Header)})
		for _, c := range r.Cells {
			h.Write([]byte{'c', byte(c.Align)})
			writeRuns(&h, c.Runs)
		}
	}
	if img := b.Image; img != nil {
		h.WriteString("img\x00" + img.Src + "\x00" + img.URL + "\x00" + img.Alt + "\x00" + img.Title + "\x00" + img.Link)
	}
	return h.Sum64()
}

func writeRuns(h *keyHash, runs []Run) {
	for _, r := range runs {
		st := r.Style
		h.Write([]byte{0, byte(st.Size), boolByte(st.Bold), boolByte(st.Italic), boolByte(st.Mono),
			boolByte(st.Underline), byte(st.Color), byte(st.Align), boolByte(st.Break)})
		h.WriteString(r.Text)
		h.writeByte(0)
		h.WriteString(r.Link)
	}
}

// Dump writes the blocks and their runs one per line: the block's kind
// and place, then each run's style and text. It is what `tandem preview
// --segments` prints.
func (d *Doc) Dump(w io.Writer) {
	for i := range d.Blocks {
		b := &d.Blocks[i]
		fmt.Fprintf(w, "%s", b.Kind)
		if b.Kind == Heading {
			fmt.Fprintf(w, " h%d", b.Level)
		}
		if b.Depth > 0 {
			fmt.Fprintf(w, " depth=%d", b.Depth)
		}
		if b.Marker != "" {
			fmt.Fprintf(w, " marker=%q", b.Marker)
		}
		if b.Quote > 0 {
			fmt.Fprintf(w, " quote=%d", b.Quote)
		}
		if b.Align != Left {
			fmt.Fprintf(w, " align=%s", [...]string{"left", "center", "right"}[b.Align])
		}
		if b.Lang != "" {
			fmt.Fprintf(w, " lang=%s", b.Lang)
		}
		fmt.Fprintf(w, " lines=%d-%d\n", b.Line, b.End)
		switch {
		case b.Kind == Table:
			for r, row := range b.Rows {
				for c := range row.Cells {
					fmt.Fprintf(w, "  cell %d,%d", r, c)
					if row.Header {
						fmt.Fprint(w, " header")
					}
					fmt.Fprintln(w)
					dumpRuns(w, "    ", row.Cells[c].Runs)
				}
			}
		case b.Image != nil:
			fmt.Fprintf(w, "  image\t%s\t%q", b.Image.Src, b.Image.Alt)
			if b.Image.Link != "" {
				fmt.Fprintf(w, "\tlink=%s", b.Image.Link)
			}
			fmt.Fprintln(w)
		case b.Kind == Rule:
			fmt.Fprintln(w, "  rule")
		default:
			dumpRuns(w, "  ", b.Runs)
		}
	}
}

func dumpRuns(w io.Writer, indent string, runs []Run) {
	for _, r := range runs {
		fmt.Fprintf(w, "%stext\t%s\t%q", indent, r.Style, r.Text)
		if r.Link != "" {
			fmt.Fprintf(w, "\tlink=%s", r.Link)
		}
		fmt.Fprintln(w)
	}
}

// String names a run's style: its size, weight, slant, font, colour and
// whether it ends the line ("plain" for body text).
func (st RunStyle) String() string {
	var parts []string
	if st.Size != SizeText {
		parts = append(parts, st.Size.String())
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{st.Bold, "bold"}, {st.Italic, "italic"}, {st.Mono, "mono"}, {st.Underline, "underline"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	if st.Color != Foreground {
		parts = append(parts, st.Color.String())
	}
	if st.Break {
		parts = append(parts, "break")
	}
	if len(parts) == 0 {
		return "plain"
	}
	return strings.Join(parts, ",")
}
