package markup

import (
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlTag is an open inline HTML tag and the style it replaced.
type htmlTag struct {
	name  string
	style Style
	link  string
}

// inlineStyles are the inline tags that change the style.
var inlineStyles = map[string]Style{
	"em": Italic, "i": Italic, "cite": Italic, "strong": Bold, "b": Bold,
	"code": Code, "kbd": Code, "samp": Code, "tt": Code,
	"s": Strike, "del": Strike, "strike": Strike, "u": Underline, "ins": Underline, "sup": Sup,
}

// inlineHTML applies inline raw HTML written in Markdown text: styles,
// links, line breaks and images. Hugo without unsafe leaves it out.
func (r *Renderer) inlineHTML(raw string, node ast.Node) {
	if !r.opt.RawHTML {
		return
	}
	for raw != "" {
		i := strings.IndexByte(raw, '<')
		if i < 0 {
			r.text(html.UnescapeString(raw), 0)
			return
		}
		if i > 0 {
			r.text(html.UnescapeString(raw[:i]), 0)
		}
		tok, n, ok := readTag(raw[i:])
		if !ok { // a comment, a declaration: nothing to show
			if j := strings.IndexByte(raw[i:], '>'); j >= 0 {
				raw = raw[i+j+1:]
				continue
			}
			return
		}
		raw = raw[i+n:]
		switch {
		case tok.end:
			for k := len(r.htmlSt) - 1; k >= 0; k-- {
				if r.htmlSt[k].name == tok.name {
					r.style, r.link = r.htmlSt[k].style, r.htmlSt[k].link
					r.htmlSt = r.htmlSt[:k]
					break
				}
			}
		case tok.name == "br":
			r.lineBreak()
		case tok.name == "img":
			r.image(Image{Src: tok.attrs["src"], Alt: tok.attrs["alt"], Title: tok.attrs["title"],
				Decorative: decorative(tok.attrs["role"], tok.attrs["aria-hidden"])}, node)
		case !tok.selfEnd:
			r.htmlSt = append(r.htmlSt, htmlTag{name: tok.name, style: r.style, link: r.link})
			r.style |= inlineStyles[tok.name]
			if tok.name == "a" {
				r.link = tok.attrs["href"]
			}
		}
	}
}

func attr(attrs []xhtml.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return dropLineMarks(a.Val)
		}
	}
	return ""
}

func htmlImage(attrs []xhtml.Attribute) Image {
	return Image{Src: attr(attrs, "src"), Alt: attr(attrs, "alt"), Title: attr(attrs, "title"),
		Decorative: decorative(attr(attrs, "role"), attr(attrs, "aria-hidden"))}
}

// decorative is whether an img's role and aria-hidden mark it as
// decoration, which needs no alt text.
func decorative(role, hidden string) bool {
	role = strings.ToLower(strings.TrimSpace(role))
	return role == "presentation" || role == "none" || strings.EqualFold(strings.TrimSpace(hidden), "true")
}

// htmlBlock renders a raw HTML block inside a list or a quote through an
// HTML parser: paragraphs, headings, lists, tables, images, figures,
// quotes and code as the Markdown ones; unknown tags show their text;
// scripts and styles nothing. Top-level blocks go through htmlFragment.
func (r *Renderer) htmlBlock(n *ast.HTMLBlock) {
	r.fragment([]ast.Node{n})
}

// walkHTML reads an HTML fragment into blocks, each with the source lines
// of node, or the lines its marks say (see markLines); last is the
// fragment's last line. It reports whether the fragment could be read.
func (r *Renderer) walkHTML(src io.Reader, node ast.Node, last int) bool {
	nodes, err := xhtml.ParseFragment(src, &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return false
	}
	first := len(r.Doc.Blocks)
	h := htmlWalker{r: r, node: node}
	for _, c := range nodes {
		h.walk(c)
	}
	r.flush()
	r.fixed = 0
	if h.marked {
		// A block runs to the line before the next one.
		blocks := r.Doc.Blocks[first:]
		for i := range blocks {
			end := last
			if i+1 < len(blocks) {
				end = blocks[i+1].Line - 1
			}
			blocks[i].End = max(blocks[i].Line, min(end, last))
		}
	}
	return true
}

type htmlWalker struct {
	r    *Renderer
	node ast.Node // the HTML block, for source lines
	// ordered list counters, innermost last
	counters []int
	cells    *[]Cell
	rows     *[]Row
	marked   bool // the fragment has line marks
}

