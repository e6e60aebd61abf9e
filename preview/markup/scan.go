package markup

import (
	"bytes"
	"strings"
)

// blockScan follows what each line of a post leaves open for the lines
// after it: a code fence, a raw block that runs to its end tag whatever
// blank lines it holds (a comment, pre, script, style, textarea), and the
// block-level HTML elements raw HTML opens and has not closed yet. A
// <table>, <ul> or <div> opened in one HTML block and closed several
// blank lines later is one element in the reader's browser, whatever the
// engine did with the pieces: the incremental cutter never cuts while
// anything is open, and the renderer reads such a run as one fragment.
type blockScan struct {
	fence  byte // the open code fence's character, 0 for none
	fenceN int  // and its length
	rawEnd string
	// block is an HTML block that runs to the next blank line (CommonMark's
	// kinds 6 and 7): a fence or a comment opened in it is its text.
	block bool
	// para is a paragraph that the next line may continue.
	para    bool
	html    []string // open block-level elements, innermost last
	partial []byte   // a tag cut by the end of its line
}

// containers are the elements whose end tag a page needs to close them:
// the ones a fragment can be open across lines for.
var containers = map[string]bool{
	"div": true, "ul": true, "ol": true, "dl": true, "table": true, "thead": true, "tbody": true,
	"tfoot": true, "blockquote": true, "figure": true, "section": true, "article": true, "aside": true,
	"header": true, "footer": true, "nav": true, "main": true, "details": true, "form": true,
	"fieldset": true, "center": true,
}

// maxPartial bounds a tag carried from one line to the next: longer, it
// is text that happens to hold a '<'.
const maxPartial = 4096

// open is whether the lines after the last one read continue something
// across a blank line.
func (s *blockScan) open() bool {
	return s.fence != 0 || s.rawEnd != "" || len(s.html) > 0 || len(s.partial) > 0
}

// htmlBlockTags are the tags that start a CommonMark HTML block of kind
// 6, which may interrupt a paragraph.
var htmlBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "base": true, "basefont": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "col": true, "colgroup": true, "dd": true, "details": true, "dialog": true,
	"dir": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "frame": true, "frameset": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "head": true, "header": true, "hr": true, "html": true, "iframe": true, "legend": true,
	"li": true, "link": true, "main": true, "menu": true, "menuitem": true, "nav": true, "noframes": true, "ol": true,
	"optgroup": true, "option": true, "p": true, "param": true, "search": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "title": true, "tr": true,
	"track": true, "ul": true,
}

// startsHTMLBlock is whether a line (its indentation taken off) starts a
// CommonMark HTML block of kind 6 (a block tag) or 7 (a whole tag alone on
// its line, which cannot interrupt a paragraph).
func startsHTMLBlock(trimmed []byte, para bool) bool {
	if len(trimmed) < 2 || trimmed[0] != '<' {
		return false
	}
	i := 1
	if trimmed[1] == '/' {
		i = 2
	}
	j := i
	for j < len(trimmed) && (isAlnum(trimmed[j]) || trimmed[j] == '-' && j > i) {
		j++
	}
	if j == i || !isLetter(trimmed[i]) {
		return false
	}
	name := string(bytes.ToLower(trimmed[i:j]))
	if htmlBlockTags[name] && (j == len(trimmed) || trimmed[j] == ' ' || trimmed[j] == '\t' || trimmed[j] == '>' ||
		trimmed[j] == '/' && j+1 < len(trimmed) && trimmed[j+1] == '>') {
		return true
	}
	if para || name == "script" || name == "style" || name == "pre" || name == "textarea" {
		return false
	}
	n, ok := completeTag(trimmed)
	return ok && len(bytes.TrimSpace(trimmed[n:])) == 0
}

// completeTag reads an open or closing tag as CommonMark defines one
// (attribute names and values by its grammar) at the start of s, and
// returns its length.
func completeTag(s []byte) (int, bool) {
	if len(s) < 3 || s[0] != '<' {
		return 0, false
	}
	i := 1
	closing := s[1] == '/'
	if closing {
		i = 2
	}
	if i >= len(s) || !isLetter(s[i]) {
		return 0, false
	}
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
		i++
	}
	space := func() bool {
		j := i
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		return i > j
	}
	if closing {
		space()
		if i < len(s) && s[i] == '>' {
			return i + 1, true
		}
		return 0, false
	}
	for {
		had := space()
		if i >= len(s) {
			return 0, false
		}
		switch {
		case s[i] == '>':
			return i + 1, true
		case s[i] == '/' && i+1 < len(s) && s[i+1] == '>':
			return i + 2, true
		case !had:
			return 0, false
		}
		// An attribute: its name, then perhaps = and a value.
		if c := s[i]; !isLetter(c) && c != '_' && c != ':' {
			return 0, false
		}
		for i < len(s) && (isAlnum(s[i]) || strings.IndexByte("_.:-", s[i]) >= 0) {
			i++
		}
		save := i
		space()
		if i < len(s) && s[i] == '=' {
			i++
			space()
			if i >= len(s) {
				return 0, false
			}
			switch q := s[i]; q {
			case '"', '\'':
				e := bytes.IndexByte(s[i+1:], q)
				if e < 0 {
					return 0, false
				}
				i += e + 2
			default:
				j := i
				for i < len(s) && strings.IndexByte(" \t\"'=<>`", s[i]) < 0 {
					i++
				}
				if i == j {
					return 0, false
				}
			}
		} else {
			i = save
		}
	}
}

