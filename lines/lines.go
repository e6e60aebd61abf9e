// Package lines reads Markdown line by line, as every feature that looks
// at a post's text needs it: code fences as CommonMark reads them
// (FenceOpens, FenceCloses, Fences), and the tokens of each line
// (Scanner), which tell the prose a writer wrote from what is never
// words (code, URLs, link targets, HTML tags, Liquid, shortcodes): the
// prose runs spelling reads (Prose, ProseRuns, LineCache), the tokens French
// typography spaces. Lint, typography, spelling and the incremental
// parser read fences here, so they agree. It imports nothing of Tandem's.
package lines

import (
	"html"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Token kinds: Text is prose the rules may space; a Word is something
// never touched that reads as a word beside the prose around it (inline
// code, a URL, a link target, a Liquid tag or a shortcode); a Tag is an
// HTML tag, which the rules look through.
const (
	Text Kind = iota
	Word
	Tag
)

// Kind is what a token is.
type Kind uint8

// Token is one rune of prose (an HTML entity is one, its character: R)
// or one untouchable span, with its bytes in the text.
type Token struct {
	R          rune
	Kind       Kind
	Start, End int
}

// Scanner cuts a text into lines of tokens, keeping what spans lines: a
// fenced code block, an HTML comment or tag, a <pre> or <script> element,
// a Liquid highlight or raw block.
type Scanner struct {
	markdown bool
	fence    byte   // the open code fence's character
	fenceN   int    // and its length (0: none open)
	until    string // what closes the open comment, element or block
	inTag    bool   // inside a tag that goes on to the next line
	blank    bool   // the previous line was blank
	listy    bool   // the last text line was a list item or indented
}

// NewScanner is a scanner at the start of a text: a post body
// (markdown, with its code blocks) or a front-matter text.
func NewScanner(markdown bool) Scanner { return Scanner{markdown: markdown, blank: true} }

// Lines calls f with each line's tokens (lines that hold none left out).
func (sc *Scanner) Lines(text string, f func([]Token)) {
	var toks []Token
	Each(text, func(start int, line string) {
		toks = sc.Line(toks[:0], line, start)
		if len(toks) > 0 {
			f(toks)
		}
	})
}

// View is b as a string, without a copy: for reading b (lines of a
// post's body, say) where b is not changed while the string is in use,
// and not after either when the string, or a part of it, is kept.
func View(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// Each calls f with each line of text (without its line ending) and
// the offset it starts at.
func Each(text string, f func(start int, line string)) {
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += start
			next = end + 1
		}
		f(start, strings.TrimSuffix(text[start:end], "\r"))
		start = next
	}
}

// Line appends the tokens of one line (without its ending), at offset
// base in the text, to toks; the scanner then stands after the line.
func (sc *Scanner) Line(toks []Token, line string, base int) []Token {
	return sc.lineWhere(toks, line, base, nil)
}

// LinesWhere is Lines for a reader that looks at some lines only: a line
// want says does not matter is not split into tokens when that changes
// nothing for the lines after it (no comment, element or tag open, and
// no '<' or '{' in it); its fence, blank or list state is read all the
// same. want nil: every line.
func (sc *Scanner) LinesWhere(text string, want func(line string) bool, f func([]Token)) {
	bp := tokenBufs.Get().(*[]Token)
	toks := (*bp)[:0]
	Each(text, func(start int, line string) {
		toks = sc.lineWhere(toks[:0], line, start, want)
		if len(toks) > 0 {
			f(toks)
		}
	})
	*bp = toks[:0] // f keeps no token: the buffer serves the next text
	tokenBufs.Put(bp)
}

// tokenBufs are LinesWhere's buffers of a line's tokens (a token a
// character: a long line's are kilobytes, for every post).
var tokenBufs = sync.Pool{New: func() any { return new([]Token) }}

