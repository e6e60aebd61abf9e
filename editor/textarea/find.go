package textarea

import (
	"strings"
	"unicode"
)

// Find marks every occurrence of q (ignoring case unless matchCase) and
// returns how many there are. An empty q clears the marks.
func (t *TextArea) Find(q string, matchCase bool) int {
	t.matches, t.current = nil, -1
	if q == "" || strings.Contains(q, "\n") {
		t.content.Refresh()
		return 0
	}
	needle := []rune(q)
	if !matchCase {
		needle = []rune(strings.ToLower(q))
	}
	for i, l := range t.lines {
		for c := 0; c+len(needle) <= len(l); c++ {
			if runesMatch(l[c:c+len(needle)], needle, matchCase) {
				t.matches = append(t.matches, Range{Pos{i, c}, Pos{i, c + len(needle)}})
				c += len(needle) - 1
			}
		}
	}
	t.content.Refresh()
	return len(t.matches)
}

func runesMatch(a, b []rune, matchCase bool) bool {
	for i := range a {
		x := a[i]
		if !matchCase {
			x = unicode.ToLower(x)
		}
		if x != b[i] {
			return false
		}
	}
	return true
}

// Matches are the marked occurrences.
func (t *TextArea) Matches() []Range { return t.matches }

// FindNext selects the next mark after the caret (dir 1) or the one
// before (dir -1), wrapping around; it returns its index, -1 when none.
func (t *TextArea) FindNext(dir int) int {
	if len(t.matches) == 0 {
		return -1
	}
	sel, _ := t.Selection()
	k := -1
	if dir > 0 {
		for i, m := range t.matches {
			if !m.Start.before(sel.End) && (m != sel) {
				k = i
				break
			}
		}
		if k < 0 {
			k = 0
		}
	} else {
		for i := len(t.matches) - 1; i >= 0; i-- {
			if t.matches[i].End.before(sel.Start) || t.matches[i].End == sel.Start && t.matches[i] != sel {
				k = i
				break
			}
		}
		if k < 0 {
			k = len(t.matches) - 1
		}
	}
	t.current = k
	t.Select(t.matches[k])
	return k
}

// ReplaceCurrent replaces the selected mark with r and selects the next;
// it returns false when the selection is not a mark.
func (t *TextArea) ReplaceCurrent(q, r string, matchCase bool) bool {
	sel, ok := t.Selection()
	if !ok || t.current < 0 || t.current >= len(t.matches) || t.matches[t.current] != sel {
		return false
	}
	t.ReplaceSelection(r)
	t.Find(q, matchCase)
	t.FindNext(1)
	return true
}

// ReplaceAll replaces every occurrence of q with r, as one undo group,
// and returns how many it replaced.
func (t *TextArea) ReplaceAll(q, r string, matchCase bool) int {
	n := t.Find(q, matchCase)
	if n == 0 {
		return 0
	}
	texts := make([]string, n)
	for i := range texts {
		texts[i] = r
	}
	ms := t.matches
	t.matches, t.current = nil, -1
	t.ReplaceRanges(ms, texts)
	return n
}
