package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// watched is a site with a running watcher whose batches are applied as
// the window applies them: read off the watcher's goroutine, applied under
// a lock standing for the UI thread.
type watched struct {
	t    *testing.T
	site *Site
	w    *Watcher
	mu   sync.Mutex
	all  Changes
	n    int // batches applied
}

func watchSite(t *testing.T, fixture string, failure error) *watched {
	t.Helper()
	root := copySite(t, fixture)
	ws := &watched{t: t, site: openSite(t, root), all: Changes{Renamed: map[string]*Post{}}}
	ws.w = ws.site.watch(func(paths []string) {
		pd := ws.site.ReadChanges(paths)
		ws.mu.Lock()
		defer ws.mu.Unlock()
		ch := ws.site.Apply(pd)
		ws.n++
		ws.all.Added = append(ws.all.Added, ch.Added...)
		ws.all.Removed = append(ws.all.Removed, ch.Removed...)
		ws.all.Reloaded = append(ws.all.Reloaded, ch.Reloaded...)
		ws.all.Conflicts = append(ws.all.Conflicts, ch.Conflicts...)
		ws.all.Deleted = append(ws.all.Deleted, ch.Deleted...)
		for k, v := range ch.Renamed {
			ws.all.Renamed[k] = v
		}
		ws.all.Config = ws.all.Config || ch.Config
	}, failure)
	t.Cleanup(ws.w.Close)
	return ws
}