func (sc *Scanner) lineWhere(toks []Token, line string, base int, want func(string) bool) []Token {
	trimmed := strings.TrimLeft(line, " ")
	indent := len(line) - len(trimmed)
	if sc.markdown && sc.until == "" && !sc.inTag {
		if sc.fenceN > 0 {
			if FenceCloses(line, sc.fence, sc.fenceN) {
				sc.fence, sc.fenceN = 0, 0
			}
			return toks
		}
		if c, n := FenceOpens(line); n > 0 {
			sc.fence, sc.fenceN = c, n
			return toks
		}
		blank := strings.TrimSpace(line) == ""
		wasBlank := sc.blank
		sc.blank = blank
		if blank {
			return toks
		}
		code := (indent >= 4 || strings.HasPrefix(line, "\t")) && wasBlank && !sc.listy
		sc.listy = indent >= 2 || strings.HasPrefix(line, "\t") || listItem(trimmed)
		if code || tableRule(trimmed) || refDefinition(trimmed) {
			return toks
		}
	}
	if want != nil && sc.until == "" && !sc.inTag && !strings.ContainsAny(line, "<{") && !want(line) {
		return toks // its tokens would open nothing, and are not asked for
	}
	for i := 0; i < len(line); {
		if sc.until != "" {
			k := strings.Index(strings.ToLower(line[i:]), sc.until)
			if k < 0 {
				return append(toks, Token{0, Word, base + i, base + len(line)})
			}
			end := i + k + len(sc.until)
			if strings.HasPrefix(sc.until, "</") {
				if j := strings.IndexByte(line[end:], '>'); j >= 0 {
					end += j + 1
				}
			} else if sc.until != "-->" {
				if j := strings.IndexByte(line[end:], '}'); j >= 0 {
					end += j + 1
					if end < len(line) && line[end] == '}' {
						end++
					}
				}
			}
			toks = append(toks, Token{0, Word, base + i, base + end})
			i = end
			sc.until = ""
			continue
		}
		if sc.inTag {
			k := strings.IndexByte(line[i:], '>')
			if k < 0 {
				return append(toks, Token{0, Tag, base + i, base + len(line)})
			}
			toks = append(toks, Token{0, Tag, base + i, base + i + k + 1})
			i += k + 1
			sc.inTag = false
			continue
		}
		n, kind := sc.special(line, i)
		if n > 0 {
			toks = append(toks, Token{0, kind, base + i, base + i + n})
			i += n
			continue
		}
		if line[i] == '&' {
			if k := entityLen(line[i:]); k > 0 {
				r, _ := utf8.DecodeRuneInString(html.UnescapeString(line[i : i+k]))
				toks = append(toks, Token{r, Text, base + i, base + i + k})
				i += k
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		toks = append(toks, Token{r, Text, base + i, base + i + size})
		i += size
	}
	return toks
}

// special is the length and kind of an untouchable span at line[i:], 0
// when there is none; it opens what goes on to later lines.
func (sc *Scanner) special(line string, i int) (int, Kind) {
	rest := line[i:]
	switch line[i] {
	case '`':
		run := len(rest) - len(strings.TrimLeft(rest, "`"))
		if k := closingRun(rest[run:], run); k >= 0 {
			return run + k + run, Word
		}
		return run, Word
	case '<':
		if strings.HasPrefix(rest, "<!--") {
			if k := strings.Index(rest, "-->"); k >= 0 {
				return k + 3, Tag
			}
			sc.until = "-->"
			return len(rest), Tag
		}
		if k := strings.IndexByte(rest, '>'); k > 0 && autolinkStart(rest[1:]) {
			return k + 1, Word
		}
		if len(rest) > 1 && (isASCIILetter(rest[1]) || rest[1] == '/' && len(rest) > 2 && isASCIILetter(rest[2])) {
			name := strings.ToLower(tagName(rest[1:]))
			k := strings.IndexByte(rest, '>')
			if k < 0 {
				sc.inTag = true
				return len(rest), Tag
			}
			switch name {
			case "pre", "script", "style", "code", "kbd", "samp", "math", "svg":
				if !strings.HasSuffix(rest[:k], "/") {
					closer := "</" + name
					if c := strings.Index(strings.ToLower(rest[k:]), closer); c >= 0 {
						e := strings.IndexByte(rest[k+c:], '>')
						if e >= 0 {
							return k + c + e + 1, Word
						}
					}
					sc.until = closer
					return len(rest), Word
				}
			}
			return k + 1, Tag
		}
	case ']':
		if strings.HasPrefix(rest, "](") {
			if k := closingParen(rest[1:]); k > 0 {
				return 1 + k, Word
			}
		}
		if strings.HasPrefix(rest, "][") {
			if k := strings.IndexByte(rest[2:], ']'); k >= 0 {
				return 3 + k, Word
			}
		}
	case '{':
		for _, p := range [][2]string{{"{%", "%}"}, {"{{", "}}"}, {"{:", "}"}, {"{#", "}"}} {
			if strings.HasPrefix(rest, p[0]) {
				if k := strings.Index(rest[2:], p[1]); k >= 0 {
					inner := rest[2 : 2+k]
					sc.openBlock(p[0], inner)
					return 2 + k + len(p[1]), Word
				}
				return len(rest), Word
			}
		}
	case 'h', 'f', 'm', 'w', 'H', 'W':
		if i == 0 || !isWordByte(line[i-1]) {
			if n := urlLen(rest); n > 0 {
				return n, Word
			}
		}
	}
	return 0, 0
}

// openBlock starts a Liquid or shortcode block whose content is code: a
// highlight, raw or comment block.
func (sc *Scanner) openBlock(opener, inner string) {
	f := strings.Fields(strings.Trim(inner, "-<>%"))
	if len(f) == 0 {
		return
	}
	switch opener {
	case "{%":
		switch f[0] {
		case "highlight", "raw", "comment":
			sc.until = "end" + f[0]
		}
	case "{{":
		switch f[0] {
		case "highlight", "code", "mermaid", "raw":
			sc.until = "/" + f[0]
		}
	}
}

// Fences follows fenced code blocks line by line.
type Fences struct {
	c byte
	n int
}

// Line reports whether line (without its ending) is code: it opens,
// closes or is inside a fenced code block.
func (f *Fences) Line(line string) bool {
	if f.n > 0 {
		if FenceCloses(line, f.c, f.n) {
			f.c, f.n = 0, 0
		}
		return true
	}
	f.c, f.n = FenceOpens(line)
	return f.n > 0
}

// FenceOpens is the character and length of the code fence a line opens
// as CommonMark reads it (up to three spaces, three or more ` or ~, no `
// after a ` fence); n is 0 when it opens none.
func FenceOpens[T ~string | ~[]byte](line T) (c byte, n int) {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i > 3 || i+3 > len(line) || line[i] != '`' && line[i] != '~' {
		return 0, 0
	}
	c = line[i]
	for i+n < len(line) && line[i+n] == c {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	if c == '`' {
		for k := i + n; k < len(line); k++ {
			if line[k] == '`' {
				return 0, 0
			}
		}
	}
	return c, n
}

// FenceCloses reports whether a line closes a fence of n characters c:
// up to three spaces, at least n of c, nothing but spaces and tabs after.
func FenceCloses[T ~string | ~[]byte](line T, c byte, n int) bool {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i > 3 {
		return false
	}
	k := 0
	for i+k < len(line) && line[i+k] == c {
		k++
	}
	if k < n {
		return false
	}
	for _, b := range []byte(line[i+k:]) {
		if b != ' ' && b != '\t' && b != '\r' {
			return false
		}
	}
	return true
}

func listItem(line string) bool {
	if len(line) > 1 && strings.ContainsRune("-*+", rune(line[0])) && line[1] == ' ' {
		return true
	}
	d := len(line) - len(strings.TrimLeft(line, "0123456789"))
	return d > 0 && d < len(line)-1 && (line[d] == '.' || line[d] == ')') && line[d+1] == ' '
}

// tableRule is a table's delimiter row: |:---|---:|.
func tableRule(line string) bool {
	return strings.Contains(line, "-") && strings.Trim(line, "|:- \t") == ""
}

// refDefinition is a link reference definition: [id]: url.
func refDefinition(line string) bool {
	if !strings.HasPrefix(line, "[") {
		return false
	}
	k := strings.Index(line, "]:")
	return k > 1 && !strings.Contains(line[:k], "](")
}

func closingRun(s string, n int) int {
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '`')
		if k < 0 {
			return -1
		}
		j := i + k
		m := len(s[j:]) - len(strings.TrimLeft(s[j:], "`"))
		if m == n {
			return j
		}
		i = j + m
	}
	return -1
}

// closingParen is the length of a link's (destination "title"), parens
// nested, from s[0] == '('; 0 when it does not close on the line.
func closingParen(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

func autolinkStart(s string) bool {
	for _, p := range []string{"http://", "https://", "mailto:", "ftp://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	k := strings.IndexByte(s, '>')
	return k > 0 && strings.Contains(s[:k], "@") && !strings.ContainsAny(s[:k], " <")
}

// urlLen is the length of a bare URL at s, 0 when there is none.
func urlLen(s string) int {
	ok := false
	for _, p := range []string{"http://", "https://", "ftp://", "mailto:", "www."} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			ok = true
		}
	}
	if !ok {
		return 0
	}
	n := strings.IndexFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '<' || r == '>' || r == '"' || r == ')' || r == '\u00a0' || r == '»' || r == '«'
	})
	if n < 0 {
		n = len(s)
	}
	// A sentence's full stop or comma after the URL is not part of it.
	for n > 0 && strings.ContainsRune(".,;:!?", rune(s[n-1])) {
		n--
	}
	if strings.HasSuffix(s[:n], "&nbsp") {
		n -= len("&nbsp")
	}
	return n
}