var headingLevels = map[string]int{"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

// walk renders one HTML node and its children.
func (h *htmlWalker) walk(n *xhtml.Node) {
	r := h.r
	switch n.Type {
	case xhtml.TextNode:
		t := collapseSpace(dropLineMarks(n.Data))
		if r.cur == nil {
			if strings.TrimSpace(t) == "" {
				return
			}
			r.start(Block{Kind: Paragraph}, h.node)
			t = strings.TrimLeft(t, " ")
		}
		if r.placeholders != nil {
			r.placeholderText(t)
		} else {
			r.text(t, 0)
		}
		return
	case xhtml.ElementNode:
	case xhtml.CommentNode:
		if l, ok := lineMark(n.Data); ok {
			h.marked, h.r.fixed = true, l
		}
		return
	default:
		h.children(n)
		return
	}
	tag := n.Data
	switch tag {
	case placeholderTag:
		r.text(textOf(n), Placeholder)
	case "script", "style", "noscript", "template", "head":
		return
	case "br":
		r.lineBreak()
	case "hr":
		r.flush()
		r.add(Block{Kind: Rule}, h.node)
	case "img":
		if r.cur == nil {
			r.start(Block{Kind: Paragraph}, h.node)
		}
		r.image(htmlImage(n.Attr), h.node)
	case "iframe", "video", "audio", "object", "embed":
		r.flush()
		r.start(Block{Kind: Note}, h.node)
		r.text(tag+": "+attr(n.Attr, "src"), 0)
		r.flush()
	case "p", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "address", "caption":
		r.flush()
		b := Block{Kind: Paragraph, Level: headingLevels[tag], Align: htmlAlign(n)}
		if b.Level > 0 {
			b.Kind = Heading
		}
		old := r.style
		switch tag {
		case "figcaption", "caption":
			r.style |= Italic
			b.Align = Center
		case "dt":
			r.style |= Bold
		}
		r.start(b, h.node)
		h.children(n)
		r.style = old
		r.flush()
	case "pre":
		r.flush()
		r.add(Block{Kind: CodeBlock, Code: strings.TrimSuffix(strings.TrimPrefix(textOf(n), "\n"), "\n")}, h.node)
	case "blockquote":
		r.flush()
		r.quote++
		h.children(n)
		r.flush()
		r.quote--
	case "ul", "ol", "dl", "dd":
		r.flush()
		r.depth++
		if tag == "ol" {
			start := 1
			if s, err := strconv.Atoi(attr(n.Attr, "start")); err == nil {
				start = s
			}
			h.counters = append(h.counters, start)
		}
		h.children(n)
		r.flush()
		if tag == "ol" {
			h.counters = h.counters[:len(h.counters)-1]
		}
		r.depth--
	case "li":
		r.flush()
		// An item that holds paragraphs of its own is written loose.
		loose := r.loose
		r.loose = hasChild(n, "p")
		defer func() { r.loose = loose }()
		if p := n.Parent; p != nil && p.Data == "ol" && len(h.counters) > 0 {
			k := len(h.counters) - 1
			r.marker = itoa(h.counters[k]) + "."
			h.counters[k]++
		} else {
			r.marker = bullets[(max(r.depth, 1)-1)%len(bullets)]
		}
		h.children(n)
		r.flush()
		if r.marker != "" {
			r.add(Block{Kind: Paragraph}, h.node)
		}
	case "table":
		r.flush()
		if layoutTable(n) {
			// A table that lays out sections (a "Field note": headings,
			// paragraphs and lists in its cells) is read as the browser
			// shows what it holds: its cells' blocks, in reading order.
			oldRows, oldCells := h.rows, h.cells
			h.rows, h.cells = nil, nil
			h.children(n)
			r.flush()
			h.rows, h.cells = oldRows, oldCells
			return
		}
		var rows []Row
		old := h.rows
		h.rows = &rows
		line := r.fixed
		h.children(n)
		h.rows = old
		after := r.fixed
		r.fixed = line
		r.add(Block{Kind: Table, Rows: rows}, h.node)
		r.fixed = after
	case "tr":
		if h.rows == nil {
			h.children(n)
			return
		}
		var cells []Cell
		old := h.cells
		h.cells = &cells
		h.children(n)
		h.cells = old
		header := n.Parent != nil && n.Parent.Data == "thead"
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			header = header || c.Data == "th"
		}
		*h.rows = append(*h.rows, Row{Cells: cells, Header: header})
	case "td", "th":
		if h.cells == nil {
			h.children(n)
			return
		}
		old := r.style
		if tag == "th" {
			r.style |= Bold
		}
		*h.cells = append(*h.cells, r.cell(func() { h.children(n) }, htmlAlign(n), h.node))
		r.style = old
	default:
		if st, ok := inlineStyles[tag]; ok || tag == "a" || tag == "span" || tag == "abbr" || tag == "small" || tag == "mark" || tag == "sub" {
			old, oldLink := r.style, r.link
			r.style |= st
			if tag == "a" {
				r.link = attr(n.Attr, "href")
			}
			h.children(n)
			r.style, r.link = old, oldLink
			return
		}
		// div, section, figure, center and tags Tandem does not know: their
		// content, as blocks of their own.
		r.flush()
		align := htmlAlign(n)
		if tag == "center" {
			align = Center
		}
		first := len(r.Doc.Blocks)
		h.children(n)
		r.flush()
		if align != Left {
			for i := first; i < len(r.Doc.Blocks); i++ {
				r.Doc.Blocks[i].Align = align
			}
		}
	}
}

