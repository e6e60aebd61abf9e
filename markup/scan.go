package markup

import (
	"tandem/lines"

	"bytes"
	"regexp"
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

// The HTML blocks as goldmark opens and closes them (its parser's own
// patterns, so that the cutter agrees with it on every line).
var (
	htmlType1Open  = regexp.MustCompile(`(?i)^[ ]{0,3}<(script|pre|style|textarea)(?:\s.*|>.*|/>.*|)$`)
	htmlType1Close = regexp.MustCompile(`(?i)</(?:script|pre|style|textarea)>`)
	htmlType4Open  = regexp.MustCompile(`^[ ]{0,3}<![A-Z]+`)
	htmlAttribute  = `(?:[\r\n \t]+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:[\r\n \t]*=[\r\n \t]*(?:[^\"'=<>` + "`" + `\x00-\x20]+|'[^']*'|"[^"]*"))?)`
	htmlType7      = regexp.MustCompile(`^[ ]{0,3}<(/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(` + htmlAttribute + `*)[ ]*(?:>|/>)[ ]*$`)
	htmlType6      = regexp.MustCompile(`^[ ]{0,3}<(?:/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(?:[ ].*|>.*|/>.*|)$`)
)

// type1End stands for the end of a raw block of kind 1 (<pre>, <script>,
// <style>, <textarea>): any of their end tags.
const type1End = "</pre|script|style|textarea>"

// rawBlockOpens is what ends the raw HTML block a line (with its
// indentation) opens, a block that runs over blank lines (CommonMark's
// kinds 1 to 5) unless this line ends it too; "" when it opens none.
func rawBlockOpens(t []byte) string {
	trimmed := bytes.TrimLeft(t, " ")
	if len(t)-len(trimmed) > 3 || len(trimmed) < 2 || trimmed[0] != '<' {
		return ""
	}
	c := trimmed[1] | 0x20 // the expressions only where they may match
	switch {
	case (c == 's' || c == 'p' || c == 't' || trimmed[1] >= 0x80) && htmlType1Open.Match(t):
		return type1End
	case bytes.HasPrefix(trimmed, []byte("<!--")):
		return "-->"
	case bytes.HasPrefix(trimmed, []byte("<?")):
		return "?>"
	case trimmed[1] == '!' && htmlType4Open.Match(t):
		return ">"
	case bytes.HasPrefix(trimmed, []byte("<![CDATA[")):
		return "]]>"
	}
	return ""
}

// rawBlockEnds is whether a line holds the end of a raw block.
func rawBlockEnds(t []byte, end string) bool {
	if end == type1End {
		return htmlType1Close.Match(t)
	}
	return bytes.Contains(t, []byte(end))
}

// htmlBlockTags are the tags that start an HTML block of kind 6, which
// may interrupt a paragraph (goldmark's list).
var htmlBlockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`address article aside base basefont blockquote body caption center col
		colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3
		h4 h5 h6 head header hr html iframe legend li link main menu menuitem meta nav noframes ol optgroup
		option p param search section summary table tbody td tfoot th thead title tr track ul`) {
		htmlBlockTags[t] = true
	}
}

// startsHTMLBlock is whether a line (with its indentation) starts an HTML
// block that runs to the next blank line, as goldmark reads it: kind 6 (a
// block tag) or kind 7 (a whole tag alone on its line, which cannot
// interrupt a paragraph).
func startsHTMLBlock(t []byte, para bool) bool {
	k := bytes.IndexByte(t, '<')
	if k < 0 || k > 3 || len(bytes.TrimLeft(t[:k], " ")) > 0 {
		return false // both kinds start with < after at most three spaces
	}
	// A block tag's name then a space, > or />, or the line's end: kind 6
	// (what the expressions would say, without them: most lines of raw
	// HTML start so).
	name := t[k+1:]
	if len(name) > 0 && name[0] == '/' {
		name = bytes.TrimLeft(name[1:], " ")
	}
	n := 0
	for n < len(name) && (isLetter(name[n]) || n > 0 && (name[n] >= '0' && name[n] <= '9' || name[n] == '-')) {
		n++
	}
	if n > 0 && (n == len(name) || name[n] == ' ' || name[n] == '>' || bytes.HasPrefix(name[n:], []byte("/>"))) && htmlBlockTags[strings.ToLower(string(name[:n]))] {
		return true
	}
	if m := htmlType7.FindSubmatch(t); m != nil {
		name := strings.ToLower(string(m[2]))
		if htmlBlockTags[name] {
			return true
		}
		if name != "script" && name != "style" && name != "pre" && !para && !(len(m[1]) > 0 && len(m[3]) > 0) {
			return true
		}
	}
	if m := htmlType6.FindSubmatch(t); m != nil && htmlBlockTags[strings.ToLower(string(m[1]))] {
		return true
	}
	return false
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
		if lines.FenceCloses(t, s.fence, s.fenceN) {
			s.fence = 0
		}
		return
	case s.rawEnd != "":
		if rawBlockEnds(t, s.rawEnd) {
			s.rawEnd = ""
		}
		return
	case blank:
		s.block, s.para = false, false
		return
	case s.block:
		// Inside an HTML block to the next blank line: its text.
	case indent <= 3 && opensFence(t):
		s.fence, s.fenceN = lines.FenceOpens(t)
		s.para = false
		return
	case indent <= 3:
		if end := rawBlockOpens(t); end != "" {
			if !rawBlockEnds(t, end) { // else it ends on its own line
				s.rawEnd = end
			}
			s.para = false
			return
		}
		if startsHTMLBlock(t, s.para) {
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

// tags follows the block-level elements a line of HTML opens and closes.
// An end tag closes the innermost open element of its name, and those
// inside it, as a browser does; one with no open element is left alone.
func (s *blockScan) tags(t []byte) {
	if len(s.partial) > 0 {
		t = append(append(s.partial, ' '), t...)
		s.partial = nil
	}
	for i := bytes.IndexByte(t, '<'); i >= 0; {
		tg, n, ok := tagShape(string(t[i:min(len(t), i+maxPartial)]))
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

func opensFence(t []byte) bool { _, n := lines.FenceOpens(t); return n > 0 }
