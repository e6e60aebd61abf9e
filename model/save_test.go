package model

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func editTitle(t *testing.T, p *Post, title string) {
	t.Helper()
	if err := p.Doc.Set("title", title); err != nil {
		t.Fatal(err)
	}
}

func TestSaveWritesAndLeavesNoTempFile(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	p := mustPost(t, s, "_posts/fr/2024-06-12-quoi-de-neuf.md")
	os.Chmod(p.Abs(), 0o640)
	editTitle(t, p, "Quoi de neuf en juillet")
	if !p.Dirty() {
		t.Fatal("not dirty after an edit")
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if p.Dirty() {
		t.Error("dirty after save")
	}
	if !strings.Contains(readFile(t, p.Abs()), `title: "Quoi de neuf en juillet"`) {
		t.Error("not written")
	}
	if st, _ := os.Stat(p.Abs()); runtime.GOOS != "windows" && st.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want 0640 kept", st.Mode().Perm())
	}
	ents, _ := os.ReadDir(filepath.Dir(p.Abs()))
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tandem-") {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
}

func TestSaveRefusesFileChangedOnDisk(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	p := mustPost(t, s, "_posts/en/2024-07-20-summer-hours.md")
	editTitle(t, p, "Mine")
	theirs := readFile(t, p.Abs()) + "\nA line another editor added.\n"
	writeFile(t, p.Abs(), theirs)
	err := p.Save()
	if !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("err = %v", err)
	}
	if readFile(t, p.Abs()) != theirs {
		t.Error("the other editor's text was overwritten")
	}
	if p.Doc.Get("title") != "Mine" {
		t.Error("the editor lost its text")
	}
	// Keep mine, deliberately.
	if err := p.SaveOverwrite(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readFile(t, p.Abs()), `title: "Mine"`) {
		t.Error("overwrite did not write")
	}
}

func TestSaveRefusesUnparsedFile(t *testing.T) {
	root := copySite(t, "jekyll")
	bad := filepath.Join(root, "_posts", "en", "2024-09-01-bad.md")
	writeFile(t, bad, "---\ntitle: [unclosed\n---\nBody\n")
	s := openSite(t, root)
	p := mustPost(t, s, "_posts/en/2024-09-01-bad.md")
	if p.Doc != nil || p.Err == nil {
		t.Fatal("a broken front matter was read")
	}
	if err := p.Save(); !errors.Is(err, ErrUnparsed) {
		t.Errorf("err = %v", err)
	}
}

func TestSaveNeverWritesOutsideTheSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := copySite(t, "jekyll")
	outside := filepath.Join(t.TempDir(), "elsewhere.md")
	writeFile(t, outside, "---\ntitle: \"Outside\"\n---\nNot part of the site.\n")
	link := filepath.Join(root, "_posts", "en", "2024-09-02-linked.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	s := openSite(t, root)
	p := mustPost(t, s, "_posts/en/2024-09-02-linked.md")
	editTitle(t, p, "Changed")
	if err := p.Save(); err == nil || !strings.Contains(err.Error(), "outside the site") {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(readFile(t, outside), `"Outside"`) {
		t.Error("a file outside the site was written")
	}
	if _, err := s.safePath("../../x.md"); err == nil {
		t.Error("../../x.md accepted")
	}
	// A link that stays inside the site is followed, and stays a link.
	inside := filepath.Join(root, "_posts", "en", "2024-09-03-alias.md")
	os.Symlink(filepath.Join(root, "_posts", "en", "2024-07-20-summer-hours.md"), inside)
	s = openSite(t, root)
	p = mustPost(t, s, "_posts/en/2024-09-03-alias.md")
	editTitle(t, p, "Through a link")
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(inside); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
}

func TestSaveFailureKeepsTextAndSaysWhy(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	// A folder where the file was: no one, root included, can write there.
	blocked := mustPost(t, s, "_posts/fr/2024-06-12-quoi-de-neuf.md")
	os.Remove(blocked.Abs())
	os.Mkdir(blocked.Abs(), 0o755)
	editTitle(t, blocked, "Blocked")
	if err := blocked.Save(); err == nil || !strings.Contains(err.Error(), blocked.Path) {
		t.Errorf("err = %v", err)
	}
	if blocked.Doc.Get("title") != "Blocked" {
		t.Error("the edit was lost")
	}
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		return // root ignores folder permissions
	}
	p := mustPost(t, s, "_posts/en/2024-07-20-summer-hours.md")
	dir := filepath.Dir(p.Abs())
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	editTitle(t, p, "Unsaved")
	err := p.Save()
	if err == nil || !strings.Contains(err.Error(), p.Path) {
		t.Fatalf("err = %v", err)
	}
	if p.Doc.Get("title") != "Unsaved" || !p.Dirty() {
		t.Error("the edit was lost")
	}
}

