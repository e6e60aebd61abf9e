package markup

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/russross/blackfriday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Hugo before 0.60 rendered Markdown with Blackfriday v1. Tandem renders
// such a site's posts with Blackfriday itself, set up as Hugo set it up
// (its extensions and smartypants options), and reads the HTML it writes
// into blocks with the walker that reads raw HTML: its lists, emphasis,
// smart quotes, footnotes and raw HTML (which Blackfriday publishes) are
// then exactly the site's. Shortcodes, which Hugo expands before
// Blackfriday sees the text, are placeholders, as for goldmark.

// BlackfridayOptions are Hugo's blackfriday settings.
type BlackfridayOptions struct {
	Fractions, SmartDashes, LatexDashes, AngledQuotes bool
	// Extensions and Mask are extensions turned on and off by Hugo's names.
	Extensions, Mask []string
}

// hugoExtensions are Blackfriday's extensions by the names Hugo's config
// uses.
var hugoExtensions = map[string]int{
	"noIntraEmphasis":        blackfriday.EXTENSION_NO_INTRA_EMPHASIS,
	"tables":                 blackfriday.EXTENSION_TABLES,
	"fencedCode":             blackfriday.EXTENSION_FENCED_CODE,
	"autolink":               blackfriday.EXTENSION_AUTOLINK,
	"strikethrough":          blackfriday.EXTENSION_STRIKETHROUGH,
	"laxHtmlBlocks":          blackfriday.EXTENSION_LAX_HTML_BLOCKS,
	"spaceHeaders":           blackfriday.EXTENSION_SPACE_HEADERS,
	"hardLineBreak":          blackfriday.EXTENSION_HARD_LINE_BREAK,
	"tabSizeEight":           blackfriday.EXTENSION_TAB_SIZE_EIGHT,
	"footnotes":              blackfriday.EXTENSION_FOOTNOTES,
	"noEmptyLineBeforeBlock": blackfriday.EXTENSION_NO_EMPTY_LINE_BEFORE_BLOCK,
	"headerIds":              blackfriday.EXTENSION_HEADER_IDS,
	"titleblock":             blackfriday.EXTENSION_TITLEBLOCK,
	"autoHeaderIds":          blackfriday.EXTENSION_AUTO_HEADER_IDS,
	"backslashLineBreak":     blackfriday.EXTENSION_BACKSLASH_LINE_BREAK,
	"definitionLists":        blackfriday.EXTENSION_DEFINITION_LISTS,
	"joinLines":              blackfriday.EXTENSION_JOIN_LINES,
}

// hugoBlackfridayExtensions are the extensions Hugo turns on by default.
const hugoBlackfridayExtensions = blackfriday.EXTENSION_NO_INTRA_EMPHASIS | blackfriday.EXTENSION_TABLES |
	blackfriday.EXTENSION_FENCED_CODE | blackfriday.EXTENSION_AUTOLINK | blackfriday.EXTENSION_STRIKETHROUGH |
	blackfriday.EXTENSION_SPACE_HEADERS | blackfriday.EXTENSION_HEADER_IDS | blackfriday.EXTENSION_BACKSLASH_LINE_BREAK |
	blackfriday.EXTENSION_DEFINITION_LISTS | blackfriday.EXTENSION_AUTO_HEADER_IDS | blackfriday.EXTENSION_FOOTNOTES

// BlackfridayHTML is the HTML Hugo's Blackfriday writes for src, with
// opt's settings: what a site built with Hugo before 0.60 publishes (its
// shortcodes aside).
func BlackfridayHTML(src []byte, opt Options) []byte {
	ext := hugoBlackfridayExtensions
	for _, e := range opt.Blackfriday.Extensions {
		ext |= hugoExtensions[e]
	}
	for _, e := range opt.Blackfriday.Mask {
		ext &^= hugoExtensions[e]
	}
	flags := blackfriday.HTML_USE_XHTML | blackfriday.HTML_FOOTNOTE_RETURN_LINKS
	if !opt.RawHTML {
		flags |= blackfriday.HTML_SKIP_HTML
	}
	if opt.Typographer {
		flags |= blackfriday.HTML_USE_SMARTYPANTS
		bf := opt.Blackfriday
		for _, f := range []struct {
			on   bool
			flag int
		}{{bf.Fractions, blackfriday.HTML_SMARTYPANTS_FRACTIONS}, {bf.SmartDashes, blackfriday.HTML_SMARTYPANTS_DASHES},
			{bf.LatexDashes, blackfriday.HTML_SMARTYPANTS_LATEX_DASHES}, {bf.AngledQuotes, blackfriday.HTML_SMARTYPANTS_ANGLED_QUOTES}} {
			if f.on {
				flags |= f.flag
			}
		}
	}
	r := blackfriday.HtmlRenderer(flags, "", "")
	return blackfriday.MarkdownOptions(src, r, blackfriday.Options{Extensions: ext})
}

