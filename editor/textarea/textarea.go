// Package textarea is a multi-line, word-wrapped text editor for Fyne whose
// cost per keystroke does not grow with the text: the text is kept as
// paragraphs, each paragraph's wrapping is cached and redone only when it
// changes (or the width does), and only the rows in view have canvas
// objects. It has what a writer relies on: caret movement by character,
// word, line, paragraph and page, selection by keyboard and mouse (drag,
// double and triple click), clipboard, undo and redo in groups, tab and
// shift-tab, find and replace, and Fyne's look in light and dark themes.
package textarea

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Pos is a place in the text: a paragraph (line) and a rune offset in it.
type Pos struct{ Line, Col int }

func (p Pos) before(q Pos) bool { return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col }

// Range is a stretch of text, Start before End.
type Range struct{ Start, End Pos }

// TextArea is the editor. Create it with New; it is the focusable widget
// (key events), its content the tappable one (mouse events).
type TextArea struct {
	widget.BaseWidget

	// OnChanged is called after every change of the text by the user (not
	// by SetText).
	OnChanged func()
	// OnCursorChanged is called when the caret moves.
	OnCursorChanged func()
	// OnSecondaryTap is called after a right click with the place in
	// the text and in the canvas (for a menu there).
	OnSecondaryTap func(at Pos, canvasPos fyne.Position)

	lines      [][]rune
	wraps      []wrap // per paragraph, for wrapWidth
	rowsBefore []int  // rows above each paragraph; valid up to rowsValid
	rowsValid  int
	wrapWidth  float32

	caret, anchor Pos     // the selection runs from anchor to caret
	goalX         float32 // the x the caret keeps on vertical moves, -1 when unset
	shift         bool
	focused       bool

	undo, redo []edit
	lastEdit   time.Time

	matches []Range // find highlights
	marks   []Mark  // underlines
	version int     // counts the changes of the text
	current int     // the match selected by FindNext, -1 when none

	scroll  *container.Scroll
	content *content
	bg      *canvas.Rectangle
	border  *canvas.Rectangle

	metrics metrics
	words   int      // kept up to date by each edit
	strs    []string // each paragraph as a string, when strOK
	strOK   []bool

	edits []Edit // the changes since the owner last took them (Edits)
	whole bool   // the text was replaced whole since (SetText)
}

// Edit is one change of the text: Range, as the text was just before it,
// replaced by Text.
type Edit struct {
	Range Range
	Text  string
}

// Edits are the changes made since the last call, in the order they were
// made, for an owner that keeps a copy of the text (OnChanged is called
// after them); whole is true when the text was replaced whole (SetText)
// since, and the edits do not say all.
func (t *TextArea) Edits() (edits []Edit, whole bool) {
	edits, whole = t.edits, t.whole
	t.edits, t.whole = nil, false
	return edits, whole
}

// wrap is a paragraph's rows: the rune offset each row starts at.
type wrap struct {
	starts []int
	width  float32 // the width it was wrapped for; 0 when stale
}

// New returns an empty editor.
func New() *TextArea {
	t := &TextArea{lines: [][]rune{{}}, goalX: -1, current: -1}
	t.wraps = make([]wrap, 1)
	t.rowsBefore = make([]int, 1)
	t.content = &content{t: t}
	t.content.ExtendBaseWidget(t.content)
	t.scroll = container.NewVScroll(t.content)
	t.scroll.OnScrolled = func(fyne.Position) { t.content.Refresh() }
	t.ExtendBaseWidget(t)
	return t
}

// Text is the whole text, paragraphs joined with \n. Each paragraph's
// string is kept until it is edited, so that this is one copy.
func (t *TextArea) Text() string {
	return strings.Join(t.paragraphs(), "\n")
}

// AppendText appends the whole text to dst, as Text returns it.
func (t *TextArea) AppendText(dst []byte) []byte {
	for i, s := range t.paragraphs() {
		if i > 0 {
			dst = append(dst, '\n')
		}
		dst = append(dst, s...)
	}
	return dst
}

