package editor

import (
	"bytes"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tandem/bug"
	"tandem/check"
	"tandem/disk"
	"tandem/git/gittest"
	"tandem/model"
	"tandem/task"
)

// goroutine is the calling goroutine's number.
func goroutine() int {
	var b [64]byte
	s := b[:runtime.Stack(b[:], false)]
	s = bytes.TrimPrefix(s, []byte("goroutine "))
	n, _ := strconv.Atoi(string(s[:bytes.IndexByte(s, ' ')]))
	return n
}

// TestTheUIThreadTouchesNoDisk: with the window's real runner (work on
// goroutines of its own, task.Go), opening a site, opening a pair from
// the library, typing into its text and into a field, moving the caret,
// showing the preview and opening another pair read and list the disk
// only off the UI thread. Fyne's test driver runs the window's events on
// the test's goroutine: that is the UI thread here, and every reading,
// listing or writing of the user's files on it is a failure.
func TestTheUIThreadTouchesNoDisk(t *testing.T) {
	for _, site := range []string{"hugo-wordpress", "jekyll", "hugo-localized"} {
		t.Run(site, func(t *testing.T) { uiTouchesNoDisk(t, site) })
	}
}

// realRunner makes the test run the window's real runner (work on
// goroutines of its own) until it ends; the test's goroutine is the UI
// thread: what the tasks hand to it waits in a queue until settle runs
// it there (all of it, and what that starts), as the app's main loop
// does.
func realRunner(t *testing.T) (settle func()) {
	task.Inline(false)
	t.Cleanup(func() { task.Inline(true) })
	var qmu sync.Mutex
	var queue []func()
	task.OnUI(func(f func()) { qmu.Lock(); queue = append(queue, f); qmu.Unlock() })
	t.Cleanup(func() { task.OnUI(nil) })
	return func() {
		for {
			task.Wait()
			qmu.Lock()
			q := queue
			queue = nil
			qmu.Unlock()
			if len(q) == 0 {
				return
			}
			for _, f := range q {
				f()
			}
		}
	}
}

