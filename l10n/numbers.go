// Package l10n knows what a correct localization changes: how each
// language writes its numbers (1,000.5 and 1 000,5; FY 25-26 and
// 2025-2026; 1.4K and 1 400), and how an address or a file name says its
// language (/en/ and /fr/, -eng and -fra, banner_en.png and
// banner_fr.png). The aligner and the checks read both sides of a pair
// through it; it imports nothing of Tandem's.
package l10n

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A number as written is read into the values it may stand for in
// either language: 1,000 is a thousand in English and one in French;
// 1 000,5 is a thousand and a half in French. Two blocks agree on a
// number when a value of one is a value of the other. Times are read as
// hh:mm (9:30, 9 h 30, 2:30 p.m. = 14:30), months written out as their
// numbers beside a day or a year (November 20, 2017 = 20 novembre 2017 =
// 2017-11-20), and small numbers written as words stand for themselves
// (three = trois = 3, a dozen = une douzaine = 12), though a word is
// never asked for: “one” and “un” are also pronouns and articles.

// Number is one number as written, and its values.
type Number struct {
	Text   string
	Values []string
	Word   bool // written as a word: satisfies, is never required
}

// numberWords are the words that stand for a Number, by language (see
// lexicons).
var numberWords = map[string]map[string]string{
	"en": words("zero 0 one 1 two 2 three 3 four 4 five 5 six 6 seven 7 eight 8 nine 9 ten 10 eleven 11 twelve 12 " +
		"thirteen 13 fourteen 14 fifteen 15 sixteen 16 seventeen 17 eighteen 18 nineteen 19 twenty 20 thirty 30 " +
		"forty 40 fifty 50 sixty 60 seventy 70 eighty 80 ninety 90 hundred 100 thousand 1000 million 1000000 billion 1000000000 " +
		"dozen 12 dozens 12 first 1 second 2 third 3 fourth 4 fifth 5 sixth 6 seventh 7 eighth 8 ninth 9 tenth 10 " +
		"once 1 twice 2 half 0.5 a 1 an 1 single 1 both 2 pair 2 couple 2 noon 12 midnight 0"),
	"fr": words("zéro 0 un 1 une 1 deux 2 trois 3 quatre 4 cinq 5 six 6 sept 7 huit 8 neuf 9 dix 10 onze 11 douze 12 " +
		"treize 13 quatorze 14 quinze 15 seize 16 vingt 20 trente 30 quarante 40 cinquante 50 soixante 60 " +
		"cent 100 cents 100 mille 1000 million 1000000 millions 1000000 milliard 1000000000 milliards 1000000000 " +
		"douzaine 12 douzaines 12 premier 1 première 1 premiers 1 premières 1 deuxième 2 second 2 seconde 2 troisième 3 quatrième 4 " +
		"cinquième 5 sixième 6 septième 7 huitième 8 neuvième 9 dixième 10 moitié 0.5 demi 0.5 demie 0.5 " +
		"double 2 deux-tiers 0.66 unique 1 seul 1 seule 1 midi 12 minuit 0 couple 2 paire 2"),
}

func words(list string) map[string]string {
	f := strings.Fields(list)
	m := map[string]string{}
	for i := 0; i+1 < len(f); i += 2 {
		m[f[i]] = f[i+1]
	}
	return m
}

// months by language: the month's number.
var months = map[string]map[string]string{
	"en": words("january 1 february 2 march 3 april 4 may 5 june 6 july 7 august 8 september 9 october 10 november 11 december 12 " +
		"jan 1 feb 2 mar 3 apr 4 jun 6 jul 7 aug 8 sep 9 sept 9 oct 10 nov 11 dec 12"),
	"fr": words("janvier 1 février 2 fevrier 2 mars 3 avril 4 mai 5 juin 6 juillet 7 août 8 aout 8 septembre 9 octobre 10 novembre 11 décembre 12 decembre 12 " +
		"janv 1 févr 2 fév 2 avr 4 juil 7 sept 9 oct 10 nov 11 déc 12"),
}

// lexicon is, by language, its number words and months (lower case) with
// their values, and the first letters and lengths of those words: other
// words are not looked up.
type lexicon struct {
	words      map[string]*lexEntry
	startASCII [128]bool
	starts     map[rune]bool // the first letters past ASCII
	lens       uint64        // the words' lengths in bytes, as bits
}

