// Package typo checks and fixes French typography in Markdown and in
// front-matter text: the no-break spaces of Canadian usage (the Office
// québécois de la langue française's, the Translation Bureau's) before
// the colon and units, inside « », in times and number groups, and no
// space before ; ! ?, or France's rules (a narrow no-break space before
// ; ! ?). It never touches code, URLs, link targets, HTML tags and their
// attributes, Liquid tags or shortcodes, and writes a no-break space the
// way the text already does (&nbsp; or the character U+00A0).
package typo

import (
	"tandem/lines"

	"sort"
	"strings"
	"unicode"
)

// Rules are a country's rules.
type Rules int

// The rules.
const (
	Canada Rules = iota
	France
)

// Mode is what the text is.
type Mode int

// Modes: a post body (Markdown with its code blocks) or a front-matter
// text (a title: inline Markdown or HTML, on its own).
const (
	Body Mode = iota
	Field
)

// Style is how a no-break space is written.
type Style int

// Styles.
const (
	Entity    Style = iota // &nbsp; (and &#8239; for the narrow one)
	Character              // U+00A0 (and U+202F)
)

// Kind is what a fix is about.
type Kind int

// Kinds of fixes.
const (
	BeforeColon Kind = iota // a no-break space before “:”
	NoSpace                 // no space before ; ! ? (Canada)
	Narrow                  // a narrow no-break space before ; ! ? (France)
	Guillemets              // no-break spaces inside « »
	BeforeUnit              // a no-break space before %, $, a unit, °C
	Time                    // no-break spaces in a time: 13 h 30
	Groups                  // no-break spaces between a number's groups
)

// Message is a kind's explanation, in English: a fmt format without verbs
// (the window translates it).
func (k Kind) Message() string { return k.format() }

// Text is what the fix says, as shown (Message is a fmt format: a %
// is written %%).
func (k Kind) Text() string { return strings.ReplaceAll(k.format(), "%%", "%") }

func (k Kind) format() string {
	return [...]string{
		"a no-break space goes before the colon",
		"no space goes before ; ! or ?",
		"a narrow no-break space goes before ; ! or ?",
		"no-break spaces go inside « and »",
		"a no-break space goes before %%, $ and units",
		"no-break spaces go in a time (13 h 30)",
		"no-break spaces go between a number's groups (10 000)",
	}[k]
}

// Fix replaces text[Start:End] with New (an insertion where Start ==
// End).
type Fix struct {
	Start, End int
	New        string
	Kind       Kind
}

// Options say how to check.
type Options struct {
	Rules Rules
	Mode  Mode
	Style Style
}

// Check returns the fixes text needs, in order.
func Check(text string, opt Options) []Fix {
	sc := lines.NewScanner(opt.Mode == Body)
	var out []Fix
	c := checker{opt: opt}
	sc.LinesWhere(text, mayNeedFix, func(t []lines.Token) {
		c.t = t
		out = c.line(out)
	})
	return out
}

// mayNeedFix says whether a line holds something a rule looks at (the
// marks and signs of checker.line, a digit), or may (an entity, a
// character past ASCII that may be one: « » ° ¢ €). The others get no
// fix, and are not split into tokens.
func mayNeedFix(line string) bool {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c >= '0' && c <= '9', c == ':', c == ';', c == '!', c == '?', c == '%', c == '$', c == '&', c == 0xC2, c == 0xE2:
			return true
		}
	}
	return false
}

// Apply returns text with fixes (in order, not overlapping) applied.
func Apply(text string, fixes []Fix) string {
	var b strings.Builder
	at := 0
	for _, f := range fixes {
		b.WriteString(text[at:f.Start])
		b.WriteString(f.New)
		at = f.End
	}
	b.WriteString(text[at:])
	return b.String()
}

// StyleOf is how text writes no-break spaces, and whether it writes any
// in one way only.
func StyleOf(text string) (Style, bool) {
	e := strings.Count(text, "&nbsp;") + strings.Count(text, "&#160;") + strings.Count(text, "&#xa0;") + strings.Count(text, "&#8239;")
	c := strings.Count(text, "\u00a0") + strings.Count(text, "\u202f")
	switch {
	case e > 0 && c == 0:
		return Entity, true
	case c > 0 && e == 0:
		return Character, true
	case c > e:
		return Character, false
	}
	return Entity, false
}

