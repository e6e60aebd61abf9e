package editor

import (
	"os"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"tandem/assets"
)

// TestLayoutGolden compares the main layout, a pair open, with master
// files in both interface languages (testdata/*.xml; a mismatch is written
// to testdata/failed/).
func TestLayoutGolden(t *testing.T) {
	for _, l := range []string{"en", "fr"} {
		t.Run(l, func(t *testing.T) {
			// The interface language and the date format both come from
			// the locale: pin it, whatever the machine's.
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
			e, _ := openPair(t, "jekyll", "_posts/en/2024-06-12-what’s new.md")
			e.setStatus("") // it names the temporary folder
			test.AssertRendersToMarkup(t, "pair_"+l+".xml", e.win.Canvas())
		})
	}
}