// lexEntry is a word's values as a month and as a number (nil: it is not
// one), shared by every number read from it: never changed.
type lexEntry struct {
	key         string
	month, word []string
}

var lexicons = func() map[string]*lexicon {
	out := map[string]*lexicon{}
	for lang := range numberWords {
		lx := &lexicon{words: map[string]*lexEntry{}, starts: map[rune]bool{}}
		add := func(ws map[string]string, month bool) {
			for w, v := range ws {
				e := lx.words[w]
				if e == nil {
					e = &lexEntry{key: w}
				}
				if month {
					e.month = []string{v}
				} else {
					e.word = []string{v}
				}
				lx.words[w] = e
				if r, _ := utf8.DecodeRuneInString(w); r < 128 {
					lx.startASCII[r] = true
				} else {
					lx.starts[r] = true
				}
				if len(w) < 64 {
					lx.lens |= 1 << len(w)
				}
			}
		}
		add(months[lang], true)
		add(numberWords[lang], false)
		out[lang] = lx
	}
	return out
}()

// starts says whether a word whose first letter (lower case) is r may be
// one of the lexicon's.
func (lx *lexicon) start(r rune) bool {
	if r < 128 {
		return lx.startASCII[r]
	}
	return lx.starts[r]
}

// runeBufs are numbers' buffers of runes, reused.
var runeBufs = sync.Pool{New: func() any { return new([]rune) }}

// Numbers reads the numbers of a text in language lang.
func Numbers(text, lang string) []Number {
	var out []Number
	bp := runeBufs.Get().(*[]rune)
	rs := (*bp)[:0]
	for _, r := range text {
		rs = append(rs, r)
	}
	defer func() { *bp = rs[:0]; runeBufs.Put(bp) }() // nothing keeps rs: numbers' texts are copies
	type wordAt struct {
		w        string
		e        *lexEntry // nil: a Roman Number
		from, to int
	}
	var ws []wordAt      // the words that are months or numbers
	var seen []*lexEntry // the number words read (not months: where each is counts)
	var buf []byte       // a word in lower case, for looking it up
	lx := lexicons[lang]
	if lx == nil {
		lx = &lexicon{}
	}
	isSep := func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' }
	isRoman := func(r rune) bool { return r == 'I' || r == 'V' || r == 'X' || r == 'L' || r == 'C' }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			if i > 0 && (unicode.IsLetter(rs[i-1]) && rs[i-1] != 'x' && !afterFY(rs, i) || rs[i-1] == '#' && !ticket(rs, i)) || name(rs, i) {
				// H1N1, IDIP2019, 18F, a hex colour: a code or a name,
				// not a number.
				i = skipCode(rs, i)
				continue
			}
			j, n := readNumber(rs, i, isSep)
			n.Values = localForms(rs, i, j, n.Values)
			if j < len(rs) && magnitude(rs, j) > 0 {
				j++ // 1.4K: the K is the number's
			}
			out = append(out, n)
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || rs[j] == '-' && j+1 < len(rs) && unicode.IsLetter(rs[j+1])) {
				j++
			}
			if j-i <= 12 && (lx.start(unicode.ToLower(r)) || isRoman(r)) {
				buf = buf[:0]
				for _, r := range rs[i:j] {
					buf = utf8.AppendRune(buf, unicode.ToLower(r))
				}
				var e *lexEntry
				if len(buf) < 64 && lx.lens&(1<<len(buf)) != 0 {
					e = lx.words[string(buf)]
				}
				switch {
				case e != nil && e.month == nil && slices.Contains(seen, e):
					// A number word said again adds nothing: it is never
					// asked for, and its value is in once.
				case e != nil:
					ws = append(ws, wordAt{e.key, e, i, j})
					if e.month == nil {
						seen = append(seen, e)
					}
				case isRoman(r) && roman(string(rs[i:j])) != "":
					ws = append(ws, wordAt{string(buf), nil, i, j})
				}
			}
			i = j
		default:
			i++
		}
	}
	// Words that are numbers, and months beside a number.
	nearNumber := func(from, to int) bool {
		for _, d := range []int{from - 1, from - 2, to, to + 1, to + 2} {
			if d >= 0 && d < len(rs) && rs[d] >= '0' && rs[d] <= '9' {
				return true
			}
		}
		return false
	}
	for _, w := range ws {
		if w.e != nil && w.e.month != nil && nearNumber(w.from, w.to) {
			// A month matches the other side's (11/20 is 20 novembre) but
			// is never asked for: a date written out is not a Number
			// (novembre where the source says "last fall").
			out = append(out, Number{Text: w.w, Values: w.e.month, Word: true})
			continue
		}
		if isRoman(rs[w.from]) {
			if v := roman(string(rs[w.from:w.to])); v != "" {
				out = append(out, Number{Text: w.w, Values: []string{v}})
				continue
			}
		}
		if w.e != nil && w.e.word != nil {
			out = append(out, Number{Text: w.w, Values: w.e.word, Word: true})
		}
	}
	return out
}

