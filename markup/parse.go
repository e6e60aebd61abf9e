package markup

import (
	"bytes"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"tandem/bug"
)

// The Markdown a site's posts are written in: GFM (tables, strikethrough,
// autolinks, task lists), footnotes and definition lists, which both
// kramdown and Hugo's goldmark read; the typographer (quotes and dashes)
// and hard wraps only where the site's converter has them. Template tags
// are read as placeholders: Liquid tags and kramdown attribute lists for
// Jekyll, shortcodes and heading ids for Hugo (Hugo shows Liquid-like
// braces as written).
var markdowns sync.Map // markdownKey → goldmark.Markdown

type markdownKey struct {
	flavour     Flavour
	typographer bool
	quotes      string
}

// markdownFor is the goldmark set up for opt, made once.
func markdownFor(opt Options) goldmark.Markdown {
	k := markdownKey{opt.Flavour, opt.Typographer, opt.SmartQuotes}
	if md, ok := markdowns.Load(k); ok {
		return md.(goldmark.Markdown)
	}
	tp := templateParser{openers: []string{"{{<", "{{%", "{#"}}
	if opt.Flavour == Kramdown {
		tp.openers = []string{"{{<", "{{%", "{%", "{{", "{:", "{#"}
	}
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList}
	if opt.Typographer {
		exts = append(exts, typographer(opt.SmartQuotes))
	}
	popts := []parser.Option{parser.WithInlineParsers(util.Prioritized(tp, 50))}
	// Its HTML renderer writes the Markdown between the pieces of a raw
	// HTML fragment as the site does (see htmlFragment).
	ropts := []renderer.Option{html.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(templateHTML{}, 100))}
	md := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithParserOptions(popts...), goldmark.WithRendererOptions(ropts...))
	md2, _ := markdowns.LoadOrStore(k, md)
	return md2.(goldmark.Markdown)
}

// typographer is goldmark's typographer with kramdown's smart_quotes (the
// entity names of the left and right single and double quotes), when a
// site sets them.
func typographer(quotes string) goldmark.Extender {
	q := strings.Split(quotes, ",")
	if len(q) != 4 {
		return extension.Typographer
	}
	subs := map[extension.TypographicPunctuation]string{}
	for i, p := range []extension.TypographicPunctuation{extension.LeftSingleQuote, extension.RightSingleQuote,
		extension.LeftDoubleQuote, extension.RightDoubleQuote} {
		if name := strings.TrimSpace(q[i]); name != "" {
			subs[p] = "&" + name + ";"
		}
	}
	return extension.NewTypographer(extension.WithTypographicSubstitutions(subs))
}

// Render parses a post body and builds its blocks and segments.
func Render(src []byte, opt Options) *Doc {
	bug.Hook(src)
	if opt.Flavour == Blackfriday {
		return renderBlackfriday(src, opt)
	}
	src, inserted, frags := src, []int(nil), [][2]int(nil)
	if opt.Flavour == Kramdown {
		src = ExpandURLTags(src, opt.BaseURL)
		src, inserted, frags = splitHTMLLinesRanges(src)
	} else if opt.RawHTML {
		frags = htmlRanges(src)
	}
	root := markdownFor(opt).Parser().Parse(text.NewReader(src))
	r := NewRenderer(opt)
	r.lines = newLineIndex(src, inserted)
	if opt.RawHTML {
		r.frags = frags
	}
	_ = r.Render(io.Discard, src, root)
	return r.Doc
}

// Renderer is a goldmark renderer.Renderer that builds a Doc instead of
// writing HTML.
type Renderer struct {
	Doc   *Doc
	opt   Options
	src   []byte
	lines *lineIndex

	depth, quote int
	marker       string
	loose        bool     // in a loose list's item
	placeholders []string // Blackfriday's shortcodes, by mark number
	frags        [][2]int // lines across which raw HTML stays open
	fixed        int      // when > 0, the source line of the blocks made now
	// inline state of the block being built
	cur    *Block
	style  Style
	link   string
	htmlSt []htmlTag
	// pend is the text of cur's last span while text is added to it, joined
	// into the span once (seal), not a string again for every piece.
	pend   []byte
	pendOn bool
}

var _ renderer.Renderer = (*Renderer)(nil)

// NewRenderer returns a renderer for opt.
func NewRenderer(opt Options) *Renderer { return &Renderer{opt: opt} }

// AddOptions is part of renderer.Renderer; the renderer has none.
func (r *Renderer) AddOptions(...renderer.Option) {}

// Render builds r.Doc from the document n parsed from source.
func (r *Renderer) Render(_ io.Writer, source []byte, n ast.Node) error {
	r.src = source
	if r.lines == nil {
		r.lines = newLineIndex(source, nil)
	}
	r.Doc = &Doc{Lines: r.lines.count(), Blocks: make([]Block, 0, blockNodes(n)+4)}
	r.block(n)
	if r.cur != nil {
		r.seal()
	}
	buildAllRuns(r.Doc.Blocks, r.opt)
	return nil
}

