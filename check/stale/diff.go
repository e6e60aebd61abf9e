package stale

import "strings"

// Word is a word of a diff: kept, removed or added.
type Word struct {
	Text string
	Op   Op
}

// Op is what a diff did with a word.
type Op int

// Ops.
const (
	Kept Op = iota
	Removed
	Added
)

// Diff is the words of a turned into b: the longest common subsequence
// of their words kept, the others removed (a's) or added (b's).
func Diff(a, b string) []Word {
	x, y := strings.Fields(a), strings.Fields(b)
	n, m := len(x), len(y)
	// lcs[i][j]: the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Word
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			out = append(out, Word{x[i], Kept})
			i, j = i+1, j+1
		case i < n && (j >= m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, Word{x[i], Removed})
			i++
		default:
			out = append(out, Word{y[j], Added})
			j++
		}
	}
	return out
}
