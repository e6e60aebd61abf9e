package spell

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"tandem/lines"
)

// Miss is a misspelled word in a text: its byte offsets, its 1-based
// line and column (in characters).
type Miss struct {
	Word        string
	Start, End  int
	Line, Col   int
	Suggestions []string
}

// Words calls f with each word of a prose run, as Hunspell's tokenizer
// cuts them: letters and the dictionary's word characters (an apostrophe
// or a hyphen only between letters), with their byte offsets.
func (d *Dictionary) Words(text string, f func(word string, start, end int)) {
	wc := d.aff.WordChars
	inWord := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsMark(r) || strings.ContainsRune(wc, r) || unicode.IsDigit(r)
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !inWord(r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			q, m := utf8.DecodeRuneInString(text[j:])
			if !inWord(q) {
				break
			}
			j += m
		}
		// Word characters that are not letters do not end a word.
		end := j
		for end > i {
			q, m := utf8.DecodeLastRuneInString(text[i:end])
			if unicode.IsLetter(q) || unicode.IsDigit(q) || unicode.IsMark(q) {
				break
			}
			end -= m
		}
		if end > i {
			f(text[i:end], i, end)
		}
		i = max(j, i+n)
	}
}

// Known is what a check accepts besides the dictionary's words.
type Known struct {
	// Words are the site's own words (its list), accepted as they are.
	Words map[string]bool
	// Capitals: words in capitals are checked too (ISC, GC2025, ISC’s);
	// by default they are acronyms and names, and pass, as word
	// processors leave them.
	Capitals bool
}

// Capitals is whether w is a word in capitals: two letters or more, all
// capitals, with digits or not (GC2025), a possessive (ISC’s, ISC's) or
// an elided article before it (l’ISC, d’ISC) allowed.
func Capitals(w string) bool {
	if i := strings.IndexAny(w, "’'"); i >= 1 && i <= 3 && strings.IndexFunc(w[:i], func(r rune) bool { return !unicode.IsLower(r) }) < 0 {
		_, n := utf8.DecodeRuneInString(w[i:])
		w = w[i+n:] // l’ISC: the elided article
	}
	for _, p := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(w, p) {
			w = strings.TrimSuffix(w, p)
			break
		}
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r) || r == '-':
		default:
			return false
		}
	}
	return letters >= 2
}

// Check finds the misspelled words of a post body's prose (body) or of a
// front-matter text, skipping code, URLs, link targets, HTML, Liquid and
// shortcodes; known says what to accept besides the dictionary's words
// (the site's own list, and words in capitals unless asked for).
func (d *Dictionary) Check(text string, body bool, known Known) []Miss {
	var out []Miss
	pl := placer{text: text, line: 1}
	lines.Prose(text, body, func(start, end int) {
		for _, m := range d.runMisses(text[start:end], known) {
			out = append(out, pl.place(start, m))
		}
	})
	return out
}

// runMisses are the misspelled words of a prose run, with their offsets
// in it.
func (d *Dictionary) runMisses(run string, known Known) []Miss {
	var ms []Miss
	inclusive := d.inclusiveForms(run)
	d.Words(run, func(w string, s, e int) {
		for _, sp := range inclusive {
			if s >= sp[0] && e <= sp[1] {
				return // a part of an inclusive form the dictionary makes
			}
		}
		if !known.Words[w] && !(!known.Capitals && Capitals(w)) && !d.Correct(w) {
			ms = append(ms, Miss{Word: w, Start: s, End: e})
		}
	})
	return ms
}

// inclusiveForm is a word written for both genders, as French government
// writing does: utilisateur·rice·s, employé(e)s, étudiant.e.s, tou·te·s.
var inclusiveForm = regexp.MustCompile(`\p{L}+(?:(?:[·‧•.]\p{Ll}{1,5})+|\(\p{Ll}{1,5}\)\p{Ll}{0,2})`)