// entityLen is the length of the HTML entity at s, 0 when there is none.
func entityLen(s string) int {
	k := strings.IndexByte(s, ';')
	if k < 2 || k > 32 {
		return 0
	}
	body := s[1:k]
	if body[0] == '#' {
		digits := body[1:]
		hex := len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X')
		if hex {
			digits = digits[1:]
		}
		if digits == "" {
			return 0
		}
		for _, c := range digits {
			if !(c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
				return 0
			}
		}
		return k + 1
	}
	for i := 0; i < len(body); i++ {
		if !isASCIILetter(body[i]) && !(i > 0 && body[i] >= '0' && body[i] <= '9') {
			return 0
		}
	}
	if html.UnescapeString(s[:k+1]) == s[:k+1] {
		return 0 // not an entity HTML knows
	}
	return k + 1
}

func tagName(s string) string {
	s = strings.TrimPrefix(s, "/")
	n := 0
	for n < len(s) && (isASCIILetter(s[n]) || s[n] >= '0' && s[n] <= '9' || s[n] == '-') {
		n++
	}
	return s[:n]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c >= 0x80 || c == '_' || c == '/' || c == '.'
}

// Prose calls f with each run of prose in text (byte offsets): the text a
// writer wrote, without code, URLs, link targets, HTML tags and their
// attributes, Liquid tags, shortcodes, entities (a run ends at one). body
// is a post body (Markdown with its code blocks); false, a front-matter
// text.
func Prose(text string, body bool, f func(start, end int)) {
	sc := NewScanner(body)
	sc.Lines(text, func(t []Token) { proseRuns(t, f) })
}

