package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/bug"
)

// The commands over a site shaped like the real one the app was made
// for: a Hugo site pinned to Hugo 0.55 (Blackfriday) by its Dockerfile
// and workflow, per-language base URLs, WordPress posts with tables whose
// cells hold blocks and lists with blank lines between their items.

func TestCommandsOnAWordPressSite(t *testing.T) {
	site := fixture(t, "hugo-wordpress")
	en := filepath.Join(site, "content", "en", "blog", "posts", "comparing-service-channels.md")
	fr := filepath.Join(site, "content", "fr", "blog", "posts", "comparer-les-modes-de-service.md")
	code, out, errOut := run("lint", site)
	if code != 0 || errOut != "" || !strings.Contains(out, "hugo site rendered with blackfriday (Hugo 0.55.6") {
		t.Fatalf("lint: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run("preview", en, "--segments")
	for _, want := range []string{"table lines=", "What did not", "Wait times of 40 minutes", `marker="3."`, `marker="4."`, "The phone line solved"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("preview --segments: exit %d, no %q\n%s", code, want, out)
		}
	}
	// The list whose items are separated by blank lines is one list.
	if n := strings.Count(out, `depth=1 marker="•"`); n < 3 {
		t.Errorf("the blank-line list shows %d items as items\n%s", n, out)
	}
	html := filepath.Join(t.TempDir(), "pair.html")
	if code, _, errOut := run("preview", en, "--pair", "-o", html); code != 0 {
		t.Errorf("preview --pair: exit %d %s", code, errOut)
	}
	if code, out, errOut := run("align", "--json", fr); code != 0 || !strings.Contains(out, `"blocks"`) {
		t.Errorf("align: exit %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run("suggest", "--json", fr, "--line", "11"); code > 1 || !strings.Contains(out, "suggestions") {
		t.Errorf("suggest: exit %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run("tm", "--tmx", site); code != 0 || !strings.Contains(out, "<tmx") || !strings.Contains(out, "Les trois modes") {
		t.Errorf("tm: exit %d %.300s %s", code, out, errOut)
	}
}

// TestABugStaysInItsPost: a panic injected in one post's render (the
// test hook) is that post's internal-error finding; the other posts are
// still linted and printed, lint exits 1, and no stack trace is printed.
// A command about that post alone says so in both languages.
func TestABugStaysInItsPost(t *testing.T) {
	site := fixture(t, "hugo-wordpress")
	log := filepath.Join(t.TempDir(), "errors.log")
	bug.SetLog(log)
	defer bug.SetLog("")
	t.Setenv("TANDEM_INJECT_PANIC", "Three doors, one service.")
	code, out, errOut := run("lint", "--json", site)
	if code != 1 || strings.Contains(errOut+out, "goroutine ") {
		t.Fatalf("lint: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{`"rule": "internal-error"`, `"path": "content/en/blog/posts/comparing-service-channels.md"`,
		"content/en/blog/posts/listening-to-users.md", "because of a bug in Tandem", log} {
		if !strings.Contains(out, want) {
			t.Errorf("lint --json lacks %q\n%s", want, out)
		}
	}
	if strings.Count(out, `"rule": "internal-error"`) != 2 { // the pair's two posts: their checks failed
		t.Errorf("internal errors: %d\n%s", strings.Count(out, `"rule": "internal-error"`), out)
	}
	b, err := os.ReadFile(log)
	if err != nil || !strings.Contains(string(b), "injected for a test") || !strings.Contains(string(b), "goroutine") {
		t.Errorf("the log holds no stack: %v\n%.500s", err, b)
	}
	en := filepath.Join(site, "content", "en", "blog", "posts", "comparing-service-channels.md")
	code, out, errOut = run("preview", en, "--segments")
	if code != 1 || !strings.Contains(errOut, "a bug in Tandem stopped this command") || !strings.Contains(errOut, "une erreur dans Tandem") ||
		strings.Contains(errOut, "goroutine ") {
		t.Errorf("preview of the post: exit %d\n%s\n%s", code, out, errOut)
	}
	other := filepath.Join(site, "content", "en", "blog", "posts", "listening-to-users.md")
	if code, out, _ := run("preview", other, "--segments"); code != 0 || !strings.Contains(out, "Watch someone use the service") {
		t.Errorf("preview of another post: exit %d\n%s", code, out)
	}
	if code, out, errOut := run("tm", "--tmx", site); code != 0 || !strings.Contains(out, "Six habitudes") && !strings.Contains(out, "six habitudes") {
		t.Errorf("tm without the broken pair: exit %d %.300s %s", code, out, errOut)
	}
}
