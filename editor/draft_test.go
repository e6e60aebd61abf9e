package editor

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tandem/check"
	"tandem/editor/textarea"
	"tandem/model"
)

// TestDraftInTheWindow: Translate ▸ Draft translation fills the open
// pair's empty translation from the site's memory as one undo step; the
// drafted blocks have translation-draft findings until Confirm all.
func TestDraftInTheWindow(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	en := s.PostAt("_posts/en/2024-03-10-park-hours.md")
	en.Pair.Load()
	if _, err := s.AddTranslation(en.Pair, "fr", "Heures des parcs"); err != nil {
		t.Fatal(err)
	}
	if err := en.Save(); err != nil {
		t.Fatal(err)
	}
	e, _ := openPairIn(t, root, "_posts/en/2024-03-10-park-hours.md")
	fr := e.column("fr")
	before := fr.body.Text()
	e.draftTranslation()
	flushPreviews(e)
	e.view.checks.run()
	after := fr.body.Text()
	if !strings.Contains(after, "La ville a ouvert deux nouvelles pistes cyclables ce printemps.") || !strings.Contains(after, "```\nhours: 6-22\n```") {
		t.Fatalf("the draft:\n%s", after)
	}
	if !strings.Contains(e.status.Text, "5 blocks drafted") {
		t.Errorf("status %q", e.status.Text)
	}
	drafts := func() int {
		n := 0
		for _, f := range e.findings.Of(fr.post.Path) {
			if f.Rule == check.RuleDraft {
				n++
			}
		}
		return n
	}
	n := drafts()
	if n == 0 {
		t.Fatalf("no translation-draft finding: %v", e.findings.Of(fr.post.Path))
	}
	// The caret on a drafted block: the bar under the editor offers
	// Confirm, which says this block is read.
	var first model.Finding
	for _, f := range e.findings.Of(fr.post.Path) {
		if f.Rule == check.RuleDraft {
			first = f
			break
		}
	}
	fr.body.SetCursor(textarea.Pos{Line: first.Line - fr.post.Doc.BodyLine()})
	fr.issue.show()
	if !fr.issue.confirm.Visible() || fr.issue.silence.Visible() {
		t.Fatalf("the bar for a drafted block: confirm %v, silence %v", fr.issue.confirm.Visible(), fr.issue.silence.Visible())
	}
	test.Tap(fr.issue.confirm)
	flushPreviews(e)
	e.view.checks.run()
	if got := drafts(); got != n-1 {
		t.Errorf("after Confirm: %d drafted blocks, want %d", got, n-1)
	}
	e.confirmDrafts()
	flushPreviews(e)
	e.view.checks.run()
	if n := drafts(); n != 0 {
		t.Errorf("%d drafted blocks after Confirm all", n)
	}
	fr.body.TypedShortcut(&fyne.ShortcutUndo{})
	if fr.body.Text() != before {
		t.Errorf("one undo does not take the draft back:\n%s", fr.body.Text())
	}
}