// Count adds to entity and char the no-break spaces text writes each
// way (for a site's majority).
func Count(text string) (entity, char int) {
	return strings.Count(text, "&nbsp;") + strings.Count(text, "&#160;"), strings.Count(text, "\u00a0")
}

type checker struct {
	opt Options
	t   []lines.Token
}

func (c *checker) nbsp() string {
	if c.opt.Style == Character {
		return "\u00a0"
	}
	return "&nbsp;"
}

func (c *checker) narrow() string {
	if c.opt.Style == Character {
		return "\u202f"
	}
	return "&#8239;"
}

func (c *checker) isSp(i int) bool {
	return i >= 0 && i < len(c.t) && c.t[i].Kind == lines.Text && (c.t[i].R == ' ' || c.t[i].R == '\t')
}

func (c *checker) isNB(i int) bool {
	return i >= 0 && i < len(c.t) && c.t[i].Kind == lines.Text && (c.t[i].R == '\u00a0' || c.t[i].R == '\u202f' || c.t[i].R == '\u2007')
}

func (c *checker) isDigit(i int) bool {
	return i >= 0 && i < len(c.t) && c.t[i].Kind == lines.Text && c.t[i].R >= '0' && c.t[i].R <= '9'
}

func (c *checker) isLetter(i int) bool {
	return i >= 0 && i < len(c.t) && c.t[i].Kind == lines.Text && unicode.IsLetter(c.t[i].R)
}

func (c *checker) rune(i int) rune {
	if i < 0 || i >= len(c.t) || c.t[i].Kind != lines.Text {
		return 0
	}
	return c.t[i].R
}

// wordy reports whether token i ends or starts a word: a letter, a digit,
// a closing mark, code or a link, an emphasis marker.
func (c *checker) wordy(i int) bool {
	if i < 0 || i >= len(c.t) {
		return false
	}
	if c.t[i].Kind != lines.Text {
		return true
	}
	r := c.t[i].R
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(")]*_\"'’”“…%$€»", r)
}

// spaces is the run of spaces (ordinary and, with nb, no-break) that ends
// just before i, as [from, i).
func (c *checker) spacesBefore(i int, nb bool) int {
	k := i
	for k > 0 && (c.isSp(k-1) || nb && c.isNB(k-1)) {
		k--
	}
	return k
}

func (c *checker) spacesAfter(i int, nb bool) int {
	k := i + 1
	for k < len(c.t) && (c.isSp(k) || nb && c.isNB(k)) {
		k++
	}
	return k
}

// prevThroughTags is the token before i, looking through HTML tags.
func (c *checker) prevThroughTags(i int) int {
	k := i - 1
	for k >= 0 && c.t[k].Kind == lines.Tag {
		k--
	}
	return k
}

func (c *checker) nextThroughTags(i int) int {
	k := i + 1
	for k < len(c.t) && c.t[k].Kind == lines.Tag {
		k++
	}
	return k
}

// ensureBefore makes the gap before token i one no-break space (nb): it
// replaces a run of ordinary spaces, or inserts one after a word.
func (c *checker) ensureBefore(out []Fix, i int, nb string, kind Kind) []Fix {
	if c.isNB(i - 1) {
		return out
	}
	if k := c.spacesBefore(i, false); k < i {
		if k == 0 || c.isNB(k-1) {
			return out // at the line's start: a list or a definition
		}
		return append(out, Fix{c.t[k].Start, c.t[i-1].End, nb, kind})
	}
	if c.wordy(c.prevThroughTags(i)) {
		return append(out, Fix{c.t[i].Start, c.t[i].Start, nb, kind})
	}
	return out
}

// ensureAfter makes the gap after token i one no-break space.
func (c *checker) ensureAfter(out []Fix, i int, nb string, kind Kind) []Fix {
	if c.isNB(i + 1) {
		return out
	}
	if k := c.spacesAfter(i, false); k > i+1 {
		if k >= len(c.t) || c.isNB(k) {
			return out // at the line's end
		}
		return append(out, Fix{c.t[i+1].Start, c.t[k-1].End, nb, kind})
	}
	if c.wordy(c.nextThroughTags(i)) {
		return append(out, Fix{c.t[i].End, c.t[i].End, nb, kind})
	}
	return out
}

