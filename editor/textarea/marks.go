package textarea

import (
	"time"

	"fyne.io/fyne/v2"
)

// Mark is a stretch of text underlined in a colour: a finding of the
// checks, or a misspelling.
type Mark struct {
	Range
	Color fyne.ThemeColorName
}

// SetMarks underlines ms (in order of position). Edits move the marks
// after them and drop those they touch, until the next SetMarks.
func (t *TextArea) SetMarks(ms []Mark) {
	if len(ms) == len(t.marks) {
		same := true
		for i := range ms {
			same = same && ms[i] == t.marks[i]
		}
		if same {
			return
		}
	}
	t.marks = ms
	t.content.Refresh()
}

// Marks are the marks shown.
func (t *TextArea) Marks() []Mark { return t.marks }

// MarksAt are the indexes of the marks on line (0-based).
func (t *TextArea) MarksAt(line int) []int {
	var out []int
	for i, m := range t.marks {
		if m.Start.Line <= line && line <= m.End.Line {
			out = append(out, i)
		}
	}
	return out
}

// moveMarks follows an edit that replaced lines [from, to] with n lines:
// marks on them go, marks below move.
func (t *TextArea) moveMarks(from, to, n int) {
	if len(t.marks) == 0 {
		return
	}
	d := n - (to - from + 1)
	kept := t.marks[:0]
	for _, m := range t.marks {
		switch {
		case m.End.Line < from:
		case m.Start.Line > to:
			m.Start.Line += d
			m.End.Line += d
		default:
			continue
		}
		kept = append(kept, m)
	}
	t.marks = kept
}

// ReplaceRanges replaces each range with its text (ranges in order, not
// overlapping) as one undo step, and calls OnChanged once.
func (t *TextArea) ReplaceRanges(rs []Range, texts []string) {
	groupSeq++
	g := groupSeq
	caret, anchor := t.caret, t.anchor
	changed := false
	for i := len(rs) - 1; i >= 0; i-- {
		removed := t.textOf(rs[i])
		if removed == texts[i] {
			continue
		}
		t.undo = append(t.undo, edit{at: rs[i].Start, removed: removed, added: texts[i], before: caret, anchor: anchor, group: g})
		t.replace(rs[i], texts[i])
		changed = true
	}
	if !changed {
		return
	}
	t.redo = nil
	t.lastEdit = time.Time{}
	t.caret, t.anchor = t.clamp(caret), t.clamp(anchor)
	t.moveTo(t.caret, true)
	t.changed()
}

// MarkAt is the index of the mark of colour col that holds p, -1 when
// none does.
func (t *TextArea) MarkAt(p Pos, col fyne.ThemeColorName) int {
	for i, m := range t.marks {
		if m.Color == col && !p.before(m.Start) && !m.End.before(p) {
			return i
		}
	}
	return -1
}

// PointOf is where position p's row ends below, in the widget's
// coordinates (for a menu under a word).
func (t *TextArea) PointOf(p Pos) fyne.Position {
	pt := t.point(t.clamp(p))
	return fyne.NewPos(pt.X, pt.Y+t.measure().lineHeight-t.scroll.Offset.Y)
}
