package markup

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The differential test of raw-HTML posts: what the site's engine
// publishes (goldmark's or Blackfriday's HTML of the whole post, with the
// site's settings) read as a browser reads it, against Tandem's blocks.
// The reference is read by its own small walker, not Tandem's: the
// page's units (paragraphs, headings, list items, table cells, code,
// images) with their kind and text.

type unit struct{ kind, text string }

// refBlockTags are the elements that hold other blocks.
var refBlockTags = map[string]bool{"p": true, "ul": true, "ol": true, "table": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "pre": true, "figure": true, "div": true, "blockquote": true, "dl": true,
	"section": true, "figcaption": true, "img": true, "hr": true, "iframe": true}

// referenceUnits reads the engine's HTML as a browser would.
func referenceUnits(page []byte) []unit {
	nodes, err := xhtml.ParseFragment(bytes.NewReader(page), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil
	}
	var out []unit
	var walk func(n *xhtml.Node, inList bool)
	text := func(n *xhtml.Node) string {
		var b strings.Builder
		var rec func(*xhtml.Node)
		rec = func(n *xhtml.Node) {
			switch {
			case n.Type == xhtml.TextNode:
				b.WriteString(n.Data)
			case n.Type == xhtml.ElementNode && n.Data == "img":
				b.WriteString(" [" + attr(n.Attr, "alt") + "] ")
			case n.Type == xhtml.ElementNode && (n.Data == "script" || n.Data == "style"):
				return
			}
			if n.Type == xhtml.ElementNode && (n.Data == "br" || n.Data == "p" || n.Data == "li" || n.Data == "tr") {
				b.WriteString(" ")
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				rec(c)
			}
			if n.Type == xhtml.ElementNode && (n.Data == "td" || n.Data == "th") {
				b.WriteString(" ")
			}
		}
		rec(n)
		return norm(b.String())
	}
	hasBlock := func(n *xhtml.Node) bool {
		found := false
		var rec func(*xhtml.Node)
		rec = func(n *xhtml.Node) {
			for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
				if c.Type == xhtml.ElementNode && refBlockTags[c.Data] {
					found = true
				}
				rec(c)
			}
		}
		rec(n)
		return found
	}
	emit := func(kind string, n *xhtml.Node) {
		if t := text(n); t != "" {
			out = append(out, unit{kind, t})
		}
	}
	walk = func(n *xhtml.Node, inList bool) {
		if n.Type == xhtml.TextNode {
			if t := norm(n.Data); t != "" {
				kind := "p"
				if inList {
					kind = "li"
				}
				out = append(out, unit{kind, t})
			}
			return
		}
		if n.Type != xhtml.ElementNode {
			return
		}
		switch n.Data {
		case "script", "style", "iframe":
			return
		case "h1", "h2", "h3", "h4", "h5", "h6":
			emit("h", n)
			return
		case "pre":
			out = append(out, unit{"code", norm(textOf(n))})
			return
		case "td", "th":
			emit("cell", n)
			return
		case "img":
			out = append(out, unit{"img", norm(attr(n.Attr, "alt"))})
			return
		case "li":
			if !hasBlock(n) {
				emit("li", n)
				return
			}
			inList = true
		case "p", "figcaption", "dt", "dd", "caption":
			if !hasBlock(n) {
				kind := "p"
				if inList {
					kind = "li"
				}
				emit(kind, n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inList)
		}
	}
	for _, n := range nodes {
		walk(n, false)
	}
	return out
}

var spaces = regexp.MustCompile(`[\s\x{00a0}]+`)