func (c *checker) line(out []Fix) []Fix {
	from := len(out)
	for i := 0; i < len(c.t); i++ {
		if c.t[i].Kind != lines.Text {
			continue
		}
		switch r := c.t[i].R; r {
		case ':':
			if n := c.rune(i + 1); unicode.IsLetter(n) || unicode.IsDigit(n) || strings.ContainsRune(":/=-", n) || c.t[min(i+1, len(c.t)-1)].Kind == lines.Word && i+1 < len(c.t) {
				continue // 9:30, a:b, ::
			}
			if c.lineStart(i) {
				continue
			}
			out = c.ensureBefore(out, i, c.nbsp(), BeforeColon)
		case ';', '!', '?':
			n := c.rune(i + 1)
			if r == '!' && n == '[' || unicode.IsLetter(n) || unicode.IsDigit(n) || n == '=' {
				continue // an image, or not punctuation
			}
			if p := c.rune(i - 1); p == '?' || p == '!' {
				continue // ?! is one mark
			}
			if c.lineStart(i) {
				continue
			}
			if c.opt.Rules == France {
				out = c.ensureBefore(out, i, c.narrow(), Narrow)
				continue
			}
			k := c.spacesBefore(i, true)
			if k < i && k > 0 && c.wordy(c.prevThroughTags(k)) && c.rune(k-1) != '«' {
				out = append(out, Fix{c.t[k].Start, c.t[i-1].End, "", NoSpace})
			}
		case '«':
			out = c.ensureAfter(out, i, c.nbsp(), Guillemets)
		case '»':
			if !c.lineStart(i) {
				out = c.ensureBefore(out, i, c.nbsp(), Guillemets)
			}
		case '%', '$', '€', '¢':
			if r == '$' && c.isDigit(i+1) {
				continue // $25: the order is the number check's
			}
			out = c.unitGap(out, i)
		case '°':
			if n := c.rune(i + 1); (n == 'C' || n == 'F') && !c.isLetter(i+2) {
				out = c.unitGap(out, i)
			}
		default:
			if c.isDigit(i) && !c.isDigit(i-1) {
				out = c.number(out, i)
			}
		}
	}
	sort.SliceStable(out[from:], func(a, b int) bool { return out[from+a].Start < out[from+b].Start })
	return out
}

// lineStart reports whether only spaces and list or quote markers come
// before token i on its line.
func (c *checker) lineStart(i int) bool {
	for k := i - 1; k >= 0; k-- {
		if c.t[k].Kind == lines.Tag {
			continue
		}
		if c.t[k].Kind != lines.Text || !strings.ContainsRune(" \t>-*+#", c.t[k].R) {
			return false
		}
	}
	return true
}

// unitGap puts a no-break space between a number and the sign or unit
// at i.
func (c *checker) unitGap(out []Fix, i int) []Fix {
	if c.isDigit(i - 1) {
		return append(out, Fix{c.t[i].Start, c.t[i].Start, c.nbsp(), BeforeUnit})
	}
	if k := c.spacesBefore(i, false); k < i && c.isDigit(k-1) {
		return append(out, Fix{c.t[k].Start, c.t[i-1].End, c.nbsp(), BeforeUnit})
	}
	return out
}

// units are written after a number with a no-break space between.
var units = map[string]bool{
	"km": true, "m": true, "cm": true, "mm": true, "kg": true, "g": true, "mg": true,
	"L": true, "mL": true, "ml": true, "ha": true, "km/h": true, "kWh": true, "kW": true, "MW": true,
	"Ko": true, "Mo": true, "Go": true, "To": true, "ko": true, "Mb": true, "Gb": true,
	"M$": true, "G$": true, "k$": true, "M€": true, "min": true, "s": true, "ms": true,
}

