package editor

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// diffLines compares two texts line by line (longest common subsequence)
// and marks, on each side, the lines the other side does not have.
func diffLines(a, b []string) (inA, inB []bool) {
	inA, inB = make([]bool, len(a)), make([]bool, len(b))
	// Common prefix and suffix first: most edits are local.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	if len(ma)*len(mb) > 4_000_000 {
		// Too long to match line by line: mark the whole middle.
		for i := range ma {
			inA[p+i] = true
		}
		for j := range mb {
			inB[p+j] = true
		}
		return inA, inB
	}
	n, m := len(ma), len(mb)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ma[i] == mb[j]:
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			inB[p+j] = true
			j++
		default:
			inA[p+i] = true
			i++
		}
	}
	return inA, inB
}

// diffViews shows two versions of a file, each line that only one side
// has in the error (left, on disk) or success (right, in Tandem) colour.
func diffViews(disk, mine string) (*widget.RichText, *widget.RichText) {
	a, b := strings.Split(disk, "\n"), strings.Split(mine, "\n")
	inA, inB := diffLines(a, b)
	return diffText(a, inA, theme.ColorNameError), diffText(b, inB, theme.ColorNameSuccess)
}

func diffText(lines []string, marked []bool, mark fyne.ThemeColorName) *widget.RichText {
	var segs []widget.RichTextSegment
	for i, l := range lines {
		st := widget.RichTextStyleCodeBlock
		prefix := "  "
		if marked[i] {
			st.ColorName = mark
			st.TextStyle.Bold = true
			prefix = "▌ "
		}
		segs = append(segs, &widget.TextSegment{Text: prefix + l, Style: st})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = 0
	return rt
}
