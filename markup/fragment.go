package markup

import (
	"bytes"
	"html"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// What a reader sees of raw HTML is what the browser builds from the
// published page. A <table> or <ul> opened in one HTML block and closed
// blank lines later is one element there: goldmark ends an HTML block at
// a blank line but writes every piece as it is, and the browser joins
// them; kramdown keeps the block open to its end tag and writes it all as
// it is. Such a run of top-level blocks (found by blockScan) is read as
// one fragment: the HTML pieces as written, the Markdown between them as
// the site's engine writes it (goldmark's HTML renderer; nothing on a
// kramdown site, which leaves Markdown inside HTML alone).

// topLevel renders the document's blocks, a raw HTML fragment at a time.
func (r *Renderer) topLevel(doc ast.Node) {
	for c := doc.FirstChild(); c != nil; {
		h, ok := c.(*ast.HTMLBlock)
		if !ok {
			r.block(c)
			c = c.NextSibling()
			continue
		}
		group := []ast.Node{h}
		c = h.NextSibling()
		if end, ok := r.fragmentEnd(h); ok {
			for c != nil {
				f, _ := r.offsets(c)
				if f < 0 || r.lines.parsedLine(f) > end {
					break
				}
				group = append(group, c)
				c = c.NextSibling()
			}
		}
		r.fragment(group)
	}
}

// fragmentEnd is the last line (0-based, parsed text) of the open HTML
// that n starts or is in.
func (r *Renderer) fragmentEnd(n ast.Node) (int, bool) {
	f, _ := r.offsets(n)
	if f < 0 || len(r.frags) == 0 {
		return 0, false
	}
	l := r.lines.parsedLine(f)
	i := sort.Search(len(r.frags), func(i int) bool { return r.frags[i][1] >= l })
	if i < len(r.frags) && r.frags[i][0] <= l {
		return r.frags[i][1], true
	}
	return 0, false
}

// fragment renders a run of top-level blocks that starts with raw HTML
// as one HTML fragment, each block on the source line it comes from.
func (r *Renderer) fragment(group []ast.Node) {
	first := group[0]
	raw := strings.TrimSpace(string(r.rawOf(first)))
	if !r.opt.RawHTML {
		if strings.HasPrefix(raw, "<!--") {
			return
		}
		r.start(Block{Kind: Note}, first)
		r.text("raw HTML left out: Hugo publishes it only with markup.goldmark.renderer.unsafe", 0)
		r.flush()
		return
	}
	// A block that is one image (the common WordPress-era case) needs no
	// parser.
	if len(group) == 1 && strings.HasPrefix(raw, "<img") {
		if tok, size, ok := readTag(raw); ok && size == len(raw) && tok.name == "img" {
			r.start(Block{Kind: Paragraph}, first)
			r.image(Image{Src: tok.attrs["src"], Alt: tok.attrs["alt"], Title: tok.attrs["title"],
				Decorative: decorative(tok.attrs["role"], tok.attrs["aria-hidden"])}, first)
			r.flush()
			return
		}
	}
	var buf bytes.Buffer
	var pieces []piece
	_, lastOff := r.offsets(group[len(group)-1])
	last := r.lines.line(max(lastOff, 0))
	switch {
	case r.opt.Flavour == Kramdown && len(group) > 1:
		a, _ := r.offsets(first)
		a = r.lines.starts[r.lines.parsedLine(a)]
		b := len(r.src)
		if l := r.lines.parsedLine(lastOff) + 1; l < len(r.lines.starts) {
			b = r.lines.starts[l]
		}
		pieces = append(pieces, piece{at: 0, src: a})
		buf.Write(r.src[a:b])
	default:
		md := markdownFor(r.opt).Renderer()
		for _, n := range group {
			if raw, off, ok := r.contiguous(n); ok {
				pieces = append(pieces, piece{at: buf.Len(), src: off})
				buf.Write(raw)
				continue
			}
			p := piece{at: buf.Len(), src: -1, line: 1}
			if f, _ := r.offsets(n); f >= 0 {
				p.line = r.lines.line(f)
			}
			pieces = append(pieces, p)
			if _, ok := n.(*ast.HTMLBlock); ok {
				buf.Write(r.rawOf(n))
			} else {
				_ = md.Render(&buf, r.src, n)
			}
		}
	}
	firstOff, _ := r.offsets(first)
	if len(pieces) == 1 && pieces[0].src >= 0 && firstOff >= 0 && r.lines.line(firstOff) == last {
		// One source line (a WordPress paragraph, a spacer): every block
		// is on it, the fragment's own line; no marks to tell them apart.
		r.walkHTML(bytes.NewReader(buf.Bytes()), first, last)
	} else {
		var marked bytes.Buffer
		r.markLines(&marked, buf.Bytes(), pieces)
		r.walkHTML(&marked, first, last)
	}
	r.style, r.link, r.htmlSt = 0, "", r.htmlSt[:0]
}

// rawOf is the text of a raw HTML block as written (its lines and its
// closing line), or nil for another block.
func (r *Renderer) rawOf(n ast.Node) []byte {
	h, ok := n.(*ast.HTMLBlock)
	if !ok {
		return nil
	}
	var buf []byte
	for i := 0; i < h.Lines().Len(); i++ {
		s := h.Lines().At(i)
		buf = append(buf, s.Value(r.src)...)
	}
	if h.HasClosure() {
		buf = append(buf, h.ClosureLine.Value(r.src)...)
	}
	return buf
}

// contiguous returns the text of a raw HTML block whose lines follow each
// other in the source (one not inside a list or quote), and its offset.
func (r *Renderer) contiguous(n ast.Node) ([]byte, int, bool) {
	h, ok := n.(*ast.HTMLBlock)
	if !ok || h.Lines().Len() == 0 {
		return nil, 0, false
	}
	segs := h.Lines()
	start, stop := segs.At(0).Start, segs.At(0).Stop
	for i := 1; i < segs.Len(); i++ {
		if segs.At(i).Start != stop {
			return nil, 0, false
		}
		stop = segs.At(i).Stop
	}
	if h.HasClosure() {
		if h.ClosureLine.Start != stop {
			return nil, 0, false
		}
		stop = h.ClosureLine.Stop
	}
	return r.src[start:stop], start, true
}

// piece is a part of a fragment's HTML: from byte at, either the source
// from offset src on (raw HTML as written), or, when src < 0, what the
// engine wrote for the block on source line line.
type piece struct {
	at, src, line int
}

// markLines writes a fragment's HTML with a line mark before the first
// tag of each source line, so that each block read from it has the line
// it starts on. It reads the fragment whole, as the parser will (startTags:
// a piece that ends inside a tag or a quote takes the next one's start
// with it).
func (r *Renderer) markLines(w *bytes.Buffer, html []byte, pieces []piece) {
	pos, mark, k := 0, -1, 0
	startTags(html, func(at int) {
		for k+1 < len(pieces) && pieces[k+1].at <= at {
			k++
		}
		l := 1
		if p := pieces[k]; p.src >= 0 {
			l = r.lines.line(p.src + at - p.at)
		} else {
			l = p.line
		}
		if l != mark {
			w.Write(html[pos:at])
			writeLineMark(w, l)
			pos, mark = at, l
		}
	})
	w.Write(html[pos:])
}

// startTags calls f with the offset of each start tag of html, in order,
// as golang.org/x/net/html's tokenizer finds them: its reading of tags,
// attributes, comments, declarations and raw text, written out on the
// bytes without its buffers (every fragment of every render is read so).
// A script's text follows rules of its own: html with a script is read
// by the tokenizer itself. FuzzStartTags holds the two to each other.
func startTags(html []byte, f func(at int)) {
	if hasScript(html) {
		tokenizerStartTags(html, f)
		return
	}
	for pos := 0; pos+1 < len(html); {
		i := bytes.IndexByte(html[pos:], '<')
		if i < 0 || pos+i+1 >= len(html) {
			return
		}
		at := pos + i
		switch c := html[at+1]; {
		case isLetter(c):
			end, name, ok := readTagAt(html, at+1)
			if !ok {
				return // the text ends inside the tag: no more tokens
			}
			f(at)
			pos = end
			switch {
			case asciiFold(name, "plaintext"):
				return
			case rawText(name):
				pos = rawTextEnd(html, end, name)
			}
		case c == '/':
			switch {
			case at+2 >= len(html):
				return
			case html[at+2] == '>':
				pos = at + 3
			case isLetter(html[at+2]):
				end, _, ok := readTagAt(html, at+2)
				if !ok {
					return
				}
				pos = end
			default:
				pos = afterGT(html, at+2)
			}
		case c == '!':
			if at+3 < len(html) && html[at+2] == '-' && html[at+3] == '-' {
				pos = commentEnd(html, at+4)
			} else {
				pos = afterGT(html, at+2)
			}
		case c == '?':
			pos = afterGT(html, at+1)
		default:
			pos = at + 1
		}
	}
}

// tokenizerStartTags is startTags by the tokenizer.
func tokenizerStartTags(html []byte, f func(at int)) {
	z := xhtml.NewTokenizer(bytes.NewReader(html))
	pos := 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return
		}
		if tt == xhtml.StartTagToken || tt == xhtml.SelfClosingTagToken {
			f(pos)
		}
		pos += len(z.Raw())
	}
}

