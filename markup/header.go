package markup

import (
	"hash/fnv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"tandem/model"
)

// Header is what a post layout shows above the body, from the front
// matter: title, description, author, date and image.
type Header struct {
	Lang        string
	Title       string
	Description string
	Author      string
	Date        time.Time // zero when the post has none
	Image       *Image
	// TitleSpans and DescriptionSpans are the title and the description
	// as the post layout prints them: HTML in them applied (Liquid's
	// {{ page.title }}), or Markdown (markdownify), or plain text.
	TitleSpans, DescriptionSpans []Span
}

// Key identifies what the header shows.
func (h Header) Key() uint64 {
	f := fnv.New64a()
	for _, sp := range append(h.TitleSpans, h.DescriptionSpans...) {
		f.Write([]byte{byte(sp.Style), byte(sp.Style >> 8), boolByte(sp.Break)})
		f.Write([]byte(sp.Link + "\x00"))
	}
	f.Write([]byte(h.Lang + "\x00" + h.Title + "\x00" + h.Description + "\x00" + h.Author + "\x00" + h.Date.String()))
	if h.Image != nil {
		f.Write([]byte("\x00" + h.Image.Src + "\x00" + h.Image.File + "\x00" + h.Image.URL + "\x00" + h.Image.Alt))
	}
	return f.Sum64()
}

var monthNames = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
}

// FormatDate writes a date the way the post's language does: "March 5,
// 2024", "5 mars 2024".
func FormatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	switch lang {
	case "fr":
		d := itoa(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return d + " " + monthNames["fr"][t.Month()-1] + " " + itoa(t.Year())
	case "en":
		return monthNames["en"][t.Month()-1] + " " + itoa(t.Day()) + ", " + itoa(t.Year())
	}
	return t.Format("2006-01-02")
}

// Byline is "author · date".
func (h Header) Byline() string {
	var parts []string
	if h.Author != "" {
		parts = append(parts, h.Author)
	}
	if d := FormatDate(h.Date, h.Lang); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// TitleParts are the title's spans as the layout prints it (the title as
// written in a header made without them).
func (h Header) TitleParts() []Span { return orText(h.TitleSpans, h.Title) }

// DescriptionParts are the description's spans, as TitleParts.
func (h Header) DescriptionParts() []Span { return orText(h.DescriptionSpans, h.Description) }

func orText(spans []Span, text string) []Span {
	if len(spans) == 0 && text != "" {
		return []Span{{Text: text}}
	}
	return spans
}

// TextRuns are spans drawn in style st: the header's title and
// description, as the body's text is drawn.
func TextRuns(spans []Span, st RunStyle) []Run {
	return spanRuns(make([]Run, 0, len(spans)), spans, st, Options{}, Left)
}

// formatSpans are a front-matter text's spans as the layout prints it,
// with the site's converter (opt) for Markdown.
func formatSpans(text string, format model.TextFormat, opt Options) []Span {
	switch {
	case text == "":
		return nil
	case format == model.AsMarkdown:
		opt.Image, opt.Invisible = nil, false
		var spans []Span
		for _, b := range Render([]byte(text), opt).Blocks {
			spans = append(spans, b.Spans...)
		}
		return spans
	case format == model.AsHTML && strings.ContainsAny(text, "<&"):
		return htmlSpans(text)
	}
	return []Span{{Text: text}}
}

// htmlSpans reads a text holding HTML (no Markdown) into spans.
func htmlSpans(text string) []Span {
	r := NewRenderer(Options{RawHTML: true})
	r.lines = newLineIndex(nil, nil)
	r.Doc = &Doc{}
	if !r.walkHTML(strings.NewReader(text), ast.NewTextBlock(), 1) {
		return []Span{{Text: text}}
	}
	var spans []Span
	for _, b := range r.Doc.Blocks {
		spans = append(spans, b.Spans...)
	}
	return spans
}
