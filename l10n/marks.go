package l10n

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// langMarks are what a language puts in a URL.
var langMarks = regexp.MustCompile(`(?i)(/|^)(en|fr|eng|fra|en-ca|fr-ca|english|francais|français)(/|$)|[-_](en|fr|eng|fra)(\.[a-z]+(?:[?#]|$)|[?#]|$)|([?&]lang=)(en|fr|eng|fra)\b`)

// LinkKey is a link without what a translation changes in it: its
// scheme, www., fragment and escapes, its letter case, and the words
// that name its language (/en/, -fra.html, ?lang=eng). It is a scan,
// written to give what langMarks' replacement gives (FuzzLinkKey holds
// it to that): a site's every link is keyed, on every pair.
func LinkKey(l string) string {
	l = strings.TrimSpace(l)
	if i := strings.IndexByte(l, '#'); i >= 0 {
		l = l[:i]
	}
	if strings.IndexByte(l, '%') >= 0 {
		if u, err := url.PathUnescape(l); err == nil {
			l = u
		}
	}
	l = strings.ToLower(l)
	l = strings.TrimPrefix(strings.TrimPrefix(l, "https://"), "http://")
	l = strings.TrimPrefix(l, "www.")
	l = dropLangMarks(l)
	return strings.TrimSuffix(strings.TrimSuffix(l, "/index.html"), "/")
}

// Language words, in the order langMarks tries them.
var (
	segmentWords = []string{"en", "fr", "eng", "fra", "en-ca", "fr-ca", "english", "francais", "français"}
	suffixWords  = []string{"en", "fr", "eng", "fra"}
)

// dropLangMarks is l (in lower case) with langMarks replaced by
// "$1$3$5$6": a path segment that is a language word loses the word
// (/en/ → //), a name's -en or _fra suffix goes (keeping its extension),
// and lang=eng loses its value. Matches are found left to right, each
// after the last, trying the expression's alternatives in its order.
func dropLangMarks(l string) string {
	var b strings.Builder
	last := 0 // l[last:start] is still to copy
	eachMark(l, func(start, end int, keep string, _ [2]int) {
		if b.Cap() == 0 {
			b.Grow(len(l))
		}
		b.WriteString(l[last:start])
		b.WriteString(keep)
		last = end
	})
	if last == 0 {
		return l
	}
	b.WriteString(l[last:])
	return b.String()
}

// eachMark calls f with each match of langMarks in l, left to right, each
// after the last (markAt's: where it starts and ends, what replaces it,
// its language word).
func eachMark(l string, f func(start, end int, keep string, word [2]int)) {
	for i := 0; i < len(l); {
		if c := l[i]; i > 0 && c != '/' && c != '-' && c != '_' && c != '?' && c != '&' {
			i++ // no mark starts here
			continue
		}
		end, keep, word := markAt(l, i)
		if end < 0 {
			i++
			continue
		}
		f(i, end, keep, word)
		i = end
	}
}

// markAt matches langMarks at l[i:]: the match's end, what replaces it,
// and where its language word is; -1 for none.
func markAt(l string, i int) (end int, keep string, word [2]int) {
	// (/|^)(words)(/|$)
	for _, slash := range []bool{true, false} {
		if slash && l[i] != '/' || !slash && i != 0 {
			continue
		}
		p := i
		if slash {
			p++
		}
		if !startsLangWord(l, p) {
			continue
		}
		for _, w := range segmentWords {
			q, ok := foldPrefix(l, p, w)
			if !ok {
				continue
			}
			lead := ""
			if slash {
				lead = "/"
			}
			if q == len(l) {
				return q, lead, [2]int{p, q}
			}
			if l[q] == '/' {
				return q + 1, lead + "/", [2]int{p, q}
			}
		}
	}
	// [-_](en|fr|eng|fra)(\.[a-z]+(?:[?#]|$)|[?#]|$)
	if (l[i] == '-' || l[i] == '_') && startsLangWord(l, i+1) {
		for _, w := range suffixWords {
			q, ok := foldPrefix(l, i+1, w)
			if !ok {
				continue
			}
			if q < len(l) && l[q] == '.' {
				r := q + 1
				for r < len(l) {
					if n := classLetter(l, r); n > 0 {
						r += n
						continue
					}
					break
				}
				if r > q+1 {
					if r == len(l) {
						return r, l[q:r], [2]int{i + 1, q}
					}
					if l[r] == '?' || l[r] == '#' {
						return r + 1, l[q : r+1], [2]int{i + 1, q}
					}
				}
			}
			if q < len(l) && (l[q] == '?' || l[q] == '#') {
				return q + 1, l[q : q+1], [2]int{i + 1, q}
			}
			if q == len(l) {
				return q, "", [2]int{i + 1, q}
			}
		}
	}
	// ([?&]lang=)(en|fr|eng|fra)\b
	if (l[i] == '?' || l[i] == '&') && i+6 <= len(l) {
		if _, ok := foldPrefix(l, i+1, "lang="); ok {
			for _, w := range suffixWords {
				q, ok := foldPrefix(l, i+6, w)
				if ok && (q == len(l) || !asciiWord(l[q])) {
					return q, l[i : i+6], [2]int{i + 6, q}
				}
			}
		}
	}
	return -1, "", [2]int{}
}

