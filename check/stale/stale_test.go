package stale

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tandem/check"
	"tandem/git/gittest"
	"tandem/model"
)

const hugo = "defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n"

var (
	en1 = "The council met on Monday."
	en2 = "It approved the new budget."
	fr1 = "Le conseil s’est réuni lundi."
	fr2 = "Il a approuvé le nouveau budget."
)

func postText(title, key string, paras ...string) string {
	return "---\ntitle: \"" + title + "\"\ntranslationKey: " + key + "\n---\n\n" + strings.Join(paras, "\n\n") + "\n"
}

// repo makes a site repository with one pair, committed.
func repo(t *testing.T) string {
	t.Helper()
	gittest.Home(t)
	root := t.TempDir()
	write(t, root, "hugo.toml", hugo)
	write(t, root, "content/en/blog/posts/council.md", postText("Council", "council", en1, en2))
	write(t, root, "content/fr/blog/posts/conseil.md", postText("Conseil", "council", fr1, fr2))
	gittest.Git(t, root, "init", "-q", "-b", "main")
	commit(t, root, "The pair")
	return root
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func commit(t *testing.T, root, msg string) {
	t.Helper()
	gittest.Git(t, root, "add", "-A")
	gittest.Git(t, root, "commit", "-q", "-m", msg)
}

// stale are the lines of the French post's stale findings, with the
// English lines they name. Unless edited, the site is linted a second
// way, its posts read from their files (each side's FileID known: a file
// unchanged since a commit is not read from the history), and the
// findings must be the same.
func stale(t *testing.T, root string, edit func(s *model.Site)) []string {
	t.Helper()
	lint := func(open func(string) (*model.Site, error)) []string {
		s, err := open(root)
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			edit(s)
		}
		var out []string
		for _, f := range Lint(s) {
			out = append(out, f.Path+":"+itoa(f.Line)+"<"+itoa(f.SourceLine))
		}
		return out
	}
	out := lint(model.Open)
	if edit == nil {
		if read := lint(model.OpenFrontMatter); strings.Join(read, " ") != strings.Join(out, " ") {
			t.Errorf("read from the files: %v; whole: %v", read, out)
		}
	}
	return out
}

