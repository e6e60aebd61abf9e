package preview

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"tandem/task"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"tandem/model"

	"tandem/markup"
)

const enPost = "_posts/en/2024-05-02-every-construct.md"

func fixtureSite(t testing.TB) *model.Site {
	t.Helper()
	s, err := model.Open(filepath.Join("testdata", "site"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// showPost renders a fixture post in a view of the given size, its images
// loaded.
func showPost(t *testing.T, rel string, size fyne.Size) (*View, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme(test.Theme()))
	s := fixtureSite(t)
	p := s.PostAt(rel)
	if p == nil {
		t.Fatalf("no post %s", rel)
	}
	v := NewView()
	h, d := markup.RenderPost(s, p, false)
	w := test.NewWindow(v)
	w.Resize(size)
	v.Set(h, d)
	images.loading.Wait()
	w.Resize(size)
	return v, w
}

// TestViewImage is the golden image of a fixture post with every
// construct: headings, emphasis, links, lists nested with their numbers,
// quotes, code, tables, footnotes, raw HTML, images, placeholders.
func TestViewImage(t *testing.T) {
	_, w := showPost(t, enPost, fyne.NewSize(640, 3000))
	test.AssertImageMatches(t, "every-construct.png", w.Canvas().Capture())
}

// shown is the widgets of the items that have them, by item.
func shown(v *View) map[int]fyne.CanvasObject {
	m := map[int]fyne.CanvasObject{}
	for i, it := range v.items {
		if it.obj != nil {
			m[i] = it.obj
		}
	}
	return m
}

// TestViewReusesBlocks checks that an edit rebuilds only the block it
// changed and keeps the scroll position.
func TestViewReusesBlocks(t *testing.T) {
	v, _ := showPost(t, enPost, fyne.NewSize(640, 500))
	v.scrollTo(800)
	before := shown(v)
	n := len(v.items)
	offset := v.scroll.Offset.Y
	src, err := os.ReadFile(filepath.Join("testdata", "every-construct.md"))
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(src, []byte("First step"), []byte("First small step"), 1)
	v.Set(v.header, markup.Render(edited, markup.Options{Flavour: markup.Kramdown, RawHTML: true}))
	if len(v.items) != n {
		t.Fatalf("%d blocks, had %d", len(v.items), n)
	}
	after := shown(v)
	changed := 0
	for i, o := range after {
		if before[i] != o {
			changed++
		}
	}
	// The header and the images resolve differently without the site, so
	// count the text blocks only.
	if changed == 0 || changed > 4 {
		t.Errorf("%d block widgets were rebuilt for a one-word edit", changed)
	}
	if v.scroll.Offset.Y != offset {
		t.Errorf("scroll moved from %v to %v", offset, v.scroll.Offset.Y)
	}
}

// TestShowLineAndScrollSync checks that the view scrolls to the block of a
// source line, and reports and takes block positions.
func TestShowLineAndScrollSync(t *testing.T) {
	v, _ := showPost(t, enPost, fyne.NewSize(640, 400))
	last := len(v.doc.Blocks)
	line := v.doc.Blocks[last-1].Line
	v.ShowLine(line)
	o := v.items[last].obj
	if o == nil {
		t.Fatal("the block shown has no widgets")
	}
	if top := o.Position().Y; top < v.scroll.Offset.Y || top > v.scroll.Offset.Y+v.scroll.Size().Height {
		t.Fatalf("block at %v is not in view (offset %v)", top, v.scroll.Offset.Y)
	}
	var got []int
	v.OnScrolled = func(b int, _ float32) { got = append(got, b) }
	v.ScrollToBlock(10, 0.5)
	if len(got) != 0 {
		t.Errorf("scrolling from code was reported: %v", got)
	}
	if b, f := v.TopBlock(); b != 10 || f < 0.45 || f > 0.55 {
		t.Errorf("top block %d at %.2f, want 10 at 0.50", b, f)
	}
	v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -30)})
	if len(got) != 1 {
		t.Errorf("a user scroll was reported %d times", len(got))
	}
}

// longDoc renders a post of about size bytes made of the fixture post's
// body repeated.
func longDoc(t testing.TB, size int) *markup.Doc {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "every-construct.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Footnotes make the whole post one render; leave them out.
	var b bytes.Buffer
	for b.Len() < size {
		for _, l := range strings.SplitAfter(string(src), "\n") {
			if !strings.Contains(l, "[^") {
				b.WriteString(l)
			}
		}
	}
	return markup.Render(b.Bytes(), markup.Options{Flavour: markup.Kramdown, RawHTML: true})
}

