package textarea

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// edit is one undoable change: the text at Range (after the change) was
// removed text before it. Edits of one group are undone together.
type edit struct {
	at      Pos    // where the change starts
	removed string // the text the change took out
	added   string // the text it put in
	before  Pos    // caret before
	anchor  Pos    // selection anchor before
	group   int
}

// groupPause is how long typing pauses before the next keystroke starts a
// new undo group.
const groupPause = time.Second

var groupSeq int

// apply replaces r with s, recording the edit for undo; typing groups with
// the previous edit when it continues it.
func (t *TextArea) apply(r Range, s string, typing bool) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	removed := t.textOf(r)
	if removed == "" && s == "" {
		return
	}
	e := edit{at: r.Start, removed: removed, added: s, before: t.caret, anchor: t.anchor}
	now := time.Now()
	// Typing groups by word: a word and the spaces after it; a paragraph
	// break on its own.
	if k := len(t.undo); typing && k > 0 && now.Sub(t.lastEdit) < groupPause && removed == "" && s != "\n" &&
		continues(t.undo[k-1], s) && t.end(t.undo[k-1]) == r.Start {
		e.group = t.undo[k-1].group
	} else {
		groupSeq++
		e.group = groupSeq
	}
	t.lastEdit = now
	t.undo = append(t.undo, e)
	t.redo = nil
	end := t.replace(r, s)
	t.anchor = end
	t.moveTo(end, true)
	t.changed()
}

// end is where an edit's added text ends.
func (t *TextArea) end(e edit) Pos {
	return advance(e.at, e.added)
}

// advance is the position after s inserted at p.
func advance(p Pos, s string) Pos {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return Pos{p.Line + strings.Count(s, "\n"), len([]rune(s[i+1:]))}
	}
	return Pos{p.Line, p.Col + len([]rune(s))}
}

// maxEdits is how many edits are kept for Edits before they are dropped
// for "the text changed whole".
const maxEdits = 256

// replace puts s in place of r and returns the position after s. Only the
// paragraphs it touches are wrapped again.
func (t *TextArea) replace(r Range, s string) Pos {
	if len(t.edits) < maxEdits {
		t.edits = append(t.edits, Edit{r, s})
	} else {
		t.edits, t.whole = nil, true // nobody takes them: they say nothing more
	}
	head := t.lines[r.Start.Line][:r.Start.Col]
	tail := t.lines[r.End.Line][r.End.Col:]
	parts := strings.Split(s, "\n")
	newLines := make([][]rune, len(parts))
	for i, p := range parts {
		newLines[i] = []rune(p)
	}
	endCol := len(newLines[len(newLines)-1])
	if len(parts) == 1 {
		endCol += len(head)
	}
	first := append(append([]rune{}, head...), newLines[0]...)
	newLines[0] = first
	last := len(newLines) - 1
	newLines[last] = append(newLines[last], tail...)

	removedLines := r.End.Line - r.Start.Line + 1
	t.moveMarks(r.Start.Line, r.End.Line, len(newLines))
	for i := r.Start.Line; i <= r.End.Line; i++ {
		t.words -= lineWords(t.lines[i])
	}
	for _, l := range newLines {
		t.words += lineWords(l)
	}
	if len(newLines) == removedLines {
		// The rows above later paragraphs stay right when the edited
		// paragraphs keep their number of rows (most keystrokes).
		rowsKept := t.wrapWidth > 0
		for i, l := range newLines {
			li := r.Start.Line + i
			w := &t.wraps[li]
			before := len(w.starts)
			rowsKept = rowsKept && w.width == t.wrapWidth
			t.lines[li] = l
			w.width = 0
			if rowsKept && len(t.wrapLine(li)) != before {
				rowsKept = false
			}
			if li < len(t.strOK) {
				t.strOK[li] = false
			}
		}
		if !rowsKept {
			t.rowsValid = min(t.rowsValid, r.Start.Line)
		}
	} else {
		if len(t.strs) == len(t.lines) {
			strs := make([]string, 0, len(t.lines)-removedLines+len(newLines))
			strs = append(strs, t.strs[:r.Start.Line]...)
			strs = append(strs, make([]string, len(newLines))...)
			strs = append(strs, t.strs[r.End.Line+1:]...)
			ok := make([]bool, 0, len(strs))
			ok = append(ok, t.strOK[:r.Start.Line]...)
			ok = append(ok, make([]bool, len(newLines))...)
			ok = append(ok, t.strOK[r.End.Line+1:]...)
			t.strs, t.strOK = strs, ok
		} else {
			t.strs, t.strOK = nil, nil
		}
		lines := make([][]rune, 0, len(t.lines)-removedLines+len(newLines))
		lines = append(lines, t.lines[:r.Start.Line]...)
		lines = append(lines, newLines...)
		lines = append(lines, t.lines[r.End.Line+1:]...)
		wraps := make([]wrap, 0, len(lines))
		wraps = append(wraps, t.wraps[:r.Start.Line]...)
		wraps = append(wraps, make([]wrap, len(newLines))...)
		wraps = append(wraps, t.wraps[r.End.Line+1:]...)
		t.lines, t.wraps = lines, wraps
		t.rowsBefore = make([]int, len(lines))
		t.rowsValid = min(t.rowsValid, r.Start.Line)
	}
	t.matches = nil
	t.current = -1
	// The caller moves the caret next; until then it must point at text.
	t.caret, t.anchor = t.clamp(t.caret), t.clamp(t.anchor)
	t.relayout()
	return Pos{r.Start.Line + last, endCol}
}

