package markup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The readers of a post's text, fuzzed (make fuzz runs each for
// FUZZTIME; make test runs their seeds): goldmark with the HTML walker,
// Blackfriday, kramdown's rules, raw HTML alone, and the incremental
// render, which must give what rendering the final text whole gives.

// wordpressSeeds are raw HTML as WordPress exports write it, and the
// ways real posts break it.
var wordpressSeeds = []string{
	"<table>\n  <tr>\n    <th><p><strong>A</strong></p></th>\n  </tr>\n\n  <tr>\n    <td><p>one</p><p>two</p></td>\n\n    <td><ul><li>x</li></ul><img src=\"a.png\" alt=\"A\"></td>\n  </tr>\n</table>\n",
	"<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table>\n",
	"<ul>\n<li>one</li>\n\n\n<li>two</li>\n\n\n<li>three</li>\n</ul>\n",
	"<ol start=\"4\">\n<li><strong>Step</strong><br><br>Do it.<br><br>Then this.</li>\n</ol>\n",
	"<div style=\"height:22px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div>\n\n<figure class=\"wp-block-image\"><img src=\"x.jpg\" alt=\"x\"><figcaption>Cap</figcaption></figure>\n",
	"<div>\n\n*emphasis* inside\n\n</div>\n",
	"<p>unclosed <b>bold\n\n<p>next</i></b></p>\n",
	"<ul><li>a<li>b</ul></li></ol>\n",
	"<!-- wp:paragraph -->\n<p>text</p>\n<!-- /wp:paragraph -->\n",
	"<!-- an open comment\n\nstill in it\n",
	"<script>\nvar a = '<div>';\n\n</script>\n\nafter\n",
	"<iframe src=\"https://video.example/embed\" width=\"560\"></iframe>\n",
	"<p>caf&eacute; &amp; &#8217;quotes&#8217; &nbsp;: &#x2014; &bogus;</p>\n",
	"<p>{{< figure src=\"a.png\" >}} and {{% note %}}x{{% /note %}}</p>\n",
	"<div>{% include card.html title=\"x\" %}\n\n{{ site.baseurl }}/img.png</div>\n",
	"<table>\n<tr>\n<td>\n\n    indented after a blank line\n\n</td>\n</tr>\n</table>\n",
	"<div\n  class=\"split\">\ntext\n</div>\n",
	"<pre>\n<code>\n\nkept\n</code></pre>\n",
	"Text\n<ul>\n<li>interrupts</li>\n</ul>\nmore\n",
	"- item\n\n  <div>\n\n  in item\n\n  </div>\n",
	"> <table><tr><td>quoted</td></tr>\n>\n> </table>\n",
	"```\n<div>\n```\n\n</div>\n\ntext\n",
	"<section><article><aside><details><summary>s</summary>\n\nbody\n\n</details></aside></article></section>\n",
	"<ol start=\"-3\"><li>neg</li></ol><ol start=\"99999999999999999999\"><li>big</li></ol>\n",
	"<td>stray cell</td>\n\n<tr><th>stray row</th></tr>\n",
}

// fuzzSeeds are the WordPress seeds and the test sites' posts.
func fuzzSeeds(f *testing.F) {
	for _, s := range wordpressSeeds {
		f.Add([]byte(s))
	}
	for _, dir := range []string{"hugo-wordpress", "hugo-renderers"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*", "*", "*", "*", "*.md"))
		more, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "posts", "*", "*.md"))
		for _, p := range append(files, more...) {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
}

// checkDoc holds what every render must give: lines in order and within
// the text, runs built.
func checkDoc(t *testing.T, src []byte, d *Doc) {
	t.Helper()
	for i, b := range d.Blocks {
		if b.Line < 1 || b.End < b.Line || d.Lines > 0 && b.Line > d.Lines+1 {
			t.Fatalf("block %d (%v) has lines %d-%d in a text of %d lines\n%q", i, b.Kind, b.Line, b.End, d.Lines, src)
		}
	}
}

func fuzzRender(f *testing.F, opt Options) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkDoc(t, src, Render(src, opt))
	})
}

func FuzzRenderGoldmark(f *testing.F) {
	fuzzRender(f, Options{Flavour: Goldmark, RawHTML: true, Typographer: true})
}

func FuzzRenderBlackfriday(f *testing.F) {
	fuzzRender(f, Options{Flavour: Blackfriday, RawHTML: true, Typographer: true})
}

func FuzzRenderKramdown(f *testing.F) {
	fuzzRender(f, Options{Flavour: Kramdown, RawHTML: true, BaseURL: "/blog"})
}

// FuzzRawHTML reads text as HTML alone (a field that holds HTML, a raw
// HTML block).
func FuzzRawHTML(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		htmlSpans(string(src))
		var s blockScan
		for _, l := range strings.Split(string(src), "\n") {
			s.step([]byte(l))
		}
		htmlRanges(src)
	})
}

// FuzzIncremental applies edits one by one to a text, as a user types:
// after each, the cache's render must be the whole text's.
func FuzzIncremental(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		edits := []string{"x", "\n", "\n\n", "<div>\n", "</div>", "<li>", "</ul>\n", "<table>", "- ", "```\n", "  ", "<!--", "-->"}
		opts := []Options{{Flavour: Goldmark, RawHTML: true}, {Flavour: Kramdown, RawHTML: true}, {Flavour: Blackfriday, RawHTML: true}}
		for _, opt := range opts {
			c := NewCache()
			text := append([]byte{}, src...)
			seed := uint32(len(src)) + 7
			for _, b := range src {
				seed = seed*31 + uint32(b)
			}
			for step := 0; step < 6; step++ {
				want, got := dumpOf(Render(text, opt)), dumpOf(c.Render(text, opt))
				if got != want {
					t.Fatalf("flavour %d, step %d: chunked render differs\n--- text\n%q\n--- got\n%s\n--- want\n%s", opt.Flavour, step, text, got, want)
				}
				seed = seed*1103515245 + 12345
				at := int(seed>>8) % (len(text) + 1)
				for at > 0 && at < len(text) && text[at]&0xC0 == 0x80 {
					at--
				}
				next := append([]byte{}, text[:at]...)
				if seed%3 == 0 {
					end := min(at+1+int(seed>>20)%30, len(text))
					for end < len(text) && text[end]&0xC0 == 0x80 {
						end++
					}
					next = append(next, text[end:]...)
				} else {
					next = append(append(next, edits[int(seed>>4)%len(edits)]...), text[at:]...)
				}
				text = next
			}
		}
	})
}