// inclusiveForms are the spans of the run's inclusive forms whose parts
// make dictionary words: the word before the first mark, or that word with
// the form's last part (the plural: utilisateurs, employés, tous).
func (d *Dictionary) inclusiveForms(run string) [][2]int {
	if !strings.ContainsAny(run, "·‧•.(") {
		return nil
	}
	var out [][2]int
	for _, m := range inclusiveForm.FindAllStringIndex(run, -1) {
		if m[1] < len(run) {
			if r, _ := utf8.DecodeRuneInString(run[m[1]:]); unicode.IsLetter(r) {
				continue
			}
		}
		form := run[m[0]:m[1]]
		parts := strings.FieldsFunc(form, func(r rune) bool { return strings.ContainsRune("·‧•.()", r) })
		if len(parts) < 2 {
			continue
		}
		base, last := parts[0], parts[len(parts)-1]
		if d.Correct(base) || d.Correct(base+last) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

// placer gives misses of a text, in order, their place in it.
type placer struct {
	text     string
	line, at int // the line of byte at
}

// place is m, found in the run at start, with its offsets, line and
// column in the text.
func (pl *placer) place(start int, m Miss) Miss {
	s := m.Start + start
	pl.line += strings.Count(pl.text[pl.at:s], "\n")
	pl.at = s
	ls := strings.LastIndexByte(pl.text[:s], '\n') + 1
	return Miss{Word: m.Word, Start: s, End: m.End + start, Line: pl.line, Col: utf8.RuneCountInString(pl.text[ls:s]) + 1}
}

// Memo keeps each line's misspelled words from one Check to the next:
// an edit re-checks only the lines it changed (lines.LineCache). One
// goroutine at a time.
type Memo struct {
	lines lines.LineCache[[]lineMiss]
	known Known
}

// lineMiss is a misspelled word of a line: Word, Start and End in its
// prose run, which starts at run in the line.
type lineMiss struct {
	run int
	m   Miss
}

// Check is Dictionary.Check of a body, remembering lines.
func (m *Memo) Check(d *Dictionary, text string, known Known) []Miss {
	if !sameSet(known.Words, m.known.Words) || known.Capitals != m.known.Capitals {
		m.lines.Reset()
	}
	m.known = known
	var out []Miss
	pl := placer{text: text, line: 1}
	var toks []lines.Token
	m.lines.Each(text, lines.NewScanner(true), func(sc *lines.Scanner, line string) []lineMiss {
		toks = sc.Line(toks[:0], line, 0)
		var ms []lineMiss
		lines.ProseRuns(toks, func(a, b int) {
			for _, mm := range d.runMisses(line[a:b], known) {
				ms = append(ms, lineMiss{a, mm})
			}
		})
		return ms
	}, func(start int, _ string, ms []lineMiss) {
		for _, lm := range ms {
			out = append(out, pl.place(start+lm.run, lm.m))
		}
	})
	return out
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// Suggest are corrections of a misspelled word, best first, at most n:
// the dictionary's replacements (REP) and related characters (MAP), a
// neighbour key (KEY), two letters swapped, a letter changed, left out
// or added (from TRY), two words.
func (d *Dictionary) Suggest(word string, n int) []string {
	out := d.candidates(word, 8*n)
	// Best first: the fewest edits, then the most letters kept in order
	// (spnt: spent before sent and spit).
	rs := []rune(word)
	type scored struct {
		s         string
		dist, lcs int
	}
	sc := make([]scored, len(out))
	for i, c := range out {
		cr := []rune(c)
		sc[i] = scored{c, editDistance(rs, cr), lcsLen(rs, cr)}
	}
	sort.SliceStable(sc, func(i, j int) bool {
		if sc[i].dist != sc[j].dist {
			return sc[i].dist < sc[j].dist
		}
		return sc[i].lcs > sc[j].lcs
	})
	out = out[:0]
	for _, x := range sc {
		if len(out) < n {
			for _, c := range d.aff.oconv { // the dictionary's output forms
				x.s = strings.ReplaceAll(x.s, c[0], c[1])
			}
			out = append(out, x.s)
		}
	}
	return out
}

// editDistance is the optimal string alignment distance: a letter
// changed, left out, added, or two swapped, each one edit.
func editDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	eq := func(x, y rune) bool { return unicode.ToLower(x) == unicode.ToLower(y) }
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := d[i-1][j-1]
			if !eq(a[i-1], b[j-1]) {
				c = min(c, d[i-1][j], d[i][j-1]) + 1
			}
			if i > 1 && j > 1 && eq(a[i-1], b[j-2]) && eq(a[i-2], b[j-1]) {
				c = min(c, d[i-2][j-2]+1)
			}
			d[i][j] = c
		}
	}
	return d[len(a)][len(b)]
}