// number handles the digits starting at i: a time (13 h 30), a unit
// after the number (10 km), groups (10 000).
func (c *checker) number(out []Fix, i int) []Fix {
	if c.isLetter(i-1) || strings.ContainsRune(".,", c.rune(i-1)) || c.isSp(i-1) && c.isDigit(i-2) || c.isNB(i-1) && c.isDigit(i-2) {
		return out
	}
	j := i
	for c.isDigit(j) {
		j++
	}
	digits := j - i
	if strings.ContainsRune(".,", c.rune(j)) && c.isDigit(j+1) {
		return out // 2.5, a version, a decimal: its unit is after
	}
	// A time: 13 h 30, 9h, 13h30.
	if digits <= 2 {
		k := j
		if c.isSp(k) || c.isNB(k) {
			k++
		}
		if c.rune(k) == 'h' && !c.isLetter(k+1) {
			m := k + 1
			if c.isSp(m) || c.isNB(m) {
				m++
			}
			minutes := c.isDigit(m) && c.isDigit(m+1) && !c.isDigit(m+2) && !c.isLetter(m+2) && c.rune(m) <= '5'
			if (c.isSp(k+1) || c.isNB(k+1)) && !minutes && c.isDigit(k+2) {
				return out
			}
			hour := 0
			for x := i; x < j; x++ {
				hour = hour*10 + int(c.t[x].R-'0')
			}
			if hour <= 24 {
				out = c.gap(out, j, k, Time)
				if minutes {
					out = c.gap(out, k+1, m, Time)
				}
				return out
			}
		}
	}
	// Groups: 10 000, 1 000 000 (not years, not a phone number).
	if digits <= 3 {
		var gaps []int
		k := j
		for (c.isSp(k) || c.isNB(k)) && c.isDigit(k+1) && c.isDigit(k+2) && c.isDigit(k+3) && !c.isDigit(k+4) {
			gaps = append(gaps, k)
			k += 4
		}
		if len(gaps) > 0 && !(c.isSp(k) && c.isDigit(k+1)) && !c.isLetter(k) {
			for _, g := range gaps {
				if c.isSp(g) {
					out = append(out, Fix{c.t[g].Start, c.t[g].End, c.nbsp(), Groups})
				}
			}
			j = k
		}
	}
	// A unit after the number, with an ordinary space.
	if c.isSp(j) {
		w := j + 1
		for w < len(c.t) && c.t[w].Kind == lines.Text && (unicode.IsLetter(c.t[w].R) || c.t[w].R == '/' || c.t[w].R == '$' || c.t[w].R == '€') {
			w++
		}
		var u strings.Builder
		for x := j + 1; x < w; x++ {
			u.WriteRune(c.t[x].R)
		}
		if units[strings.TrimRight(u.String(), "/")] && !strings.ContainsRune("'’", c.rune(w)) {
			out = append(out, Fix{c.t[j].Start, c.t[j].End, c.nbsp(), BeforeUnit})
		}
	}
	return out
}

// gap makes the tokens between a (included) and b (excluded) one no-break
// space: inserts one when there is none.
func (c *checker) gap(out []Fix, a, b int, kind Kind) []Fix {
	switch {
	case a == b:
		return append(out, Fix{c.t[a].Start, c.t[a].Start, c.nbsp(), kind})
	case c.isSp(a):
		return append(out, Fix{c.t[a].Start, c.t[a].End, c.nbsp(), kind})
	}
	return out
}

// Memo keeps each line's fixes from one Check of a text to the next: an
// edit re-checks only the lines it changed (a line's fixes depend on the
// line and on what the lines before it left open: a code block, an HTML
// comment). A Memo is used by one goroutine at a time.
type Memo struct {
	opt   Options
	lines lines.LineCache[[]Fix] // each line's fixes, offsets in the line
}

// Check is the package's Check, reusing the fixes of unchanged lines.
func (m *Memo) Check(text string, opt Options) []Fix {
	if opt != m.opt {
		m.lines.Reset()
	}
	m.opt = opt
	c := checker{opt: opt}
	var out []Fix
	var toks []lines.Token
	m.lines.Each(text, lines.NewScanner(opt.Mode == Body), func(sc *lines.Scanner, line string) []Fix {
		toks = sc.Line(toks[:0], line, 0)
		if len(toks) == 0 {
			return nil
		}
		c.t = toks
		return c.line(nil)
	}, func(start int, _ string, fixes []Fix) {
		for _, f := range fixes {
			f.Start, f.End = f.Start+start, f.End+start
			out = append(out, f)
		}
	})
	return out
}