// paragraphs are the paragraphs' strings, made again for those edited.
func (t *TextArea) paragraphs() []string {
	if len(t.strs) != len(t.lines) {
		t.strs = make([]string, len(t.lines))
		t.strOK = make([]bool, len(t.lines))
	}
	for i, ok := range t.strOK {
		if !ok {
			t.strs[i], t.strOK[i] = string(t.lines[i]), true
		}
	}
	return t.strs
}

// Counts returns the characters (\n counted) and words of the text, kept
// up to date by each edit rather than counted again.
func (t *TextArea) Counts() (chars, words int) { return t.Len(), t.words }

// lineWords counts the words of a paragraph (words never span two).
func lineWords(l []rune) int {
	n, in := 0, false
	for _, r := range l {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// Len is the number of runes of the text, \n counted.
func (t *TextArea) Len() int {
	n := len(t.lines) - 1
	for _, l := range t.lines {
		n += len(l)
	}
	return n
}

// SetText replaces the text, puts the caret at the start and forgets the
// undo history. OnChanged is not called.
func (t *TextArea) SetText(s string) {
	t.version++
	t.edits, t.whole = nil, true
	t.lines = splitLines(s)
	t.strs, t.strOK = nil, nil
	t.words = 0
	for _, l := range t.lines {
		t.words += lineWords(l)
	}
	t.wraps = make([]wrap, len(t.lines))
	t.rowsBefore = make([]int, len(t.lines))
	t.rowsValid = 0
	t.caret, t.anchor, t.goalX = Pos{}, Pos{}, -1
	t.undo, t.redo = nil, nil
	t.matches, t.current = nil, -1
	t.scroll.Offset = fyne.Position{}
	t.relayout()
}

func splitLines(s string) [][]rune {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	parts := strings.Split(s, "\n")
	lines := make([][]rune, len(parts))
	for i, p := range parts {
		lines[i] = []rune(p)
	}
	return lines
}

// Lines is the number of paragraphs.
func (t *TextArea) Lines() int { return len(t.lines) }

// Version counts the changes of the text: two equal versions are the
// same text.
func (t *TextArea) Version() int { return t.version }

// LineLen is the length of paragraph i, in characters.
func (t *TextArea) LineLen(i int) int { return len(t.lines[i]) }

// Line returns paragraph i.
func (t *TextArea) Line(i int) string { return string(t.lines[i]) }

// Cursor is the caret's place.
func (t *TextArea) Cursor() Pos { return t.caret }

// SetCursor moves the caret (clearing the selection) and scrolls to it.
func (t *TextArea) SetCursor(p Pos) {
	t.moveTo(t.clamp(p), false)
}

// Selection returns the selected range; ok is false when nothing is
// selected.
func (t *TextArea) Selection() (r Range, ok bool) {
	if t.caret == t.anchor {
		return Range{t.caret, t.caret}, false
	}
	if t.caret.before(t.anchor) {
		return Range{t.caret, t.anchor}, true
	}
	return Range{t.anchor, t.caret}, true
}

// Select selects r, the caret at its end.
func (t *TextArea) Select(r Range) {
	t.anchor = t.clamp(r.Start)
	t.moveTo(t.clamp(r.End), true)
}

// SelectedText is the selected text.
func (t *TextArea) SelectedText() string {
	r, ok := t.Selection()
	if !ok {
		return ""
	}
	return t.textOf(r)
}

func (t *TextArea) textOf(r Range) string {
	if r.Start.Line == r.End.Line {
		return string(t.lines[r.Start.Line][r.Start.Col:r.End.Col])
	}
	var b strings.Builder
	b.WriteString(string(t.lines[r.Start.Line][r.Start.Col:]))
	for i := r.Start.Line + 1; i < r.End.Line; i++ {
		b.WriteByte('\n')
		b.WriteString(string(t.lines[i]))
	}
	b.WriteByte('\n')
	b.WriteString(string(t.lines[r.End.Line][:r.End.Col]))
	return b.String()
}

// ReplaceSelection replaces the selection (or inserts at the caret) with
// s, as one undoable edit.
func (t *TextArea) ReplaceSelection(s string) {
	r, _ := t.Selection()
	t.apply(r, s, false)
}

// Insert inserts s at p, as one undoable edit, leaving the caret after it.
func (t *TextArea) Insert(p Pos, s string) {
	p = t.clamp(p)
	t.apply(Range{p, p}, s, false)
}

func (t *TextArea) clamp(p Pos) Pos {
	p.Line = min(max(p.Line, 0), len(t.lines)-1)
	p.Col = min(max(p.Col, 0), len(t.lines[p.Line]))
	return p
}

// CreateRenderer is part of fyne.Widget: the input background and border
// of Fyne's Entry around the scrolling text.
func (t *TextArea) CreateRenderer() fyne.WidgetRenderer {
	t.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.border = canvas.NewRectangle(nil)
	t.border.StrokeWidth = theme.InputBorderSize()
	t.border.CornerRadius = theme.InputRadiusSize()
	return &areaRenderer{t: t}
}

type areaRenderer struct{ t *TextArea }

func (r *areaRenderer) Layout(s fyne.Size) {
	t := r.t
	// A caret in view stays in view when the editor shrinks (a bar
	// shown under it, a window made smaller): the writer sees what
	// they type.
	kept := t.caretInView()
	defer func() {
		if kept {
			t.showCaret()
		}
	}()
	b := theme.InputBorderSize()
	t.bg.Move(fyne.NewPos(b, b))
	t.bg.Resize(s.SubtractWidthHeight(2*b, 2*b))
	t.border.Move(fyne.NewPos(b/2, b/2))
	t.border.Resize(s.SubtractWidthHeight(b, b))
	t.scroll.Move(fyne.NewPos(b, b))
	t.scroll.Resize(s.SubtractWidthHeight(2*b, 2*b))
	t.relayout()
}

func (r *areaRenderer) MinSize() fyne.Size {
	m := r.t.measure()
	return fyne.NewSize(m.lineHeight*4, m.lineHeight*3+2*theme.InnerPadding())
}

func (r *areaRenderer) Refresh() {
	t := r.t
	t.metrics = metrics{} // the theme may have changed
	t.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.border.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	if t.focused {
		t.border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	t.bg.Refresh()
	t.border.Refresh()
	for i := range t.wraps {
		t.wraps[i].width = 0
	}
	t.rowsValid = 0
	t.relayout()
}

func (r *areaRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.bg, r.t.border, r.t.scroll}
}

func (r *areaRenderer) Destroy() {}

// relayout sizes the content for the rows and redraws the rows in view.
func (t *TextArea) relayout() {
	if t.scroll == nil {
		return
	}
	w := t.scroll.Size().Width - 2*theme.InnerPadding()
	if w != t.wrapWidth {
		t.wrapWidth = w
		t.rowsValid = 0
	}
	t.scroll.Refresh()
	t.content.Refresh()
}

// FocusGained is part of fyne.Focusable.
func (t *TextArea) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (t *TextArea) FocusLost() {
	t.focused = false
	t.shift = false
	t.Refresh()
}

// Focused is whether the editor has the keyboard.
func (t *TextArea) Focused() bool { return t.focused }

// AcceptsTab is part of fyne.Tabbable: Tab indents.
func (t *TextArea) AcceptsTab() bool { return true }

// KeyDown is part of desktop.Keyable: it follows the shift keys.
func (t *TextArea) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

// KeyUp is part of desktop.Keyable.
func (t *TextArea) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

// changed tells the owner about a text change.
func (t *TextArea) changed() {
	t.version++
	if t.OnChanged != nil {
		t.OnChanged()
	}
}

func (t *TextArea) cursorChanged() {
	if t.OnCursorChanged != nil {
		t.OnCursorChanged()
	}
}
