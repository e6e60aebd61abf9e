package textarea

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestMarksFollowEdits: marks below an edit move with their lines, marks
// on the edited lines go, and a zero-width mark (a space to insert) is
// drawn as an underline.
func TestMarksFollowEdits(t *testing.T) {
	a, _ := newArea(t, "un : deux\ntrois\nquatre : cinq", 400)
	a.SetMarks([]Mark{
		{Range{Pos{0, 2}, Pos{0, 3}}, theme.ColorNamePrimary},
		{Range{Pos{2, 6}, Pos{2, 6}}, theme.ColorNamePrimary},
		{Range{Pos{1, 0}, Pos{1, 5}}, theme.ColorNameWarning},
	})
	under := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(a.content).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.Size().Height == 2 && r.Size().Width > 0 {
				n++
			}
		}
		return n
	}
	if n := under(); n != 3 {
		t.Errorf("%d underlines drawn, want 3", n)
	}
	if got := a.MarksAt(2); len(got) != 1 || got[0] != 1 {
		t.Errorf("marks on line 2: %v", got)
	}
	// A new line at the top moves them all down.
	a.SetCursor(Pos{0, 0})
	a.TypedRune('x')
	key(a, fyne.KeyReturn)
	ms := a.Marks()
	if len(ms) != 2 || ms[0].Start.Line != 3 || ms[1].Start.Line != 2 {
		t.Fatalf("after a line above: %+v", ms)
	}
	// Typing on a marked line drops its mark.
	a.SetCursor(Pos{2, 0})
	a.TypedRune('y')
	if ms := a.Marks(); len(ms) != 1 || ms[0].Start.Line != 3 {
		t.Errorf("after typing on a marked line: %+v", ms)
	}
}

// TestReplaceRanges: several ranges replaced as one undo step, the caret
// kept.
func TestReplaceRanges(t *testing.T) {
	a, _ := newArea(t, "un : deux\ntrois ; quatre", 400)
	changes := 0
	a.OnChanged = func() { changes++ }
	a.SetCursor(Pos{1, 2})
	a.ReplaceRanges([]Range{{Pos{0, 2}, Pos{0, 3}}, {Pos{1, 5}, Pos{1, 6}}}, []string{"&nbsp;", ""})
	if a.Text() != "un&nbsp;: deux\ntrois; quatre" || changes != 1 {
		t.Errorf("%q, %d changes", a.Text(), changes)
	}
	if a.Cursor() != (Pos{1, 2}) {
		t.Errorf("caret %v", a.Cursor())
	}
	a.Undo()
	if a.Text() != "un : deux\ntrois ; quatre" {
		t.Errorf("one undo: %q", a.Text())
	}
	a.Redo()
	if a.Text() != "un&nbsp;: deux\ntrois; quatre" {
		t.Errorf("redo: %q", a.Text())
	}
	v := a.Version()
	a.ReplaceRanges([]Range{{Pos{0, 0}, Pos{0, 2}}}, []string{"un"})
	if a.Version() != v {
		t.Error("replacing text by itself changed the text")
	}
}
