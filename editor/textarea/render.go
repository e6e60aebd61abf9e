package textarea

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// content is the scrolled area: as tall as all the rows, it draws only
// those in view. It takes the mouse; the TextArea takes the keyboard.
type content struct {
	widget.BaseWidget
	t *TextArea

	lastTap  time.Time
	taps     int
	dragging bool
}

func (c *content) CreateRenderer() fyne.WidgetRenderer {
	return &contentRenderer{c: c, caret: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))}
}

func (c *content) MinSize() fyne.Size {
	return fyne.NewSize(0, c.t.height())
}

// Cursor is part of desktop.Cursorable.
func (c *content) Cursor() desktop.Cursor { return desktop.TextCursor }

type contentRenderer struct {
	c     *content
	rows  []*canvas.Text
	sel   []*canvas.Rectangle
	marks []*canvas.Rectangle
	lines map[fyne.ThemeColorName]*[]*canvas.Rectangle // underlines by colour
	caret *canvas.Rectangle
	objs  []fyne.CanvasObject
}

func (r *contentRenderer) Layout(fyne.Size) { r.draw() }

func (r *contentRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *contentRenderer) Refresh() { r.draw() }

func (r *contentRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *contentRenderer) Destroy() {}

// draw puts the rows in view, the selection, the find marks and the caret
// in place. Objects are reused from one draw to the next.
func (r *contentRenderer) draw() {
	t := r.c.t
	m := t.measure()
	pad := theme.InnerPadding()
	top := t.scroll.Offset.Y
	view := t.scroll.Size().Height
	first := int((top - pad) / m.lineHeight)
	first = max(first, 0)
	total := t.totalRows()
	last := min(int((top+view-pad)/m.lineHeight)+1, total-1)
	fg := theme.Color(theme.ColorNameForeground)

	n := 0
	var rowLine, rowStart []int
	if total > 0 && first <= last {
		line, row := t.rowAt(first)
		for g := first; g <= last && line < len(t.lines); g++ {
			starts := t.wrapLine(line)
			start := starts[row]
			end := len(t.lines[line])
			if row+1 < len(starts) {
				end = starts[row+1]
			}
			if n == len(r.rows) {
				r.rows = append(r.rows, canvas.NewText("", fg))
			}
			txt := r.rows[n]
			s := display(t.lines[line][start:end])
			y := float32(g)*m.lineHeight + pad
			if txt.Text != s || txt.Color != fg || txt.TextSize != m.size || txt.Position().Y != y {
				txt.Text, txt.Color, txt.TextSize = s, fg, m.size
				txt.Move(fyne.NewPos(pad, y))
				txt.Resize(fyne.NewSize(t.wrapWidth, m.textHeight))
				txt.Refresh()
			}
			rowLine = append(rowLine, line)
			rowStart = append(rowStart, start)
			n++
			row++
			if row >= len(starts) {
				line, row = line+1, 0
			}
		}
	}
	rows := r.rows[:n]

	// Selection and find marks: a rectangle per row they cover.
	selCol := theme.ColorNameSelection
	markCol := theme.ColorNameHover
	sel := r.cover(&r.sel, func(add func(Range)) {
		if s, ok := t.Selection(); ok {
			add(s)
		}
	}, rowLine, rowStart, first, selCol, false)
	marks := r.cover(&r.marks, func(add func(Range)) {
		if len(rowLine) == 0 {
			return
		}
		top, bottom := rowLine[0], rowLine[len(rowLine)-1]
		for _, mr := range t.matches {
			if mr.End.Line >= top && mr.Start.Line <= bottom {
				add(mr)
			}
		}
	}, rowLine, rowStart, first, markCol, false)

	// Underlines, by colour.
	var unders []*canvas.Rectangle
	if len(t.marks) > 0 && len(rowLine) > 0 {
		if r.lines == nil {
			r.lines = map[fyne.ThemeColorName]*[]*canvas.Rectangle{}
		}
		top, bottom := rowLine[0], rowLine[len(rowLine)-1]
		colours := map[fyne.ThemeColorName]bool{}
		for _, mk := range t.marks {
			colours[mk.Color] = true
		}
		for col := range colours {
			pool := r.lines[col]
			if pool == nil {
				pool = &[]*canvas.Rectangle{}
				r.lines[col] = pool
			}
			unders = append(unders, r.cover(pool, func(add func(Range)) {
				for _, mk := range t.marks {
					if mk.Color == col && mk.End.Line >= top && mk.Start.Line <= bottom {
						add(mk.Range)
					}
				}
			}, rowLine, rowStart, first, col, true)...)
		}
	}

	objs := r.objs[:0]
	for _, o := range marks {
		objs = append(objs, o)
	}
	for _, o := range sel {
		objs = append(objs, o)
	}
	for _, o := range unders {
		objs = append(objs, o)
	}
	for _, o := range rows {
		objs = append(objs, o)
	}
	if t.focused {
		p := t.point(t.caret)
		r.caret.FillColor = theme.Color(theme.ColorNamePrimary)
		r.caret.Move(fyne.NewPos(p.X, p.Y))
		r.caret.Resize(fyne.NewSize(2, m.textHeight))
		r.caret.Refresh()
		objs = append(objs, r.caret)
	}
	r.objs = objs
}

// cover draws rectangles over the parts of the rows in view that ranges
// cover (under them, as a line, with underline).
func (r *contentRenderer) cover(pool *[]*canvas.Rectangle, each func(func(Range)), rowLine, rowStart []int, first int, col fyne.ThemeColorName, underline bool) []*canvas.Rectangle {
	t := r.c.t
	m := t.measure()
	pad := theme.InnerPadding()
	n := 0
	each(func(rg Range) {
		for k := range rowLine {
			line, start := rowLine[k], rowStart[k]
			_, _, end := t.rowOf(Pos{line, start})
			// The part of [start, end] inside rg.
			a, b := start, end
			if line < rg.Start.Line || line > rg.End.Line {
				continue
			}
			if line == rg.Start.Line {
				a = max(a, rg.Start.Col)
			}
			if line == rg.End.Line {
				b = min(b, rg.End.Col)
			}
			if a > b || a == b && !(line < rg.End.Line && b == len(t.lines[line])) && !(underline && rg.Start == rg.End) {
				continue
			}
			x1 := t.width(t.lines[line][start:a]) + pad
			x2 := t.width(t.lines[line][start:b]) + pad
			if line < rg.End.Line && b == len(t.lines[line]) {
				x2 += m.adv(' ') // the paragraph break is selected too
			}
			if n == len(*pool) {
				*pool = append(*pool, canvas.NewRectangle(nil))
			}
			rect := (*pool)[n]
			rect.FillColor = theme.Color(col)
			y := float32(first+k)*m.lineHeight + pad - theme.LineSpacing()/2
			if underline {
				// A mark on a space only (a no-break space to add) is
				// as wide as a space at least.
				w, x := x2-x1, x1
				if w < m.adv(' ') {
					w = m.adv(' ')
					x -= w / 2 // a place between two characters
				}
				rect.Move(fyne.NewPos(x, y+m.textHeight+1))
				rect.Resize(fyne.NewSize(w, 2))
			} else {
				rect.Move(fyne.NewPos(x1, y))
				rect.Resize(fyne.NewSize(x2-x1, m.lineHeight))
			}
			rect.Refresh()
			n++
		}
	})
	return (*pool)[:n]
}
