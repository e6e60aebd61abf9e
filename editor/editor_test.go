package editor

import (
	"os"
	"path/filepath"
	"strings"
	"tandem/task"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tandem/assets"
	"tandem/editor/textarea"
	"tandem/model"
	"tandem/preview"
)

func fixture(t *testing.T, name string) string {
	return copyOf(t, filepath.Join("..", "testdata", name))
}

// copyOf copies the fixture site in folder src to a temporary folder.
func copyOf(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// openPair builds the window on a copy of a fixture site with the pair of
// post rel open.
func openPair(t *testing.T, site, rel string) (*Editor, *model.Post) {
	t.Helper()
	return openPairIn(t, fixture(t, site), rel)
}

// openPairIn builds the window on the site at root with the pair of post
// rel open.
func openPairIn(t *testing.T, root, rel string) (*Editor, *model.Post) {
	t.Helper()
	a := test.NewTempApp(t)
	e := New(a)
	e.win.Resize(fyne.NewSize(1400, 900))
	s, err := model.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	e.ShowSite(s)
	// Tests apply outside changes themselves, synchronously.
	e.watcher.Close()
	p := s.PostAt(rel)
	if p == nil {
		t.Fatalf("no post %s", rel)
	}
	e.OpenPair(p.Pair, p.Lang)
	flushPreviews(e)
	return e, p
}

// flushPreviews renders the previews' pending changes and loads their
// images.
func flushPreviews(e *Editor) {
	for _, c := range e.columns() {
		if c.live != nil {
			c.live.Flush()
		}
	}
	preview.WaitImages()
}

func (e *Editor) column(l string) *column {
	for _, c := range e.columns() {
		if c.lang == l {
			return c
		}
	}
	return nil
}

func TestEditFieldAndBodyThenSave(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	before := readFile(t, p.Abs())
	frBefore := readFile(t, p.Counterpart().Abs())
	en := e.column("en")
	if got := e.win.Canvas().Focused(); got != en.body {
		t.Errorf("focus on %T, want the English body", got)
	}
	if en.body.Text() != p.Doc.BodyText() {
		t.Fatal("the body editor does not show the body")
	}
	title := en.fields["title"].obj.(*widget.Entry)
	test.Type(title, "Now: ")
	test.Type(en.body, "Hello. ")
	if !strings.HasSuffix(e.win.Title(), "•") {
		t.Errorf("title %q: no unsaved mark", e.win.Title())
	}
	e.Save()
	if strings.HasSuffix(e.win.Title(), "•") {
		t.Errorf("title %q after save", e.win.Title())
	}
	want := strings.Replace(before, `title: "Growing`, `title: "Now: Growing`, 1)
	want = strings.Replace(want, "---\n\nLast spring", "---\nHello. \nLast spring", 1)
	if got := readFile(t, p.Abs()); got != want {
		t.Errorf("file on disk:\n%s\nwant:\n%s", got, want)
	}
	if readFile(t, p.Counterpart().Abs()) != frBefore {
		t.Error("the French post changed")
	}
}

func TestSharedFieldShowsInBothColumns(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	layout := e.column("en").fields["layout"].obj.(*widget.SelectEntry)
	layout.SetText("default")
	fr := e.column("fr")
	if got := fr.fields["layout"].obj.(*widget.SelectEntry).Text; got != "default" {
		t.Errorf("French layout shows %q", got)
	}
	if p.Counterpart().Doc.Get("layout") != "default" {
		t.Error("French post not changed")
	}
}

func TestLintShownNextToField(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	en := e.column("en")
	alt := en.fields["image-alt"]
	if alt.hint.Visible() {
		t.Fatal("a hint before any problem")
	}
	alt.obj.(*widget.Entry).SetText("")
	if !alt.hint.Visible() || !strings.Contains(alt.hint.Text, "image-alt") {
		t.Errorf("no hint for an empty image-alt: %q", alt.hint.Text)
	}
}

func TestLibraryFilterAndBadges(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	lb := e.library
	if len(lb.shown) != 7 {
		t.Fatalf("%d pairs shown", len(lb.shown))
	}
	lb.filter.SetText("jardins")
	if len(lb.shown) != 1 || lb.shown[0].Title() != "Growing community gardens, one plot at a time" {
		t.Errorf("filter: %d shown", len(lb.shown))
	}
	lb.filter.SetText("")
	for _, pr := range lb.shown {
		text, _ := lb.badge(pr)
		if strings.Contains(pr.Title(), "Summer hours") && !strings.Contains(text, "English only") {
			t.Errorf("badge %q", text)
		}
	}
}

func TestUnsavedEditsAskBeforeClosing(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	test.Type(e.column("en").body, "x")
	e.ClosePair()
	if e.pair() == nil {
		t.Fatal("closed without asking")
	}
	if len(e.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("no dialog")
	}
	_ = p
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFitsSmallScreens: the window with a pair open fits 1024×700.
func TestFitsSmallScreens(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	if min := e.win.Content().MinSize(); min.Width > 1024 || min.Height > 700 {
		t.Errorf("minimum size %v is larger than 1024×700", min)
	}
}

func TestCreateTranslationFromTheWindow(t *testing.T) {
	e, en := openPair(t, "jekyll", "_posts/en/2024-07-20-summer-hours.md")
	if e.column("fr").body != nil {
		t.Fatal("a French editor for a missing post")
	}
	e.createTranslation(en.Pair, "fr")
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no dialog asks for the French title")
	}
	// Typed into the dialog's title field, then its Create button.
	title := findEntry(t, d)
	test.Type(title, "Horaire d’été")
	tapButton(t, d, "Create")
	fr := en.Counterpart()
	if fr == nil || fr.Title() != "Horaire d’été" {
		t.Fatalf("no French post titled from the dialog: %v", fr)
	}
	if c := e.column("fr"); c.body == nil || c.post != fr {
		t.Fatal("the new French post is not shown")
	}
	text, _ := e.library.badge(fr.Pair)
	if !strings.Contains(text, "French untranslated") {
		t.Errorf("badge %q", text)
	}
	test.Type(e.column("fr").body, "Nous fermons à midi.")
	if text, _ := e.library.badge(fr.Pair); strings.Contains(text, "untranslated") {
		t.Errorf("still untranslated after an edit: %q", text)
	}
}

func TestFirstStartCopiesTheSample(t *testing.T) {
	root, err := copySample(filepath.Join(t.TempDir(), "Tandem sample site"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pairs) != 2 || len(s.Pairs[0].Posts) != 2 {
		t.Fatalf("%d pairs", len(s.Pairs))
	}
	for _, f := range s.Lint() {
		t.Errorf("the sample site has a problem: %s", f)
	}
	// A second start keeps the user's copy as it is.
	os.WriteFile(filepath.Join(root, "mine.txt"), []byte("x"), 0o644)
	if again, _ := copySample(root); again != root {
		t.Error("another folder")
	}
	if _, err := os.Stat(filepath.Join(root, "mine.txt")); err != nil {
		t.Error("the sample was copied again")
	}
}

func TestToolbarActsOnSelection(t *testing.T) {
	e, _ := openPair(t, "jekyll", "_posts/en/2024-07-20-summer-hours.md")
	c := e.column("en")
	body := c.body
	body.SetText("We close at noon.")
	body.TypedShortcut(&fyne.ShortcutSelectAll{})
	c.wrapSelection("**", "**", "bold text")
	if body.Text() != "**We close at noon.**" {
		t.Errorf("bold on a selection: %q", body.Text())
	}
	body.SetText("Title line\nsecond")
	body.SetCursor(textarea.Pos{Line: 0, Col: 3})
	c.prefixLine("## ")
	c.prefixLine("## ") // once only
	if body.Text() != "## Title line\nsecond" {
		t.Errorf("heading: %q", body.Text())
	}
	body.SetText("")
	c.wrapSelection("*", "*", "italic text")
	if body.Text() != "*italic text*" {
		t.Errorf("italic without a selection: %q", body.Text())
	}
	if got := c.post.Doc.BodyText(); got != body.Text() {
		t.Errorf("the post has %q", got)
	}
}

func TestDontSaveDiscardsAndGoesOn(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	before := readFile(t, p.Abs())
	test.Type(e.column("en").body, "scratch ")
	closed := false
	e.confirmDiscard(func() { closed = true })
	d := e.win.Canvas().Overlays().Top()
	if d == nil || closed {
		t.Fatal("no question asked")
	}
	tapButton(t, d, "Don't save")
	if !closed || p.Dirty() || strings.Contains(p.Doc.BodyText(), "scratch") {
		t.Errorf("closed %v dirty %v", closed, p.Dirty())
	}
	if readFile(t, p.Abs()) != before {
		t.Error("the file changed")
	}
}

func TestSaveFromTheQuestion(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	test.Type(e.column("en").body, "kept ")
	e.ClosePair()
	tapButton(t, e.win.Canvas().Overlays().Top(), "Save")
	if e.pair() != nil || !strings.Contains(readFile(t, p.Abs()), "kept ") {
		t.Error("Save in the question did not save and close")
	}
}

func TestRecentSitesRemembered(t *testing.T) {
	e, p := openPair(t, "jekyll", "_posts/en/2024-03-05-community-gardens.md")
	root := p.Site().Root
	if got := prefLastSite.get(e.app); got != root {
		t.Errorf("last site %q", got)
	}
	e.rememberSite("/elsewhere")
	e.rememberSite(root)
	if got := prefRecent.get(e.app); len(got) != 2 || got[0] != root || got[1] != "/elsewhere" {
		t.Errorf("recent %v", got)
	}
}

// findIn is the first object of type T inside o for which match is true.
func findIn[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) (T, bool) {
	if x, ok := o.(T); ok && match(x) {
		return x, true
	}
	var kids []fyne.CanvasObject
	if c, ok := o.(*fyne.Container); ok {
		kids = c.Objects
	} else if w, ok := o.(fyne.Widget); ok {
		kids = test.WidgetRenderer(w).Objects()
	}
	for _, k := range kids {
		if x, ok := findIn(k, match); ok {
			return x, true
		}
	}
	var none T
	return none, false
}

// findEntry is the first text entry inside o.
func findEntry(t *testing.T, o fyne.CanvasObject) *widget.Entry {
	t.Helper()
	en, ok := findIn(o, func(*widget.Entry) bool { return true })
	if !ok {
		t.Fatal("no entry")
	}
	return en
}

// tapButton taps the button labelled text inside o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b, ok := findIn(o, func(b *widget.Button) bool { return b.Text == text })
	if !ok {
		t.Fatalf("no %q button", text)
	}
	test.Tap(b)
}

func TestMain(m *testing.M) {
	// As the app does: plural forms come from the translation files.
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		panic(err)
	}
	// Fyne's test driver runs fyne.Do's function at once, on the
	// calling goroutine: the tasks run in line (their work, then what
	// they hand the UI thread), so that each event has had its effect
	// when it returns. TestTheUIThreadTouchesNoDisk runs them on
	// goroutines of their own.
	task.Inline(true)
	libraryPause = 0
	preview.RenderOnFlushOnly(true) // see its comment
	os.Exit(m.Run())
}