// htmlOpen is whether block-level HTML is open after the last line read.
func (s *blockScan) htmlOpen() bool { return len(s.html) > 0 || len(s.partial) > 0 }

// step reads one line, without its line ending.
func (s *blockScan) step(t []byte) {
	trimmed := bytes.TrimLeft(t, " ")
	indent := len(t) - len(trimmed)
	blank := len(bytes.TrimSpace(t)) == 0
	switch {
	case s.fence != 0:
		if fenceCloses(t, s.fence, s.fenceN) {
			s.fence = 0
		}
		return
	case s.rawEnd != "":
		if bytes.Contains(bytes.ToLower(t), []byte(s.rawEnd)) {
			s.rawEnd = ""
		}
		return
	case blank:
		s.block, s.para = false, false
		return
	case s.block:
		// Inside an HTML block to the next blank line: its text.
	case indent <= 3 && fenceOpens(t) > 0:
		s.fence, s.fenceN, s.para = trimmed[0], fenceOpens(t), false
		return
	case indent <= 3:
		if s.rawEnd = rawBlockEnd(trimmed); s.rawEnd != "" {
			s.para = false
			return
		}
		if startsHTMLBlock(trimmed, s.para) {
			s.block, s.para = true, false
		} else if !s.para && (trimmed[0] == '#' || isRule(trimmed)) {
			s.para = false // a heading or a rule: one line
		} else {
			s.para = true
		}
	default:
		// Indented: code, or the next line of a paragraph (para as it was).
	}
	if s.htmlOpen() || indent <= 3 && len(trimmed) > 1 && trimmed[0] == '<' && (isLetter(trimmed[1]) || trimmed[1] == '/') {
		s.tags(t)
	}
}

// isRule is whether a line is a thematic break (---, ***, ___).
func isRule(t []byte) bool {
	c, n := byte(0), 0
	for _, b := range t {
		switch {
		case b == ' ' || b == '\t':
		case c == 0 && (b == '-' || b == '*' || b == '_'):
			c, n = b, 1
		case b == c:
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// fenceOpens is the length of the code fence a line opens, as CommonMark
// reads it (up to three spaces, three or more ` or ~, no ` after a `
// fence), 0 when it opens none.
func fenceOpens(t []byte) int {
	trimmed := bytes.TrimLeft(t, " ")
	if len(t)-len(trimmed) > 3 || len(trimmed) < 3 || trimmed[0] != '`' && trimmed[0] != '~' {
		return 0
	}
	c := trimmed[0]
	n := len(trimmed) - len(bytes.TrimLeft(trimmed, string(c)))
	if n < 3 || c == '`' && bytes.IndexByte(trimmed[n:], '`') >= 0 {
		return 0
	}
	return n
}

// fenceCloses is whether a line closes a fence of n characters c: up to
// three spaces, at least n of c, nothing but spaces after.
func fenceCloses(t []byte, c byte, n int) bool {
	trimmed := bytes.TrimLeft(t, " ")
	if len(t)-len(trimmed) > 3 {
		return false
	}
	rest := bytes.TrimLeft(trimmed, string(c))
	return len(trimmed)-len(rest) >= n && len(bytes.Trim(rest, " \t")) == 0
}

// tags follows the block-level elements a line of HTML opens and closes.
// An end tag closes the innermost open element of its name, and those
// inside it, as a browser does; one with no open element is left alone.
func (s *blockScan) tags(t []byte) {
	if len(s.partial) > 0 {
		t = append(append(s.partial, ' '), t...)
		s.partial = nil
	}
	for i := bytes.IndexByte(t, '<'); i >= 0; {
		tg, n, ok := readTag(string(t[i:min(len(t), i+maxPartial)]))
		if !ok {
			if bytes.IndexByte(t[i+1:], '>') < 0 && len(t)-i < maxPartial && len(t)-i > 1 && (isLetter(t[i+1]) || t[i+1] == '/') {
				s.partial = append([]byte(nil), t[i:]...)
				return
			}
			n = 1
		}
		switch {
		case !ok || !containers[tg.name]:
		case tg.end:
			for k := len(s.html) - 1; k >= 0; k-- {
				if s.html[k] == tg.name {
					s.html = s.html[:k]
					break
				}
			}
		case !tg.selfEnd:
			s.html = append(s.html, tg.name)
		}
		j := bytes.IndexByte(t[i+n:], '<')
		if j < 0 {
			return
		}
		i += n + j
	}
}

// htmlRanges returns the runs of lines (0-based, first and last) across
// which block-level HTML stays open, as blockScan reads them.
func htmlRanges(src []byte) [][2]int {
	if bytes.IndexByte(src, '<') < 0 {
		return nil
	}
	var out [][2]int
	var s blockScan
	start := -1
	line := 0
	for pos := 0; pos < len(src); line++ {
		end := len(src)
		if nl := bytes.IndexByte(src[pos:], '\n'); nl >= 0 {
			end = pos + nl + 1
		}
		s.step(bytes.TrimRight(src[pos:end], "\r\n"))
		pos = end
		switch open := s.htmlOpen(); {
		case open && start < 0:
			start = line
		case !open && start >= 0:
			out = append(out, [2]int{start, line})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, max(line-1, start)})
	}
	return out
}
