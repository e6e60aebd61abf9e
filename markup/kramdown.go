package markup

import (
	"bytes"
	"regexp"
	"strings"
)

// splitHTMLLinesRanges makes goldmark read a post the way kramdown does
// where the two differ on real posts: a line of HTML (an <img>, a closed
// <p>) directly followed by Markdown is HTML then Markdown for kramdown,
// while CommonMark swallows the Markdown into the HTML block. A blank
// line is inserted between them, outside code fences and open HTML
// elements; the inserted lines are returned (0-based, in the new text) so
// that source lines can still be counted in the text as written. With
// them, from the same reading, what htmlRanges gives for its text: the
// runs of lines across which block-level HTML stays open (one scan of the
// post, not two).
func splitHTMLLinesRanges(src []byte) ([]byte, []int, [][2]int) {
	if bytes.IndexByte(src, '<') < 0 {
		return src, nil, nil
	}
	// The line at byte at, its line break with it: the last one has none
	// (it may be empty), as bytes.SplitAfter's (read here in place).
	lineAt := func(at int) []byte {
		if e := bytes.IndexByte(src[at:], '\n'); e >= 0 {
			return src[at : at+e+1]
		}
		return src[at:]
	}
	var out bytes.Buffer
	out.Grow(len(src) + 256)
	var inserted []int
	var scan blockScan // the text as goldmark will read it, blank lines put in
	var split kramdownSplit
	var ranges [][2]int
	start := -1
	n := 0           // lines written
	seen := func() { // line n-1 of the output read: the ranges
		switch open := scan.htmlOpen(); {
		case open && start < 0:
			start = n - 1
		case !open && start >= 0:
			ranges = append(ranges, [2]int{start, n - 1})
			start = -1
		}
	}
	for at, last := 0, false; !last; {
		line := lineAt(at)
		at += len(line)
		last = len(line) == 0 || line[len(line)-1] != '\n'
		if last && len(line) == 0 {
			break // after the last line break: no line
		}
		out.Write(line)
		n++
		raw := bytes.TrimRight(line, "\r\n")
		scan.step(raw)
		seen()
		var next []byte
		if !last {
			next = bytes.TrimRight(lineAt(at), "\r\n")
		}
		if !split.blankAfter(raw, next, !last, &scan) {
			continue
		}
		scan.step(nil)
		if !bytes.HasSuffix(line, []byte("\n")) {
			out.WriteByte('\n')
		}
		out.WriteByte('\n')
		inserted = append(inserted, n)
		n++
		seen()
	}
	if start >= 0 {
		ranges = append(ranges, [2]int{start, max(n-1, start)})
	}
	return out.Bytes(), inserted, ranges
}

// kramdownSplit is kramdown's reading of an HTML line followed by
// Markdown, line by line: the cutter and splitHTMLLines ask it the same.
type kramdownSplit struct {
	depth int // HTML elements the lines since the last blank one left open
}

// blankAfter reports whether a blank line goes after line (read by scan
// just now), before next (hasNext: there is one).
func (k *kramdownSplit) blankAfter(line, next []byte, hasNext bool, scan *blockScan) bool {
	if scan.fence != 0 || scan.rawEnd != "" {
		return false
	}
	tb := bytes.TrimSpace(line)
	if len(tb) == 0 {
		k.depth = 0
		return false
	}
	if k.depth == 0 && tb[len(tb)-1] != '>' {
		return false // not a line of HTML, and none open
	}
	t := string(tb)
	tagLine := isTagLine(t)
	if tagLine || k.depth > 0 {
		k.depth = max(0, k.depth+openElements(t))
	}
	if !tagLine || k.depth > 0 || !hasNext {
		return false
	}
	nt := strings.TrimSpace(string(next))
	return nt != "" && !strings.HasPrefix(nt, "<") && !strings.HasPrefix(string(next), "    ") && !strings.HasPrefix(nt, "{:")
}

// isTagLine is whether a trimmed line is HTML from its first to its last
// character.
func isTagLine(t string) bool {
	if !strings.HasSuffix(t, ">") {
		return false
	}
	_, _, ok := tagShape(t)
	return ok
}

// voidOrOptional are elements that leave nothing open: void elements and
// those whose end tag real posts often leave out.
var voidOrOptional = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true, "option": true,
}

// openElements counts the elements a line opens minus those it closes.
func openElements(t string) int {
	d := 0
	for i := strings.IndexByte(t, '<'); i >= 0; {
		tg, n, ok := tagShape(t[i:])
		switch {
		case !ok:
			n = 1
		case voidOrOptional[tg.name] || tg.selfEnd:
		case tg.end:
			d--
		default:
			d++
		}
		j := strings.IndexByte(t[i+n:], '<')
		if j < 0 {
			break
		}
		i += n + j
	}
	return d
}

var (
	liquidBaseURL = regexp.MustCompile(`^\{\{-?[ \t]*site\.baseurl[ \t]*-?\}\}$`)
	liquidSiteURL = regexp.MustCompile(`^\{\{-?[ \t]*site\.url[ \t]*-?\}\}$`)
	liquidRelURL  = regexp.MustCompile(`^\{\{-?[ \t]*["']([^"']*)["'][ \t]*\|[ \t]*(?:relative_url|absolute_url)[ \t]*-?\}\}$`)
)

// ExpandURLTags writes what Jekyll's Liquid makes of the URL tags a post's
// links and images use ({{ site.baseurl }}, {{ "/x" | relative_url }}),
// before Markdown is read, as Jekyll does; other tags, and a tag written
// over several lines, are left as written.
func ExpandURLTags(src []byte, baseURL string) []byte {
	i := bytes.Index(src, []byte("{{"))
	if i < 0 {
		return src
	}
	baseURL = strings.TrimSuffix(baseURL, "/")
	out := make([]byte, 0, len(src))
	for i >= 0 {
		end := bytes.Index(src[i:], []byte("}}"))
		if end < 0 {
			break
		}
		tag := src[i : i+end+2]
		out = append(out, src[:i]...)
		switch {
		case liquidBaseURL.Match(tag):
			out = append(out, baseURL...)
		case liquidSiteURL.Match(tag):
		case liquidRelURL.Match(tag):
			p := liquidRelURL.FindSubmatch(tag)[1]
			out = append(out, baseURL...)
			if !bytes.HasPrefix(p, []byte("/")) {
				out = append(out, '/')
			}
			out = append(out, p...)
		default:
			out = append(out, tag...)
		}
		src = src[i+end+2:]
		i = bytes.Index(src, []byte("{{"))
	}
	return append(out, src...)
}
