package lines

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// fenceCases are texts whose code fences are easy to misread: indented
// fences, a longer closing fence, a ``` with a backtick in its info, a
// fence of the other character inside one, a fence never closed.
var fenceCases = []string{
	"Text\n\n```go\ncode\n```\n\nMore\n",
	"```\ncode\n~~~\nstill code\n```\nafter\n",
	"````\n```\ninside\n```\n````\nafter\n",
	"   ```\nindented three\n   ```\nafter\n",
	"Para\n\n    ```\nnot a fence: indented code\n\nafter\n",
	"``` a`b\nnot a fence: a backtick in the info\n",
	"~~~ a`b\nthis one is\n~~~\nafter\n",
	"```\nnever closed\n\nstill code\n",
	"```\ncode\n``` not a close\nstill code\n```\nafter\n",
	"~~~~\ncode\n~~~\nstill\n~~~~~\nafter\n",
	"- item\n\n  ```\n  in a list\n  ```\nafter\n",
}

// TestFencesAgreeWithGoldmark: the lines Fences calls code are the lines
// of goldmark's fenced code blocks (their markers included), on texts
// whose fences start at the left margin.
func TestFencesAgreeWithGoldmark(t *testing.T) {
	for _, src := range fenceCases {
		if strings.HasPrefix(src, "- ") {
			continue // a fence in a list item is the list's; Fences reads the margin
		}
		want := goldmarkFenceLines(src)
		var f Fences
		got := map[int]bool{}
		for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
			if f.Line(line) {
				got[i] = true
			}
		}
		for i := range len(strings.Split(strings.TrimSuffix(src, "\n"), "\n")) {
			if got[i] != want[i] {
				t.Errorf("%q: line %d code %v, goldmark %v", src, i+1, got[i], want[i])
			}
		}
	}
}