// TestFileID: the id the stale check gives a file is git's.
func TestFileID(t *testing.T) {
	root := repo(t)
	for _, rel := range []string{frPath, "hugo.toml"} {
		raw, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSpace(gittest.Git(t, root, "hash-object", rel))
		if got := fmt.Sprintf("%x", check.FileID(raw)); got != want {
			t.Errorf("%s: %s, git says %s", rel, got, want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

const frPath = "content/fr/blog/posts/conseil.md"

// TestStaleParagraphByParagraph: an English paragraph changed, then
// another French one: the first French paragraph is stale, not the
// second.
func TestStaleParagraphByParagraph(t *testing.T) {
	root := repo(t)
	if got := stale(t, root, nil); len(got) != 0 {
		t.Fatalf("fresh pair: %v", got)
	}
	write(t, root, "content/en/blog/posts/council.md", postText("Council", "council", "The council met on Monday evening.", en2))
	commit(t, root, "English changed")
	write(t, root, "content/fr/blog/posts/conseil.md", postText("Conseil", "council", fr1, "Il a adopté le nouveau budget."))
	commit(t, root, "Another French paragraph")
	if got := strings.Join(stale(t, root, nil), " "); got != frPath+":6<6" {
		t.Errorf("stale: %q", got)
	}
	// Both changed in one commit: in step.
	write(t, root, "content/en/blog/posts/council.md", postText("Council", "council", "The council met on Tuesday.", en2))
	write(t, root, "content/fr/blog/posts/conseil.md", postText("Conseil", "council", "Le conseil s’est réuni mardi.", "Il a adopté le nouveau budget."))
	commit(t, root, "Both")
	if got := stale(t, root, nil); len(got) != 0 {
		t.Errorf("after both changed: %v", got)
	}
}

// TestStaleLive: an uncommitted English edit makes its French paragraph
// stale at once; editing the French (uncommitted) clears it.
func TestStaleLive(t *testing.T) {
	root := repo(t)
	editEN := func(s *model.Site) {
		p := s.PostAt("content/en/blog/posts/council.md")
		p.Doc.SetBodyText(strings.Replace(p.Doc.BodyText(), "new budget", "new budget for 2025", 1))
	}
	if got := strings.Join(stale(t, root, editEN), " "); got != frPath+":8<8" {
		t.Errorf("uncommitted English: %q", got)
	}
	both := func(s *model.Site) {
		editEN(s)
		p := s.PostAt(frPath)
		p.Doc.SetBodyText(strings.Replace(p.Doc.BodyText(), "nouveau budget", "nouveau budget de 2025", 1))
	}
	if got := stale(t, root, both); len(got) != 0 {
		t.Errorf("French edited too: %v", got)
	}
}

// TestStaleThroughARename: the translation renamed after the English
// changed is still stale.
func TestStaleThroughARename(t *testing.T) {
	root := repo(t)
	write(t, root, "content/en/blog/posts/council.md", postText("Council", "council", "The council met on Monday evening.", en2))
	commit(t, root, "English changed")
	gittest.Git(t, root, "mv", frPath, "content/fr/blog/posts/seance-du-conseil.md")
	commit(t, root, "Renamed")
	if got := strings.Join(stale(t, root, nil), " "); got != "content/fr/blog/posts/seance-du-conseil.md:6<6" {
		t.Errorf("after the rename: %q", got)
	}
}

// TestStillCorrect: a stale block marked still correct is quiet until
// the English changes again.
func TestStillCorrect(t *testing.T) {
	root := repo(t)
	write(t, root, "content/en/blog/posts/council.md", postText("Council", "council", "The council met on Monday evening.", en2))
	commit(t, root, "English changed")
	s, _ := model.Open(root)
	fs := Lint(s)
	if len(fs) != 1 {
		t.Fatalf("%v", fs)
	}
	if err := check.Silence(s, fs[0]); err != nil {
		t.Fatal(err)
	}
	if got := stale(t, root, nil); len(got) != 0 {
		t.Errorf("still correct: %v", got)
	}
	again := func(s *model.Site) {
		p := s.PostAt("content/en/blog/posts/council.md")
		p.Doc.SetBodyText(strings.Replace(p.Doc.BodyText(), "Monday evening", "Monday night", 1))
	}
	if got := strings.Join(stale(t, root, again), " "); got != frPath+":6<6" {
		t.Errorf("English changed again: %q", got)
	}
}

// TestNoHistory: a site outside git has no stale findings and no error.
func TestNoHistory(t *testing.T) {
	root := t.TempDir()
	write(t, root, "hugo.toml", hugo)
	write(t, root, "content/en/blog/posts/a.md", postText("A", "a", en1))
	write(t, root, "content/fr/blog/posts/a.md", postText("A", "a", fr1))
	if _, err := Open(root, nil); err != ErrNoRepository {
		t.Errorf("Open: %v", err)
	}
	if got := stale(t, root, nil); len(got) != 0 {
		t.Errorf("%v", got)
	}
}

func TestDiff(t *testing.T) {
	var b strings.Builder
	for _, w := range Diff("The council met on Monday.", "The council met on Monday evening, late.") {
		b.WriteString(map[Op]string{Kept: "", Removed: "-", Added: "+"}[w.Op] + w.Text + " ")
	}
	if got := b.String(); got != "The council met on -Monday. +Monday +evening, +late. " {
		t.Errorf("%q", got)
	}
}

// TestMoved: a commit after the history was read moves it.
func TestMoved(t *testing.T) {
	root := repo(t)
	h, err := Open(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h.Moved() {
		t.Error("moved at once")
	}
	write(t, root, "content/en/blog/posts/council.md", postText("Council", "council", "The council met on Monday evening.", en2))
	commit(t, root, "English changed")
	if !h.Moved() {
		t.Error("a new commit did not move it")
	}
}