// Undo undoes the last group of edits.
func (t *TextArea) Undo() { t.undoRedo(&t.undo, &t.redo, true) }

// Redo redoes the last undone group.
func (t *TextArea) Redo() { t.undoRedo(&t.redo, &t.undo, false) }

func (t *TextArea) undoRedo(from, to *[]edit, undo bool) {
	if len(*from) == 0 {
		return
	}
	g := (*from)[len(*from)-1].group
	for len(*from) > 0 && (*from)[len(*from)-1].group == g {
		e := (*from)[len(*from)-1]
		*from = (*from)[:len(*from)-1]
		if undo {
			t.replace(Range{e.at, advance(e.at, e.added)}, e.removed)
			t.anchor = e.anchor
			t.caret = e.before
		} else {
			end := t.replace(Range{e.at, advance(e.at, e.removed)}, e.added)
			t.anchor, t.caret = end, end
		}
		*to = append(*to, e)
	}
	t.lastEdit = time.Time{}
	t.moveTo(t.caret, true)
	t.changed()
}

// TypedRune is part of fyne.Focusable: the character typed (accented and
// dead-key characters and an input method's text arrive here composed).
func (t *TextArea) TypedRune(r rune) {
	sel, _ := t.Selection()
	t.apply(sel, string(r), true)
}

// TypedKey is part of fyne.Focusable.
func (t *TextArea) TypedKey(e *fyne.KeyEvent) {
	t.key(e.Name, t.shift, false)
}

// key moves the caret or edits for a key, with shift (select) and
// control (by word, paragraph, document).
func (t *TextArea) key(k fyne.KeyName, shift, ctrl bool) {
	p := t.caret
	sel, hasSel := t.Selection()
	vertical := false
	switch k {
	case fyne.KeyLeft:
		switch {
		case hasSel && !shift:
			p = sel.Start
		case ctrl:
			p = t.wordLeft(p)
		default:
			p = t.left(p)
		}
	case fyne.KeyRight:
		switch {
		case hasSel && !shift:
			p = sel.End
		case ctrl:
			p = t.wordRight(p)
		default:
			p = t.right(p)
		}
	case fyne.KeyUp:
		if ctrl {
			p = t.paragraphUp(p)
		} else {
			p, vertical = t.vertical(p, -1), true
		}
	case fyne.KeyDown:
		if ctrl {
			p = t.paragraphDown(p)
		} else {
			p, vertical = t.vertical(p, 1), true
		}
	case fyne.KeyPageUp, fyne.KeyPageDown:
		rows := max(int(t.scroll.Size().Height/t.measure().lineHeight)-1, 1)
		if k == fyne.KeyPageUp {
			rows = -rows
		}
		p, vertical = t.vertical(p, rows), true
		t.scroll.ScrollToOffset(fyne.NewPos(0, t.scroll.Offset.Y+float32(rows)*t.measure().lineHeight))
	case fyne.KeyHome:
		if ctrl {
			p = Pos{}
		} else {
			_, start, _ := t.rowOf(p)
			p.Col = start
		}
	case fyne.KeyEnd:
		if ctrl {
			p = Pos{len(t.lines) - 1, len(t.lines[len(t.lines)-1])}
		} else {
			row, _, end := t.rowOf(p)
			if row+1 < len(t.wrapLine(p.Line)) && end > 0 && t.lines[p.Line][end-1] == ' ' {
				end--
			}
			p.Col = end
		}
	case fyne.KeyBackspace:
		if !hasSel {
			if ctrl {
				sel = Range{t.wordLeft(p), p}
			} else {
				sel = Range{t.left(p), p}
			}
		}
		t.apply(sel, "", false)
		return
	case fyne.KeyDelete:
		if !hasSel {
			if ctrl {
				sel = Range{p, t.wordRight(p)}
			} else {
				sel = Range{p, t.right(p)}
			}
		}
		t.apply(sel, "", false)
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		t.apply(sel, "\n", true)
		return
	case fyne.KeyTab:
		if shift {
			t.indent(-1)
		} else if hasSel && sel.Start.Line != sel.End.Line {
			t.indent(1)
		} else {
			t.apply(sel, "\t", true)
		}
		return
	default:
		return
	}
	if !vertical {
		t.goalX = -1
	}
	t.moveTo(p, shift)
}