func lcsLen(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if unicode.ToLower(a[i-1]) == unicode.ToLower(b[j-1]) {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// candidates are corrections of word, in the order they are found, at
// most n.
func (d *Dictionary) candidates(word string, n int) []string {
	a := d.aff
	seen := map[string]bool{word: true}
	var out []string
	try := func(c string) bool {
		if seen[c] || strings.ContainsAny(c, " -") && !strings.ContainsAny(word, " -") {
			return false // a word accepted only as two (BREAK): not an edit
		}
		seen[c] = true
		if d.Correct(c) && !d.noSuggest(c) {
			out = append(out, c)
		}
		return len(out) >= n
	}
	// Case: the word in lower case, or with a capital.
	if try(strings.ToLower(word)) {
		return out
	}
	for _, rp := range a.rep {
		for i := strings.Index(word, rp[0]); i >= 0; {
			if try(word[:i] + rp[1] + word[i+len(rp[0]):]) {
				return out
			}
			j := strings.Index(word[i+1:], rp[0])
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	rs := []rune(word)
	edit := func(f func(rs []rune) []string) bool {
		for _, c := range f(rs) {
			if try(c) {
				return true
			}
		}
		return false
	}
	// Related characters (MAP: e, é, è, ê…) and neighbour keys.
	related := func(r rune) []rune {
		var out []rune
		for _, m := range a.maps {
			if strings.ContainsRune(m, r) {
				out = append(out, []rune(m)...)
			}
		}
		for _, row := range strings.Split(a.Key, "|") {
			k := []rune(row)
			for i, c := range k {
				if c == r {
					if i > 0 {
						out = append(out, k[i-1])
					}
					if i+1 < len(k) {
						out = append(out, k[i+1])
					}
				}
			}
		}
		return out
	}
	// Related characters at several places at once (evenement:
	// événement), up to three, as Hunspell's MAP suggestions do.
	if edit(func(rs []rune) (cs []string) {
		var walk func(m []rune, from, changes int)
		walk = func(m []rune, from, changes int) {
			if len(cs) > 4000 {
				return
			}
			for i := from; i < len(m); i++ {
				orig := m[i]
				for _, c := range related(orig) {
					if c == orig {
						continue
					}
					m[i] = c
					cs = append(cs, string(m))
					if changes < 3 {
						walk(m, i+1, changes+1)
					}
					m[i] = orig
				}
			}
		}
		walk(append([]rune{}, rs...), 0, 1)
		return cs
	}) {
		return out
	}
	// Two letters swapped, one left out.
	if edit(func(rs []rune) (cs []string) {
		for i := 0; i+1 < len(rs); i++ {
			m := append([]rune{}, rs...)
			m[i], m[i+1] = m[i+1], m[i]
			cs = append(cs, string(m))
		}
		for i := range rs {
			cs = append(cs, string(rs[:i])+string(rs[i+1:]))
		}
		return cs
	}) {
		return out
	}
	// A letter changed or added, from TRY's letters.
	letters := []rune(a.Try)
	if edit(func(rs []rune) (cs []string) {
		for i := range rs {
			for _, c := range letters {
				if c != rs[i] {
					cs = append(cs, string(rs[:i])+string(c)+string(rs[i+1:]))
				}
			}
		}
		for i := 0; i <= len(rs); i++ {
			for _, c := range letters {
				cs = append(cs, string(rs[:i])+string(c)+string(rs[i:]))
			}
		}
		return cs
	}) {
		return out
	}
	// Two words, of two letters at least each.
	for i := 2; i+2 <= len(rs); i++ {
		l, r := string(rs[:i]), string(rs[i:])
		if c := l + " " + r; !seen[c] && len(out) < n && d.Correct(l) && d.Correct(r) {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// noSuggest: a word the dictionary marks never to suggest.
func (d *Dictionary) noSuggest(w string) bool {
	fs := d.words[w]
	if len(fs) == 0 {
		return false
	}
	for _, fl := range fs {
		if !fl.has(d.aff.noSuggest) {
			return false
		}
	}
	return true
}