// skipCode is the end of the code or name that has a digit at rs[i].
func skipCode(rs []rune, i int) int {
	for i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) {
		i++
	}
	return i
}

// ticket is whether the digits at rs[i], after a #, are a number (#15,
// “no 15” in French), not a code (#3fa, #12ab34).
func ticket(rs []rune, i int) bool {
	if i >= 2 && rs[i-2] == '&' {
		return false // &#8217;: an entity
	}
	j := skipDigits(rs, i)
	return j >= len(rs) || !unicode.IsLetter(rs[j])
}

// skipDigits is the end of the digits at rs[i] (a sentinel past the end
// reads as a space).
func skipDigits(rs []rune, i int) int {
	for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
		i++
	}
	return i
}

// name is whether the digits at rs[i] begin a name: digits then a
// capital that is no magnitude (18F, 3D), or letters and digits again
// (2FA1).
func name(rs []rune, i int) bool {
	j := skipDigits(rs, i)
	if j >= len(rs) || !unicode.IsUpper(rs[j]) || magnitude(rs, j) > 0 {
		return false
	}
	return true
}

// magnitude is what a K or M after a number's digits multiplies it by
// (1.4K, 2M, 10k), as a power of ten; 0 for none (a K that begins a
// word).
func magnitude(rs []rune, j int) int {
	if j >= len(rs) || j+1 < len(rs) && (unicode.IsLetter(rs[j+1]) || unicode.IsDigit(rs[j+1])) {
		return 0
	}
	switch rs[j] {
	case 'K', 'k':
		return 3
	case 'M':
		return 6
	}
	return 0
}

// localForms are a number's values with those its other writings have:
// a magnitude's (1.4K is 1400), a fiscal year's two-digit years (FY
// 25-26, 2025-26: 2025 and 2026).
func localForms(rs []rune, i, j int, values []string) []string {
	end := j
	for end < len(rs) && (rs[end] >= '0' && rs[end] <= '9' || rs[end] == '.' || rs[end] == ',') {
		end++
	}
	if p := magnitude(rs, end); p > 0 && end == j {
		out := values[:0:0]
		for _, v := range values {
			out = append(out, scale(v, p))
		}
		return out
	}
	if j-i != 2 || j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
		return values
	}
	two := string(rs[i:j])
	fiscal := afterFY(rs, i) // FY 25, FY25: the fiscal year's first year
	// 25-26 after FY, 2025-26: its second year (not a date's month:
	// 2017-11-20).
	if i >= 1 && (rs[i-1] == '-' || rs[i-1] == '–' || rs[i-1] == '/') && (j >= len(rs) || rs[j] != '-' && rs[j] != '/') {
		p := i - 1
		q := p
		for q > 0 && rs[q-1] >= '0' && rs[q-1] <= '9' {
			q--
		}
		first := string(rs[q:p])
		switch {
		case len(first) == 4 && (first[:2] == "19" || first[:2] == "20") && (q == 0 || rs[q-1] != '-' && rs[q-1] != '/'):
			return append(values, first[:2]+two)
		case len(first) == 2:
			fiscal = fiscal || afterFY(rs, q)
		}
	}
	if fiscal {
		return append(values, "20"+two)
	}
	return values
}

// afterFY is whether the digits at rs[q] follow FY (a fiscal year).
func afterFY(rs []rune, q int) bool {
	k := q
	for k > 0 && (rs[k-1] == ' ' || rs[k-1] == '\u00a0') {
		k--
	}
	return k >= 2 && (rs[k-1] == 'Y' || rs[k-1] == 'y') && (rs[k-2] == 'F' || rs[k-2] == 'f') && (k == 2 || !unicode.IsLetter(rs[k-3]))
}