// startsLangWord is whether a language word may start at l[p]: they all
// start with e or f, in either case.
func startsLangWord(l string, p int) bool {
	return p < len(l) && (l[p]|0x20 == 'e' || l[p]|0x20 == 'f')
}

// foldPrefix reports whether l[p:] starts with word w (in lower case)
// in any case, as the expression's (?i) reads it (ASCII letters either
// way, ç and Ç, ſ for s), and where w ends in l.
func foldPrefix(l string, p int, w string) (int, bool) {
	for _, r := range w {
		switch {
		case p >= len(l):
			return 0, false
		case r == 's' && strings.HasPrefix(l[p:], "ſ"):
			p += len("ſ")
		case r == 'ç' && (strings.HasPrefix(l[p:], "ç") || strings.HasPrefix(l[p:], "Ç")):
			p += len("ç")
		case r < 0x80 && (l[p] == byte(r) || 'a' <= r && r <= 'z' && l[p] == byte(r)-('a'-'A')):
			p++
		default:
			return 0, false
		}
	}
	return p, true
}

// classLetter is the length of the letter of [a-z] under (?i) at l[r]
// (ASCII, ſ, the Kelvin sign), 0 for none.
func classLetter(l string, r int) int {
	c := l[r]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		return 1
	case strings.HasPrefix(l[r:], "ſ"):
		return len("ſ")
	case strings.HasPrefix(l[r:], "\u212a"):
		return len("\u212a")
	}
	return 0
}

// asciiWord is whether c is a word byte for \b: [0-9A-Za-z_].
func asciiWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// Host is a web address's host name, in lower case, without www. and
// its port: "" for an address that names no host (a path on the site,
// mailto:). The checks and the site's index of pages compare hosts by it.
func Host(l string) string {
	u, err := url.Parse(strings.TrimSpace(l))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// HasLang reports whether a link names language lang in its host, path
// or query.
func HasLang(l, lang string) bool {
	for _, s := range markSpans(l) {
		if s.lang == lang[:min(2, len(lang))] {
			return true
		}
	}
	return false
}

// LocalizedImage reports whether two image sources are one image in two
// languages: the same name but for a language marker (banner-en.png,
// fr_banner.png, /fr/banner.png), and the hash a media library adds to
// each upload (blog_mindsets_1_en_ad5a462fae.jpg ↔
// blog_mindsets_1_fr_df46769b48.jpg).
func LocalizedImage(a, b string) bool {
	sa, _ := ImageStem(a)
	sb, _ := ImageStem(b)
	return sa != "" && sa == sb
}

// ImageStem is an image's or a file's name without what each language's
// upload of it changes, and the language it names: its language marker
// (banner_en, EN-01, English, anglais), the parts after the marker that
// number or hash each upload (translating-EN-01 ↔ translating-FR-02), an
// upload hash at its end (chart_ad5a462fae ↔ chart_fr_df46769b48) and the
// size a media library writes (Model_V1-1015x1024 ↔
// Model_V1_FR-1015x1024, -scaled).
func ImageStem(s string) (string, string) {
	s = strings.ToLower(path.Base(s))
	s = strings.TrimSuffix(s, path.Ext(s))
	var parts []string
	lang, marked := "", -1
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		switch w {
		case "en", "eng", "english", "anglais":
			lang, marked = "en", len(parts)
			continue
		case "fr", "fra", "french", "francais", "français":
			lang, marked = "fr", len(parts)
			continue
		}
		parts = append(parts, w)
	}
	for len(parts) > 1 {
		w := parts[len(parts)-1]
		if w == "scaled" || mediaSize(w) || UploadHash(w) || marked >= 1 && len(parts) > marked && allDigits(w) {
			parts = parts[:len(parts)-1]
			continue
		}
		break
	}
	return strings.Join(parts, "-"), lang
}

// mediaSize is whether a part of a file name is the size a media library
// gives a copy of an upload: 1015x1024.
func mediaSize(w string) bool {
	a, b, ok := strings.Cut(w, "x")
	return ok && a != "" && b != "" && allDigits(a) && allDigits(b)
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// UploadHash is whether a part of a file name is a hash a media library
// added: six or more hexadecimal digits, with a digit and a letter.
func UploadHash(w string) bool {
	if len(w) < 6 {
		return false
	}
	digit, letter := false, false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= 'a' && r <= 'f':
			letter = true
		default:
			return false
		}
	}
	return digit && letter
}