func uiTouchesNoDisk(t *testing.T, site string) {
	settle := realRunner(t)
	ui := goroutine()
	var mu sync.Mutex
	var touched []string
	disk.Watch(func(op, path string) {
		if goroutine() == ui {
			mu.Lock()
			touched = append(touched, op+" "+path)
			mu.Unlock()
		}
	})
	defer disk.Watch(nil)
	step := func(what string, f func()) {
		t.Helper()
		f()
		settle()
		mu.Lock()
		defer mu.Unlock()
		for _, s := range touched {
			t.Errorf("%s: the UI thread touched the disk: %s", what, s)
		}
		touched = nil
	}

	root := fixture(t, site)
	gittest.Site(t, gittest.Home(t), root) // a clone of a remote: git's work too
	a := test.NewTempApp(t)
	e := New(a)
	e.win.Resize(fyne.NewSize(1400, 900))
	step("open the site", func() { e.OpenSite(root) })
	if e.ws.Model == nil || len(e.ws.Model.Pairs) < 2 {
		t.Fatalf("the site is not shown")
	}
	defer e.watcher.Close()
	pr := translated(e.ws.Model)
	step("open a pair from the library", func() {
		for i, p := range e.library.shown {
			if p == pr {
				e.library.list.Select(i)
			}
		}
	})
	if e.pair() != pr || e.column("en") == nil || e.column("en").body == nil {
		t.Fatalf("the pair is not shown")
	}
	en, fr := e.column("en"), e.column("fr")
	step("type into the text", func() { test.Type(en.body, "Hello there. ") })
	step("type into the translation", func() { test.Type(fr.body, "Bonjour. ") })
	step("type into a field", func() {
		if title, ok := en.fields["title"].obj.(*widget.Entry); ok {
			test.Type(title, "Now: ")
		}
	})
	step("move the caret", func() {
		en.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		en.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	})
	if en.tabs != nil {
		step("show the preview", func() { en.tabs.SelectIndex(1) })
	}
	if e.pair() != pr || !en.post.Dirty() {
		t.Fatal("the edits were not made")
	}
	step("save", func() { e.Save() })
	if en.post.Dirty() || fr.post.Dirty() || !strings.Contains(readFile(t, en.post.Abs()), "Hello there. ") {
		t.Error("the pair was not saved")
	}
	// Another program changes the file: the save is refused, the file as
	// it is now read for the conflict bar, off the UI thread.
	if err := os.WriteFile(en.post.Abs(), []byte(readFile(t, en.post.Abs())+"\nAnother program's line.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	test.Type(en.body, "Mine. ")
	step("save over another program's change", func() { e.Save() })
	if en.post.DiskChange == nil || !en.post.Dirty() {
		t.Error("the other program's version was not read, or the text was saved over it")
	}
	step("silence a finding", func() {
		e.view.checks.silence(model.NewFinding(fr.post.Path, 1, check.RuleNumber, model.Warning, "", "a finding"))
	})
	step("add a word to the site's dictionary", func() { e.view.checks.addWord("fr", "Tandemesque") })
	if sil := check.Silenced(e.ws.Model); !sil.Has(fr.post.Path, check.RuleNumber, "") {
		t.Error("the finding was not silenced")
	}
	mu.Lock()
	touched = nil // the test's own reading, just above
	mu.Unlock()
	// Git's work: its results come to the UI thread through the runner.
	step("read the pairs' publish states", func() { e.refreshPubStatus() })
	if e.ws.Status() == nil {
		t.Error("the publish states were not read")
	}
	step("get the latest", func() { e.getLatest() })
	// A bug in a task is told on the UI thread, through the runner too:
	// nothing of it before the UI thread's turn.
	bug.SetLog(t.TempDir() + "/errors.log")
	defer bug.SetLog("")
	path := fr.post.Path
	hasBug := func() bool {
		return slices.ContainsFunc(e.ws.FindingsOf(path), func(f model.Finding) bool { return f.Rule == model.RuleInternal })
	}
	task.Go(path, "check", func() { panic("a planted bug") }, nil)
	task.Wait()
	if hasBug() {
		t.Error("a task's bug was told off the UI thread")
	}
	step("a task's bug", func() {})
	if !hasBug() {
		t.Error("a task's bug was not told")
	}
}

// TestTheLastPairAskedForIsShown: two pairs asked for one after the
// other, each read off the UI thread: the second is shown, whichever
// reading ends first.
func TestTheLastPairAskedForIsShown(t *testing.T) {
	task.Inline(false)
	defer task.Inline(true)
	var qmu sync.Mutex
	var queue []func()
	task.OnUI(func(f func()) { qmu.Lock(); queue = append(queue, f); qmu.Unlock() })
	defer task.OnUI(nil)
	root := fixture(t, "hugo-wordpress")
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	e := New(a)
	task.Inline(true)
	e.ShowSite(s)
	task.Inline(false)
	defer e.watcher.Close()
	var two []*model.Pair
	for _, pr := range s.Pairs {
		if len(pr.Posts) == 2 && len(two) < 2 {
			two = append(two, pr)
		}
	}
	e.OpenPair(two[0], "en")
	e.OpenPair(two[1], "en")
	task.Wait()
	// The readings' results, in the opposite order of the asking.
	qmu.Lock()
	q := queue
	queue = nil
	qmu.Unlock()
	for i := len(q) - 1; i >= 0; i-- {
		q[i]()
	}
	if e.pair() != two[1] {
		t.Errorf("shown %v, want the second pair asked for", e.pair())
	}
}

// translated is the site's first pair with both posts (its first pair
// when it has none).
func translated(s *model.Site) *model.Pair {
	for _, p := range s.Pairs {
		if len(p.Posts) == 2 {
			return p
		}
	}
	return s.Pairs[0]
}

// TestSaveWhileSaving: a save asked for while another's files are still
// being written (off the UI thread) follows it: the text typed between
// the two is saved, the window ends with nothing unsaved, and the watcher
// reading the file meanwhile took it for Tandem's own save.
func TestSaveWhileSaving(t *testing.T) {
	settle := realRunner(t)
	root := fixture(t, "hugo-wordpress")
	a := test.NewTempApp(t)
	e := New(a)
	e.OpenSite(root)
	settle()
	defer e.watcher.Close()
	pr := translated(e.ws.Model)
	e.OpenPair(pr, "en")
	settle()
	en := e.column("en")
	test.Type(en.body, "First. ")
	e.Save() // its files written on a goroutine of their own
	test.Type(en.body, "Second. ")
	e.Save() // asked for before the first ended
	settle()
	if !strings.Contains(readFile(t, en.post.Abs()), "First. Second. ") {
		t.Errorf("saved: %.80q", readFile(t, en.post.Abs()))
	}
	if en.post.Dirty() || e.saving || len(e.saveNext) != 0 {
		t.Errorf("after the saves: dirty %v, saving %v, %d waiting", en.post.Dirty(), e.saving, len(e.saveNext))
	}
	ch := e.ws.Model.Apply(e.ws.Model.ReadChanges([]string{en.post.Abs()}))
	if len(ch.Conflicts) != 0 || en.post.DiskChange != nil {
		t.Error("the window's own save read as another program's change")
	}
}
