package editor

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tandem/git/gittest"
	"tandem/model"
)

// gitSite is a copy of a fixture site in a git clone of a bare repository
// on disk; it returns the clone and the bare repository.
func gitSite(t *testing.T, name string) (string, string) {
	t.Helper()
	home := gittest.Home(t)
	work := fixture(t, name)
	return work, gittest.Site(t, home, work)
}

// openGitPair builds the window on site with the pair of post rel open.
func openGitPair(t *testing.T, site, rel string) (*Editor, *model.Post) {
	t.Helper()
	e := New(test.NewTempApp(t))
	e.win.Resize(fyne.NewSize(1400, 900))
	s, err := model.OpenFrontMatter(site)
	if err != nil {
		t.Fatal(err)
	}
	e.ShowSite(s)
	e.watcher.Close()
	p := s.PostAt(rel)
	e.OpenPair(p.Pair, p.Lang)
	flushPreviews(e)
	return e, p
}

func labelsIn(o fyne.CanvasObject) string {
	var out []string
	findIn(o, func(l *widget.Label) bool {
		if l.Visible() {
			out = append(out, l.Text)
		}
		return false // every one
	})
	return strings.Join(out, "\n")
}

// TestPublishFromTheWindow: File ▸ Publish… saves the unsaved edit, lists
// the pair's files, publishes on Publish and shows the branch; the library
// then says the pair is in review. Without a remote, the dialog says so.
func TestPublishFromTheWindow(t *testing.T) {
	work, remote := gitSite(t, "jekyll")
	e, en := openGitPair(t, work, "_posts/en/2024-03-05-community-gardens.md")
	if text, _ := e.library.badge(en.Pair); !strings.Contains(text, "published") {
		t.Errorf("before: badge %q", text)
	}
	test.Type(e.column("en").body, "Ready for review. ")
	e.publishDialog()
	if en.Dirty() {
		t.Error("the edit was not saved first")
	}
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no dialog")
	}
	if text := labelsIn(d); !strings.Contains(text, "_posts/en/2024-03-05-community-gardens.md") || !strings.Contains(text, "_posts/fr/2024-03-05-jardins-communautaires.md") {
		t.Errorf("the files are not listed:\n%s", text)
	}
	tapButton(t, d, "Publish")
	text := labelsIn(d)
	if !strings.Contains(text, "Published on the branch tandem/growing-community-gardens-one-plot-at-a-time.") {
		t.Fatalf("after Publish:\n%s", text)
	}
	out, err := exec.Command("git", "-C", remote, "branch", "--list", "tandem/*").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "tandem/growing-community-gardens") {
		t.Errorf("the remote has no branch: %s %v", out, err)
	}
	if badge, _ := e.library.badge(en.Pair); !strings.Contains(badge, "in review (tandem/growing-community-gardens") {
		t.Errorf("after: badge %q", badge)
	}
	tapButton(t, d, "Close")

	// No remote: the sentence, in the dialog.
	exec.Command("git", "-C", work, "remote", "remove", "origin").Run()
	test.Type(e.column("en").body, "More. ")
	e.publishDialog()
	d = e.win.Canvas().Overlays().Top()
	tapButton(t, d, "Publish")
	if text := labelsIn(d); !strings.Contains(text, `no remote named "origin"`) {
		t.Errorf("no remote:\n%s", text)
	}
}

// TestPublishAsksTheAuthorOnce: git knows no identity; the dialog asks
// the name and email, publishes with them, and keeps them.
func TestPublishAsksTheAuthorOnce(t *testing.T) {
	work, remote := gitSite(t, "jekyll")
	os.WriteFile(filepath.Join(os.Getenv("HOME"), ".gitconfig"), []byte("[init]\n\tdefaultBranch = main\n"), 0o644)
	e, _ := openGitPair(t, work, "_posts/en/2024-03-05-community-gardens.md")
	test.Type(e.column("en").body, "Who wrote this? ")
	e.publishDialog()
	d := e.win.Canvas().Overlays().Top()
	tapButton(t, d, "Publish")
	if text := labelsIn(d); !strings.Contains(text, "Git does not know your name and email") {
		t.Fatalf("no identity:\n%s", text)
	}
	entries := []*widget.Entry{}
	findIn(d, func(en *widget.Entry) bool {
		if en.PlaceHolder == "Your name" || en.PlaceHolder == "Your email" {
			entries = append(entries, en)
		}
		return false
	})
	if len(entries) != 2 {
		t.Fatalf("%d entries for the author", len(entries))
	}
	test.Type(entries[0], "Ana Writer")
	test.Type(entries[1], "ana@example.org")
	tapButton(t, d, "Publish")
	if text := labelsIn(d); !strings.Contains(text, "Published on the branch") {
		t.Fatalf("after giving the author:\n%s", text)
	}
	out, _ := exec.Command("git", "-C", remote, "log", "-1", "--format=%an <%ae>", "tandem/growing-community-gardens-one-plot-at-a-time").Output()
	if got := strings.TrimSpace(string(out)); got != "Ana Writer <ana@example.org>" {
		t.Errorf("author %q", got)
	}
	if prefGitName.get(e.app) != "Ana Writer" {
		t.Error("the name was not kept")
	}
}

// TestGetLatestFromTheWindow: File ▸ Get latest brings in a change pushed
// by someone else and says so in the status bar.
func TestGetLatestFromTheWindow(t *testing.T) {
	work, remote := gitSite(t, "jekyll")
	e, _ := openGitPair(t, work, "_posts/en/2024-03-05-community-gardens.md")
	other := filepath.Join(t.TempDir(), "other")
	gittest.Git(t, filepath.Dir(other), "clone", "-q", remote, other)
	p := filepath.Join(other, "_posts", "en", "2024-07-20-summer-hours.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, "Upstream.\n"...), 0o644)
	gittest.Git(t, other, "commit", "-q", "-am", "Upstream")
	gittest.Git(t, other, "push", "-q", "origin", "main")
	e.getLatest()
	if got := e.status.Text; got != "Got the latest: 1 file updated." {
		t.Errorf("status %q", got)
	}
	if b, _ := os.ReadFile(filepath.Join(work, "_posts", "en", "2024-07-20-summer-hours.md")); !strings.HasSuffix(string(b), "Upstream.\n") {
		t.Error("the file was not updated")
	}
}
