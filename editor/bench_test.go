package editor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tandem/model"
)

// BenchmarkKeystroke30KB types one character in the middle of a 30 KB body
// in the real window (test driver), as a key press arrives: Fyne's Entry, the model update, lint of
// the post and the library refresh.
func BenchmarkKeystroke30KB(b *testing.B) {
	root := b.TempDir()
	para := "A paragraph of a long post, with “quotes”, a [link](https://example.org) and some **bold** words to make it look real.\n\n"
	body := strings.Repeat(para, 30*1024/len(para))
	for _, l := range []string{"en", "fr"} {
		p := filepath.Join(root, "_posts", l, "2024-01-01-long-"+l+".md")
		os.MkdirAll(filepath.Dir(p), 0o755)
		other := map[string]string{"en": "fr", "fr": "en"}[l]
		os.WriteFile(p, []byte("---\ntitle: \"Long\"\ndate: 2024-01-01\ntrans_url: /2024/01/01/long-"+other+".html\n---\n"+body), 0o644)
	}
	a := test.NewTempApp(b)
	e := New(a)
	e.win.Resize(fyne.NewSize(1400, 900))
	s, err := model.Open(root)
	if err != nil {
		b.Fatal(err)
	}
	e.ShowSite(s)
	e.OpenPair(s.Pairs[0], "en")
	en := e.column("en").body
	en.CursorRow = strings.Count(body, "\n") / 2
	e.win.Canvas().Focus(en) // once, as when a writer types
	b.ResetTimer()
	for b.Loop() {
		en.TypedRune('x')
	}
	if !strings.Contains(s.Pairs[0].Post("en").Doc.BodyText(), "xxx") {
		b.Fatal("the keystrokes did not reach the post")
	}
}