func TestSaveRecreatesDeletedFile(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	p := mustPost(t, s, "_posts/en/2024-07-20-summer-hours.md")
	os.Remove(p.Abs())
	editTitle(t, p, "Still here")
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readFile(t, p.Abs()), "Still here") {
		t.Error("not recreated")
	}
}

// TestSaveIntoMissingFolder: the post's folder was removed under Tandem.
func TestSaveIntoMissingFolder(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	p := mustPost(t, s, "_posts/en/2024-07-20-summer-hours.md")
	os.RemoveAll(filepath.Dir(p.Abs()))
	editTitle(t, p, "Gone")
	if err := p.Save(); err == nil {
		t.Error("saved into a folder that is gone")
	}
	if p.Doc.Get("title") != "Gone" {
		t.Error("the edit was lost")
	}
}

// TestSaveInSteps: a save written off the owner's goroutine (StartSave,
// Write, Done). The watcher reading the file while it is written takes
// it for Tandem's own save, not a conflict; an edit made meanwhile is the
// post's next unsaved edit; a second save waits for the first; another
// program's version that comes before Done stays a conflict.
func TestSaveInSteps(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	p := mustPost(t, s, "_posts/fr/2024-06-12-quoi-de-neuf.md")
	editTitle(t, p, "Premier titre")
	sv, err := p.StartSave(false)
	if err != nil || sv == nil {
		t.Fatalf("start: %v %v", sv, err)
	}
	if _, err := p.StartSave(false); !errors.Is(err, ErrSaving) {
		t.Errorf("a second save while the first is written: %v", err)
	}
	editTitle(t, p, "Second titre") // typed while the file is written
	if err := sv.Write(); err != nil {
		t.Fatal(err)
	}
	if ch := s.Apply(s.ReadChanges([]string{p.Abs()})); len(ch.Conflicts)+len(ch.Reloaded) != 0 {
		t.Errorf("the save being written read as another program's: %+v", ch)
	}
	sv.Done(nil)
	if !strings.Contains(readFile(t, p.Abs()), `title: "Premier titre"`) {
		t.Error("the save did not write what it took")
	}
	if !p.Dirty() || p.Doc.Get("title") != "Second titre" || p.DiskChange != nil {
		t.Errorf("after the save: dirty %v, title %q, disk change %v", p.Dirty(), p.Doc.Get("title"), p.DiskChange != nil)
	}
	// Another program writes while the next save is written.
	sv, err = p.StartSave(false)
	if err != nil || sv == nil {
		t.Fatalf("start again: %v", err)
	}
	if err := sv.Write(); err != nil {
		t.Fatal(err)
	}
	theirs := readFile(t, p.Abs()) + "\nUne ligne d’un autre programme.\n"
	writeFile(t, p.Abs(), theirs)
	if ch := s.Apply(s.ReadChanges([]string{p.Abs()})); len(ch.Conflicts) != 1 {
		t.Errorf("another program's version: %+v", ch)
	}
	sv.Done(nil)
	if p.DiskChange == nil || string(p.DiskChange.Data) != theirs {
		t.Error("the other program's version was dropped by the save's end")
	}
}
