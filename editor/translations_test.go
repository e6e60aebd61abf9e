package editor

import (
	"fyne.io/fyne/v2/lang"

	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"tandem/assets"
	"testing"
)

// TestEveryStringHasAFrenchTranslation reads the package's source for
// lang.L("...") and field labels, and checks fr.json has each one.
func TestEveryStringHasAFrenchTranslation(t *testing.T) {
	// Loaded the way the app loads them (go-i18n refuses some keys).
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "assets", "translations", "fr.json"))
	if err != nil {
		t.Fatal(err)
	}
	fr := map[string]any{}
	if err := json.Unmarshal(b, &fr); err != nil {
		t.Fatal(err)
	}
	// Every source file of the window's packages, not the tests.
	var files []string
	filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return err
	})
	if len(files) < 10 {
		t.Fatalf("only %d source files found", len(files))
	}
	call := regexp.MustCompile(`lang\.L\("((?:[^"\\]|\\.)*)"`)
	n := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			n++
			if _, ok := fr[m[1]]; !ok {
				t.Errorf("%s: %q has no French translation", f, m[1])
			}
		}
	}
	for _, l := range fieldLabels {
		if _, ok := fr[l]; !ok {
			t.Errorf("field label %q has no French translation", l)
		}
	}
	for _, l := range langNames {
		if _, ok := fr[l]; !ok {
			t.Errorf("language %q has no French translation", l)
		}
	}
	if n < 50 {
		t.Errorf("only %d strings found: the pattern is broken", n)
	}
}