// proseRuns calls f with each run of plain prose tokens of a line (an
// entity ends one).
func proseRuns(t []Token, f func(start, end int)) {
	from := -1
	for i, tk := range t {
		plain := tk.Kind == Text && tk.End-tk.Start == len(string(tk.R)) && tk.R != '&'
		switch {
		case plain && from < 0:
			from = tk.Start
		case !plain && from >= 0:
			f(from, t[i-1].End)
			from = -1
		}
	}
	if from >= 0 {
		f(from, t[len(t)-1].End)
	}
}

// ProseRuns calls f with each run of plain prose of a line, given its
// tokens (Scanner.Line), as Prose finds them.
func ProseRuns(toks []Token, f func(start, end int)) { proseRuns(toks, f) }

// LineCache keeps what was worked out for each line of the last text
// read, so that the next text works out only the lines that changed: a
// line of the text's common first or last lines with the last one, read
// in the same scanner state, keeps its result (a keystroke works out
// its own line, and compares the others). Its zero value is empty.
type LineCache[T any] struct {
	lines, spare []cachedLine[T]
}

type cachedLine[T any] struct {
	line          string
	before, after Scanner
	v             T
}

// Each calls f with each line of text (as Each cuts them), its start and
// its result: the one kept, or work's, which reads the line with the
// scanner in the state before it and leaves it in the state after.
func (c *LineCache[T]) Each(text string, sc Scanner, work func(sc *Scanner, line string) T, f func(start int, line string, v T)) {
	old := c.lines
	n := strings.Count(text, "\n")
	if len(text) > 0 && text[len(text)-1] != '\n' {
		n++
	}
	cur := c.spare[:0]
	if cap(cur) < n {
		cur = make([]cachedLine[T], 0, n)
	}
	shift := len(old) - n // an old line's index, less a new one's, in the common last lines
	first := true         // still in the common first lines
	// The common last lines: from the end, those equal to the old text's
	// (the last line's end: Each leaves out the last line break).
	last, end := n, len(text)
	if end > 0 && text[end-1] == '\n' {
		end--
	}
	for j := len(old) - 1; last > 0 && j >= 0; j-- {
		start := strings.LastIndexByte(text[:end], '\n') + 1
		if strings.TrimSuffix(text[start:end], "\r") != old[j].line {
			break
		}
		last, end = last-1, start-1
	}
	i := 0
	Each(text, func(start int, line string) {
		var e cachedLine[T]
		j := -1
		if first && i < len(old) && old[i].line == line {
			j = i
		} else {
			first = false
			if i >= last {
				j = i + shift
			}
		}
		if j >= 0 && old[j].before == sc {
			e = old[j]
		} else {
			e.line, e.before = line, sc
			after := sc
			e.v = work(&after, line)
			e.after = after
		}
		cur = append(cur, e)
		sc = e.after
		f(start, line, e.v)
		i++
	})
	c.lines, c.spare = cur, old[:0]
}

// Reset forgets the lines kept (what they were worked out with changed).
func (c *LineCache[T]) Reset() { c.lines, c.spare = nil, nil }
