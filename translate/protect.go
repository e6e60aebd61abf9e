// Package translate drafts a post's translation block by block, from the
// site's translation memory (exact, then fuzzy matches) and a machine
// translation engine the user configured (DeepL, Azure Translator,
// LibreTranslate), and keeps track of the drafted blocks until a person
// has read them. Only words go to an engine: everything else in a block
// (code, URLs and link targets, image sources, HTML, shortcodes and
// Liquid, footnote marks, entities, Markdown's marks) is protected as
// placeholders the engine keeps, and restored byte for byte. It imports
// nothing from Fyne.
package translate

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"tandem/lines"
)

// Protected is a block made ready for an engine: Text is HTML with the
// block's words and a placeholder element for each run of what is not
// words; Kept are those runs, by placeholder number.
type Protected struct {
	Text string
	Kept []string
}

// Protect makes a block of Markdown (as written in the post) ready for an
// engine that keeps HTML tags.
func Protect(md string) Protected {
	var p Protected
	var text, kept strings.Builder
	flush := func() {
		if kept.Len() > 0 {
			fmt.Fprintf(&text, `<x id="%d"></x>`, len(p.Kept))
			p.Kept = append(p.Kept, kept.String())
			kept.Reset()
		}
	}
	keep := func(s string) { kept.WriteString(s) }
	sc := lines.NewScanner(true)
	var toks []lines.Token
	pos := 0 // what is read of md
	lines.Each(md, func(start int, line string) {
		keep(md[pos:start]) // the line breaks, as written
		end := start + len(line)
		pos = end
		toks = sc.Line(toks[:0], line, start)
		at := start
		lineStart := true
		for _, t := range toks {
			if t.Start > at {
				keep(md[at:t.Start]) // what the scanner left out (a marker line)
			}
			s := md[t.Start:t.End]
			switch {
			case t.Kind != lines.Text || t.End-t.Start != utf8.RuneLen(t.R) || t.R == utf8.RuneError:
				keep(s) // code, URLs, tags, Liquid, an entity
			case lineStart && (t.R == ' ' || t.R == '\t'):
				keep(s) // indentation
			case strings.ContainsRune("*_~[]|\\`#>", t.R) || t.R == '!' && strings.HasPrefix(md[t.End:], "["):
				keep(s) // Markdown's marks
			default:
				if lineStart {
					if n := listMarker(md[t.Start:end]); n > 0 {
						keep(md[t.Start : t.Start+n])
						at = t.Start + n
						lineStart = false
						continue
					}
				}
				if t.Start < at { // inside a marker already kept
					continue
				}
				flush()
				text.WriteString(html.EscapeString(s))
			}
			if t.End > at {
				at = t.End
			}
			if t.R != ' ' && t.R != '\t' {
				lineStart = false
			}
		}
		if at < end {
			keep(md[at:end])
		}
	})
	keep(md[pos:])
	flush()
	p.Text = text.String()
	return p
}

// listMarker is the length of a list item's marker at the start of s
// ("- ", "1. "), 0 when there is none.
func listMarker(s string) int {
	if len(s) >= 2 && strings.ContainsRune("-+*", rune(s[0])) && s[1] == ' ' {
		return 2
	}
	d := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if d > 0 && d < 10 && d+1 < len(s) && (s[d] == '.' || s[d] == ')') && s[d+1] == ' ' {
		return d + 2
	}
	return 0
}

// placeholder finds a placeholder element as an engine gives it back:
// <x id="3"></x>, <x id="3"/>, <x id='3'>, with any spaces.
var placeholder = regexp.MustCompile(`<x\s+id\s*=\s*["']?(\d+)["']?\s*/?>(?:\s*</x>)?`)

// ErrMangled is Restore's error for a translation that lost, doubled or
// made up a placeholder: the block is left untranslated.
var ErrMangled = errors.New("the engine did not keep the block's code, links and markup")

// Restore puts back what Protect kept into an engine's translation of p.
func (p Protected) Restore(translated string) (string, error) {
	var out strings.Builder
	seen := make([]bool, len(p.Kept))
	at := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(translated, -1) {
		n, err := strconv.Atoi(translated[m[2]:m[3]])
		if err != nil || n >= len(p.Kept) || seen[n] {
			return "", ErrMangled
		}
		seen[n] = true
		out.WriteString(unescape(translated[at:m[0]]))
		out.WriteString(p.Kept[n])
		at = m[1]
	}
	out.WriteString(unescape(translated[at:]))
	for _, ok := range seen {
		if !ok {
			return "", ErrMangled
		}
	}
	return out.String(), nil
}

// unescape undoes the escaping of an engine's text (HTML's).
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}
