package editor

import (
	"tandem/editor/textarea"

	"bytes"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func dump(c *column) string {
	var b bytes.Buffer
	c.prev.Dump(&b)
	return b.String()
}

// TestPreviewFollowsTyping checks that both columns show their post's
// preview, that typing reaches it, and that a title edit updates its
// header.
func TestPreviewFollowsTyping(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	en, fr := e.column("en"), e.column("fr")
	if en.tabs.SelectedIndex() != 1 {
		t.Error("the preview tab is not shown first")
	}
	if d := dump(en); !strings.Contains(d, "paragraph") {
		t.Fatalf("English preview is empty:\n%s", d)
	}
	if d := dump(fr); !strings.Contains(d, "paragraph") {
		t.Fatalf("French preview is empty:\n%s", d)
	}
	e.win.Canvas().Focus(en.body)
	en.body.SetCursor(textarea.Pos{})
	test.Type(en.body, "## Fresh heading\n\n")
	flushPreviews(e)
	if d := dump(en); !strings.Contains(d, "heading h2 lines=1-1\n  text\th2,bold\t\"Fresh heading\"") {
		t.Errorf("typed heading not in the preview:\n%s", d)
	}
	test.Type(en.fields["title"].obj.(*widget.Entry), "!")
	flushPreviews(e)
	if !strings.Contains(en.header.Title, "!") {
		t.Errorf("header title %q did not follow the field", en.header.Title)
	}
}

// TestPreviewMenuChoices checks the View menu's preview choices: fields or
// preview in every column, invisible characters, scrolling together.
func TestPreviewMenuChoices(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	e.togglePreview()
	for _, c := range e.columns() {
		if c.tabs.SelectedIndex() != 0 {
			t.Errorf("%s: fields not shown after the toggle", c.lang)
		}
	}
	e.togglePreview()
	en, fr := e.column("en"), e.column("fr")
	if en.tabs.SelectedIndex() != 1 {
		t.Error("preview not shown again")
	}

	en.body.SelectAll()
	en.body.ReplaceSelection("Prix\u00a0: dix dollars")
	flushPreviews(e)
	if strings.Contains(dump(en), `"°"`) {
		t.Error("invisible characters shown before asked")
	}
	e.setInvisible(true)
	flushPreviews(e)
	if !strings.Contains(dump(en), "text\tprimary\t\"°\"") {
		t.Errorf("no-break space not shown:\n%s", dump(en))
	}
	e.setInvisible(false)
	flushPreviews(e)

	// Scrolling one preview scrolls the other to the same block.
	e.win.Resize(fyne.NewSize(1400, 500))
	fr.prev.ScrollToBlock(0, 0)
	en.prev.OnScrolled(2, 0.5)
	if b, _ := fr.prev.TopBlock(); b != 2 {
		t.Errorf("French preview at block %d, want 2", b)
	}
	prefScrollSync.set(e.app, false)
	en.prev.OnScrolled(0, 0)
	if b, _ := fr.prev.TopBlock(); b != 2 {
		t.Errorf("French preview moved to %d with scrolling together off", b)
	}
}

// TestOpenInBrowser checks the standalone page of the pair: both
// languages, in the temporary folder, not in the site.
func TestOpenInBrowser(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	e.openInBrowser()
	data, err := os.ReadFile(tmp + "/tandem-preview/2024-03-05-community-gardens.html")
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{`<article lang="en">`, `<article lang="fr">`, "<h1>Growing community gardens, one plot at a time</h1>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.HasPrefix(tmp, e.ws.Model.Root) || strings.HasPrefix(e.ws.Model.Root, tmp) {
		t.Fatal("test setup: temp folder and site overlap")
	}
	_ = p
}

// TestPreviewShowsTypedBlock checks that a block typed at the end of a
// long post, below what the preview shows, is scrolled into view once it
// is rendered.
func TestPreviewShowsTypedBlock(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	en := e.column("en")
	e.win.Canvas().Focus(en.body)
	en.body.SetCursor(textarea.Pos{})
	test.Type(en.body, strings.Repeat("A paragraph typed to make the post long.\n\n", 200))
	flushPreviews(e)
	en.prev.ScrollToBlock(0, 0)
	en.body.SetCursor(textarea.Pos{Line: en.body.Lines() - 1})
	test.Type(en.body, "\n\nThe very last words.\n")
	flushPreviews(e)
	last := len(en.prev.Doc().Blocks) - 1
	if !en.prev.InView(last) {
		top, _ := en.prev.TopBlock()
		t.Errorf("the block typed at the end (%d) is not in view; block %d is at the top", last, top)
	}
}

// TestPreviewOpensAtTop checks that a pair opens with its previews at the
// top, title first, even when the header is taller than the view; typing
// then brings the caret's block into view.
func TestPreviewOpensAtTop(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	en := e.column("en")
	e.win.Canvas().Focus(en.body)
	e.win.Resize(fyne.NewSize(1400, 420)) // a preview shorter than the header
	flushPreviews(e)
	if top, frac := en.prev.TopBlock(); top != 0 || frac != 0 {
		t.Errorf("the preview opened at block %d (%.2f), not at the title", top, frac)
	}
	en.body.SetCursor(textarea.Pos{})
	test.Type(en.body, "Typed ")
	flushPreviews(e)
	if !en.prev.InView(en.prev.Doc().BlockAt(1)) {
		t.Error("the block typed in is not in view")
	}
}
