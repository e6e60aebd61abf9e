package editor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tandem/editor/textarea"
	"tandem/git"
	"tandem/git/gittest"
	"tandem/model"
)

// outside applies a change other programs made to files, as the watcher's
// batch would.
func outside(e *Editor, files ...string) {
	e.applyChanges(e.ws.Model.Apply(e.ws.Model.ReadChanges(files)))
}

const gardens = "_posts/en/2024-03-05-community-gardens.md"

// typedInGardens opens the gardens pair and types text at the start of
// the English body: unsaved edits for the tests below.
func typedInGardens(t *testing.T, text string) (*Editor, *model.Post, *column) {
	t.Helper()
	e, p := openPair(t, "jekyll", gardens)
	en := e.column("en")
	e.win.Canvas().Focus(en.body)
	test.Type(en.body, text)
	return e, p, en
}

// TestCleanPostReloads: a post without unsaved edits shows the file's new
// text at once, caret kept.
func TestCleanPostReloads(t *testing.T) {
	e, p := openPair(t, "jekyll", gardens)
	en := e.column("en")
	en.body.SetCursor(textarea.Pos{Line: 2, Col: 3})
	writeFile(t, p.Abs(), readFile(t, p.Abs())+"A line added by another editor.\n")
	outside(e, p.Abs())
	if !strings.Contains(en.body.Text(), "A line added by another editor.") {
		t.Fatal("the body did not reload")
	}
	if c := en.body.Cursor(); c != (textarea.Pos{Line: 2, Col: 3}) {
		t.Errorf("caret moved to %v", c)
	}
	if en.bar.Visible() || p.Dirty() {
		t.Error("a clean reload shows a bar or leaves the post dirty")
	}
}

// TestConflictBar: with unsaved edits, a change on disk shows the bar;
// Save does not overwrite the other version until the user chooses; Keep
// mine saves mine; Reload takes theirs; Compare shows both.
func TestConflictBar(t *testing.T) {
	e, p, en := typedInGardens(t, "Mine. ")
	theirs := readFile(t, p.Abs()) + "Their line.\n"
	writeFile(t, p.Abs(), theirs)
	outside(e, p.Abs())
	if !en.bar.Visible() {
		t.Fatal("no bar for a file changed under unsaved edits")
	}
	if !strings.Contains(en.body.Text(), "Mine. ") {
		t.Fatal("unsaved edits lost")
	}
	e.Save()
	if readFile(t, p.Abs()) != theirs {
		t.Fatal("Save overwrote the other version before a choice")
	}
	tapButton(t, en.bar, "Compare")
	if e.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Compare showed nothing")
	}
	e.win.Canvas().Overlays().Remove(e.win.Canvas().Overlays().Top())

	tapButton(t, en.bar, "Keep mine")
	e.Save()
	if got := readFile(t, p.Abs()); !strings.Contains(got, "Mine. ") || strings.Contains(got, "Their line.") {
		t.Errorf("Keep mine then Save wrote:\n%s", got)
	}

	// Again, and this time take theirs.
	test.Type(en.body, "Again. ")
	writeFile(t, p.Abs(), theirs)
	outside(e, p.Abs())
	tapButton(t, en.bar, "Reload (discard mine)")
	if strings.Contains(en.body.Text(), "Again. ") || !strings.Contains(en.body.Text(), "Their line.") || p.Dirty() {
		t.Error("Reload did not take the file's version")
	}
	if en.bar.Visible() {
		t.Error("the bar stayed after Reload")
	}
}

// TestDeletedWhileOpen: the text stays, marked deleted; Save recreates it.
func TestDeletedWhileOpen(t *testing.T) {
	e, p, en := typedInGardens(t, "Kept. ")
	os.Remove(p.Abs())
	outside(e, p.Abs())
	if !en.bar.Visible() || !p.Deleted {
		t.Fatal("a deleted post is not marked")
	}
	e.Save()
	if !strings.Contains(readFile(t, p.Abs()), "Kept. ") {
		t.Error("Save did not recreate the file")
	}
	if en.bar.Visible() {
		t.Error("the bar stayed after saving")
	}
}

// TestFailedSaveKeepsText: a save that cannot write (its folder is gone)
// says why and keeps the text.
func TestFailedSaveKeepsText(t *testing.T) {
	e, p, en := typedInGardens(t, "Not lost. ")
	os.RemoveAll(filepath.Dir(p.Abs()))
	e.Save()
	if e.win.Canvas().Overlays().Top() == nil {
		t.Error("no message for a failed save")
	}
	if !strings.Contains(en.body.Text(), "Not lost. ") || !p.Dirty() {
		t.Error("the text is gone after a failed save")
	}
}