// goldmarkFenceLines are the 0-based lines goldmark puts in fenced code
// blocks, with their opening and closing fences.
func goldmarkFenceLines(src string) map[int]bool {
	b := []byte(src)
	doc := goldmark.New().Parser().Parse(text.NewReader(b))
	out := map[int]bool{}
	lineOf := func(off int) int { return bytes.Count(b[:off], []byte("\n")) }
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		// The opening fence is the line before the first content line
		// (or the info's line); the close follows the last, when there.
		first, last := -1, -1
		if fc.Info != nil {
			first = lineOf(fc.Info.Segment.Start)
		}
		for i := 0; i < fc.Lines().Len(); i++ {
			l := lineOf(fc.Lines().At(i).Start)
			if first < 0 {
				first = l - 1
			}
			last = l
		}
		if first < 0 { // an empty block: find its fence by scanning
			return ast.WalkContinue, nil
		}
		if last < first {
			last = first
		}
		lines := strings.Split(src, "\n")
		if last+1 < len(lines) {
			if c, n := FenceOpens(lines[first]); n > 0 && FenceCloses(lines[last+1], c, n) {
				last++
			}
		}
		for l := first; l <= last; l++ {
			out[l] = true
		}
		if fc.Lines().Len() == 0 || last == len(lines)-1 {
			for l := last; l < len(lines)-1; l++ { // never closed: code to the end
				out[l] = true
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

func TestFenceOpensAndCloses(t *testing.T) {
	for _, c := range []struct {
		line string
		c    byte
		n    int
	}{
		{"```", '`', 3}, {"````go", '`', 4}, {"   ~~~", '~', 3}, {"    ```", 0, 0},
		{"``", 0, 0}, {"``` a`b", 0, 0}, {"~~~ a`b", '~', 3}, {"text ```", 0, 0},
	} {
		if ch, n := FenceOpens(c.line); ch != c.c || n != c.n {
			t.Errorf("FenceOpens(%q) = %q %d, want %q %d", c.line, ch, n, c.c, c.n)
		}
		if ch, n := FenceOpens([]byte(c.line)); ch != c.c || n != c.n {
			t.Errorf("FenceOpens([]byte %q) = %q %d", c.line, ch, n)
		}
	}
	for _, c := range []struct {
		line string
		want bool
	}{
		{"```", true}, {"````", true}, {"``", false}, {"``` x", false}, {"   ```  ", true}, {"    ```", false}, {"```\r", true},
	} {
		if got := FenceCloses(c.line, '`', 3); got != c.want {
			t.Errorf("FenceCloses(%q) = %v", c.line, got)
		}
	}
}

// TestProseLeavesCodeOut: prose runs never reach into code, URLs, tags
// or Liquid, and a fence's lines give none.
func TestProseLeavesCodeOut(t *testing.T) {
	text := "Hello `code` world https://example.org/x and <b>bold</b> {% raw %}x{% endraw %}\n\n```\nnot prose\n```\nLast words\n"
	var got []string
	Prose(text, true, func(a, b int) { got = append(got, text[a:b]) })
	joined := strings.Join(got, "|")
	for _, bad := range []string{"code", "example", "<b>", "raw", "not prose"} {
		if strings.Contains(joined, bad) {
			t.Errorf("prose %q holds %q", joined, bad)
		}
	}
	for _, good := range []string{"Hello", "world", "bold", "Last words"} {
		if !strings.Contains(joined, good) {
			t.Errorf("prose %q lacks %q", joined, good)
		}
	}
	var m ProseMemo
	var again []string
	m.Prose(text, func(a, b int) { again = append(again, text[a:b]) })
	if strings.Join(again, "|") != joined {
		t.Errorf("memo %q, plain %q", again, got)
	}
}

// FuzzProse: any text scans without a panic; every prose run lies inside
// the text, in order, without a line break; the memo (fed the text, then
// edits of it one after another) gives what a plain scan gives.
func FuzzProse(f *testing.F) {
	for _, c := range fenceCases {
		f.Add(c, 3)
	}
	f.Add("<table>\n<tr><td>a « b » c</td>\n\n</tr></table>\n<!-- x\n\n-->\n{{< figure src=\"x\" >}}\n", 10)
	f.Add("Le site&nbsp;: https://exemple.ca/?a=b&c=d, `code` [lien](/fr/) {% highlight go %}\nx\n{% endhighlight %}\n", 7)
	f.Fuzz(func(t *testing.T, text string, at int) {
		check := func(text string) []string {
			var runs []string
			last := 0
			Prose(text, true, func(a, b int) {
				if a < last || b < a || b > len(text) {
					t.Fatalf("run [%d,%d) after %d in %d bytes", a, b, last, len(text))
				}
				if strings.ContainsAny(text[a:b], "\n") {
					t.Fatalf("run %q crosses a line", text[a:b])
				}
				last = b
				runs = append(runs, text[a:b])
			})
			return runs
		}
		var m ProseMemo
		at = min(max(at, 0), len(text))
		half := at / 2
		edits := []string{
			text,
			text[:at] + "x\n" + text[at:],      // a line put in
			text[:half] + text[at:],            // a stretch taken out
			"```\n" + text[:half] + text[at:],  // everything after a fence opened
			text[:half] + "\n\n" + text[half:], // lines split
			text,
		}
		for _, s := range edits {
			want := check(s)
			var got []string
			m.Prose(s, func(a, b int) { got = append(got, s[a:b]) })
			if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Fatalf("memo %q, plain %q", got, want)
			}
		}
	})
}

// ProseMemo is Prose that keeps each line's runs from one call to the
// next (a line's runs depend on the line and on what the lines before
// left open): an edit re-reads only the lines it changed. One goroutine
// at a time.
type ProseMemo struct {
	lines LineCache[[][2]int] // each line's runs, offsets in the line
}

// Prose is the package's Prose for a body, remembering lines: a
// LineCache of prose runs, as the spelling memo keeps one of misspellings.
func (m *ProseMemo) Prose(text string, f func(start, end int)) {
	var toks []Token
	m.lines.Each(text, NewScanner(true), func(sc *Scanner, line string) [][2]int {
		toks = sc.Line(toks[:0], line, 0)
		var runs [][2]int
		proseRuns(toks, func(a, b int) { runs = append(runs, [2]int{a, b}) })
		return runs
	}, func(start int, _ string, runs [][2]int) {
		for _, r := range runs {
			f(start+r[0], start+r[1])
		}
	})
}
