package markup

import (
	"bytes"
	"regexp"
	"strings"
)

// splitHTMLLines makes goldmark read a post the way kramdown does where
// the two differ on real posts: a line of HTML (an <img>, a closed <p>)
// directly followed by Markdown is HTML then Markdown for kramdown, while
// CommonMark swallows the Markdown into the HTML block. A blank line is
// inserted between them, outside code fences and open HTML elements; the
// inserted lines are returned (0-based, in the new text) so that source
// lines can still be counted in the text as written.
func splitHTMLLines(src []byte) ([]byte, []int) {
	if bytes.IndexByte(src, '<') < 0 {
		return src, nil
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out bytes.Buffer
	out.Grow(len(src) + 256)
	var inserted []int
	var fence byte // the open code fence's character and length
	fenceN := 0
	depth := 0
	n := 0 // lines written
	for i, line := range lines {
		out.Write(line)
		n++
		t := strings.TrimSpace(string(line))
		raw := bytes.TrimRight(line, "\r\n")
		if fence != 0 {
			if fenceCloses(raw, fence, fenceN) {
				fence = 0
			}
			continue
		}
		if n := fenceOpens(raw); n > 0 {
			fence, fenceN = bytes.TrimLeft(raw, " ")[0], n
			continue
		}
		if t == "" {
			depth = 0
			continue
		}
		tagLine := isTagLine(t)
		if tagLine || depth > 0 {
			depth = max(0, depth+openElements(t))
		}
		if !tagLine || depth > 0 || i+1 >= len(lines) {
			continue
		}
		next := strings.TrimSpace(string(lines[i+1]))
		if next == "" || strings.HasPrefix(next, "<") || strings.HasPrefix(string(lines[i+1]), "    ") || strings.HasPrefix(next, "{:") {
			continue
		}
		if !bytes.HasSuffix(line, []byte("\n")) {
			out.WriteByte('\n')
		}
		out.WriteByte('\n')
		inserted = append(inserted, n)
		n++
	}
	return out.Bytes(), inserted
}

// isTagLine is whether a trimmed line is HTML from its first to its last
// character.
func isTagLine(t string) bool {
	if !strings.HasSuffix(t, ">") {
		return false
	}
	_, _, ok := readTag(t)
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
		tg, n, ok := readTag(t[i:])
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
	liquidBaseURL = regexp.MustCompile(`^\{\{-?\s*site\.baseurl\s*-?\}\}$`)
	liquidSiteURL = regexp.MustCompile(`^\{\{-?\s*site\.url\s*-?\}\}$`)
	liquidRelURL  = regexp.MustCompile(`^\{\{-?\s*["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}$`)
)

// ExpandURLTags writes what Jekyll's Liquid makes of the URL tags a post's
// links and images use ({{ site.baseurl }}, {{ "/x" | relative_url }}),
// before Markdown is read, as Jekyll does; other tags are left as written.
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
