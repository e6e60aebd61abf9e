package markup

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"

	"tandem/model"
)

// rendererSite puts together a fixture Hugo site: the build files of
// testdata/hugo-renderers/sites/NAME (a workflow, netlify.toml, a
// Dockerfile, a config) and the posts of testdata/hugo-renderers/posts.
func rendererSite(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "hugo-renderers")
	dst := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(src, "sites", name))); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"en", "fr"} {
		if err := os.CopyFS(filepath.Join(dst, "content", l, "blog", "posts"), os.DirFS(filepath.Join(src, "posts", l))); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

var rendererSites = []struct {
	name, renderer, version, from string
	unsafe                        bool
}{
	{"workflow-055", model.Blackfriday, "0.55.6", ".github/workflows/deploy.yml", true},
	{"netlify-055", model.Blackfriday, "0.55.6", "netlify.toml", true},
	{"docker-055", model.Blackfriday, "0.55.6", "Dockerfile", true},
	{"modern-unsafe", model.Goldmark, "0.119.0", ".github/workflows/pages.yml", true},
	{"default", model.Goldmark, "", "", false},
}

// TestRendererFound: each fixture site's renderer, from the file that
// pins its Hugo version, or Hugo's modern default.
func TestRendererFound(t *testing.T) {
	for _, c := range rendererSites {
		s, err := model.Open(rendererSite(t, c.name))
		if err != nil {
			t.Fatal(err)
		}
		r := s.Renderer
		if r.Name != c.renderer || r.Version != c.version || r.From != c.from || r.Unsafe != c.unsafe || !r.Typographer {
			t.Errorf("%s: %+v", c.name, r)
		}
		if len(s.Pairs) != 2 {
			t.Errorf("%s: %d pairs", c.name, len(s.Pairs))
		}
	}
}

// htmlStats are what a rendered body shows: its words, its blocks (by
// tag), its links and its images, each counted.
type htmlStats struct {
	words, blocks, links, images map[string]int
}

var blockTags = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "pre": true, "table": true, "tr": true, "hr": true, "dt": true, "dd": true}

// statsOf reads the stats of an HTML fragment; in a whole page, of the
// article's body (its header left out).
func statsOf(t *testing.T, page []byte) htmlStats {
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	st := htmlStats{map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch {
			case n.Data == "header" || n.Data == "script" || n.Data == "style" || n.Data == "head":
				return
			case attr(n.Attr, "class") == "placeholder":
				return // a shortcode, which Hugo expands: left out of both
			}
			switch n.Data {
			case "a":
				if h := attr(n.Attr, "href"); h != "" && !strings.HasPrefix(h, "#") {
					st.links[h]++
				}
			case "img":
				st.images[attr(n.Attr, "src")]++
			}
			// A paragraph that holds only an image is the image (the page
			// writes it as a figure).
			if blockTags[n.Data] && !(n.Data == "p" && onlyImage(n)) {
				st.blocks[n.Data]++
			}
		}
		if n.Type == xhtml.TextNode {
			for _, w := range strings.Fields(n.Data) {
				st.words[w]++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return st
}

// onlyImage reports whether n holds images and no text.
func onlyImage(n *xhtml.Node) bool {
	img := false
	var walk func(n *xhtml.Node) bool
	walk = func(n *xhtml.Node) bool {
		if n.Type == xhtml.TextNode && strings.TrimSpace(n.Data) != "" {
			return false
		}
		if n.Type == xhtml.ElementNode && n.Data == "img" {
			img = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(n) && img
}

// carried is the share of ref's counts that got finds too.
func carried(got, ref map[string]int) float64 {
	total, kept := 0, 0
	for k, n := range ref {
		total += n
		kept += min(n, got[k])
	}
	if total == 0 {
		return 1
	}
	return float64(kept) / float64(total)
}

var shortcodes = regexp.MustCompile(`\{\{[<%].*?[%>]\}\}`)

// referenceHTML is the body as the site's own renderer publishes it:
// Blackfriday as Hugo set it up, or goldmark with Hugo's extensions and
// the site's settings. Shortcodes, which Hugo expands before into what
// their templates say, are left out (as the preview's placeholders are
// from the page's stats).
func referenceHTML(t *testing.T, body []byte, opt Options) []byte {
	body = shortcodes.ReplaceAll(body, nil)
	if opt.Flavour == Blackfriday {
		return BlackfridayHTML(body, opt)
	}
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList}
	if opt.Typographer {
		exts = append(exts, extension.Typographer)
	}
	var ropts []goldmark.Option
	if opt.RawHTML {
		ropts = append(ropts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	var buf bytes.Buffer
	if err := goldmark.New(append(ropts, goldmark.WithExtensions(exts...))...).Convert(body, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRendererFidelity is the differential test: for each post of each
// fixture site, the page `tandem preview -o` writes against the HTML the
// site's own renderer publishes: the share of its words, blocks, links and
// images the page carries. Every post must reach 0.90 on each, their
// average 0.98.
func TestRendererFidelity(t *testing.T) {
	var sum [4]float64
	n := 0
	for _, c := range rendererSites {
		s, err := model.Open(rendererSite(t, c.name))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			h, d := RenderPost(s, p, false)
			var page bytes.Buffer
			if err := WritePage(&page, "t", []PagePost{{Header: h, Doc: d}}); err != nil {
				t.Fatal(err)
			}
			got := statsOf(t, page.Bytes())
			ref := statsOf(t, referenceHTML(t, p.Doc.Body(), ForPost(s, p)))
			scores := [4]float64{carried(got.words, ref.words), carried(got.blocks, ref.blocks),
				carried(got.links, ref.links), carried(got.images, ref.images)}
			for i, sc := range scores {
				sum[i] += sc
				if sc < 0.90 {
					t.Errorf("%s %s: %s carried %.3f\nref %v\ngot %v", c.name, p.Path, [...]string{"words", "blocks", "links", "images"}[i], sc,
						[...]map[string]int{ref.words, ref.blocks, ref.links, ref.images}[i], [...]map[string]int{got.words, got.blocks, got.links, got.images}[i])
				}
			}
			t.Logf("%-14s %-45s words %.3f blocks %.3f links %.3f images %.3f", c.name, p.Path, scores[0], scores[1], scores[2], scores[3])
			n++
		}
	}
	for i, what := range []string{"words", "blocks", "links", "images"} {
		avg := sum[i] / float64(n)
		t.Logf("average %s %.3f over %d posts", what, avg, n)
		if avg < 0.98 {
			t.Errorf("average %s %.3f", what, avg)
		}
	}
}
