package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tip is a small icon that explains something: hovering it shows the
// text in the status bar (Fyne 2.7 has no tooltips, and a pop-up shown
// on hover would take the pointer from the icon), tapping it shows the
// text in a pop-up beside it.
type tip struct {
	widget.BaseWidget
	icon  *widget.Icon
	text  string
	ed    *Editor
	saved string // the status bar's text before the pointer came
	in    bool
}

var _ desktop.Hoverable = (*tip)(nil)

func newTip(icon fyne.Resource, text string, e *Editor) *tip {
	t := &tip{icon: widget.NewIcon(icon), text: text, ed: e}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tip) CreateRenderer() fyne.WidgetRenderer { return &tipRenderer{t} }

// tipRenderer draws the icon at the inline icon size, centred in a box as
// tall as a text entry, so that it lines up with the field beside it.
type tipRenderer struct{ t *tip }

func (r *tipRenderer) Layout(size fyne.Size) {
	s := theme.IconInlineSize()
	r.t.icon.Resize(fyne.NewSquareSize(s))
	r.t.icon.Move(fyne.NewPos((size.Width-s)/2, (fyne.Min(size.Height, entryHeight())-s)/2))
}

func (r *tipRenderer) MinSize() fyne.Size {
	return fyne.NewSize(theme.IconInlineSize()+2*theme.Padding(), entryHeight())
}

func (r *tipRenderer) Refresh()                     { r.t.icon.Refresh() }
func (r *tipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.icon} }
func (r *tipRenderer) Destroy()                     {}

// entryHeight is the height of a one-line text entry.
func entryHeight() float32 {
	return fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
}

// MouseIn shows the text in the status bar.
func (t *tip) MouseIn(*desktop.MouseEvent) {
	if !t.in {
		t.in, t.saved = true, t.ed.status.Text
	}
	t.ed.setStatus(t.text)
}

// MouseMoved does nothing: the text is shown already.
func (t *tip) MouseMoved(*desktop.MouseEvent) {}

// MouseOut puts the status bar's text back.
func (t *tip) MouseOut() {
	if t.in && t.ed.status.Text == t.text {
		t.ed.setStatus(t.saved)
	}
	t.in = false
}

// Tapped shows the text in a pop-up under the icon.
func (t *tip) Tapped(*fyne.PointEvent) {
	l := widget.NewLabel(t.text)
	l.Wrapping = fyne.TextWrapWord
	c := fyne.CurrentApp().Driver().CanvasForObject(t)
	if c == nil {
		return
	}
	pop := widget.NewPopUp(l, c)
	w := fyne.Min(360, c.Size().Width-2*theme.Padding())
	l.Resize(fyne.NewSize(w, 0))
	pop.Resize(fyne.NewSize(w, l.MinSize().Height))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(t)
	x := fyne.Min(pos.X, c.Size().Width-w-theme.Padding())
	pop.ShowAtPosition(fyne.NewPos(fyne.Max(x, 0), pos.Y+t.Size().Height))
}