// TestViewLongPost checks that a long post has widgets only near the view,
// that scrolling to its end shows its last block where it is, and that
// the blocks scrolled past are measured, not estimated, once seen.
func TestViewLongPost(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(Theme(test.Theme()))
	v := NewView()
	d := longDoc(t, 300<<10)
	// Rendered before the view has a size, as in a tab not shown yet.
	v.Set(markup.Header{Title: "Long"}, d)
	w := test.NewWindow(v)
	w.Resize(fyne.NewSize(640, 600))
	var est float32
	for i := range d.Blocks {
		est += estimate(&d.Blocks[i], v.list.Size().Width) + theme.Padding()
	}
	if v.list.height > est*1.2 || v.list.height < est*0.8 {
		t.Errorf("column height %v, its blocks estimated at %v at its width", v.list.height, est)
	}
	if n := len(shown(v)); n == 0 || n > 80 {
		t.Fatalf("%d of %d items have widgets", n, len(v.items))
	}
	if v.list.height < 100*600 {
		t.Fatalf("column height %v for %d blocks", v.list.height, len(d.Blocks))
	}
	v.ScrollToBlock(len(v.items)-1, 0)
	last := v.items[len(v.items)-1]
	if last.obj == nil || last.w == 0 {
		t.Fatal("the last block has no widgets after scrolling to it")
	}
	if y := last.obj.Position().Y - v.scroll.Offset.Y; y < 0 || y > 600 {
		t.Errorf("the last block is at %v in the view", y)
	}
	if n := len(shown(v)); n > 80 {
		t.Errorf("%d items have widgets after scrolling", n)
	}
	// Each item with widgets is where the column says.
	for i, o := range shown(v) {
		if o.Position().Y != v.tops[i] || o.Size().Height != v.items[i].h {
			t.Errorf("item %d at %v (%v high), column says %v (%v)", i, o.Position().Y, o.Size().Height, v.tops[i], v.items[i].h)
		}
	}
}

// TestEstimates checks that the heights guessed for blocks not yet shown
// are close to the heights measured: within a fifth over the whole post,
// and within half for most paragraphs.
func TestEstimates(t *testing.T) {
	v, _ := showPost(t, enPost, fyne.NewSize(300, 9000))
	var est, got float32
	off := 0
	for i := 1; i < len(v.items); i++ {
		it := v.items[i]
		if it.w == 0 {
			t.Fatalf("block %d not measured in a 3000 px view", i)
		}
		e := estimate(&v.doc.Blocks[i-1], it.w)
		est += e
		got += it.h
		if k := v.doc.Blocks[i-1].Kind; (k == markup.Paragraph || k == markup.Heading) && (e < it.h/2 || e > it.h*3/2) {
			off++
			t.Logf("block %d (%v): estimated %v, measured %v", i, k, e, it.h)
		}
	}
	t.Logf("estimated %v in all, measured %v", est, got)
	if est < got*4/5 || est > got*6/5 {
		t.Errorf("estimated %v in all, measured %v", est, got)
	}
	if off > len(v.items)/10 {
		t.Errorf("%d of %d estimates off by more than half", off, len(v.items))
	}
}

// TestLive checks that a burst of edits renders once, the last one.
func TestLive(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(Theme(test.Theme()))
	v := NewView()
	l := NewLive(v)
	done := make(chan struct{}, 10)
	l.OnRendered = func() { done <- struct{}{} }
	for _, s := range []string{"# One", "# One two", "# One two three"} {
		l.Update(markup.Header{Title: "T"}, s, markup.Options{})
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("no render")
	}
	var b bytes.Buffer
	v.Dump(&b)
	if !strings.Contains(b.String(), `"One two three"`) {
		t.Errorf("rendered:\n%s", b.String())
	}
	select {
	case <-done:
		t.Error("rendered more than once")
	case <-time.After(2 * Debounce):
	}
}

func TestMain(m *testing.M) {
	task.Inline(true) // images load as the view is built (see task.Inline)
	os.Exit(m.Run())
}

// TestViewNarrowTable is the golden image of a table, a paragraph and a
// code block in a narrow view: a table row as tall as its tallest cell,
// long text and long code lines wrapped.
func TestViewNarrowTable(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(Theme(test.Theme()))
	v := NewView()
	w := test.NewWindow(v)
	w.Resize(fyne.NewSize(360, 500))
	src := "| Service | Note |\n|---|---|\n| Passports | A long note in a table cell that must wrap over several rows in a narrow preview column. |\n| Benefits | Short |\n\n" +
		"After the table, a paragraph that follows it and wraps over rows too.\n\n" +
		"```\nfunc main() { fmt.Println(\"a long line of code that goes on and on past the edge\") }\n```\n"
	v.Set(markup.Header{Title: "Table"}, markup.Render([]byte(src), markup.Options{}))
	test.AssertImageMatches(t, "narrow-table.png", w.Canvas().Capture())
}
