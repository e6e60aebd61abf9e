package task

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"tandem/bug"
)

// TestAPanicIsReported: a panic in the work, in its result or in a UI
// handler reaches the handler with its post; the result of work that
// failed is not applied; work that goes well applies its result.
func TestAPanicIsReported(t *testing.T) {
	test.NewTempApp(t)
	bug.SetLog(filepath.Join(t.TempDir(), "errors.log"))
	defer bug.SetLog("")
	reported := make(chan string, 10)
	OnBug(func(post string, err *bug.Error) {
		if err.Log == "" {
			t.Errorf("no log for %s", post)
		}
		reported <- post
	})
	defer OnBug(nil)
	Inline(true)
	applied := false
	Go("a.md", "render", func() { panic("in the work") }, func() { applied = true })
	if applied {
		t.Error("the result of failed work was applied")
	}
	Go("b.md", "render", func() {}, func() { panic("in the result") })
	Guard("c.md", "a click on", func() { var m map[string]int; m["x"]++ })
	ok := false
	Go("d.md", "render", func() {}, func() { ok = true })
	if !ok {
		t.Error("work that went well was not applied")
	}
	Inline(false)
	Go("e.md", "render", func() { panic("off the UI thread") }, nil)
	var posts []string
	for range 4 {
		select {
		case p := <-reported:
			posts = append(posts, p)
		case <-time.After(10 * time.Second):
			t.Fatalf("reported only %v", posts)
		}
	}
	sort.Strings(posts)
	if got := strings.Join(posts, " "); got != "a.md b.md c.md e.md" {
		t.Errorf("reported %s", got)
	}
}
