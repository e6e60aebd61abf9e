package textarea

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// newArea shows a TextArea with text in a test window of the given width,
// focused.
func newArea(t *testing.T, text string, width float32) (*TextArea, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	a := New()
	w := test.NewWindow(a)
	w.Resize(fyne.NewSize(width, 300))
	a.SetText(text)
	w.Canvas().Focus(a)
	return a, w
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
}

func key(a *TextArea, k fyne.KeyName) { a.TypedKey(&fyne.KeyEvent{Name: k}) }

func shiftKey(a *TextArea, k fyne.KeyName) {
	a.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	key(a, k)
	a.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

func TestTypeAccentsAndNewlines(t *testing.T) {
	a, _ := newArea(t, "", 400)
	changes := 0
	a.OnChanged = func() { changes++ }
	test.Type(a, "Été : « ça » œuvre — naïve")
	key(a, fyne.KeyReturn)
	test.Type(a, "ligne 2")
	if got := a.Text(); got != "Été : « ça » œuvre — naïve\nligne 2" {
		t.Errorf("text %q", got)
	}
	if a.Cursor() != (Pos{1, 7}) {
		t.Errorf("caret %v", a.Cursor())
	}
	if changes != len([]rune("Été : « ça » œuvre — naïve"))+1+7 {
		t.Errorf("%d change calls", changes)
	}
}

func TestCaretMovement(t *testing.T) {
	a, _ := newArea(t, "one two-three four\nsecond paragraph\n\nlast", 800)
	key(a, fyne.KeyRight)
	if a.Cursor() != (Pos{0, 1}) {
		t.Fatalf("right: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyRight))
	if a.Cursor() != (Pos{0, 3}) {
		t.Errorf("word right: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyRight))
	if a.Cursor() != (Pos{0, 7}) {
		t.Errorf("word right over a space: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyLeft))
	if a.Cursor() != (Pos{0, 4}) {
		t.Errorf("word left: %v", a.Cursor())
	}
	key(a, fyne.KeyEnd)
	if a.Cursor() != (Pos{0, 18}) {
		t.Errorf("end: %v", a.Cursor())
	}
	key(a, fyne.KeyRight)
	if a.Cursor() != (Pos{1, 0}) {
		t.Errorf("right at the end of a paragraph: %v", a.Cursor())
	}
	key(a, fyne.KeyLeft)
	key(a, fyne.KeyHome)
	if a.Cursor() != (Pos{0, 0}) {
		t.Errorf("home: %v", a.Cursor())
	}
	key(a, fyne.KeyDown)
	key(a, fyne.KeyDown)
	if a.Cursor().Line != 2 {
		t.Errorf("down twice: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyDown))
	if a.Cursor() != (Pos{3, 0}) {
		t.Errorf("next paragraph: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyUp))
	if a.Cursor() != (Pos{2, 0}) {
		t.Errorf("previous paragraph: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyEnd))
	if a.Cursor() != (Pos{3, 4}) {
		t.Errorf("end of text: %v", a.Cursor())
	}
	a.TypedShortcut(ctrl(fyne.KeyHome))
	if a.Cursor() != (Pos{0, 0}) {
		t.Errorf("start of text: %v", a.Cursor())
	}
}

// TestWrapAndRows: a long paragraph wraps into rows at spaces; up and down
// move by row, keeping the column's x; End goes to the row's end.
func TestWrapAndRows(t *testing.T) {
	long := strings.Repeat("word ", 60)
	a, _ := newArea(t, long+"\nshort", 300)
	rows := len(a.wrapLine(0))
	if rows < 3 {
		t.Fatalf("%d rows for %d characters in 300 px", rows, len(long))
	}
	for _, s := range a.wrapLine(0)[1:] {
		if a.lines[0][s-1] != ' ' {
			t.Errorf("row starts at %d, not after a space", s)
		}
	}
	key(a, fyne.KeyRight)
	key(a, fyne.KeyRight)
	key(a, fyne.KeyDown)
	p := a.Cursor()
	if p.Line != 0 || p.Col != a.wrapLine(0)[1]+2 {
		t.Errorf("down by a row: %v, row starts %v", p, a.wrapLine(0))
	}
	key(a, fyne.KeyEnd)
	if _, _, end := a.rowOf(a.Cursor()); a.Cursor().Col != end-1 {
		t.Errorf("end of row: %v (row ends %d)", a.Cursor(), end)
	}
	key(a, fyne.KeyPageDown)
	if a.Cursor().Line != 1 {
		t.Errorf("page down: %v", a.Cursor())
	}
	// Narrower: wrapped again.
	before := rows
	a.Resize(fyne.NewSize(200, 300))
	if len(a.wrapLine(0)) <= before {
		t.Errorf("narrower did not wrap more: %d rows", len(a.wrapLine(0)))
	}
}

func TestSelectionByKeyboard(t *testing.T) {
	a, _ := newArea(t, "alpha beta\ngamma", 400)
	shiftKey(a, fyne.KeyRight)
	shiftKey(a, fyne.KeyRight)
	if a.SelectedText() != "al" {
		t.Errorf("shift right: %q", a.SelectedText())
	}
	a.TypedShortcut(ctrlShift(fyne.KeyRight))
	if a.SelectedText() != "alpha" {
		t.Errorf("ctrl shift right: %q", a.SelectedText())
	}
	shiftKey(a, fyne.KeyDown)
	shiftKey(a, fyne.KeyEnd)
	if a.SelectedText() != "alpha beta\ngamma" {
		t.Errorf("shift down: %q", a.SelectedText())
	}
	key(a, fyne.KeyLeft)
	if _, ok := a.Selection(); ok || a.Cursor() != (Pos{0, 0}) {
		t.Errorf("left collapses to the start: %v", a.Cursor())
	}
	a.TypedShortcut(&fyne.ShortcutSelectAll{})
	if a.SelectedText() != a.Text() {
		t.Error("select all")
	}
	test.Type(a, "x")
	if a.Text() != "x" {
		t.Errorf("typing over a selection: %q", a.Text())
	}
}

func TestMouse(t *testing.T) {
	a, w := newArea(t, "first word here\nsecond line of text", 400)
	c := a.content
	p0 := a.point(Pos{0, 6})
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(p0.X+1, p0.Y+2)}, Button: desktop.MouseButtonPrimary})
	if a.Cursor() != (Pos{0, 6}) {
		t.Errorf("click: %v", a.Cursor())
	}
	if w.Canvas().Focused() != a {
		t.Error("a click does not focus the editor")
	}
	c.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(p0.X+3, p0.Y+2)})
	if a.SelectedText() != "word" {
		t.Errorf("double click: %q", a.SelectedText())
	}
	c.Tapped(&fyne.PointEvent{Position: fyne.NewPos(p0.X+3, p0.Y+2)})
	if a.SelectedText() != "first word here" {
		t.Errorf("triple click: %q", a.SelectedText())
	}
	// Drag from the start of line 2 to after "second".
	p1 := a.point(Pos{1, 0})
	p2 := a.point(Pos{1, 6})
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(p2.X, p2.Y+2)}, Dragged: fyne.NewDelta(p2.X-p1.X, 0)})
	c.DragEnd()
	if a.SelectedText() != "second" {
		t.Errorf("drag: %q", a.SelectedText())
	}
	// Shift-click extends.
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(a.point(Pos{1, 11}).X, p1.Y+2)}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift})
	if a.SelectedText() != "second line" {
		t.Errorf("shift click: %q", a.SelectedText())
	}
}

func TestClipboard(t *testing.T) {
	a, w := newArea(t, "keep this", 400)
	cb := w.Clipboard()
	a.TypedShortcut(ctrlShift(fyne.KeyRight))
	a.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if cb.Content() != "keep" {
		t.Errorf("copy: %q", cb.Content())
	}
	a.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
	if a.Text() != " this" {
		t.Errorf("cut: %q", a.Text())
	}
	// Several paragraphs from a word processor, with Windows line ends.
	cb.SetContent("Premier paragraphe.\r\n\r\nDeuxième\ttabulé.")
	a.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if a.Text() != "Premier paragraphe.\n\nDeuxième\ttabulé. this" {
		t.Errorf("paste: %q", a.Text())
	}
	if a.Cursor() != (Pos{2, 16}) {
		t.Errorf("caret after paste: %v", a.Cursor())
	}
}

func TestUndoRedoGroups(t *testing.T) {
	a, _ := newArea(t, "start", 400)
	a.TypedShortcut(ctrl(fyne.KeyEnd))
	test.Type(a, " two words")
	key(a, fyne.KeyReturn)
	test.Type(a, "new paragraph")
	a.Undo() // "paragraph"
	if a.Text() != "start two words\nnew " {
		t.Fatalf("undo a word: %q", a.Text())
	}
	a.Undo()
	a.Undo() // " new", then the paragraph break
	if a.Text() != "start two words" {
		t.Fatalf("undo across paragraphs: %q", a.Text())
	}
	a.Redo()
	a.Redo()
	a.Redo()
	if a.Text() != "start two words\nnew paragraph" {
		t.Errorf("redo: %q", a.Text())
	}
	// A pause starts a new group.
	test.Type(a, "ab")
	a.lastEdit = time.Now().Add(-2 * groupPause)
	test.Type(a, "cd")
	a.TypedShortcut(&fyne.ShortcutUndo{})
	if !strings.HasSuffix(a.Text(), "paragraphab") {
		t.Errorf("undo after a pause: %q", a.Text())
	}
	// Undo of a multi-paragraph replacement restores the selection's text.
	a.SetText("one\ntwo\nthree")
	a.Select(Range{Pos{0, 1}, Pos{2, 2}})
	a.ReplaceSelection("X")
	if a.Text() != "oXree" {
		t.Fatalf("replace: %q", a.Text())
	}
	a.Undo()
	if a.Text() != "one\ntwo\nthree" || a.SelectedText() != "ne\ntwo\nth" {
		t.Errorf("undo of a replacement: %q, selected %q", a.Text(), a.SelectedText())
	}
}

func TestBackspaceDelete(t *testing.T) {
	a, _ := newArea(t, "ab\ncd", 400)
	a.SetCursor(Pos{1, 0})
	key(a, fyne.KeyBackspace)
	if a.Text() != "abcd" || a.Cursor() != (Pos{0, 2}) {
		t.Errorf("backspace joins paragraphs: %q %v", a.Text(), a.Cursor())
	}
	key(a, fyne.KeyDelete)
	if a.Text() != "abd" {
		t.Errorf("delete: %q", a.Text())
	}
	a.SetText("two words")
	a.TypedShortcut(ctrl(fyne.KeyEnd))
	a.TypedShortcut(ctrl(fyne.KeyBackspace))
	if a.Text() != "two " {
		t.Errorf("ctrl backspace: %q", a.Text())
	}
}

func TestTabAndShiftTab(t *testing.T) {
	a, _ := newArea(t, "one\ntwo\nthree", 400)
	if !a.AcceptsTab() {
		t.Fatal("Tab moves the focus away")
	}
	key(a, fyne.KeyTab)
	if a.Text() != "\tone\ntwo\nthree" {
		t.Errorf("tab: %q", a.Text())
	}
	a.Select(Range{Pos{0, 0}, Pos{2, 2}})
	key(a, fyne.KeyTab)
	if a.Text() != "\t\tone\n\ttwo\n\tthree" {
		t.Errorf("tab on lines: %q", a.Text())
	}
	shiftKey(a, fyne.KeyTab)
	if a.Text() != "\tone\ntwo\nthree" {
		t.Errorf("shift-tab: %q", a.Text())
	}
	a.Undo()
	if a.Text() != "\t\tone\n\ttwo\n\tthree" {
		t.Errorf("undo shift-tab: %q", a.Text())
	}
}

func TestFindReplace(t *testing.T) {
	a, _ := newArea(t, "Le chat et le Chien.\nUn chat noir.", 400)
	if n := a.Find("chat", false); n != 2 {
		t.Fatalf("%d found", n)
	}
	if n := a.Find("le", true); n != 1 {
		t.Errorf("match case: %d", n)
	}
	if n := a.Find("LE", false); n != 2 {
		t.Errorf("ignore case: %d", n)
	}
	a.Find("chat", false)
	a.FindNext(1)
	if a.Selection(); a.SelectedText() != "chat" || a.Cursor().Line != 0 {
		t.Errorf("next: %v", a.Cursor())
	}
	a.FindNext(1)
	if a.Cursor().Line != 1 {
		t.Errorf("next again: %v", a.Cursor())
	}
	a.FindNext(1)
	if a.Cursor().Line != 0 {
		t.Errorf("next wraps around: %v", a.Cursor())
	}
	a.FindNext(-1)
	if a.Cursor().Line != 1 {
		t.Errorf("previous wraps around: %v", a.Cursor())
	}
	if !a.ReplaceCurrent("chat", "rat", false) || a.Text() != "Le chat et le Chien.\nUn rat noir." {
		t.Errorf("replace: %q", a.Text())
	}
	if n := a.ReplaceAll("e", "é", false); n != 4 {
		t.Errorf("replace all: %d", n)
	}
	if a.Text() != "Lé chat ét lé Chién.\nUn rat noir." {
		t.Errorf("after replace all: %q", a.Text())
	}
	a.Undo()
	if a.Text() != "Le chat et le Chien.\nUn rat noir." {
		t.Errorf("replace all is one undo: %q", a.Text())
	}
}

func TestScrollFollowsCaret(t *testing.T) {
	var lines []string
	for i := 0; i < 300; i++ {
		lines = append(lines, "paragraph")
	}
	a, _ := newArea(t, strings.Join(lines, "\n"), 400)
	a.TypedShortcut(ctrl(fyne.KeyEnd))
	if a.scroll.Offset.Y < 1000 {
		t.Errorf("not scrolled to the end: %v", a.scroll.Offset.Y)
	}
	// Only the rows in view have objects.
	r := test.WidgetRenderer(a.content).(*contentRenderer)
	if n := len(r.rows); n > 40 {
		t.Errorf("%d row objects for a 300 px view", n)
	}
	a.TypedShortcut(ctrl(fyne.KeyHome))
	if a.scroll.Offset.Y != 0 {
		t.Errorf("not scrolled back: %v", a.scroll.Offset.Y)
	}
}

// TestLookInThemes checks the editor draws with the theme's colours in
// light and dark.
func TestLookInThemes(t *testing.T) {
	a, w := newArea(t, "Bonjour", 300)
	for _, v := range []fyne.ThemeVariant{0, 1} {
		th := test.NewTheme()
		if v == 1 {
			th = test.Theme()
		}
		fyne.CurrentApp().Settings().SetTheme(th)
		a.Refresh()
		r := test.WidgetRenderer(a.content).(*contentRenderer)
		if len(r.rows) == 0 || r.rows[0].Color != th.Color("foreground", fyne.CurrentApp().Settings().ThemeVariant()) {
			t.Errorf("variant %d: text colour not the theme's", v)
		}
		_ = w
	}
}

// TestCounts checks the counts kept by edits against counting the text.
func TestCounts(t *testing.T) {
	a, _ := newArea(t, "Deux mots\n\ntrois mots ici", 400)
	check := func(what string) {
		t.Helper()
		c, w := a.Counts()
		wc, ww := Count(a.Text())
		if c != wc || w != ww {
			t.Errorf("%s: counts %d,%d, text has %d,%d", what, c, w, wc, ww)
		}
	}
	check("loaded")
	test.Type(a, "Un ")
	check("typed")
	a.Select(Range{Pos{0, 2}, Pos{2, 5}})
	a.ReplaceSelection("x\ny z")
	check("replaced across paragraphs")
	a.Undo()
	check("undone")
	a.ReplaceAll("o", " ", false)
	check("replace all")
}

// Count counts the characters and words of s from scratch, to check the
// counts kept by edits.
func Count(s string) (chars, words int) {
	in := false
	for _, r := range s {
		chars++
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			words++
		}
	}
	return chars, words
}

// TestAppendText checks that AppendText gives Text's bytes, after edits.
func TestAppendText(t *testing.T) {
	ta, _ := newArea(t, "Première ligne\n\nDeuxième « ligne »\n", 300)
	test.Type(ta, "Ajout ")
	if got, want := string(ta.AppendText([]byte("prefix:"))), "prefix:"+ta.Text(); got != want {
		t.Errorf("AppendText %q, want %q", got, want)
	}
}

// TestTheCaretStaysInViewWhenTheEditorShrinks: typing at the end of a
// long text, then the editor made shorter (a bar shown under it): the
// caret's row is still in view; one out of view is left where it is.
func TestTheCaretStaysInViewWhenTheEditorShrinks(t *testing.T) {
	a, w := newArea(t, strings.Repeat("A line of the post.\n", 80), 300)
	a.Resize(fyne.NewSize(300, 300))
	a.TypedShortcut(ctrl(fyne.KeyEnd))
	a.TypedRune('x')
	if !a.caretInView() {
		t.Fatal("the caret is not in view after typing")
	}
	a.Resize(fyne.NewSize(300, 200))
	if !a.caretInView() {
		t.Fatal("the caret left the view when the editor shrank")
	}
	a.TypedShortcut(ctrl(fyne.KeyHome))
	a.scroll.ScrollToBottom()
	offset := a.scroll.Offset
	a.Resize(fyne.NewSize(300, 150))
	if a.scroll.Offset != offset {
		t.Fatalf("a view without the caret moved: %v → %v", offset, a.scroll.Offset)
	}
	_ = w
}
