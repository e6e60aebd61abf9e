package textarea

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// focus gives the keyboard to the editor.
func (c *content) focus() {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.t); cv != nil && cv.Focused() != c.t {
		cv.Focus(c.t)
	}
}

// MouseDown is part of desktop.Mouseable: the caret goes where the mouse
// is pressed (shift extends the selection), at once.
func (c *content) MouseDown(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	c.focus()
	t := c.t
	p := t.posAt(e.Position)
	t.goalX = -1
	t.moveTo(p, e.Modifier&fyne.KeyModifierShift != 0 || t.shift)
}

// MouseUp is part of desktop.Mouseable.
func (c *content) MouseUp(*desktop.MouseEvent) {}

// Tapped is part of fyne.Tappable: a click soon after a double click
// selects the paragraph. (Test drivers without mouse-down place the caret
// here.)
func (c *content) Tapped(e *fyne.PointEvent) {
	t := c.t
	if time.Since(c.lastTap) < 500*time.Millisecond && c.taps == 2 {
		c.taps = 0
		p := t.posAt(e.Position)
		t.anchor = Pos{p.Line, 0}
		t.moveTo(Pos{p.Line, len(t.lines[p.Line])}, true)
		return
	}
	c.taps = 1
	c.lastTap = time.Now()
	c.focus()
	if p := t.posAt(e.Position); p != t.caret && !t.hasSelection() {
		t.goalX = -1
		t.moveTo(p, t.shift)
	}
}

func (t *TextArea) hasSelection() bool { return t.caret != t.anchor }

// DoubleTapped is part of fyne.DoubleTappable: it selects the word.
func (c *content) DoubleTapped(e *fyne.PointEvent) {
	c.focus()
	t := c.t
	p := t.posAt(e.Position)
	l := t.lines[p.Line]
	a, b := p.Col, p.Col
	for a > 0 && isWord(l[a-1]) {
		a--
	}
	for b < len(l) && isWord(l[b]) {
		b++
	}
	t.anchor = Pos{p.Line, a}
	t.moveTo(Pos{p.Line, b}, true)
	c.taps = 2
	c.lastTap = time.Now()
}

// Dragged is part of fyne.Draggable: it selects from where the drag
// started.
func (c *content) Dragged(e *fyne.DragEvent) {
	t := c.t
	if !c.dragging {
		c.dragging = true
		c.focus()
		start := t.posAt(e.Position.Subtract(e.Dragged))
		if !t.shift {
			t.anchor = start
		}
	}
	p := t.posAt(e.Position)
	t.goalX = -1
	t.moveTo(p, true)
}

// DragEnd is part of fyne.Draggable.
func (c *content) DragEnd() { c.dragging = false }

// TappedSecondary is part of fyne.SecondaryTappable: a right click puts
// the caret there (unless it is in the selection) and calls
// OnSecondaryTap with the place, in the canvas's coordinates.
func (c *content) TappedSecondary(e *fyne.PointEvent) {
	c.focus()
	t := c.t
	p := t.posAt(e.Position)
	if r, ok := t.Selection(); !ok || p.before(r.Start) || r.End.before(p) {
		t.moveTo(p, false)
	}
	if t.OnSecondaryTap != nil {
		t.OnSecondaryTap(p, e.AbsolutePosition)
	}
}