// scale is value v (canonical: digits, maybe a point and more) times ten
// to the power p.
func scale(v string, p int) string {
	intPart, frac, _ := strings.Cut(v, ".")
	for range p {
		if frac != "" {
			intPart, frac = intPart+frac[:1], frac[1:]
		} else {
			intPart += "0"
		}
	}
	return canonical(intPart, frac)
}

// MayHaveNumbers says whether text may hold a number that is asked for
// (numbers' that are not words): a digit, or a Roman ordinal (XXIe, Ier,
// IIe). A text without either has only number words, which are never
// asked for: two such texts never miss a number (the check skips them).
func MayHaveNumbers(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if !isRomanByte(c) || i > 0 && isWordByte(text[i-1]) {
			continue
		}
		j := i
		for j < len(text) && isRomanByte(text[j]) {
			j++
		}
		if j < len(text) && (text[j] == 'e' || text[j] == 'r' || text[j] == 0xC3) && (j-i > 1 || c == 'I' || c == 'V' || c == 'X') {
			return true // a run of Roman letters, then an ordinal's ending (é is 0xC3 …)
		}
		i = j - 1
	}
	return false
}

func isRomanByte(c byte) bool { return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C' }

// isWordByte says whether c is surely part of a word: an ASCII letter or
// digit (a byte past ASCII may be a letter, or a mark: « , an invalid
// byte).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// readNumber reads the number at rs[i]: digits with group separators
// and a decimal part, a time, an ordinal's ending.
func readNumber(rs []rune, i int, isSep func(rune) bool) (int, Number) {
	j := i
	for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
		j++
	}
	digits := func(k int) int {
		n := 0
		for k+n < len(rs) && rs[k+n] >= '0' && rs[k+n] <= '9' {
			n++
		}
		return n
	}
	// A time: 9:30, 9 h 30, 9h, 9 a.m., 2:30 p.m.
	if j-i <= 2 {
		k := j
		if k < len(rs) && isSep(rs[k]) {
			k++
		}
		hour, _ := strconv.Atoi(string(rs[i:j]))
		if k < len(rs) && rs[k] == 'h' && (k+1 >= len(rs) || !unicode.IsLetter(rs[k+1])) && hour <= 24 {
			m := k + 1
			if m < len(rs) && isSep(rs[m]) {
				m++
			}
			if digits(m) == 2 {
				return m + 2, timeNumber(rs[i:m+2], hour, string(rs[m:m+2]), "")
			}
			return k + 1, timeNumber(rs[i:k+1], hour, "00", "")
		}
		if j < len(rs) && rs[j] == ':' && digits(j+1) == 2 && hour <= 24 {
			e := j + 3
			return e, timeNumber(rs[i:e], hour, string(rs[j+1:j+3]), meridiem(rs, e))
		}
		if mer := meridiem(rs, j); mer != "" {
			return j, timeNumber(rs[i:j], hour, "00", mer)
		}
	}
	// Groups: 1,000 and 1 000 (three digits each), then a decimal part.
	type reading struct{ group, decimal rune }
	var values, truncated []string
	end := j
	lead := string(rs[i:j])
	for _, rd := range []reading{{',', '.'}, {' ', ','}, {'.', ','}, {0, '.'}, {0, ','}} {
		k := j
		intPart := lead
		if rd.group != 0 && j-i <= 3 {
			for k < len(rs) && (rs[k] == rd.group || rd.group == ' ' && isSep(rs[k])) && digits(k+1) == 3 {
				intPart += string(rs[k+1 : k+4])
				k += 4
			}
			if k == j {
				continue // no group read this way
			}
		}
		frac := ""
		if k+1 < len(rs) && rs[k] == rd.decimal && digits(k+1) > 0 {
			frac = string(rs[k+1 : k+1+digits(k+1)])
			k += 1 + len(frac)
		}
		// A reading that stops before a separator and more digits (7 of
		// 7,8; 1 of 1 000) reads part of the number only.
		if k+1 < len(rs) && (rs[k] == ',' || rs[k] == '.') && digits(k+1) > 0 || k+1 < len(rs) && isSep(rs[k]) && digits(k+1) == 3 && digits(k+4) == 0 && j-i <= 3 {
			truncated = append(truncated, canonical(intPart, frac))
			end = max(end, k)
			continue
		}
		values = append(values, canonical(intPart, frac))
		end = max(end, k)
	}
	if len(values) == 0 {
		values = truncated
	}
	// Ordinals: 1st, 2nd, 1er, 2e, 21st.
	if end < len(rs) && unicode.IsLetter(rs[end]) {
		for _, suf := range ordinalEndings {
			if runesHavePrefix(rs[end:], suf) && (end+len(suf) >= len(rs) || !unicode.IsLetter(rs[end+len(suf)])) {
				end += len(suf)
				break
			}
		}
	}
	return end, Number{Text: string(rs[i:end]), Values: dedupe(values)}
}