// TestRecovery: unsaved text copied to the recovery folder is offered back
// by the next window on the same site, and the copy goes once saved.
func TestRecovery(t *testing.T) {
	e, p, _ := typedInGardens(t, "Typed before a crash. ")
	e.SaveRecoveryNow()
	files, _ := filepath.Glob(filepath.Join(e.recoveryDir(), "*.json"))
	if len(files) != 1 {
		t.Fatalf("%d recovery files", len(files))
	}
	if strings.HasPrefix(files[0], e.ws.Model.Root) {
		t.Fatal("recovery file inside the site")
	}

	// A new window, as after a restart: the same app storage, the site
	// read again from disk.
	e2 := New(e.app)
	s, err := model.Open(e.ws.Model.Root)
	if err != nil {
		t.Fatal(err)
	}
	e2.ShowSite(s)
	e2.watcher.Close()
	d := e2.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no recovery offered")
	}
	tapButton(t, d, "Restore")
	q := s.PostAt(p.Path)
	if !q.Dirty() || !strings.Contains(q.Doc.BodyText(), "Typed before a crash. ") {
		t.Fatal("text not restored")
	}
	if c := e2.column("en"); c == nil || !strings.Contains(c.body.Text(), "Typed before a crash. ") {
		t.Fatal("restored text not shown")
	}
	e2.Save()
	if files, _ := filepath.Glob(filepath.Join(e.recoveryDir(), "*.json")); len(files) != 0 {
		t.Errorf("recovery copy kept after saving: %v", files)
	}
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRenamedWhileOpen: a rename outside keeps the open post, its edits
// and its pair; the column shows the new name.
func TestRenamedWhileOpen(t *testing.T) {
	e, p, _ := typedInGardens(t, "Still mine. ")
	old := p.Abs()
	to := filepath.Join(filepath.Dir(old), "2024-03-05-gardens-moved.md")
	if err := os.Rename(old, to); err != nil {
		t.Fatal(err)
	}
	outside(e, old, to)
	if e.column("en").post != p || p.Path != "_posts/en/2024-03-05-gardens-moved.md" {
		t.Fatalf("column shows %v at %s", e.column("en").post, p.Path)
	}
	if got := e.column("en").path.Text; got != p.Path {
		t.Errorf("path label %q", got)
	}
	if !strings.Contains(e.column("en").body.Text(), "Still mine. ") || e.column("fr").post != p.Counterpart() {
		t.Error("edits or pair lost in the rename")
	}
	e.Save()
	if !strings.Contains(readFile(t, to), "Still mine. ") {
		t.Error("Save did not write the renamed file")
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("Save wrote the old name again")
	}
}

// TestReloadIsOneUndoableStep: the text another program wrote comes in
// as one edit: Undo brings back what the editor showed before (and the
// post is then an unsaved edit of the file), Redo the file's again; the
// undo history from before stays.
func TestReloadIsOneUndoableStep(t *testing.T) {
	e, p := openPair(t, "jekyll", gardens)
	en := e.column("en")
	e.win.Canvas().Focus(en.body)
	test.Type(en.body, "Mine. ")
	e.Save()
	before := en.body.Text()
	lines := strings.Split(before, "\n")
	lines[len(lines)/2] = "A line another editor changed."
	writeFile(t, p.Abs(), readFile(t, p.Abs())[:len(readFile(t, p.Abs()))-len(before)]+strings.Join(lines, "\n")+"\nAnd one it added.\n")
	outside(e, p.Abs())
	after := en.body.Text()
	if !strings.Contains(after, "A line another editor changed.") || !strings.Contains(after, "And one it added.") || p.Dirty() {
		t.Fatalf("the reload: dirty %v\n%s", p.Dirty(), after)
	}
	en.body.Undo()
	if en.body.Text() != before || !p.Dirty() {
		t.Errorf("Undo after a reload: dirty %v\n%s", p.Dirty(), en.body.Text())
	}
	en.body.Redo()
	if en.body.Text() != after {
		t.Error("Redo does not take the file's text again")
	}
	en.body.Undo()
	en.body.Undo() // the typing before the save
	if strings.Contains(en.body.Text(), "Mine. ") {
		t.Error("the undo history from before the reload is lost")
	}
}

