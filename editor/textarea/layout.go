package textarea

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// metrics are the text's measures in the current theme.
type metrics struct {
	size       float32
	lineHeight float32 // one row, spacing included
	textHeight float32
	advance    map[rune]float32
}

const tabSpaces = 4

func (t *TextArea) measure() *metrics {
	m := &t.metrics
	if m.advance == nil {
		m.size = theme.TextSize()
		m.textHeight = fyne.MeasureText("Mg", m.size, fyne.TextStyle{}).Height
		m.lineHeight = m.textHeight + theme.LineSpacing()
		m.advance = map[rune]float32{}
	}
	return m
}

// adv is the width of one rune, measured once.
func (m *metrics) adv(r rune) float32 {
	if w, ok := m.advance[r]; ok {
		return w
	}
	var w float32
	if r == '\t' {
		w = m.adv(' ') * tabSpaces
	} else {
		w = fyne.MeasureText(string(r), m.size, fyne.TextStyle{}).Width
	}
	m.advance[r] = w
	return w
}

// display is how a row's runes are drawn: tabs as spaces.
func display(rs []rune) string {
	s := string(rs)
	if strings.IndexByte(s, '\t') >= 0 {
		s = strings.ReplaceAll(s, "\t", strings.Repeat(" ", tabSpaces))
	}
	return s
}

// width measures drawn text exactly (shaping and kerning included).
func (t *TextArea) width(rs []rune) float32 {
	if len(rs) == 0 {
		return 0
	}
	return fyne.MeasureText(display(rs), t.measure().size, fyne.TextStyle{}).Width
}

// wrapLine finds where paragraph i's rows start at the current width,
// breaking after spaces (a word longer than the row is cut).
func (t *TextArea) wrapLine(i int) []int {
	w := &t.wraps[i]
	if w.width == t.wrapWidth && w.starts != nil {
		return w.starts
	}
	m := t.measure()
	line := t.lines[i]
	starts := w.starts[:0]
	starts = append(starts, 0)
	if t.wrapWidth > m.size {
		x := float32(0)
		rowStart, lastBreak := 0, -1
		for j, r := range line {
			a := m.adv(r)
			if x+a > t.wrapWidth && j > rowStart && r != ' ' {
				next := j
				if lastBreak > rowStart {
					next = lastBreak
				}
				starts = append(starts, next)
				rowStart = next
				x = 0
				for _, q := range line[next:j] {
					x += m.adv(q)
				}
				lastBreak = -1
			}
			x += a
			if r == ' ' || r == '\t' || r == '-' {
				lastBreak = j + 1
			}
		}
	}
	w.starts, w.width = starts, t.wrapWidth
	return starts
}

// rowIndex brings rowsBefore up to date up to paragraph upto (inclusive).
func (t *TextArea) rowIndex(upto int) {
	for t.rowsValid <= upto && t.rowsValid < len(t.lines) {
		i := t.rowsValid
		if i == 0 {
			t.rowsBefore[0] = 0
		} else {
			t.rowsBefore[i] = t.rowsBefore[i-1] + len(t.wrapLine(i-1))
		}
		t.rowsValid++
	}
}

// totalRows is the number of rows of the whole text.
func (t *TextArea) totalRows() int {
	last := len(t.lines) - 1
	t.rowIndex(last)
	return t.rowsBefore[last] + len(t.wrapLine(last))
}

// rowAt returns the paragraph and the row in it of global row r.
func (t *TextArea) rowAt(r int) (line, row int) {
	t.rowIndex(len(t.lines) - 1)
	line = sort.Search(len(t.lines), func(i int) bool { return t.rowsBefore[i] > r }) - 1
	line = max(line, 0)
	row = r - t.rowsBefore[line]
	return line, min(row, len(t.wrapLine(line))-1)
}

// rowOf returns the row (in its paragraph) that p is on, and the rune
// range of that row. A position at a wrap point belongs to the next row.
func (t *TextArea) rowOf(p Pos) (row, start, end int) {
	starts := t.wrapLine(p.Line)
	row = sort.Search(len(starts), func(i int) bool { return starts[i] > p.Col }) - 1
	row = max(row, 0)
	start = starts[row]
	end = len(t.lines[p.Line])
	if row+1 < len(starts) {
		end = starts[row+1]
	}
	return row, start, end
}

// point is where p is drawn, in content coordinates: x of the caret, y of
// the top of its row.
func (t *TextArea) point(p Pos) fyne.Position {
	m := t.measure()
	t.rowIndex(p.Line)
	row, start, _ := t.rowOf(p)
	y := float32(t.rowsBefore[p.Line]+row)*m.lineHeight + theme.InnerPadding()
	x := t.width(t.lines[p.Line][start:p.Col]) + theme.InnerPadding()
	return fyne.NewPos(x, y)
}

// posAt is the text position nearest to a point in content coordinates.
func (t *TextArea) posAt(pt fyne.Position) Pos {
	m := t.measure()
	r := int((pt.Y - theme.InnerPadding()) / m.lineHeight)
	r = min(max(r, 0), t.totalRows()-1)
	line, row := t.rowAt(r)
	return Pos{line, t.colAtX(line, row, pt.X-theme.InnerPadding())}
}

// colAtX is the column in a row nearest to x.
func (t *TextArea) colAtX(line, row int, x float32) int {
	starts := t.wrapLine(line)
	start := starts[row]
	end := len(t.lines[line])
	if row+1 < len(starts) {
		end = starts[row+1]
		if end > start && t.lines[line][end-1] == ' ' {
			end-- // the caret goes before the space a row ends with
		}
	}
	rs := t.lines[line]
	// The rune whose right edge passes x, by bisection.
	lo, hi := start, end
	for lo < hi {
		mid := (lo + hi) / 2
		if t.width(rs[start:mid+1]) < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo >= end {
		return end
	}
	// Nearer to its left or its right edge?
	if x-t.width(rs[start:lo]) < t.width(rs[start:lo+1])-x {
		return lo
	}
	return lo + 1
}

// height is the content's height for all rows.
func (t *TextArea) height() float32 {
	return float32(t.totalRows())*t.measure().lineHeight + 2*theme.InnerPadding()
}
