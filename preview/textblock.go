package preview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/markup"
)

// textBlock shows a block's text runs wrapped at word boundaries
// (a word wider than the block is broken between characters); tapping a
// link opens it.
//
// It lays its text out itself rather than with a widget.RichText: a
// RichText finds each row's end by measuring longer and shorter prefixes
// of the row (each a new string to shape), about a millisecond and a half
// for a 150-character paragraph whose text just changed, and does it
// again on every resize. Here each word is measured once (Fyne caches
// the measurements of strings), and a row is the words that fit. The
// block's look follows RichText's: inner padding, rows of the tallest
// text in them, the theme's line spacing.
type textBlock struct {
	widget.BaseWidget
	runs []markup.Run

	hover bool // the pointer is over a link
	r     *textBlockRenderer
}

func newTextBlock(runs []markup.Run) *textBlock {
	t := &textBlock{runs: runs}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer is part of fyne.Widget.
func (t *textBlock) CreateRenderer() fyne.WidgetRenderer {
	t.r = &textBlockRenderer{t: t, width: -1}
	return t.r
}

// piece is a part of one run on one row.
type piece struct {
	run  int
	text string
	x, w float32
}

type textRow struct {
	pieces []piece
	w, h   float32 // h: the tallest text in it
	gap    bool    // line spacing after it: it ends a run that ends a line
}

type textBlockRenderer struct {
	t      *textBlock
	width  float32 // laid out for; -1 before the first layout
	height float32
	minW   float32
	rows   []textRow
	objs   []fyne.CanvasObject
	objRun []int // each text's run
}

func (r *textBlockRenderer) Layout(s fyne.Size) {
	if s.Width != r.width {
		r.build(s.Width)
	}
}

func (r *textBlockRenderer) MinSize() fyne.Size {
	if r.width < 0 {
		r.build(r.t.Size().Width)
	}
	return fyne.NewSize(r.minW, r.height)
}

func (r *textBlockRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *textBlockRenderer) Destroy()                     {}

// Refresh draws the text again, in the theme's current colours.
func (r *textBlockRenderer) Refresh() {
	r.build(r.t.Size().Width)
	canvas.Refresh(r.t)
}

// build wraps the text at width (no wrapping at 0) and makes its
// canvas texts.
func (r *textBlockRenderer) build(width float32) {
	r.width = width
	inner := theme.InnerPadding()
	avail := width - 2*inner
	if width <= 0 {
		avail = 1 << 24
	}
	r.rows, r.minW = wrapRuns(r.t.runs, avail)
	r.minW += 2 * inner
	r.objs, r.objRun = r.objs[:0], r.objRun[:0]
	spacing := theme.LineSpacing()
	align := fyne.TextAlignLeading
	if len(r.t.runs) > 0 {
		align = textAlign(r.t.runs[0].Style.Align)
	}
	y := inner
	for _, row := range r.rows {
		x0 := inner
		switch align {
		case fyne.TextAlignCenter:
			x0 += max(avail-row.w, 0) / 2
		case fyne.TextAlignTrailing:
			x0 += max(avail-row.w, 0)
		}
		for _, pc := range row.pieces {
			st := r.t.runs[pc.run].Style
			m := textMetrics(sizeOf(st), textStyleOf(st))
			txt := canvas.NewText(pc.text, theme.Color(colorOf(st)))
			txt.TextStyle = textStyleOf(st)
			txt.TextSize = theme.Size(sizeOf(st))
			txt.Move(fyne.NewPos(x0+pc.x, y+row.h-m.row))
			txt.Resize(fyne.NewSize(pc.w, m.row))
			r.objs = append(r.objs, txt)
			r.objRun = append(r.objRun, pc.run)
		}
		y += row.h
		if row.gap {
			y += spacing
		}
	}
	if n := len(r.rows); n > 0 && r.rows[n-1].gap {
		y -= spacing
	}
	r.height = y + inner
	if len(r.rows) == 0 {
		r.height = textMetrics(theme.SizeNameText, fyne.TextStyle{}).row + 2*inner
	}
}

// wrapRuns lays text runs out in rows no wider than avail: words
// (with the spaces after them) are added to a row while they fit; a word
// wider than a row on its own is broken between characters; a line break
// in the text, or a run that breaks the line, ends the row. As in a
// RichText, only the end of a run that breaks the line is followed by
// line spacing. It returns the rows and the widest word.
func wrapRuns(runs []markup.Run, avail float32) ([]textRow, float32) {
	var rows []textRow
	cur := textRow{}
	widest := float32(0)
	space := float32(0) // the width of the spaces ending the row so far
	endRow := func() {
		// A row's trailing spaces do not count towards its width.
		if n := len(cur.pieces); n > 0 && space > 0 {
			last := &cur.pieces[n-1]
			last.text = strings.TrimRight(last.text, " ")
			last.w -= space
			cur.w -= space
		}
		rows = append(rows, cur)
		cur, space = textRow{}, 0
	}
	add := func(run int, text string, w, trailing, rowH float32) {
		if n := len(cur.pieces); n > 0 && cur.pieces[n-1].run == run {
			cur.pieces[n-1].text += text
			cur.pieces[n-1].w += w
		} else {
			cur.pieces = append(cur.pieces, piece{run: run, text: text, x: cur.w, w: w})
		}
		cur.w += w
		cur.h = max(cur.h, rowH)
		space = trailing
	}
	for si, t := range runs {
		size := theme.Size(sizeOf(t.Style))
		style := textStyleOf(t.Style)
		m := textMetrics(sizeOf(t.Style), style)
		measure := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
		lines := strings.Split(t.Text, "\n")
		for li, line := range lines {
			if li > 0 {
				cur.h = max(cur.h, m.row)
				endRow()
			}
			for line != "" {
				word, rest := nextWord(line)
				line = rest
				bare := strings.TrimRight(word, " ")
				bw := measure(bare)
				w := bw
				if bare != word {
					w += measure(word[len(bare):])
				}
				widest = max(widest, min(bw, avail))
				if cur.w+bw > avail && len(cur.pieces) > 0 {
					endRow()
				}
				spaces := w - bw
				for bw > avail && cur.w == 0 {
					// A word wider than a row: as many characters as fit.
					n := fitRunes(bare, avail, measure)
					part := bare[:n]
					add(si, part, measure(part), 0, m.row)
					endRow()
					word, bare = word[n:], bare[n:]
					bw = measure(bare)
					w = bw + spaces
				}
				if word != "" {
					add(si, word, w, w-bw, m.row)
				}
			}
		}
		if t.Text == "" {
			cur.h = max(cur.h, m.row)
		}
		if t.Style.Break {
			cur.h = max(cur.h, m.row)
			cur.gap = true
			endRow()
		}
	}
	if len(cur.pieces) > 0 || cur.h > 0 {
		endRow()
	}
	return rows, widest
}

// nextWord splits a line after its first word and the spaces after it
// (leading spaces are a word of their own).
func nextWord(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i == 0 {
		for i < len(s) && s[i] != ' ' {
			i++
		}
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	return s[:i], s[i:]
}

// fitRunes is how many bytes of s (at least one character) fit in avail.
func fitRunes(s string, avail float32, measure func(string) float32) int {
	var ends []int // the byte offset after each character
	for i := range s {
		if i > 0 {
			ends = append(ends, i)
		}
	}
	ends = append(ends, len(s))
	// The most characters that fit; at least one.
	lo, hi := 1, len(ends)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(s[:ends[mid-1]]) <= avail {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return ends[lo-1]
}

// linkAt is the link of the text at p, "" when none.
func (t *textBlock) linkAt(p fyne.Position) string {
	if t.r == nil {
		return ""
	}
	for i, o := range t.r.objs {
		pos, size := o.Position(), o.Size()
		if p.X >= pos.X && p.X < pos.X+size.Width && p.Y >= pos.Y && p.Y < pos.Y+size.Height {
			return t.runs[t.r.objRun[i]].Link
		}
	}
	return ""
}

// Cursor shows a pointer over a link.
func (t *textBlock) Cursor() desktop.Cursor {
	if t.hover {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// MouseIn is part of desktop.Hoverable.
func (t *textBlock) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved is part of desktop.Hoverable.
func (t *textBlock) MouseMoved(e *desktop.MouseEvent) { t.hover = t.linkAt(e.Position) != "" }

// MouseOut is part of desktop.Hoverable.
func (t *textBlock) MouseOut() { t.hover = false }

// Tapped opens the link tapped.
func (t *textBlock) Tapped(e *fyne.PointEvent) {
	if l := t.linkAt(e.Position); l != "" {
		openLink(l)
	}
}
