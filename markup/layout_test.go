package markup

import (
	"fmt"
	"strings"
	"testing"
)

// TestLayoutTable: a raw-HTML table whose cells hold headings (a "Field
// note": sections laid out side by side) is read as the browser shows
// what it holds, in every flavour: its headings at their levels, its
// paragraphs and its list items, in reading order; a data table (even
// with paragraphs in its cells) stays a table.
func TestLayoutTable(t *testing.T) {
	note := "<table class=\"field-note\">\n  <tbody>\n    <tr>\n      <td>\n        <h2>Field note</h2>\n        <h5>What we tried</h5>\n" +
		"        <p>We cut the form from 12 pages to 3.</p>\n        <ul>\n          <li>Fewer questions</li>\n          <li>Plain words</li>\n        </ul>\n" +
		"      </td>\n      <td>\n        <h3>What we learned</h3>\n        <p>People finished it in half the time.</p>\n      </td>\n    </tr>\n  </tbody>\n</table>\n\nAfter the table.\n"
	data := "<table>\n<tr><th><p>Channel</p></th><th><p>Wait</p></th></tr>\n<tr><td><p>Phone</p></td><td><p>40 minutes</p></td></tr>\n</table>\n"
	for _, fl := range []Flavour{Goldmark, Blackfriday, Kramdown} {
		opt := Options{Flavour: fl, RawHTML: true}
		var got []string
		for _, b := range Render([]byte(note), opt).Blocks {
			got = append(got, fmt.Sprintf("%v%d/%d:%s", b.Kind, b.Level, b.Depth, plain(b.Spans)))
		}
		want := "heading2/0:Field note|heading5/0:What we tried|paragraph0/0:We cut the form from 12 pages to 3.|paragraph0/1:Fewer questions|paragraph0/1:Plain words|" +
			"heading3/0:What we learned|paragraph0/0:People finished it in half the time.|paragraph0/0:After the table."
		if strings.Join(got, "|") != want {
			t.Errorf("flavour %d: the field note reads\n%s\nwant\n%s", fl, strings.Join(got, "|"), want)
		}
		bs := Render([]byte(data), opt).Blocks
		if len(bs) != 1 || bs[0].Kind != Table || len(bs[0].Rows) != 2 {
			t.Errorf("flavour %d: a data table is read as %d blocks", fl, len(bs))
		}
	}
}

func plain(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

// startsHTMLBlockRE is startsHTMLBlock as the expressions alone say it:
// the fast path must agree.
func startsHTMLBlockRE(t []byte, para bool) bool {
	if m := htmlType7.FindSubmatch(t); m != nil {
		name := strings.ToLower(string(m[2]))
		if htmlBlockTags[name] {
			return true
		}
		if name != "script" && name != "style" && name != "pre" && !para && !(len(m[1]) > 0 && len(m[3]) > 0) {
			return true
		}
	}
	if m := htmlType6.FindSubmatch(t); m != nil && htmlBlockTags[strings.ToLower(string(m[1]))] {
		return true
	}
	return false
}

var htmlLineSeeds = []string{"<p>text</p>", "   <div class=\"x\">", "</ul>", "<P>", "<p-1x>", "<a href=\"x\">", "<img src=x>", "    <p>",
	"<h2 class=\"wp-block-heading\">A heading</h2>", "< p>", "</ div>", "<p\tclass=x>", "<table", "<br/>", "text <p>", "<custom-tag>"}

func TestStartsHTMLBlockFastPath(t *testing.T) {
	for _, l := range htmlLineSeeds {
		for _, para := range []bool{false, true} {
			if got, want := startsHTMLBlock([]byte(l), para), startsHTMLBlockRE([]byte(l), para); got != want {
				t.Errorf("%q (para %v): %v, the expressions say %v", l, para, got, want)
			}
		}
	}
}

func FuzzStartsHTMLBlock(f *testing.F) {
	for _, l := range htmlLineSeeds {
		f.Add(l, false)
	}
	f.Fuzz(func(t *testing.T, l string, para bool) {
		if strings.ContainsAny(l, "\n") {
			return
		}
		if got, want := startsHTMLBlock([]byte(l), para), startsHTMLBlockRE([]byte(l), para); got != want {
			t.Fatalf("%q (para %v): %v, the expressions say %v", l, para, got, want)
		}
	})
}

// FuzzSplitRanges: the ranges of open HTML that splitHTMLLinesRanges
// reads along the way are htmlRanges' of the text it gives.
func FuzzSplitRanges(f *testing.F) {
	for _, s := range []string{"<div>\n<p>a</p>\ntext\n</div>\n", "<table>\n\n<tr><td>x</td></tr>\n\n</table>", "a\n<img src=x>\n- item\n", "<ul>\n<li>x\n", "", "<p>\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, _, ranges := splitHTMLLinesRanges([]byte(src))
		if want := htmlRanges(out); fmt.Sprint(ranges) != fmt.Sprint(want) {
			t.Fatalf("%q: ranges %v, htmlRanges %v", src, ranges, want)
		}
	})
}

// tokenizerOffsets are the offsets of html's start tags as the HTML
// tokenizer reads them: what startTags must find.
func tokenizerOffsets(html []byte) []int {
	var out []int
	tokenizerStartTags(html, func(at int) { out = append(out, at) })
	return out
}

var startTagSeeds = []string{
	"<p>a</p>\n<h2 class=\"x\">b</h2>", "<a title='x>y' href=x>t</a>", "<!-- c --><p>x</p>", "<!--><p>", "<!---><b>", "<!-- a --!><i>",
	"<script>if (a<b) {}</script><p>", "<style>p>a{}</STYLE ><em>", "</ div><p>", "</><p>", "<!DOCTYPE html><p>", "<?xml?><p>",
	"a < b <c", "<textarea><p></textarea><p>", "<A =\"0>", "<p a=/>x", "<title>a</TITLE\t><b>", "<plaintext><p>", "<xmp></xmpx></xmp><i>", "<img src=\"x\"/><br>", "<p\nclass=\"a\"\n>t</p>", "<a href=\"unterminated>",
}

func TestStartTagsAreTheTokenizers(t *testing.T) {
	for _, s := range startTagSeeds {
		var got []int
		startTags([]byte(s), func(at int) { got = append(got, at) })
		if want := tokenizerOffsets([]byte(s)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: %v, the tokenizer %v", s, got, want)
		}
	}
}

func FuzzStartTags(f *testing.F) {
	for _, s := range startTagSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got []int
		startTags([]byte(s), func(at int) { got = append(got, at) })
		if want := tokenizerOffsets([]byte(s)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: %v, the tokenizer %v", s, got, want)
		}
	})
}

// TestPageKeepsDecoration: the reviewers' page writes an image the post
// marks as decoration as decoration, and the others with their alt text.
func TestPageKeepsDecoration(t *testing.T) {
	d := Render([]byte("<img src=\"https://x.example/s.gif\" alt=\"\" role=\"presentation\">\n\n![A chart](https://x.example/c.png)\n"), Options{Flavour: Goldmark, RawHTML: true})
	var b strings.Builder
	if err := WritePage(&b, "t", []PagePost{{Doc: d}}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, `alt="" role="presentation"`) || !strings.Contains(page, `alt="A chart">`) {
		t.Errorf("the page's images:\n%s", page)
	}
}
