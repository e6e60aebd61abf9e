package markup

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"tandem/model"
)

// TestPageAndRunsSameWords checks that the standalone page and the
// window's runs carry the same words, for the fixtures and the shared
// sample's posts.
func TestPageAndRunsSameWords(t *testing.T) {
	sites := []string{filepath.Join("..", "testdata", "site")}
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "samples", "jekyll-site")); err == nil {
		sites = append(sites, filepath.Join("..", "..", "..", "shared", "samples", "jekyll-site"))
	}
	for _, dir := range sites {
		s, err := model.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			if p.Doc == nil {
				continue
			}
			_, d := RenderPost(s, p, false)
			var page bytes.Buffer
			if err := WritePage(&page, "t", []PagePost{{Doc: d}}); err != nil {
				t.Fatal(err)
			}
			fromPage := pageWords(t, page.String())
			fromRuns := runWords(d)
			if strings.Join(fromPage, " ") != strings.Join(fromRuns, " ") {
				t.Errorf("%s: page and runs differ:\npage: %v\nruns: %v", p.Path, fromPage, fromRuns)
			}
			if len(fromRuns) < 10 {
				t.Errorf("%s: only %d words", p.Path, len(fromRuns))
			}
		}
	}
}

// runWords are the words of the segments the window shows, with list
// markers and image descriptions.
func runWords(d *Doc) []string {
	var b strings.Builder
	add := func(runs []Run) {
		for _, r := range runs {
			b.WriteString(r.Text)
			if r.Style.Break {
				b.WriteString(" ")
			}
		}
		b.WriteString(" ")
	}
	for i := range d.Blocks {
		bl := &d.Blocks[i]
		b.WriteString(bl.Marker + " ")
		if bl.Kind == Table {
			for r := range bl.Rows {
				for c := range bl.Rows[r].Cells {
					add(bl.Rows[r].Cells[c].Runs)
				}
			}
			continue
		}
		if bl.Image != nil {
			b.WriteString(" " + bl.Image.Alt + " ")
		}
		add(bl.Runs)
	}
	return strings.Fields(b.String())
}

// pageWords are the words of the page's articles.
func pageWords(t *testing.T, page string) []string {
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *xhtml.Node, in bool)
	walk = func(n *xhtml.Node, in bool) {
		if n.Type == xhtml.ElementNode && n.Data == "article" {
			in = true
		}
		if n.Type == xhtml.ElementNode && n.Data == "br" {
			b.WriteString(" ")
		}
		if n.Type == xhtml.TextNode && in {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
		if n.Type == xhtml.ElementNode && n.Data != "a" && n.Data != "em" && n.Data != "strong" && n.Data != "code" && n.Data != "sup" && n.Data != "span" && n.Data != "del" && n.Data != "u" {
			b.WriteString(" ")
		}
	}
	walk(doc, false)
	return strings.Fields(b.String())
}