// moveTo puts the caret at p, extending the selection when keep, and
// scrolls to it.
func (t *TextArea) moveTo(p Pos, keep bool) {
	if !keep {
		t.anchor = p
	}
	t.caret = p
	t.showCaret()
	t.content.Refresh()
	t.cursorChanged()
}

// showCaret scrolls so that the caret's row is in view.
func (t *TextArea) showCaret() {
	if t.scroll.Size().Height <= 0 {
		return
	}
	pt := t.point(t.caret)
	lh := t.measure().lineHeight
	top, view := t.scroll.Offset.Y, t.scroll.Size().Height
	switch {
	case pt.Y < top:
		t.scroll.ScrollToOffset(fyne.NewPos(0, pt.Y-theme.InnerPadding()))
	case pt.Y+lh > top+view:
		t.scroll.ScrollToOffset(fyne.NewPos(0, pt.Y+lh-view+theme.InnerPadding()))
	}
}

// caretInView reports whether the caret's row is in view.
func (t *TextArea) caretInView() bool {
	view := t.scroll.Size().Height
	if view <= 0 || t.wrapWidth <= 0 {
		return false
	}
	pt, top := t.point(t.caret), t.scroll.Offset.Y
	return pt.Y >= top && pt.Y+t.measure().lineHeight <= top+view
}

func (t *TextArea) left(p Pos) Pos {
	if p.Col > 0 {
		return Pos{p.Line, p.Col - 1}
	}
	if p.Line > 0 {
		return Pos{p.Line - 1, len(t.lines[p.Line-1])}
	}
	return p
}

func (t *TextArea) right(p Pos) Pos {
	if p.Col < len(t.lines[p.Line]) {
		return Pos{p.Line, p.Col + 1}
	}
	if p.Line+1 < len(t.lines) {
		return Pos{p.Line + 1, 0}
	}
	return p
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '\'' || r == '’'
}

// wordLeft is the start of the word before p.
func (t *TextArea) wordLeft(p Pos) Pos {
	if p.Col == 0 {
		return t.left(p)
	}
	l := t.lines[p.Line]
	c := p.Col
	for c > 0 && !isWord(l[c-1]) {
		c--
	}
	for c > 0 && isWord(l[c-1]) {
		c--
	}
	return Pos{p.Line, c}
}

// wordRight is the end of the word after p.
func (t *TextArea) wordRight(p Pos) Pos {
	l := t.lines[p.Line]
	if p.Col == len(l) {
		return t.right(p)
	}
	c := p.Col
	for c < len(l) && !isWord(l[c]) {
		c++
	}
	for c < len(l) && isWord(l[c]) {
		c++
	}
	return Pos{p.Line, c}
}

// paragraphUp is the start of this paragraph, or of the one above.
func (t *TextArea) paragraphUp(p Pos) Pos {
	if p.Col > 0 {
		return Pos{p.Line, 0}
	}
	return Pos{max(p.Line-1, 0), 0}
}

// paragraphDown is the start of the next paragraph (the end of the text
// on the last).
func (t *TextArea) paragraphDown(p Pos) Pos {
	if p.Line+1 < len(t.lines) {
		return Pos{p.Line + 1, 0}
	}
	return Pos{p.Line, len(t.lines[p.Line])}
}