// FuzzChangedLines: the lines changedLines replaces, replaced, give the
// new text, whatever the two texts.
func FuzzChangedLines(f *testing.F) {
	f.Add("a\nb\nc", "a\nx\nc")
	f.Add("a\nb", "a\nb\nc")
	f.Add("a\nb\nc", "b\nc")
	f.Add("", "x\n")
	f.Add("a\n\n", "a\n")
	f.Fuzz(func(t *testing.T, old, now string) {
		if strings.ContainsRune(old+now, '\r') || len(old)+len(now) > 2000 {
			return
		}
		ta, tb := textarea.New(), textarea.New()
		ta.SetText(old)
		tb.SetText(now)
		if ta.Text() != old || tb.Text() != now {
			return // the widget's own reading of a text (invalid bytes)
		}
		if r, text, ok := changedLines(ta, now); ok {
			ta.ReplaceRanges([]textarea.Range{r}, []string{text})
		}
		if ta.Text() != now {
			t.Fatalf("%q → %q: got %q", old, now, ta.Text())
		}
	})
}

// TestGetASiteFromTheWindow: File ▸ Get a site… gets a site from its
// address (a repository's folder here) into the folder chosen, then opens
// it; an address that is none says so, and opens nothing.
func TestGetASiteFromTheWindow(t *testing.T) {
	work, remote := gittest.SiteOf(t, filepath.Join("..", "testdata", "jekyll"))
	e, _ := openPair(t, "hugo", "content/en/blog/posts/digital-summer.md")
	before := e.ws.Model.Root
	target := filepath.Join(t.TempDir(), "mine")
	e.getSite(filepath.Join(filepath.Dir(work), "nothing-here"), target, git.GetOptions{})
	if e.ws.Model.Root != before {
		t.Fatal("a site that could not be got was opened")
	}
	e.getSite(remote, target, git.GetOptions{Depth: 1})
	if e.ws.Model == nil || e.ws.Model.Root != target || e.ws.Model.PostAt(gardens) == nil {
		t.Fatalf("the site got is not open: %v", e.ws.Model)
	}
}

// FuzzEditsKeepTheModel: the model, told the editor's edits as edits
// (learnEdits), has the editor's text after any typing, deleting, pasting
// over a selection, replacing ranges, undo and redo, whatever the text.
func FuzzEditsKeepTheModel(f *testing.F) {
	f.Add("---\ntitle: T\n---\nOne\n\nTwo é\n", []byte{0, 'a', 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add("---\ntitle: T\n---\n", []byte{1, 1, 0, 'x', 6, 6, 7})
	f.Add("---\ntitle: T\n---\nà la ligne\r\nsuivante\r\n", []byte{0, 'z', 2, 3})
	f.Fuzz(func(t *testing.T, file string, ops []byte) {
		if len(file) > 2000 || len(ops) > 200 {
			return
		}
		d, err := model.Parse([]byte(file))
		if err != nil {
			return
		}
		ta := textarea.New()
		ta.SetText(d.BodyText())
		ta.OnChanged = func() { learnEdits(ta, d) }
		pos := func(b byte) textarea.Pos {
			l := int(b) % ta.Lines()
			return textarea.Pos{Line: l, Col: int(b) % 7}
		}
		for i := 0; i+1 < len(ops); i += 2 {
			arg := ops[i+1]
			switch ops[i] % 10 {
			case 0:
				ta.TypedRune(rune(arg%64) + 'a' - 1) // letters, and a few others
			case 1:
				ta.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			case 2:
				ta.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
			case 3:
				ta.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
			case 4:
				ta.SetCursor(pos(arg))
			case 5:
				ta.Select(textarea.Range{Start: pos(arg / 3), End: pos(arg)})
				ta.TypedRune('é')
			case 6:
				ta.Undo()
			case 7:
				ta.Redo()
			case 8:
				p := pos(arg)
				ta.SetCursor(p)
				ta.ReplaceRanges([]textarea.Range{{Start: ta.Cursor(), End: ta.Cursor()}}, []string{"«\u00a0x\u00a0»\ny"})
			case 9:
				ta.SetText(strings.Repeat("ligne\n", int(arg%4)))
				learnEdits(ta, d) // as loading a text does
			}
		}
		// The model's body as the editor shows it (a carriage return it
		// shows as a line break, a byte that is not UTF-8 it shows as �,
		// stay in the model until the text is edited).
		view := textarea.New()
		view.SetText(d.BodyText())
		if got := view.Text(); got != ta.Text() {
			t.Fatalf("the model has %q, the editor %q", got, ta.Text())
		}
	})
}
