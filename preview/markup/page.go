package markup

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
)

// PagePost is one language's post on a standalone page.
type PagePost struct {
	Header Header
	Doc    *Doc
}

// maxInline is the largest image written into the page itself; larger
// ones are linked to their file.
const maxInline = 8 << 20

// WritePage writes a standalone HTML page of one post, or of a pair side
// by side, for reviewers without Tandem: styles and local images are in
// the page itself. It is written from the same blocks the window shows.
func WritePage(w io.Writer, title string, posts []PagePost) error {
	ew := &errWriter{w: w}
	ew.printf("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", esc(langOf(posts)))
	ew.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	ew.printf("<meta name=\"generator\" content=\"Tandem\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", esc(title), pageCSS)
	ew.printf("<main class=\"posts posts-%d\">\n", len(posts))
	for _, p := range posts {
		ew.printf("<article lang=\"%s\">\n", esc(p.Header.Lang))
		writeHeader(ew, p.Header)
		writeBlocks(ew, p.Doc.Blocks)
		ew.printf("</article>\n")
	}
	ew.printf("</main>\n</body>\n</html>\n")
	return ew.err
}

func langOf(posts []PagePost) string {
	if len(posts) == 1 && posts[0].Header.Lang != "" {
		return posts[0].Header.Lang
	}
	return "en"
}

const pageCSS = `
body{margin:0;font:17px/1.55 "Noto Sans",system-ui,sans-serif;color:#1b1b1b;background:#fff}
.posts{display:grid;gap:3rem;padding:2rem;max-width:80rem;margin:auto}
.posts-2{grid-template-columns:1fr 1fr}
@media (max-width:60rem){.posts-2{grid-template-columns:1fr}}
article{min-width:0}
header h1{font-size:2.1rem;line-height:1.2;margin:0 0 .5rem}
header .description{font-size:1.2rem;margin:0 0 .5rem}
header .byline{color:#555;margin:0 0 1rem}
header{border-bottom:1px solid #ccc;margin-bottom:1.5rem;padding-bottom:1rem}
img{max-width:100%;height:auto}
figure{margin:1rem 0}figcaption{color:#555;font-style:italic;font-size:.9rem}
blockquote{border-left:4px solid #c05621;margin:1rem 0;padding:0 1rem}
pre{background:#f3f3f3;padding:1rem;overflow-x:auto}code{font-family:"Noto Sans Mono",monospace}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;padding:.3rem .6rem}th{background:#eee}
.placeholder{font-family:monospace;color:#8a4b00}
.note{color:#777;font-style:italic}
.invisible{color:#2b6cb0}
.center{text-align:center}.right{text-align:right}
.item{display:flex;gap:.5rem}.marker{min-width:1.5rem;text-align:right}
`

func writeHeader(w *errWriter, h Header) {
	w.printf("<header>\n")
	if h.Title != "" {
		w.printf("<h1>%s</h1>\n", esc(h.Title))
	}
	if h.Description != "" {
		w.printf("<p class=\"description\">%s</p>\n", esc(h.Description))
	}
	if by := h.Byline(); by != "" {
		w.printf("<p class=\"byline\">%s</p>\n", esc(by))
	}
	if h.Image != nil && h.Image.Src != "" {
		writeImage(w, h.Image)
	}
	w.printf("</header>\n")
}

// writeBlocks writes blocks as HTML: list items as marked rows and quotes
// as nested blockquotes, so that the page shows what the window shows.
func writeBlocks(w *errWriter, blocks []Block) {
	quote := 0
	for i := range blocks {
		b := &blocks[i]
		for ; quote < b.Quote; quote++ {
			w.printf("<blockquote>\n")
		}
		for ; quote > b.Quote; quote-- {
			w.printf("</blockquote>\n")
		}
		class := [...]string{"", " class=\"center\"", " class=\"right\""}[b.Align]
		if b.Depth > 0 {
			w.printf("<div class=\"item\" style=\"margin-left:%.1frem\"><span class=\"marker\">%s</span> <div>", float64(b.Depth-1)*1.8, esc(b.Marker))
		}
		switch b.Kind {
		case Heading:
			w.printf("<h%d%s>", b.Level, class)
			writeSpans(w, b.Spans)
			w.printf("</h%d>\n", b.Level)
		case Paragraph:
			w.printf("<p%s>", class)
			writeSpans(w, b.Spans)
			w.printf("</p>\n")
		case Note:
			w.printf("<p class=\"note\">")
			writeSpans(w, b.Spans)
			w.printf("</p>\n")
		case CodeBlock:
			w.printf("<pre><code>%s</code></pre>\n", esc(b.Code))
		case Rule:
			w.printf("<hr>\n")
		case ImageBlock:
			writeImage(w, b.Image)
		case Table:
			w.printf("<table>\n")
			for _, r := range b.Rows {
				w.printf("<tr>")
				tag := "td"
				if r.Header {
					tag = "th"
				}
				for _, c := range r.Cells {
					w.printf("<%s%s>", tag, [...]string{"", " class=\"center\"", " class=\"right\""}[c.Align])
					writeSpans(w, c.Spans)
					w.printf("</%s>", tag)
				}
				w.printf("</tr>\n")
			}
			w.printf("</table>\n")
		}
		if b.Depth > 0 {
			w.printf("</div></div>\n")
		}
	}
	for ; quote > 0; quote-- {
		w.printf("</blockquote>\n")
	}
}

func writeSpans(w *errWriter, spans []Span) {
	for _, s := range spans {
		var open, close []string
		add := func(on bool, tag string) {
			if on {
				open = append(open, "<"+tag+">")
				close = append([]string{"</" + strings.Fields(tag)[0] + ">"}, close...)
			}
		}
		if s.Link != "" {
			add(true, `a href="`+esc(s.Link)+`"`)
		}
		add(s.Style&Bold != 0, "strong")
		add(s.Style&Italic != 0, "em")
		add(s.Style&Code != 0, "code")
		add(s.Style&Strike != 0, "del")
		add(s.Style&Underline != 0, "u")
		add(s.Style&Sup != 0, "sup")
		add(s.Style&Placeholder != 0, `span class="placeholder"`)
		w.printf("%s%s%s", strings.Join(open, ""), esc(s.Text), strings.Join(close, ""))
		if s.Break {
			w.printf("<br>\n")
		}
	}
}

// writeImage writes a figure with the image (a local one in the page
// itself) and its alt text as caption.
func writeImage(w *errWriter, img *Image) {
	src := img.URL
	if img.File != "" {
		src = "file://" + filepath.ToSlash(img.File)
		if data, err := os.ReadFile(img.File); err == nil && len(data) <= maxInline {
			typ := mime.TypeByExtension(strings.ToLower(filepath.Ext(img.File)))
			if typ == "" {
				typ = "application/octet-stream"
			}
			src = "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(data)
		}
	}
	if src == "" {
		src = img.Src
	}
	w.printf("<figure>")
	if img.Link != "" {
		w.printf("<a href=\"%s\">", esc(img.Link))
	}
	w.printf("<img src=\"%s\" alt=\"%s\"", esc(src), esc(img.Alt))
	if img.Title != "" {
		w.printf(" title=\"%s\"", esc(img.Title))
	}
	w.printf(">")
	if img.Link != "" {
		w.printf("</a>")
	}
	if img.Alt != "" {
		w.printf("<figcaption>%s</figcaption>", esc(img.Alt))
	}
	w.printf("</figure>\n")
}

func esc(s string) string { return html.EscapeString(s) }

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}