// until waits for cond, checked after each batch, for at most limit.
func (ws *watched) until(what string, limit time.Duration, cond func() bool) {
	ws.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ws.mu.Lock()
		ok := cond()
		ws.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			ws.t.Fatalf("%s: not seen within %v", what, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (ws *watched) abs(rel string) string {
	return filepath.Join(ws.site.Root, filepath.FromSlash(rel))
}

const newPost = "---\ntitle: \"Written elsewhere\"\nlang: en\ndate: 2024-09-01\n---\nA post another program wrote.\n"

func TestWatchCreateModifyDelete(t *testing.T) {
	ws := watchSite(t, "jekyll", nil)
	if ws.w.Mode() != "watching" {
		t.Fatalf("mode %q", ws.w.Mode())
	}
	rel := "_posts/en/2024-09-01-written-elsewhere.md"
	writeFile(t, ws.abs(rel), newPost)
	ws.until("create", 5*time.Second, func() bool { return ws.site.PostAt(rel) != nil })
	p := ws.site.PostAt(rel)
	if p.Title() != "Written elsewhere" || p.Pair == nil {
		t.Errorf("new post %q, pair %v", p.Title(), p.Pair)
	}

	f, err := os.OpenFile(ws.abs(rel), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Appended by another editor.\n")
	f.Close()
	ws.until("modify", 5*time.Second, func() bool { return strings.Contains(p.Doc.BodyText(), "Appended") })
	if p.Dirty() {
		t.Error("a reloaded post is dirty")
	}

	os.Remove(ws.abs(rel))
	ws.until("delete", 5*time.Second, func() bool { return ws.site.PostAt(rel) == nil })
}

// TestWatchAtomicReplaceAndRename covers other editors' saves (temp file
// renamed over the post) and a rename, which keeps the post and its pair.
func TestWatchAtomicReplaceAndRename(t *testing.T) {
	ws := watchSite(t, "jekyll", nil)
	rel := "_posts/en/2024-03-05-community-gardens.md"
	p := mustPost(t, ws.site, rel)
	pair := p.Pair
	data := readFile(t, ws.abs(rel))
	tmp := ws.abs("_posts/en/.community-gardens.md.swp")
	writeFile(t, tmp, strings.Replace(data, "one plot at a time", "plot by plot", 1))
	if err := os.Rename(tmp, ws.abs(rel)); err != nil {
		t.Fatal(err)
	}
	ws.until("atomic replace", 5*time.Second, func() bool { return strings.Contains(p.Title(), "plot by plot") })

	to := "_posts/en/2024-03-05-gardens-renamed.md"
	if err := os.Rename(ws.abs(rel), ws.abs(to)); err != nil {
		t.Fatal(err)
	}
	ws.until("rename", 5*time.Second, func() bool { return p.Path == to })
	if ws.site.PostAt(to) != p || ws.site.PostAt(rel) != nil {
		t.Error("the renamed post is not the same post")
	}
	if p.Counterpart() == nil || p.Counterpart() != pair.Post("fr") {
		t.Error("the renamed post lost its translation")
	}
}

// TestWatchOwnSaveIgnored checks that Tandem's own save is not reported as
// a change from outside.
func TestWatchOwnSaveIgnored(t *testing.T) {
	ws := watchSite(t, "jekyll", nil)
	p := mustPost(t, ws.site, "_posts/en/2024-03-05-community-gardens.md")
	ws.mu.Lock()
	p.Doc.SetBodyText(p.Doc.BodyText() + "\nSaved by Tandem.\n")
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	ws.mu.Unlock()
	// A marker file after the save: once its batch is in, the save's is too.
	writeFile(t, ws.abs("_posts/en/2024-12-31-marker.md"), newPost)
	ws.until("marker", 5*time.Second, func() bool { return ws.site.PostAt("_posts/en/2024-12-31-marker.md") != nil })
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, q := range append(ws.all.Reloaded, ws.all.Conflicts...) {
		if q == p {
			t.Error("Tandem's own save came back as a change")
		}
	}
}

// TestWatchUnsavedEdits checks that a changed or deleted file never
// replaces unsaved edits: the file's version waits, Save refuses until the
// user chooses, Keep mine overwrites, Reload takes the file; a deleted
// file is recreated by Save.
func TestWatchUnsavedEdits(t *testing.T) {
	ws := watchSite(t, "jekyll", nil)
	rel := "_posts/en/2024-03-05-community-gardens.md"
	p := mustPost(t, ws.site, rel)
	ws.mu.Lock()
	p.Doc.SetBodyText("My unsaved text.\n")
	ws.mu.Unlock()
	theirs := readFile(t, ws.abs(rel)) + "Their line.\n"
	writeFile(t, ws.abs(rel), theirs)
	ws.until("conflict", 5*time.Second, func() bool { return p.DiskChange != nil })
	ws.mu.Lock()
	if !strings.Contains(p.Doc.BodyText(), "My unsaved text.") {
		t.Error("unsaved edits replaced")
	}
	if err := p.Save(); !errors.Is(err, ErrChangedOnDisk) {
		t.Errorf("Save before a choice: %v", err)
	}
	if got := readFile(t, ws.abs(rel)); got != theirs {
		t.Error("their version was overwritten")
	}
	p.KeepMine()
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, ws.abs(rel)); !strings.Contains(got, "My unsaved text.") {
		t.Error("Keep mine did not save mine")
	}
	ws.mu.Unlock()

	// Reload takes theirs.
	ws.mu.Lock()
	p.Doc.SetBodyText("Second unsaved text.\n")
	ws.mu.Unlock()
	writeFile(t, ws.abs(rel), theirs)
	ws.until("second conflict", 5*time.Second, func() bool { return p.DiskChange != nil })
	ws.mu.Lock()
	p.TakeDiskChange()
	if p.Dirty() || !strings.Contains(p.Doc.BodyText(), "Their line.") {
		t.Error("Reload did not take their version")
	}
	p.Doc.SetBodyText("Text of a deleted file.\n")
	ws.mu.Unlock()

	os.Remove(ws.abs(rel))
	ws.until("deleted", 5*time.Second, func() bool { return p.Deleted })
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.site.PostAt(rel) != p {
		t.Fatal("a deleted post with unsaved edits left the site")
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readFile(t, ws.abs(rel)), "Text of a deleted file.") || p.Deleted {
		t.Error("Save did not recreate the deleted file")
	}
}

// TestWatchStormAndNewFolder writes 2,000 posts at once (a checkout) into
// a folder made after the watcher started.
func TestWatchStormAndNewFolder(t *testing.T) {
	ws := watchSite(t, "jekyll", nil)
	before := len(ws.site.Posts)
	dir := ws.abs("_posts/en/imported")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("2023-01-%02d-storm-%04d.md", i%28+1, i)
		writeFile(t, filepath.Join(dir, name), fmt.Sprintf("---\ntitle: Storm %d\nlang: en\n---\nBody %d\n", i, i))
	}
	ws.until("2,000 posts", 20*time.Second, func() bool { return len(ws.site.Posts) == before+n })
	ws.mu.Lock()
	batches := ws.n
	ws.mu.Unlock()
	t.Logf("2,000 files in %d batches", batches)
	if batches > 200 {
		t.Errorf("%d batches for one storm", batches)
	}
}

// TestWatchPolling checks the fallback when the system's watcher fails.
func TestWatchPolling(t *testing.T) {
	ws := watchSite(t, "jekyll", errors.New("too many open files"))
	if !strings.HasPrefix(ws.w.Mode(), "polling") {
		t.Fatalf("mode %q", ws.w.Mode())
	}
	rel := "_posts/en/2024-09-01-written-elsewhere.md"
	writeFile(t, ws.abs(rel), newPost)
	ws.until("create by polling", 3*PollEvery, func() bool { return ws.site.PostAt(rel) != nil })
}

// TestWatchConfig reports a configuration change.
func TestWatchConfig(t *testing.T) {
	ws := watchSite(t, "jekyll", nil)
	f, err := os.OpenFile(ws.abs("_config.yml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("# changed\n")
	f.Close()
	ws.until("config", 5*time.Second, func() bool { return ws.all.Config })
}
