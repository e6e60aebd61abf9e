package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreview checks `tandem preview`: the segments of a post, a page of
// one post and of a pair, and usage errors.
func TestPreview(t *testing.T) {
	site := copySite(t, filepath.Join("..", "preview", "testdata", "site"))
	en := filepath.Join(site, "_posts", "en", "2024-05-02-every-construct.md")
	code, out, errs := run("preview", en, "--segments")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"heading h1 lines=1-1\n  text\th1,bold\t\"Heading one\"", "table lines=", "image lines="} {
		if !strings.Contains(out, want) {
			t.Errorf("segments lack %q", want)
		}
	}
	page := filepath.Join(t.TempDir(), "pair.html")
	if code, _, errs := run("preview", en, "--pair", "-o", page); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<article lang="en">`, `<article lang="fr">`, "data:image/png;base64,", "<h1>Every construct, on one page</h1>"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, args := range [][]string{{"preview"}, {"preview", en}, {"preview", en, "--segments", "-o", page}, {"preview", en, "--bogus", "--segments"}} {
		if code, _, _ := run(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
