package markup

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected output of the spec files")

const (
	caseSep = "//- - - - - - - - -//"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// specCase is one input/expected pair of a spec file, in goldmark's
// _test/*.txt style: a title line, the Markdown, the expected dump.
type specCase struct {
	title, input, want string
}

func readSpec(t *testing.T, path string) []specCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []specCase
	for _, chunk := range strings.Split(string(data), caseEnd+"\n") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		parts := strings.Split(chunk, caseSep+"\n")
		if len(parts) != 3 {
			t.Fatalf("%s: malformed case %q", path, chunk)
		}
		cases = append(cases, specCase{
			title: strings.TrimSpace(parts[0]),
			input: strings.TrimSuffix(parts[1], "\n"),
			want:  parts[2],
		})
	}
	return cases
}

func writeSpec(t *testing.T, path string, cases []specCase) {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n%s\n%s\n%s\n%s%s\n", c.title, caseSep, c.input, caseSep, c.want, caseEnd)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSpec renders each case of testdata/spec/*.txt and compares the
// blocks and segments with the expected dump.
func TestSpec(t *testing.T) {
	files := map[string]Options{
		"kramdown.txt":  {Flavour: Kramdown, RawHTML: true, BaseURL: "/blog"},
		"goldmark.txt":  {Flavour: Goldmark, RawHTML: false},
		"invisible.txt": {Flavour: Kramdown, RawHTML: true, Invisible: true},
	}
	for name, opt := range files {
		path := filepath.Join("testdata", "spec", name)
		cases := readSpec(t, path)
		for i := range cases {
			c := &cases[i]
			t.Run(name+"/"+c.title, func(t *testing.T) {
				var got bytes.Buffer
				Render([]byte(c.input), opt).Dump(&got)
				if *update {
					c.want = got.String()
					return
				}
				if got.String() != c.want {
					t.Errorf("input:\n%s\n\ngot:\n%s\nwant:\n%s", c.input, got.String(), c.want)
				}
			})
		}
		if *update {
			writeSpec(t, path, cases)
		}
	}
}