// shortcode finds Hugo shortcodes.
var shortcode = regexp.MustCompile(`\{\{[<%].*?[%>]\}\}`)

// Placeholder marks: a shortcode is replaced before Blackfriday by
// markOpen, its number and markClose (private-use characters that
// Blackfriday writes through), and shown as a placeholder afterwards.
const (
	markOpen  = '\ue000'
	markClose = '\ue001'
)

// renderBlackfriday renders src as Blackfriday does, into a Doc: chunk by
// chunk (as the incremental cache cuts the text: at blank lines where a
// new top-level block starts), each chunk's HTML read on its own, as the
// raw HTML blocks of goldmark sites are. A chunk's blocks carry its
// lines. A text with footnotes, whose numbers depend on the whole text, is
// one chunk.
func renderBlackfriday(src []byte, opt Options) *Doc {
	if footnoteRef.Match(src) {
		return renderBlackfridayPart(src, opt)
	}
	chunks := splitChunks(src, false)
	var refs []byte
	for _, ch := range chunks {
		refs = append(refs, ch.refs...)
	}
	d := &Doc{}
	line := 1
	for _, ch := range chunks {
		part := src[ch.start:ch.end]
		if len(refs) > 0 {
			part = append(append(append([]byte{}, part...), "\n\n"...), refs...)
		}
		// The chunk's lines, blank lines after it aside.
		end := line + bytes.Count(bytes.TrimRight(src[ch.start:ch.end], " \t\r\n"), []byte("\n"))
		for _, b := range renderBlackfridayPart(part, opt).Blocks {
			b.Line, b.End = line, end
			d.Blocks = append(d.Blocks, b)
		}
		line += ch.lines
	}
	d.Lines = line - 1
	return d
}

// renderBlackfridayPart renders one part of a text with Blackfriday.
func renderBlackfridayPart(src []byte, opt Options) *Doc {
	var codes []string
	marked := shortcode.ReplaceAllFunc(src, func(m []byte) []byte {
		codes = append(codes, placeholderLabel("Hugo shortcode", string(m[3:len(m)-3])))
		return []byte(string(markOpen) + strconv.Itoa(len(codes)-1) + string(markClose))
	})
	out := BlackfridayHTML(marked, opt)
	r := NewRenderer(opt)
	r.src = src
	r.lines = newLineIndex(src, nil)
	r.placeholders = codes
	r.Doc = &Doc{Lines: r.lines.count(), Blocks: make([]Block, 0, r.lines.count()/3+8)}
	// Every block comes from the whole text: its lines are the text's.
	whole := ast.NewTextBlock()
	whole.Lines().Append(text.NewSegment(0, len(src)))
	r.walkHTML(bytes.NewReader(out), whole, r.lines.count())
	buildAllRuns(r.Doc.Blocks, opt)
	return r.Doc
}

// placeholderText writes text holding shortcode marks: the marks as
// placeholders, the rest as text.
func (r *Renderer) placeholderText(t string) {
	for t != "" {
		i := strings.IndexRune(t, markOpen)
		if i < 0 {
			r.text(t, 0)
			return
		}
		r.text(t[:i], 0)
		t = t[i+len(string(markOpen)):]
		j := strings.IndexRune(t, markClose)
		if j < 0 {
			return
		}
		if n, err := strconv.Atoi(t[:j]); err == nil && n < len(r.placeholders) {
			r.text(r.placeholders[n], Placeholder)
		}
		t = t[j+len(string(markClose)):]
	}
}
