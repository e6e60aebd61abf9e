package editor

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tandem/bug"
	"tandem/editor/textarea"
	"tandem/markup"
	"tandem/model"
)

// TestABugInOneRenderStaysInItsPost: with a panic injected in the render
// of one post (the test hook), that post's preview says so, it gets an
// internal-error finding in the library, its translation renders and is
// checked, and another pair opens and renders as usual.
func TestABugInOneRenderStaysInItsPost(t *testing.T) {
	bug.SetLog(filepath.Join(t.TempDir(), "errors.log"))
	defer bug.SetLog("")
	t.Setenv("TANDEM_INJECT_PANIC", "Three doors, one service.")
	root := copyOf(t, filepath.Join("..", "testdata", "hugo-wordpress"))
	en := "content/en/blog/posts/comparing-service-channels.md"
	e, _ := openPairIn(t, root, en)
	hasBug := func(path string) bool {
		return slices.ContainsFunc(e.ws.FindingsOf(path), func(f model.Finding) bool { return f.Rule == model.RuleInternal })
	}
	if !hasBug(en) {
		t.Fatalf("no internal-error finding on %s: %v", en, e.ws.FindingsOf(en))
	}
	d := e.column("en").prev.Doc()
	if d == nil || len(d.Blocks) != 1 || d.Blocks[0].Kind != markup.Note || !strings.Contains(d.Blocks[0].Spans[0].Text, "bug in Tandem") {
		t.Fatalf("the English preview: %+v", d)
	}
	if fr := e.column("fr").prev.Doc(); fr == nil || len(fr.Blocks) < 10 {
		t.Fatalf("the French preview was not rendered: %+v", fr)
	}
	if strings.Contains(e.status.Text, "bug in Tandem") == false {
		t.Errorf("status: %q", e.status.Text)
	}
	other := e.ws.Model.PostAt("content/en/blog/posts/listening-to-users.md")
	e.OpenPair(other.Pair, "en")
	flushPreviews(e)
	if d := e.column("en").prev.Doc(); d == nil || len(d.Blocks) < 5 || hasBug(other.Path) {
		t.Fatalf("another pair: %+v, findings %v", d, e.ws.FindingsOf(other.Path))
	}
	if !hasBug(en) {
		t.Errorf("the broken post lost its finding once closed: %v", e.ws.FindingsOf(en))
	}
}

// TestFixPutsTheRightLink: a French paragraph that links to the English
// post gets translation-link-language with the French post's address,
// and Fix puts it in.
func TestFixPutsTheRightLink(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "testdata", "hugo-wordpress"))
	fr := "content/fr/blog/posts/comparer-les-modes-de-service.md"
	edit(t, filepath.Join(root, filepath.FromSlash(fr)), "https://bulletin.example/2018/11/02/a-l-ecoute-des-usagers/",
		"https://service.example/2018/11/02/listening-to-users/")
	e, p := openPairIn(t, root, fr)
	var f model.Finding
	for _, g := range e.ws.FindingsOf(p.Path) {
		if g.Rule == "translation-link-language" {
			f = g
		}
	}
	if f.Replace[1] != "https://bulletin.example/2018/11/02/a-l-ecoute-des-usagers/" {
		t.Fatalf("no translation-link-language finding with the French address: %v", e.ws.FindingsOf(p.Path))
	}
	c := e.column("fr")
	c.body.SetCursor(textarea.Pos{Line: f.Line - p.Doc.BodyLine()})
	c.issue.show()
	tapButton(t, c.issue.box, "Fix")
	if text := c.body.Text(); !strings.Contains(text, "(https://bulletin.example/2018/11/02/a-l-ecoute-des-usagers/)") ||
		strings.Contains(text, "service.example/2018") {
		t.Fatalf("after Fix:\n%s", text[len(text)-200:])
	}
}

// edit replaces old with new in the file at path.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s: %v, or no %q", path, err, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestABugInTheSurveyStaysInItsPost: with a panic planted in the survey
// of one post's body at opening (the test hook, in the checks' survey
// that the site's opening runs on its workers), the window opens, lives,
// and that post shows an internal-error finding; its pair still opens.
func TestABugInTheSurveyStaysInItsPost(t *testing.T) {
	bug.SetLog(filepath.Join(t.TempDir(), "errors.log"))
	defer bug.SetLog("")
	t.Setenv("TANDEM_INJECT_PANIC", "Three doors, one service.")
	t.Setenv("TANDEM_INJECT_PANIC_IN", "survey")
	root := copyOf(t, filepath.Join("..", "testdata", "hugo-wordpress"))
	en := "content/en/blog/posts/comparing-service-channels.md"
	e, _ := openPairIn(t, root, en)
	found := false
	for _, f := range e.ws.FindingsOf(en) {
		found = found || f.Rule == model.RuleInternal && strings.Contains(f.Message, "bug in Tandem")
	}
	if !found {
		t.Fatalf("no internal-error finding on %s: %v", en, e.ws.FindingsOf(en))
	}
	if d := e.column("en").prev.Doc(); d == nil || len(d.Blocks) < 5 {
		t.Errorf("the post's pair does not show: %+v", d)
	}
	other := e.ws.Model.PostAt("content/en/blog/posts/listening-to-users.md")
	for _, f := range e.ws.FindingsOf(other.Path) {
		if f.Rule == model.RuleInternal {
			t.Errorf("another post has the bug: %v", f)
		}
	}
}