// dateEntry is the date picker of the column's field key.
func dateEntry(t *testing.T, c *column, key string) *widget.DateEntry {
	t.Helper()
	de, ok := findIn(c.fields[key].obj, func(*widget.DateEntry) bool { return true })
	if !ok {
		t.Fatalf("%s has no date entry", key)
	}
	return de
}

// TestOwnValueAskedOnce: the French post of a pair is a day apart from the
// English one (its own date). Setting the English date asks once whether
// to change the French one too: Yes changes both, No only the English.
func TestOwnValueAskedOnce(t *testing.T) {
	day := func(y, m, d int) *time.Time {
		v := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local)
		return &v
	}
	e, en := openPair(t, "hugo-localized", "content/en/blog/posts/open-budget.md")
	fr := en.Counterpart()
	dateEntry(t, e.column("en"), "date").SetDate(day(2021, 4, 12))
	if got := en.Doc.Get("date"); got != "2021-04-12T13:00:00.000Z" {
		t.Errorf("en date %q", got)
	}
	if got := fr.Doc.Get("date"); got != "2021-04-08T13:00:00.000Z" {
		t.Errorf("fr date %q before the answer", got)
	}
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no question")
	}
	tapButton(t, d, "Yes")
	if got := fr.Doc.Get("date"); got != "2021-04-12T13:00:00.000Z" {
		t.Errorf("fr date %q after Yes", got)
	}
	if got := dateEntry(t, e.column("fr"), "date").Date; got == nil || got.Day() != 12 {
		t.Errorf("the French form shows %v", got)
	}
	// Asked once: the next change goes to both without a question.
	dateEntry(t, e.column("en"), "date").SetDate(day(2021, 4, 14))
	if e.win.Canvas().Overlays().Top() != nil || fr.Doc.Get("date") != "2021-04-14T13:00:00.000Z" {
		t.Errorf("second edit: fr %q, question %v", fr.Doc.Get("date"), e.win.Canvas().Overlays().Top() != nil)
	}

	e, en = openPair(t, "hugo-localized", "content/en/blog/posts/digital-ids.md")
	fr = en.Counterpart()
	frBefore := readFile(t, fr.Abs())
	dateEntry(t, e.column("en"), "date").SetDate(day(2021, 10, 25))
	tapButton(t, e.win.Canvas().Overlays().Top(), "No")
	dateEntry(t, e.column("en"), "date").SetDate(day(2021, 10, 26))
	if e.win.Canvas().Overlays().Top() != nil {
		t.Error("asked twice")
	}
	if fr.Dirty() || fr.Doc.Get("date") != "2021-10-20T13:00:00.000Z" {
		t.Errorf("No changed the French post: %q", fr.Doc.Get("date"))
	}
	e.Save()
	if readFile(t, fr.Abs()) != frBefore {
		t.Error("the French file changed")
	}
	if got := readFile(t, en.Abs()); !strings.Contains(got, "\ndate: 2021-10-26T13:00:00.000Z\n") {
		t.Errorf("en file:\n%s", got)
	}
}

// TestLocalizedImageNotAsked: image is per-language in this site: an
// English edit changes the English post only, without a question.
func TestLocalizedImageNotAsked(t *testing.T) {
	e, en := openPair(t, "hugo-localized", "content/en/blog/posts/snow-routes.md")
	fr := en.Counterpart()
	entry, _ := findIn(e.column("en").fields["image"].obj, func(*widget.SelectEntry) bool { return true })
	entry.SetText("https://blog.example/images/other.jpg")
	if e.win.Canvas().Overlays().Top() != nil || fr.Dirty() || !en.Dirty() {
		t.Errorf("question %v, fr dirty %v, en dirty %v", e.win.Canvas().Overlays().Top() != nil, fr.Dirty(), en.Dirty())
	}
}
