package editor

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"tandem/assets"
)

// inLanguage runs f with the interface (and the locale's date format) in
// l, whatever the machine's.
func inLanguage(t *testing.T, l string, f func()) {
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, l)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	defer func() {
		os.Setenv("LANGUAGE", "en")
		lang.AddTranslationsFS(assets.Translations, "translations")
	}()
	f()
}

// TestWidgetsGolden compares a few widgets, each on its own, with master
// files in both interface languages (testdata/*.xml; a mismatch is written
// to testdata/failed/): the front-matter form of a post whose site shares
// some fields and localizes others, and a library row. Small files: a
// padding change elsewhere in the window leaves them as they are.
func TestWidgetsGolden(t *testing.T) {
	for _, l := range []string{"en", "fr"} {
		t.Run(l, func(t *testing.T) {
			inLanguage(t, l, func() {
				e, en := openPair(t, "hugo-localized", "content/en/blog/posts/open-budget.md")
				c := newColumn(e, e.view, en.Pair, "fr")
				w := test.NewTempWindow(t, c.form)
				w.Resize(fyne.NewSize(520, 560))
				test.AssertRendersToMarkup(t, "form_"+l+".xml", w.Canvas())

				row := e.library.rowFor(en.Pair)
				w2 := test.NewTempWindow(t, row)
				w2.Resize(fyne.NewSize(300, row.MinSize().Height))
				test.AssertRendersToMarkup(t, "library_row_"+l+".xml", w2.Canvas())
			})
		})
	}
}