// ordinalEndings are the endings of ordinals written in digits: 1st,
// 2nd, 1er, 2e, 3ème.
var ordinalEndings = func() [][]rune {
	var out [][]rune
	for _, suf := range []string{"st", "nd", "rd", "th", "er", "re", "ers", "res", "e", "es", "ème", "ième", "eme"} {
		out = append(out, []rune(suf))
	}
	return out
}()

func runesHavePrefix(rs, p []rune) bool {
	if len(rs) < len(p) {
		return false
	}
	for i, r := range p {
		if rs[i] != r {
			return false
		}
	}
	return true
}

func meridiem(rs []rune, at int) string {
	k := at
	for k < len(rs) && rs[k] == ' ' {
		k++
	}
	rest := strings.ToLower(string(rs[k:min(len(rs), k+4)]))
	for _, m := range []string{"a.m.", "p.m.", "am", "pm"} {
		if strings.HasPrefix(rest, m) && (k+len(m) >= len(rs) || !unicode.IsLetter(rs[k+len(m)])) {
			return m[:1]
		}
	}
	return ""
}

// timeNumber is a time's values: hh:mm, and 12 hours later when neither
// a.m. nor p.m. says which.
func timeNumber(text []rune, hour int, min, mer string) Number {
	n := Number{Text: string(text)}
	switch mer {
	case "p":
		if hour < 12 {
			hour += 12
		}
		n.Values = []string{strconv.Itoa(hour) + ":" + min}
	case "a":
		if hour == 12 {
			hour = 0
		}
		n.Values = []string{strconv.Itoa(hour) + ":" + min}
	default:
		n.Values = []string{strconv.Itoa(hour) + ":" + min}
		if hour < 12 {
			n.Values = append(n.Values, strconv.Itoa(hour+12)+":"+min)
		}
	}
	if min == "00" {
		// 9 h is nine, too: "at 9" in the other language.
		n.Values = append(n.Values, strconv.Itoa(hour))
	}
	return n
}

// canonical writes a number's value: no leading zeros, the decimal part
// without its trailing zeros.
func canonical(intPart, frac string) string {
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

func dedupe(vs []string) []string {
	out := vs[:0]
	for _, v := range vs {
		dup := false
		for _, w := range out {
			dup = dup || w == v
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// Missing are the numbers of a that b does not have (a's words
// are not asked for; b's words count).
func Missing(a, b []Number) []string {
	have := map[string]bool{}
	for _, n := range b {
		for _, v := range n.Values {
			have[v] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range a {
		if n.Word {
			continue
		}
		found := false
		for _, v := range n.Values {
			found = found || have[v]
		}
		if !found && !seen[n.Text] {
			seen[n.Text] = true
			out = append(out, n.Text)
		}
	}
	return out
}

// roman is the value of a Roman ordinal as French writes centuries and
// rulers' numbers (XXIe, Ier, IIe), "" for any other word.
func roman(w string) string {
	n := 0
	for _, suf := range []string{"ème", "er", "re", "e"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			w = strings.TrimSuffix(w, suf)
			n = 1
			break
		}
	}
	if n == 0 || w == "" || len(w) == 1 && !strings.Contains("IVX", w) {
		return "" // Le, Ce: words
	}
	val := map[rune]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	total, prev := 0, 0
	rs := []rune(w)
	for i := len(rs) - 1; i >= 0; i-- {
		v, ok := val[rs[i]]
		if !ok {
			return ""
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	return strconv.Itoa(total)
}
