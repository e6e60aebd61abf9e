package markup

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strconv"
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
.indent{margin-left:1.8rem}li>p:first-child{margin-top:0}
`

func writeHeader(w *errWriter, h Header) {
	w.printf("<header>\n")
	if h.Title != "" {
		w.printf("<h1>")
		writeSpans(w, h.TitleParts())
		w.printf("</h1>\n")
	}
	if h.Description != "" {
		w.printf("<p class=\"description\">")
		writeSpans(w, h.DescriptionParts())
		w.printf("</p>\n")
	}
	if by := h.Byline(); by != "" {
		w.printf("<p class=\"byline\">%s</p>\n", esc(by))
	}
	if h.Image != nil && h.Image.Src != "" {
		writeImage(w, h.Image)
	}
	w.printf("</header>\n")
}

// writeBlocks writes blocks as semantic HTML: the flat blocks' list
// depths and markers become nested <ul>/<ol> and <li> (a loose list's
// paragraphs in <p>, a tight one's bare, as kramdown and goldmark write
// them), quote depths nested <blockquote>s, tables with <thead> and <th>.
func writeBlocks(w *errWriter, blocks []Block) {
	quote := 0
	var lists listStack
	for i := range blocks {
		b := &blocks[i]
		if b.Quote != quote {
			lists.close(w, 0)
			for ; quote < b.Quote; quote++ {
				w.printf("<blockquote>\n")
			}
			for ; quote > b.Quote; quote-- {
				w.printf("</blockquote>\n")
			}
		}
		lists.enter(w, b)
		class := [...]string{"", " class=\"center\"", " class=\"right\""}[b.Align]
		switch b.Kind {
		case Heading:
			w.printf("<h%d%s>", b.Level, class)
			writeSpans(w, b.Spans)
			w.printf("</h%d>\n", b.Level)
		case Paragraph:
			if b.Depth > 0 && !b.Loose && class == "" {
				writeSpans(w, b.Spans)
				w.printf("\n")
				break
			}
			w.printf("<p%s>", class)
			writeSpans(w, b.Spans)
			w.printf("</p>\n")
		case Note:
			w.printf("<p class=\"note\">")
			writeSpans(w, b.Spans)
			w.printf("</p>\n")
		case CodeBlock:
			if b.Lang != "" {
				w.printf("<pre><code class=\"language-%s\">%s</code></pre>\n", esc(b.Lang), esc(b.Code))
			} else {
				w.printf("<pre><code>%s</code></pre>\n", esc(b.Code))
			}
		case Rule:
			w.printf("<hr>\n")
		case ImageBlock:
			writeImage(w, b.Image)
		case Table:
			writeTable(w, b)
		}
	}
	lists.close(w, 0)
	for ; quote > 0; quote-- {
		w.printf("</blockquote>\n")
	}
}

// listStack is the lists open while writing blocks, one per depth.
type listStack []listLevel

type listLevel struct {
	tag  string // "ul", "ol", or "div" for a depth without items (a definition)
	item bool   // an <li> is open
}

// close ends the lists deeper than depth.
func (ls *listStack) close(w *errWriter, depth int) {
	for len(*ls) > depth {
		top := (*ls)[len(*ls)-1]
		if top.item {
			w.printf("</li>\n")
		}
		w.printf("</%s>\n", top.tag)
		*ls = (*ls)[:len(*ls)-1]
	}
}

// enter opens what block b needs: the lists down to its depth and, when
// it starts an item, the item.
func (ls *listStack) enter(w *errWriter, b *Block) {
	ls.close(w, b.Depth)
	tag, start := listTag(b.Marker)
	for len(*ls) < b.Depth {
		t := "div"
		if len(*ls) == b.Depth-1 && b.Marker != "" {
			t = tag
		}
		ls.open(w, t, start)
	}
	if b.Depth == 0 || b.Marker == "" {
		return
	}
	top := &(*ls)[b.Depth-1]
	if top.item {
		w.printf("</li>\n")
		top.item = false
	}
	if top.tag != tag {
		ls.close(w, b.Depth-1)
		ls.open(w, tag, start)
		top = &(*ls)[b.Depth-1]
	}
	w.printf("<li>")
	top.item = true
}

func (ls *listStack) open(w *errWriter, tag string, start int) {
	switch {
	case tag == "ol" && start != 1:
		w.printf("<ol start=\"%d\">\n", start)
	case tag == "div":
		w.printf("<div class=\"indent\">\n")
	default:
		w.printf("<%s>\n", tag)
	}
	*ls = append(*ls, listLevel{tag: tag})
}

// listTag is the list an item's marker belongs to: "ol" and its number for
// "3." or "3)", else "ul".
func listTag(marker string) (string, int) {
	num := strings.TrimRight(marker, ".)")
	if n, err := strconv.Atoi(num); err == nil && num != marker {
		return "ol", n
	}
	return "ul", 1
}

// writeTable writes a table, its header rows in <thead>.
func writeTable(w *errWriter, b *Block) {
	w.printf("<table>\n")
	inHead := false
	for i, r := range b.Rows {
		switch {
		case r.Header && !inHead && i == 0:
			w.printf("<thead>\n")
			inHead = true
		case !r.Header && inHead:
			w.printf("</thead>\n<tbody>\n")
			inHead = false
		case i == 0:
			w.printf("<tbody>\n")
		}
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
	if inHead {
		w.printf("</thead>\n")
	} else if len(b.Rows) > 0 {
		w.printf("</tbody>\n")
	}
	w.printf("</table>\n")
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
	if img.Decorative {
		w.printf(" role=\"presentation\"") // as the post marks it: a screen reader passes it by
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