// hasScript is whether html has a <script tag, in any case.
func hasScript(html []byte) bool {
	for i := bytes.IndexByte(html, '<'); i >= 0 && i+7 <= len(html); {
		if asciiFold(html[i+1:i+7], "script") {
			return true
		}
		j := bytes.IndexByte(html[i+1:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
	}
	return false
}

// asciiFold is whether b is s (lower case) in any ASCII case, as the
// tokenizer compares tag names.
func asciiFold[T []byte | string](b T, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// rawText is whether an element's text is raw to its end tag (the
// tokenizer's list but script's and plaintext's).
func rawText(name []byte) bool {
	for _, s := range []string{"iframe", "noembed", "noframes", "noscript", "style", "textarea", "title", "xmp"} {
		if asciiFold(name, s) {
			return true
		}
	}
	return false
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

// readTagAt reads a tag whose name starts at i (its first letter), as the
// tokenizer's readTag does: the offset after its >, its name as written,
// and false when the text ends first.
func readTagAt(html []byte, i int) (int, []byte, bool) {
	k := i + 1
	// until moves k to the first byte that stop says ends a run; false
	// when the text ends first.
	until := func(stop func(c byte) bool) bool {
		for k < len(html) && !stop(html[k]) {
			k++
		}
		return k < len(html)
	}
	skip := func() bool { return until(func(c byte) bool { return !isHTMLSpace(c) }) } // skipWhiteSpace
	if !until(func(c byte) bool { return isHTMLSpace(c) || c == '/' || c == '>' }) {
		return 0, nil, false
	}
	name := html[i:k]
	if !skip() {
		return 0, nil, false
	}
	for html[k] != '>' {
		// The attribute's name: an = before it begins is part of it.
		if html[k] == '=' {
			k++
		}
		if !until(func(c byte) bool { return c == '=' || isHTMLSpace(c) || c == '/' || c == '>' }) || !skip() {
			return 0, nil, false
		}
		// Its value.
		switch html[k] {
		case '/':
			k++
		case '=':
			k++
			if !skip() {
				return 0, nil, false
			}
			switch q := html[k]; q {
			case '>':
			case '"', '\'':
				j := bytes.IndexByte(html[k+1:], q)
				if j < 0 {
					return 0, nil, false
				}
				k += j + 2
			default:
				if !until(func(c byte) bool { return isHTMLSpace(c) || c == '>' }) {
					return 0, nil, false
				}
			}
		}
		if !skip() {
			return 0, nil, false
		}
	}
	return k + 1, name, true
}

// afterGT is the offset after the next > from i (the end when none).
func afterGT(html []byte, i int) int {
	if j := bytes.IndexByte(html[min(i, len(html)):], '>'); j >= 0 {
		return i + j + 1
	}
	return len(html)
}

// commentEnd is the offset after a comment whose text starts at i, as the
// tokenizer's readComment ends it: a > after two dashes or more, --!>,
// or a > at once (<!-->, <!--->).
func commentEnd(html []byte, i int) int {
	dashes, beginning := 0, true
	for j := i; j < len(html); j++ {
		switch html[j] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return j + 1
			}
		case '!':
			if dashes >= 2 {
				j++
				if j >= len(html) {
					return len(html)
				}
				if html[j] == '>' {
					return j + 1
				}
				if html[j] == '-' {
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	return len(html)
}

// rawTextEnd is where the raw text from i of element name ends: at its
// end tag (</name, in any ASCII case, then a space, / or >), or the end.
func rawTextEnd(html []byte, i int, name []byte) int {
	for j := i; j+2 < len(html); j++ {
		if html[j] != '<' || html[j+1] != '/' {
			continue
		}
		e := j + 2 + len(name)
		if e >= len(html) || !asciiFold(html[j+2:e], strings.ToLower(string(name))) {
			continue
		}
		if c := html[e]; isHTMLSpace(c) || c == '/' || c == '>' {
			return j
		}
	}
	return len(html)
}

const lineMarkPrefix = "tandem-line:"

// writeLineMark writes the comment that gives the blocks after it their
// source line.
func writeLineMark(w io.Writer, line int) {
	io.WriteString(w, "<!--"+lineMarkPrefix+strconv.Itoa(line)+"-->")
}

// lineMarkText finds line marks where a broken tag made them text.
var lineMarkText = regexp.MustCompile(`<!--` + lineMarkPrefix + `\d+-->`)

// dropLineMarks removes the line marks from text read in an attribute or
// raw text (they are Tandem's, not the post's).
func dropLineMarks(s string) string {
	if !strings.Contains(s, lineMarkPrefix) {
		return s
	}
	return lineMarkText.ReplaceAllString(s, "")
}

// lineMark reads a line mark's comment.
func lineMark(comment string) (int, bool) {
	if !strings.HasPrefix(comment, lineMarkPrefix) {
		return 0, false
	}
	l, err := strconv.Atoi(comment[len(lineMarkPrefix):])
	return l, err == nil && l > 0
}

// placeholderTag is the element goldmark's HTML renderer writes a
// template tag as, inside a raw HTML fragment: its label, a placeholder.
const placeholderTag = "tandem-placeholder"

// templateHTML writes template tags for goldmark's HTML renderer:
// shortcodes and Liquid as placeholders, attribute lists as nothing.
type templateHTML struct{}

func (templateHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTemplate, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if label := templateLabel(n.(*templateNode).Value); label != "" {
			w.WriteString("<" + placeholderTag + ">" + html.EscapeString(label) + "</" + placeholderTag + ">")
		}
		return ast.WalkSkipChildren, nil
	})
}