func (h *htmlWalker) children(n *xhtml.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.walk(c)
	}
}

// htmlAlign reads align="center" or a text-align style.
func htmlAlign(n *xhtml.Node) Align {
	a := strings.ToLower(attr(n.Attr, "align") + " " + attr(n.Attr, "style") + " " + attr(n.Attr, "class"))
	switch {
	case strings.Contains(a, "center"):
		return Center
	case strings.Contains(a, "right"):
		return Right
	}
	return Left
}

// textOf is the text of n's descendants, as written.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapseSpace turns runs of HTML white space into one space, as a
// browser shows them (no-break spaces are kept).
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, c := range s {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(c)
	}
	return b.String()
}

// cell collects what fill writes into a table cell. A cell may hold
// blocks of its own (WordPress tables put paragraphs, lists, images and
// tables in them): they are made as blocks, then shown as the cell's
// lines, one line a block, and taken out of the document.
func (r *Renderer) cell(fill func(), align Align, n ast.Node) Cell {
	if r.cur != nil {
		r.seal()
	}
	saved, savedLen := r.cur, len(r.Doc.Blocks)
	marker, depth, quote, loose := r.marker, r.depth, r.quote, r.loose
	r.marker, r.depth, r.quote, r.loose = "", 0, 0, false
	r.cur = nil
	r.start(Block{Kind: Paragraph}, n)
	fill()
	r.flush()
	var spans []Span
	var images []string
	var pictures []Image
	for _, b := range r.Doc.Blocks[savedLen:] {
		if b.Image != nil && b.Image.Src != "" {
			images = append(images, b.Image.Src)
			pictures = append(pictures, *b.Image)
		}
		line := cellLine(b)
		if len(line) == 0 {
			continue
		}
		if len(spans) > 0 {
			spans[len(spans)-1].Break = true
		}
		spans = append(spans, line...)
	}
	r.Doc.Blocks = r.Doc.Blocks[:savedLen]
	r.cur = saved
	r.marker, r.depth, r.quote, r.loose = marker, depth, quote, loose
	tb := Block{Spans: spans}
	trimSpans(&tb)
	return Cell{Spans: tb.Spans, Align: align, Images: images, Pictures: pictures}
}

// cellLine is what a block made inside a table cell shows as a line of
// the cell: its marker and text, an image's alt as a placeholder, a
// table's rows as lines of cells.
func cellLine(b Block) []Span {
	switch {
	case b.Image != nil:
		return []Span{{Text: "[" + b.Image.Alt + "]", Style: Placeholder}}
	case b.Kind == Table:
		var out []Span
		for _, row := range b.Rows {
			if len(out) > 0 {
				out[len(out)-1].Break = true
			}
			for i, c := range row.Cells {
				if i > 0 {
					out = append(out, Span{Text: " | "})
				}
				out = append(out, c.Spans...)
			}
		}
		return out
	case b.Kind == CodeBlock:
		return []Span{{Text: b.Code, Style: Code}}
	}
	if b.Marker != "" && len(b.Spans) > 0 {
		return append([]Span{{Text: b.Marker + " "}}, b.Spans...)
	}
	return b.Spans
}

// layoutTable reports whether table n lays out a page's sections rather
// than data: one of its own cells (not a nested table's) holds a heading.
func layoutTable(n *xhtml.Node) bool {
	var in func(n *xhtml.Node, cell bool) bool
	in = func(n *xhtml.Node, cell bool) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != xhtml.ElementNode {
				continue
			}
			switch {
			case c.Data == "table":
				continue
			case cell && headingLevels[c.Data] > 0:
				return true
			case in(c, cell || c.Data == "td" || c.Data == "th"):
				return true
			}
		}
		return false
	}
	return in(n, false)
}

// hasChild reports whether n has an element child named tag.
func hasChild(n *xhtml.Node, tag string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.Data == tag {
			return true
		}
	}
	return false
}