// vertical moves by rows, keeping the caret's x.
func (t *TextArea) vertical(p Pos, rows int) Pos {
	pt := t.point(p)
	if t.goalX < 0 {
		t.goalX = pt.X
	}
	t.rowIndex(p.Line)
	row, _, _ := t.rowOf(p)
	g := t.rowsBefore[p.Line] + row + rows
	if g < 0 {
		return Pos{}
	}
	if g >= t.totalRows() {
		last := len(t.lines) - 1
		return Pos{last, len(t.lines[last])}
	}
	line, r := t.rowAt(g)
	return Pos{line, t.colAtX(line, r, t.goalX-theme.InnerPadding())}
}

// indent adds a tab before (dir 1), or removes one tab or up to four
// spaces from (dir -1), each selected paragraph, as one undo group.
func (t *TextArea) indent(dir int) {
	sel, _ := t.Selection()
	groupSeq++
	g := groupSeq
	caret, anchor := t.caret, t.anchor
	for i := sel.Start.Line; i <= sel.End.Line; i++ {
		if i == sel.End.Line && sel.End.Col == 0 && sel.End.Line > sel.Start.Line {
			break
		}
		var r Range
		var s string
		if dir > 0 {
			r, s = Range{Pos{i, 0}, Pos{i, 0}}, "\t"
		} else {
			l := t.lines[i]
			n := 0
			if len(l) > 0 && l[0] == '\t' {
				n = 1
			} else {
				for n < len(l) && n < tabSpaces && l[n] == ' ' {
					n++
				}
			}
			if n == 0 {
				continue
			}
			r = Range{Pos{i, 0}, Pos{i, n}}
		}
		t.undo = append(t.undo, edit{at: r.Start, removed: t.textOf(r), added: s, before: caret, anchor: anchor, group: g})
		t.replace(r, s)
		shift := len([]rune(s)) - (r.End.Col - r.Start.Col)
		if caret.Line == i {
			caret.Col = max(caret.Col+shift, 0)
		}
		if anchor.Line == i {
			anchor.Col = max(anchor.Col+shift, 0)
		}
	}
	t.redo = nil
	t.anchor = t.clamp(anchor)
	t.moveTo(t.clamp(caret), true)
	t.changed()
}

// TypedShortcut is part of fyne.Shortcutable: clipboard, undo, select
// all, and control with arrows, Home, End, Backspace and Delete.
func (t *TextArea) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		if txt := t.SelectedText(); txt != "" && s.Clipboard != nil {
			s.Clipboard.SetContent(txt)
		}
	case *fyne.ShortcutCut:
		if txt := t.SelectedText(); txt != "" {
			if s.Clipboard != nil {
				s.Clipboard.SetContent(txt)
			}
			t.ReplaceSelection("")
		}
	case *fyne.ShortcutPaste:
		if s.Clipboard != nil {
			t.ReplaceSelection(s.Clipboard.Content())
		}
	case *fyne.ShortcutUndo:
		t.Undo()
	case *fyne.ShortcutRedo:
		t.Redo()
	case *fyne.ShortcutSelectAll:
		t.SelectAll()
	case *desktop.CustomShortcut:
		ctrl := s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper|fyne.KeyModifierAlt) != 0
		shift := s.Modifier&fyne.KeyModifierShift != 0
		if s.KeyName == fyne.KeyTab && !ctrl {
			t.key(fyne.KeyTab, shift, false)
			return
		}
		if ctrl && s.Modifier&fyne.KeyModifierAlt != 0 && (s.KeyName == fyne.KeyLeft || s.KeyName == fyne.KeyRight) {
			return // desktop switching on some systems
		}
		t.key(s.KeyName, shift, ctrl)
	}
}

// SelectAll selects the whole text.
func (t *TextArea) SelectAll() {
	last := len(t.lines) - 1
	t.anchor = Pos{}
	t.moveTo(Pos{last, len(t.lines[last])}, true)
}

// continues is whether typing s continues the group of edit prev.
func continues(prev edit, s string) bool {
	a := prev.added
	if a == "" || prev.removed != "" || strings.HasSuffix(a, "\n") {
		return false
	}
	return !(strings.HasSuffix(a, " ") && s != " ")
}