// norm is a text's words: marks drawn for the reader (a bullet, a
// cell separator, a footnote's return arrow) left out.
func norm(s string) string {
	var words []string
	for _, w := range strings.Fields(spaces.ReplaceAllString(s, " ")) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// tandemUnits are Tandem's blocks as the same units.
func tandemUnits(d *Doc) []unit {
	var out []unit
	spans := func(ss []Span) string {
		var b strings.Builder
		for _, s := range ss {
			b.WriteString(s.Text)
			b.WriteString(map[bool]string{true: " ", false: ""}[s.Break])
		}
		return norm(b.String())
	}
	for _, b := range d.Blocks {
		switch {
		case b.Kind == Table:
			for _, r := range b.Rows {
				for _, c := range r.Cells {
					if t := spans(c.Spans); t != "" {
						out = append(out, unit{"cell", t})
					}
				}
			}
		case b.Kind == ImageBlock:
			out = append(out, unit{"img", norm(b.Image.Alt)})
		case b.Kind == CodeBlock:
			out = append(out, unit{"code", norm(b.Code)})
		case b.Kind == Heading:
			out = append(out, unit{"h", spans(b.Spans)})
		case b.Kind == Note || b.Kind == Rule:
		default:
			kind := "p"
			if b.Depth > 0 || b.Marker != "" {
				kind = "li"
			}
			if t := spans(b.Spans); t != "" {
				out = append(out, unit{kind, t})
			}
		}
	}
	return out
}

// similarity is what share of the units (structure: kind and text
// together) and of the words the two readings have in common.
func similarity(a, b []unit) (words, structure float64) {
	// Longest common subsequence of units.
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	structure = 1
	if n := max(len(a), len(b)); n > 0 {
		structure = float64(dp[0][0]) / float64(n)
	}
	count := func(us []unit) map[string]int {
		m := map[string]int{}
		for _, u := range us {
			for _, w := range strings.Fields(strings.NewReplacer("[", " ", "]", " ").Replace(u.text)) {
				m[w]++
			}
		}
		return m
	}
	wa, wb := count(a), count(b)
	common, total := 0, 0
	for w, n := range wa {
		common += min(n, wb[w])
		total += n
	}
	for _, n := range wb {
		total += n
	}
	words = 1
	if total > 0 {
		words = 2 * float64(common) / float64(total)
	}
	return words, structure
}

// rawHTMLPosts are the posts of the test sites that hold raw HTML, and
// the WordPress seeds, shortcodes taken out (the engine leaves them to
// Hugo, which expands them before).
func rawHTMLPosts(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	for i, s := range wordpressSeeds {
		out["seed "+string(rune('a'+i))] = []byte(s)
	}
	for _, pat := range []string{"hugo-wordpress/content/*/blog/posts/*.md", "hugo-renderers/posts/*/*.md"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", filepath.FromSlash(pat)))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if i := bytes.Index(b[3:], []byte("\n---")); bytes.HasPrefix(b, []byte("---")) && i > 0 {
				b = b[3+i+4:]
			}
			out[f] = b
		}
	}
	if len(out) < len(wordpressSeeds)+6 {
		t.Fatalf("only %d posts found", len(out))
	}
	for k, b := range out {
		out[k] = shortcode.ReplaceAll(b, nil)
	}
	return out
}

// TestPreviewMatchesTheEngine renders the raw-HTML posts with Tandem, as
// one text and edit by edit, and compares them with the engine's page.
func TestPreviewMatchesTheEngine(t *testing.T) {
	posts := rawHTMLPosts(t)
	engines := []struct {
		name string
		opt  Options
		html func([]byte, Options) []byte
	}{
		{"goldmark", Options{Flavour: Goldmark, RawHTML: true}, func(src []byte, opt Options) []byte {
			var b bytes.Buffer
			markdownFor(opt).Convert(src, &b)
			return b.Bytes()
		}},
		{"blackfriday", Options{Flavour: Blackfriday, RawHTML: true}, BlackfridayHTML},
	}
	for _, e := range engines {
		var sumW, sumS float64
		minS, worst := 1.0, ""
		for name, src := range posts {
			ref := referenceUnits(e.html(src, e.opt))
			got := tandemUnits(NewCache().Render(src, e.opt))
			w, s := similarity(ref, got)
			sumW, sumS = sumW+w, sumS+s
			if s < minS {
				minS, worst = s, name
			}
			// Seeds of broken HTML may differ a little (the reference is
			// coarser); the posts must match.
			if testing.Verbose() && s < 1 {
				t.Logf("%s, %s: words %.3f, structure %.3f\nengine: %q\ntandem: %q", e.name, name, w, s, ref, got)
			}
			if !strings.HasPrefix(name, "seed") && (w < 0.999 || s < 0.98) {
				t.Errorf("%s, %s: words %.3f, structure %.3f\nengine: %q\ntandem: %q", e.name, name, w, s, ref, got)
			}
		}
		n := float64(len(posts))
		t.Logf("%s: %d posts and seeds, words %.3f, structure %.3f on average, lowest structure %.3f (%s)",
			e.name, len(posts), sumW/n, sumS/n, minS, worst)
		if sumW/n < 0.98 || sumS/n < 0.95 {
			t.Errorf("%s: words %.3f, structure %.3f on average", e.name, sumW/n, sumS/n)
		}
	}
}