// blockNodes is how many leaf block nodes n holds (a list's paragraphs,
// not its items): about as many blocks as its Doc has (a table's rows are
// one block, raw HTML may make a few). A Block is 200 bytes: a guess from
// the lines (one every two) made three times too many on a site's posts,
// whose paragraphs are long lines.
func blockNodes(n ast.Node) int {
	c := 0
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		if k.Type() == ast.TypeBlock {
			c += max(1, blockNodes(k))
		}
	}
	return c
}

// block walks a block node.
func (r *Renderer) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Document:
		r.topLevel(n)
	case *ast.Paragraph, *ast.TextBlock:
		r.paragraph(n, Paragraph, 0)
	case *ast.Heading:
		r.paragraph(n, Heading, n.Level)
	case *ast.ThematicBreak:
		r.add(Block{Kind: Rule}, n)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		var buf bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			buf.Write(s.Value(r.src))
		}
		b := Block{Kind: CodeBlock, Code: strings.TrimSuffix(buf.String(), "\n")}
		if f, ok := n.(*ast.FencedCodeBlock); ok {
			b.Lang = string(f.Language(r.src))
		}
		r.add(b, n)
	case *ast.Blockquote:
		r.quote++
		r.children(n)
		r.quote--
	case *ast.List:
		r.list(n)
	case *ast.HTMLBlock:
		r.htmlBlock(n)
	default:
		r.extensionBlock(n)
	}
}

func (r *Renderer) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c)
	}
}

// list gives each item's blocks the item's depth, and its first block the
// item's marker: bullets by depth as browsers draw them, numbers from the
// list's start with the delimiter as written.
func (r *Renderer) list(n *ast.List) {
	r.depth++
	loose := r.loose
	r.loose = !n.IsTight
	defer func() { r.loose = loose }()
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		if n.IsOrdered() {
			r.marker = itoa(num) + string(n.Marker)
			num++
		} else {
			r.marker = bullets[(r.depth-1)%len(bullets)]
		}
		r.children(item)
		if r.marker != "" { // an empty item
			r.add(Block{Kind: Paragraph}, item)
		}
	}
	r.depth--
}

var bullets = []string{"•", "◦", "–"}

// add appends a block with the list and quote context, and the source
// lines of n.
func (r *Renderer) add(b Block, n ast.Node) *Block {
	b.Depth, b.Quote, b.Marker, b.Loose = r.depth, r.quote, r.marker, r.loose && r.depth > 0
	r.marker = ""
	if r.fixed > 0 {
		b.Line, b.End = r.fixed, r.fixed
	} else {
		b.Line, b.End = r.span(n)
	}
	r.Doc.Blocks = append(r.Doc.Blocks, b)
	return &r.Doc.Blocks[len(r.Doc.Blocks)-1]
}

// span returns the first and last source line of n.
func (r *Renderer) span(n ast.Node) (int, int) {
	first, last := r.offsets(n)
	if first < 0 {
		l := 1
		if k := len(r.Doc.Blocks); k > 0 {
			l = r.Doc.Blocks[k-1].End + 1
		}
		return l, l
	}
	return r.lines.line(first), r.lines.line(last)
}

// offsets returns the offsets of the first and last byte of n's lines in
// the parsed text, -1 when it has none.
func (r *Renderer) offsets(n ast.Node) (int, int) {
	first, last := -1, -1
	lineOffsets(n, &first, &last)
	if p := n.Pos(); p >= 0 && (first < 0 || p < first) {
		first = p
	}
	if first < 0 {
		return -1, -1
	}
	return first, max(last, first)
}

// lineOffsets widens [first, last] to the lines of n's blocks and its
// children's (a function of its own: a closure that calls itself is
// made anew on the heap at every call, and every block asks).
func lineOffsets(n ast.Node, first, last *int) {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			if *first < 0 || l.At(0).Start < *first {
				*first = l.At(0).Start
			}
			*last = max(*last, l.At(l.Len()-1).Stop-1)
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lineOffsets(c, first, last)
	}
}

// paragraph builds a paragraph or heading from n's inlines; images in it
// become blocks of their own, as a page shows them.
func (r *Renderer) paragraph(n ast.Node, k Kind, level int) {
	r.start(Block{Kind: k, Level: level}, n)
	r.inlines(n)
	r.flush()
	r.htmlSt = r.htmlSt[:0]
	r.style, r.link = 0, ""
}

// start begins collecting spans into a new block.
func (r *Renderer) start(b Block, n ast.Node) {
	r.seal()
	r.cur = r.add(b, n)
}

