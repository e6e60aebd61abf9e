package markup

import (
	"html"
	"strings"
)

// tag is one HTML tag read on its own: <name attr="v">, </name>, <br/>.
type tag struct {
	name         string
	end, selfEnd bool
	attrs        map[string]string
}

// readTag reads the tag s starts with and returns it with its length; ok
// is false when s does not start with a tag. It is a small scanner for the
// inline tags of Markdown text and the lines kramdown's rule looks at,
// where a full tokenizer costs more than the rest of the line's work.
func readTag(s string) (t tag, n int, ok bool) { return scanTag(s, true) }

// tagShape is readTag without the attributes: for what asks only which
// element a tag opens or closes (a post's every line of HTML).
func tagShape(s string) (t tag, n int, ok bool) { return scanTag(s, false) }

func scanTag(s string, withAttrs bool) (t tag, n int, ok bool) {
	if len(s) < 3 || s[0] != '<' {
		return t, 0, false
	}
	i := 1
	if s[i] == '/' {
		t.end = true
		i++
	}
	start := i
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-' && i > start) {
		i++
	}
	if i == start || !isLetter(s[start]) {
		return t, 0, false
	}
	t.name = strings.ToLower(s[start:i])
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return t, 0, false
		}
		switch s[i] {
		case '>':
			return t, i + 1, true
		case '/':
			if i+1 < len(s) && s[i+1] == '>' {
				t.selfEnd = true
				return t, i + 2, true
			}
			i++
			continue
		}
		ks := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/' {
			i++
		}
		key := s[ks:i]
		val := ""
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				e := strings.IndexByte(s[i+1:], q)
				if e < 0 {
					return t, 0, false
				}
				val = s[i+1 : i+1+e]
				i += e + 2
			} else {
				vs := i
				for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
					i++
				}
				val = s[vs:i]
			}
		}
		if key != "" && withAttrs {
			key = strings.ToLower(key)
			if t.attrs == nil {
				t.attrs = map[string]string{}
			}
			if strings.IndexByte(val, '&') >= 0 {
				val = html.UnescapeString(val)
			}
			t.attrs[key] = val
		}
	}
	return t, 0, false
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isLetter(c) || c >= '0' && c <= '9' }
func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