// SwapImageMarker is an image's address with its name's language marker
// written for language to (banner_en.png → banner_fr.png, /en/x.png →
// /fr/x.png), "" when that cannot be known: no marker, or an upload hash
// after it, which differs in each language's upload.
func SwapImageMarker(src, from, to string) string {
	if u := SwapMarker(src, from[:min(2, len(from))], to[:min(2, len(to))]); u != "" {
		return u
	}
	dir, name := path.Split(src)
	if _, lang := ImageStem(name); lang == "" {
		return ""
	}
	ext := path.Ext(name)
	parts := strings.FieldsFunc(strings.TrimSuffix(name, ext), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(parts) > 0 && UploadHash(strings.ToLower(parts[len(parts)-1])) {
		return ""
	}
	seps := markSeparators(strings.TrimSuffix(name, ext))
	if len(seps) != len(parts)-1 {
		return "" // doubled separators: not a name to rewrite
	}
	for i, w := range parts {
		if f := formOf(w); f != "" && strings.ToLower(w)[:2] == from[:min(2, len(from))] {
			parts[i] = langWords[to[:min(2, len(to))]][f]
			var b strings.Builder
			for j, p := range parts {
				if j > 0 {
					b.WriteByte(seps[j-1])
				}
				b.WriteString(p)
			}
			return dir + b.String() + ext
		}
	}
	return ""
}

// markSeparators are the separators between a name's parts, in order.
func markSeparators(s string) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '-' || s[i] == '_' || s[i] == '.' {
			out = append(out, s[i])
		}
	}
	return out
}

// ImageLanguage is the language an image's name is marked with, "" for
// none (a picture without text).
func ImageLanguage(src string) string {
	if l := Marker(src); l != "" {
		return l
	}
	_, l := ImageStem(src)
	return l
}

// markSpan is where a URL names a language, and which.
type markSpan struct {
	start, end int // the language word's bytes
	lang       string
}

// markSpans finds the language words of a URL: its subdomain (en., fr.,
// after a scheme or none), its path segments, its name's suffix and its
// query's lang=, as the expressions subdomainMark and langMarks find
// them (FuzzMarkSpans holds the scan to them), in any case.
func markSpans(l string) []markSpan {
	var out []markSpan
	if w, ok := subdomainAt(l); ok {
		out = append(out, markSpan{w[0], w[1], langOf(l[w[0]:w[1]])})
	}
	eachMark(l, func(_, _ int, _ string, w [2]int) {
		out = append(out, markSpan{w[0], w[1], langOf(l[w[0]:w[1]])})
	})
	return out
}

// langOf is the language a language word names: its first two letters in
// lower case.
func langOf(w string) string { return strings.ToLower(w)[:2] }

// subdomainAt finds a language subdomain at the start of a URL (after its
// scheme, if it has one): en.wikipedia.org.
func subdomainAt(l string) ([2]int, bool) {
	word := func(p int) ([2]int, bool) {
		for _, w := range []string{"en", "fr"} {
			if q, ok := foldPrefix(l, p, w); ok && q < len(l) && l[q] == '.' {
				return [2]int{p, q}, true
			}
		}
		return [2]int{}, false
	}
	// A scheme: a letter, then letters, digits, + . and -, then ://.
	if n := 0; len(l) > 0 {
		if n = classLetter(l, 0); n == 0 {
			return word(0)
		}
		p := n
		for p < len(l) {
			if m := classLetter(l, p); m > 0 {
				p += m
			} else if c := l[p]; c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-' {
				p++
			} else {
				break
			}
		}
		if strings.HasPrefix(l[p:], "://") {
			if w, ok := word(p + 3); ok {
				return w, true
			}
		}
	}
	return word(0)
}

// Marker is the language a URL names ("en", "fr"), "" when it names
// none, or both.
func Marker(l string) string {
	found := ""
	for _, s := range markSpans(l) {
		if found != "" && found != s.lang {
			return ""
		}
		found = s.lang
	}
	return found
}

// langWords are each language's words for itself in URLs, by form.
var langWords = map[string]map[string]string{
	"en": {"en": "en", "eng": "eng", "english": "english", "en-ca": "en-ca"},
	"fr": {"en": "fr", "eng": "fra", "english": "francais", "en-ca": "fr-ca"},
}

// formOf is the form of a language word (its English one).
func formOf(w string) string {
	switch strings.ToLower(w) {
	case "en", "fr":
		return "en"
	case "eng", "fra":
		return "eng"
	case "english", "francais", "français":
		return "english"
	case "en-ca", "fr-ca":
		return "en-ca"
	}
	return ""
}

// SwapMarker is l with its marks of language from written for language
// to (/en/ → /fr/, -eng → -fra, en. → fr.), "" when it has none.
func SwapMarker(l, from, to string) string {
	spans := markSpans(l)
	out, last, swapped := "", 0, false
	for _, s := range spans {
		if s.lang != from || s.start < last {
			continue
		}
		w := l[s.start:s.end]
		nw := langWords[to][formOf(w)]
		if nw == "" {
			continue
		}
		if strings.ToUpper(w) == w {
			nw = strings.ToUpper(nw)
		}
		out += l[last:s.start] + nw
		last, swapped = s.end, true
	}
	if !swapped {
		return ""
	}
	return out + l[last:]
}