// flush ends the block being built, dropping it when it has nothing to
// show (a paragraph that held only an image or an attribute list).
func (r *Renderer) flush() {
	if r.cur == nil {
		return
	}
	r.seal()
	b := r.cur
	r.cur = nil
	trimSpans(b)
	// An empty paragraph is dropped; its list marker goes to the next block.
	if len(b.Spans) == 0 && b.Kind == Paragraph && len(r.Doc.Blocks) > 0 {
		if last := &r.Doc.Blocks[len(r.Doc.Blocks)-1]; last == b {
			r.marker = b.Marker
			r.Doc.Blocks = r.Doc.Blocks[:len(r.Doc.Blocks)-1]
		}
	}
}

// trimSpans drops leading and trailing white space of a block.
func trimSpans(b *Block) {
	for len(b.Spans) > 0 && b.Spans[0].Style&Placeholder == 0 {
		s := &b.Spans[0]
		s.Text = strings.TrimLeft(s.Text, " \t\n")
		if s.Text != "" || s.Break {
			break
		}
		b.Spans = b.Spans[1:]
	}
	for len(b.Spans) > 0 {
		s := &b.Spans[len(b.Spans)-1]
		s.Break = false
		if s.Style&Placeholder == 0 {
			s.Text = strings.TrimRight(s.Text, " \t\n")
		}
		if s.Text != "" {
			break
		}
		b.Spans = b.Spans[:len(b.Spans)-1]
	}
}

// text adds text in the current style to the block being built.
func (r *Renderer) text(s string, extra Style) { addText(r, s, extra) }

// textBytes is text for bytes of the source: added to the pending text
// as they are, a string made only for a span of its own (a text node
// after a line break, in most paragraphs, needs none).
func (r *Renderer) textBytes(b []byte, extra Style) { addText(r, b, extra) }

func addText[T string | []byte](r *Renderer, s T, extra Style) {
	if len(s) == 0 || r.cur == nil {
		return
	}
	st := r.style | extra
	if k := len(r.cur.Spans); k > 0 {
		last := &r.cur.Spans[k-1]
		if last.Style == st && last.Link == r.link && !last.Break {
			if !r.pendOn {
				r.pend, r.pendOn = append(r.pend[:0], last.Text...), true
			}
			r.pend = append(r.pend, s...)
			return
		}
	}
	r.seal()
	r.cur.Spans = append(r.cur.Spans, Span{Text: string(s), Style: st, Link: r.link})
}

// seal puts the pending text into its span: before anything else reads
// or changes the block being built.
func (r *Renderer) seal() {
	if r.pendOn {
		r.cur.Spans[len(r.cur.Spans)-1].Text = string(r.pend)
		r.pendOn = false
	}
}

// lineBreak ends the current line of the block being built.
func (r *Renderer) lineBreak() {
	if r.cur == nil || len(r.cur.Spans) == 0 {
		return
	}
	r.seal()
	last := &r.cur.Spans[len(r.cur.Spans)-1]
	if last.Break {
		// A second break in a row (WordPress's <br><br>) is an empty
		// line, as the browser shows it.
		r.cur.Spans = append(r.cur.Spans, Span{Style: r.style, Link: r.link, Break: true})
		return
	}
	last.Break = true
}

// image adds an image block after the block being built, and a new block
// of the same kind for the text after it.
func (r *Renderer) image(img Image, n ast.Node) {
	if r.opt.Image != nil {
		res := r.opt.Image(img.Src)
		img.File, img.URL = res.File, res.URL
	}
	if img.Link == "" {
		img.Link = r.link
	}
	var k Kind
	var level int
	if r.cur != nil {
		k, level = r.cur.Kind, r.cur.Level
		r.flush()
	}
	r.add(Block{Kind: ImageBlock, Image: &img}, blockOf(n))
	r.start(Block{Kind: k, Level: level}, blockOf(n))
}

// blockOf returns the block node an inline node sits in.
func blockOf(n ast.Node) ast.Node {
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}

// lineIndex turns byte offsets into source lines, leaving out the blank
// lines splitHTMLLines inserted.
type lineIndex struct {
	starts   []int // offset of each line
	inserted []int // lines (0-based, in the parsed text) that were inserted
}

func newLineIndex(src []byte, inserted []int) *lineIndex {
	li := &lineIndex{starts: make([]int, 1, bytes.Count(src, []byte("\n"))+1), inserted: inserted}
	for i, c := range src {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// line returns the 1-based line of offset off in the original text.
func (li *lineIndex) line(off int) int {
	l := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	l -= sort.SearchInts(li.inserted, l)
	return l + 1
}

func (li *lineIndex) count() int { return len(li.starts) - len(li.inserted) }

// parsedLine returns the 0-based line of offset off in the parsed text.
func (li *lineIndex) parsedLine(off int) int {
	return sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
