package markup

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// inlines walks the inline children of n into the block being built.
func (r *Renderer) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(c)
	}
}

func (r *Renderer) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		if v := n.Segment.Value(r.src); needsResolve(v) {
			r.text(resolve(v), 0)
		} else {
			r.textBytes(v, 0)
		}
		switch {
		case n.HardLineBreak(), n.SoftLineBreak() && r.opt.HardWrap:
			r.lineBreak()
		case n.SoftLineBreak():
			r.text(" ", 0)
		}
	case *ast.String:
		if n.IsCode() {
			// Written as is into goldmark's HTML: the typographer's
			// entities (&ldquo;), read as the characters they are.
			r.text(html.UnescapeString(string(n.Value)), 0)
		} else {
			r.text(resolve(n.Value), 0)
		}
	case *ast.CodeSpan:
		var buf bytes.Buffer
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				buf.Write(t.Segment.Value(r.src))
			case *ast.String:
				buf.Write(t.Value)
			}
		}
		r.text(buf.String(), Code)
	case *ast.Emphasis:
		st := Italic
		if n.Level == 2 {
			st = Bold
		}
		r.styled(n, st)
	case *east.Strikethrough:
		r.styled(n, Strike)
	case *ast.Link:
		r.linked(n, string(n.Destination))
	case *ast.AutoLink:
		old := r.link
		r.link = string(n.URL(r.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(r.link, "mailto:") {
			r.link = "mailto:" + r.link
		}
		r.text(string(n.Label(r.src)), 0)
		r.link = old
	case *ast.Image:
		img := Image{Src: string(n.Destination), Title: string(n.Title), Alt: plainText(n, r.src)}
		r.image(img, n)
	case *ast.RawHTML:
		var buf bytes.Buffer
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			buf.Write(s.Value(r.src))
		}
		r.inlineHTML(buf.String(), n)
	case *east.FootnoteLink:
		r.text(itoa(n.Index), Sup)
	case *east.TaskCheckBox:
		if n.IsChecked {
			r.text("☑ ", 0)
		} else {
			r.text("☐ ", 0)
		}
	case *templateNode:
		r.template(n)
	default:
		r.inlines(n)
	}
}

// styled walks n's children with st added to the style.
func (r *Renderer) styled(n ast.Node, st Style) {
	old := r.style
	r.style |= st
	r.inlines(n)
	r.style = old
}

// linked walks n's children as a link to dest.
func (r *Renderer) linked(n ast.Node, dest string) {
	old := r.link
	r.link = dest
	r.inlines(n)
	r.link = old
}

// resolve turns backslash escapes and character references into the
// characters a browser shows (&nbsp; into U+00A0).
func resolve(b []byte) string {
	if bytes.IndexByte(b, '\\') >= 0 {
		b = util.UnescapePunctuations(b)
	}
	if bytes.IndexByte(b, '&') >= 0 {
		return html.UnescapeString(string(b))
	}
	return string(b)
}

// needsResolve reports whether text b has escapes or entities for resolve.
func needsResolve(b []byte) bool {
	return bytes.IndexByte(b, '\\') >= 0 || bytes.IndexByte(b, '&') >= 0
}

// plainText is the text of n's descendants (an image's alt text).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.WriteString(resolve(t.Segment.Value(src)))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// templateNode is a Liquid tag ({% %}, {{ }}), a Hugo shortcode ({{< >}},
// {{% %}}) or a kramdown attribute list ({: }, {#id}) in the text.
type templateNode struct {
	ast.BaseInline
	Value string
}

var kindTemplate = ast.NewNodeKind("Template")

func (n *templateNode) Kind() ast.NodeKind { return kindTemplate }

func (n *templateNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": n.Value}, nil)
}

// templateParser reads template tags and attribute lists before goldmark
// sees their braces, quotes or angle brackets.
type templateParser struct {
	openers []string // the tag openers read, longest first
}

func (templateParser) Trigger() []byte { return []byte{'{'} }

var closers = map[string]string{"{{<": ">}}", "{{%": "%}}", "{%": "%}", "{{": "}}", "{:": "}", "{#": "}"}

func (tp templateParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	s := string(line)
	for _, open := range tp.openers {
		if !strings.HasPrefix(s, open) {
			continue
		}
		end := strings.Index(s[len(open):], closers[open])
		if end < 0 {
			return nil
		}
		n := len(open) + end + len(closers[open])
		if open == "{#" && !headerID.MatchString(s[:n]) {
			return nil
		}
		block.Advance(n)
		return &templateNode{Value: s[:n]}
	}
	return nil
}

var headerID = regexp.MustCompile(`^\{#[A-Za-z][\w:.-]*\}$`)

// template shows a Liquid tag or shortcode as a labelled placeholder, and
// applies a kramdown attribute list to its block.
func (r *Renderer) template(n *templateNode) {
	if label := templateLabel(n.Value); label != "" {
		r.text(label, Placeholder)
	} else {
		r.attributes(n.Value, n.NextSibling() == nil)
	}
}

// templateLabel is the placeholder a template tag shows as, "" for an
// attribute list.
func templateLabel(v string) string {
	switch {
	case strings.HasPrefix(v, "{:") || strings.HasPrefix(v, "{#"):
		return ""
	case strings.HasPrefix(v, "{{<") || strings.HasPrefix(v, "{{%"):
		return placeholderLabel("Hugo shortcode", v[3:len(v)-3])
	default: // {% tag %} or {{ output }}
		return placeholderLabel("Liquid", v[2:len(v)-2])
	}
}

// placeholderLabel names a template tag and what it says.
func placeholderLabel(kind, inner string) string {
	inner = strings.TrimSpace(strings.Trim(strings.TrimSpace(inner), "-"))
	return "[" + kind + ": " + inner + "]"
}

// attributes applies an inline attribute list: alignment classes centre
// or right-align the block; ids, targets and other classes change nothing
// that shows.
func (r *Renderer) attributes(v string, last bool) {
	if r.cur == nil {
		return
	}
	// Before a paragraph's text it applies to the paragraph; on the line
	// after a block, to that block (an image that ended the paragraph).
	r.seal()
	b := r.cur
	if k := len(r.Doc.Blocks); last && k > 1 && &r.Doc.Blocks[k-1] == b && blankSpans(b.Spans) {
		b = &r.Doc.Blocks[k-2]
	}
	for _, f := range strings.Fields(strings.Trim(v, "{:#}")) {
		f = strings.Trim(f, `"'`)
		switch {
		case strings.Contains(f, "center") || strings.Contains(f, "centre"):
			b.Align = Center
		case strings.HasPrefix(f, ".") && strings.Contains(f, "right"):
			b.Align = Right
		}
	}
}

// blankSpans is whether spans show nothing but white space.
func blankSpans(spans []Span) bool {
	for _, s := range spans {
		if strings.TrimSpace(s.Text) != "" {
			return false
		}
	}
	return true
}
