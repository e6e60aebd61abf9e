package markup

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

func dumpOf(d *Doc) string {
	var b bytes.Buffer
	d.Dump(&b)
	return b.String()
}

// TestCacheMatchesFullRender checks that rendering by chunks gives the same
// blocks, segments and lines as rendering the whole text, for every spec
// case, the fixtures and the shared sample, and after random insertions
// and deletions made with the same cache; and that the chunks cut again
// around each edit are those cutting the whole text gives.
func TestCacheMatchesFullRender(t *testing.T) {
	var inputs [][]byte
	for _, name := range []string{"kramdown.txt", "goldmark.txt"} {
		for _, c := range readSpec(t, filepath.Join("testdata", "spec", name)) {
			inputs = append(inputs, []byte(c.input))
		}
	}
	all := bytes.Buffer{}
	for _, in := range inputs {
		all.Write(in)
		all.WriteString("\n\n")
	}
	inputs = append(inputs, all.Bytes())
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "samples", "jekyll-site", "_posts", "*", "*.md"))
	f2, _ := filepath.Glob(filepath.Join("..", "preview", "testdata", "*.md"))
	for _, f := range append(files, f2...) {
		b, err := os.ReadFile(f)
		if err == nil {
			inputs = append(inputs, b)
		}
	}
	rng := rand.New(rand.NewSource(1))
	edits := []string{"x", "\n", "\n\n", "- ", "```\n", "<div>\n", "# ", "> ", "1. ", "|", "  "}
	bf := Options{Flavour: Blackfriday, RawHTML: true, Typographer: true}
	for _, opt := range []Options{{Flavour: Kramdown, RawHTML: true}, {Flavour: Goldmark}, bf} {
		for i, in := range inputs {
			c := NewCache()
			src := append([]byte{}, in...)
			for step := 0; step < 30; step++ {
				want, got := dumpOf(Render(src, opt)), dumpOf(c.Render(src, opt))
				if got != want {
					t.Fatalf("input %d, step %d, flavour %d: chunked render differs\n--- text\n%s\n--- got\n%s\n--- want\n%s", i, step, opt.Flavour, src, got, want)
				}
				if c.chunks != nil && !sameCuts(c.chunks, splitChunks(src, opt.Flavour == Kramdown)) {
					t.Fatalf("input %d, step %d: chunks cut again after the edit differ from cutting the whole text\n%s", i, step, src)
				}
				at := rng.Intn(len(src) + 1)
				for at > 0 && at < len(src) && src[at]&0xC0 == 0x80 {
					at-- // not inside a UTF-8 sequence
				}
				next := append([]byte{}, src[:at]...)
				if rng.Intn(3) == 0 {
					// Delete up to 40 bytes.
					end := min(at+1+rng.Intn(40), len(src))
					for end < len(src) && src[end]&0xC0 == 0x80 {
						end++
					}
					next = append(next, src[end:]...)
				} else {
					next = append(append(next, edits[rng.Intn(len(edits))]...), src[at:]...)
				}
				src = next
			}
		}
	}
}

func sameCuts(a, b []chunk) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].start != b[i].start || a[i].end != b[i].end || a[i].lines != b[i].lines || a[i].hash != b[i].hash {
			return false
		}
	}
	return true
}
