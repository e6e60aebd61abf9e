package markup

import "bytes"

// blockScan follows what each line of a post leaves open for the lines
// after it: a code fence, a raw block that runs to its end tag whatever
// blank lines it holds (a comment, pre, script, style, textarea), and the
// block-level HTML elements raw HTML opens and has not closed yet. A
// <table>, <ul> or <div> opened in one HTML block and closed several
// blank lines later is one element in the reader's browser, whatever the
// engine did with the pieces: the incremental cutter never cuts while
// anything is open, and the renderer reads such a run as one fragment.
type blockScan struct {
	fence   byte // the open code fence's character, 0 for none
	fenceN  int  // and its length
	rawEnd  string
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

// open is whether the lines after the last one read continue something.
func (s *blockScan) open() bool {
	return s.fence != 0 || s.rawEnd != "" || len(s.html) > 0 || len(s.partial) > 0
}

// htmlOpen is whether block-level HTML is open after the last line read.
func (s *blockScan) htmlOpen() bool { return len(s.html) > 0 || len(s.partial) > 0 }

// step reads one line, without its line ending.
func (s *blockScan) step(t []byte) {
	trimmed := bytes.TrimLeft(t, " ")
	indent := len(t) - len(trimmed)
	switch {
	case s.fence != 0:
		if fenceCloses(t, s.fence, s.fenceN) {
			s.fence = 0
		}
	case s.rawEnd != "":
		if bytes.Contains(bytes.ToLower(t), []byte(s.rawEnd)) {
			s.rawEnd = ""
		}
	case indent <= 3 && fenceOpens(t) > 0:
		s.fence, s.fenceN = trimmed[0], fenceOpens(t)
	default:
		if s.rawEnd = rawBlockEnd(trimmed); s.rawEnd != "" {
			return
		}
		if s.htmlOpen() || indent <= 3 && len(trimmed) > 1 && trimmed[0] == '<' && isLetter(trimmed[1]) {
			s.tags(t)
		}
	}
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
