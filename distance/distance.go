// Package distance is the edit distance of two sequences (Levenshtein's):
// of words, for the translation memory's fuzzy score; of runes, for a
// translationKey one typo away from another. It imports nothing.
package distance

// Levenshtein is how many insertions, deletions and substitutions make a
// into b. With most >= 0 it gives up once the distance is known to be
// more than most, and says most+1.
func Levenshtein[T comparable](a, b []T, most int) int {
	if most >= 0 && max(len(a)-len(b), len(b)-len(a)) > most {
		return most + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = min(c, prev[j], cur[j-1]) + 1
			}
			cur[j] = c
			least = min(least, c)
		}
		if most >= 0 && least > most {
			return most + 1 // no row later is less
		}
		prev, cur = cur, prev
	}
	if d := prev[len(b)]; most < 0 || d <= most {
		return d
	}
	return most + 1
}
