package check

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"tandem/model"
)

// A link target in one block and not in its counterpart is a finding,
// but a translation rightly changes some: a link to one of the site's
// posts goes to its other-language version (the pairing says which), a
// path's language segment changes (/en/ ↔ /fr/, -eng.html ↔ -fra.html,
// ?lang=eng ↔ ?lang=fra), and a bilingual host the site config names
// (canada.ca) has its pages in both languages under other paths.

// linkSet reads and compares link targets for one pair.
type linkSet struct {
	pages    *model.Pages
	src, tgt string // languages
	hosts    [][2]string
	keys     map[string]string // key's results
	// learned are the site's pairs of addresses, source → translation,
	// by their keys; learnedURL the translation's address as written.
	learned    map[string]string
	learnedURL map[string]string
}

func newLinkSet(cx *Context, src, tgt string) *linkSet {
	ls := &linkSet{pages: cx.Pages, src: src, tgt: tgt, keys: map[string]string{}}
	ls.learned, ls.learnedURL = map[string]string{}, map[string]string{}
	for _, l := range cx.LinkPairs {
		a, b := l.Hosts[0], l.Hosts[1]
		switch l.Langs {
		case [2]string{src, tgt}:
		case [2]string{tgt, src}:
			a, b = b, a
		default:
			continue
		}
		ls.learned[linkKey(a)], ls.learnedURL[linkKey(a)] = linkKey(b), b
	}
	// The languages' own hosts (the site config's), and the host pairs
	// learned from the site's pairs, each as "source target".
	for _, h := range cx.HostPairs {
		switch {
		case h.Langs == [2]string{src, tgt}:
			ls.hosts = append(ls.hosts, [2]string{h.Hosts[0], h.Hosts[1]})
		case h.Langs == [2]string{tgt, src}:
			ls.hosts = append(ls.hosts, [2]string{h.Hosts[1], h.Hosts[0]})
		}
	}
	for _, h := range cx.Hosts {
		f := strings.Fields(strings.ToLower(h))
		switch len(f) {
		case 1:
			ls.hosts = append(ls.hosts, [2]string{f[0], f[0]})
		case 2:
			// "digital.canada.ca numerique.canada.ca": the languages'
			// hosts in the site's order of languages.
			if len(cx.Languages) > 0 && cx.Languages[0] != src {
				f[0], f[1] = f[1], f[0]
			}
			ls.hosts = append(ls.hosts, [2]string{f[0], f[1]})
		}
	}
	return ls
}

// langMarks are what a language puts in a URL.
var langMarks = regexp.MustCompile(`(?i)(/|^)(en|fr|eng|fra|en-ca|fr-ca|english|francais|français)(/|$)|[-_](en|fr|eng|fra)(\.[a-z]+(?:[?#]|$)|[?#]|$)|([?&]lang=)(en|fr|eng|fra)\b`)

// key is a link without what a translation changes in it.
func (ls *linkSet) key(l string) string {
	if k, ok := ls.keys[l]; ok {
		return k
	}
	k := linkKey(l)
	ls.keys[l] = k
	return k
}

func linkKey(l string) string {
	l = strings.TrimSpace(l)
	if i := strings.IndexByte(l, '#'); i >= 0 {
		l = l[:i]
	}
	if u, err := url.PathUnescape(l); err == nil {
		l = u
	}
	l = strings.ToLower(l)
	l = strings.TrimPrefix(strings.TrimPrefix(l, "https://"), "http://")
	l = strings.TrimPrefix(l, "www.")
	l = langMarks.ReplaceAllString(l, "$1$3$5$6")
	return strings.TrimSuffix(strings.TrimSuffix(l, "/index.html"), "/")
}

// host is a link's host, "" for a path on the site.
func host(l string) string {
	u, err := url.Parse(strings.TrimSpace(l))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// hasLang reports whether a link names language lang in its host, path
// or query.
func hasLang(l, lang string) bool {
	for _, s := range markSpans(l) {
		if s.lang == lang[:min(2, len(lang))] {
			return true
		}
	}
	return false
}

// same reports whether source link a and target link b are the same
// link for a translation.
func (ls *linkSet) same(a, b string) bool {
	if ls.key(a) == ls.key(b) || ls.learned[ls.key(a)] == ls.key(b) {
		return true
	}
	// The site's own posts: the target links to the source's translation.
	if pa := ls.pages.PairAt(a); pa != nil && pa == ls.pages.PairAt(b) {
		return true
	}
	// One page in each language: the URLs name the two languages
	// (/en/ ↔ /fr/, en. ↔ fr., eng ↔ fra, lang=en ↔ lang=fr), whatever
	// their hosts and names.
	if ma := marker(a); ma != "" && ma == ls.src[:min(2, len(ls.src))] && marker(b) == ls.tgt[:min(2, len(ls.tgt))] {
		return true
	}
	ha, hb := host(a), host(b)
	// A bilingual host: its page in one language, and in the other.
	for _, h := range ls.hosts {
		if (ha == h[0] || strings.HasSuffix(ha, "."+h[0])) && (hb == h[1] || strings.HasSuffix(hb, "."+h[1])) {
			if h[0] != h[1] || hasLang(a, ls.src) && hasLang(b, ls.tgt) || !hasLang(a, ls.src) && !hasLang(b, ls.tgt) {
				return true
			}
		}
	}
	return false
}

// unmatched are the links of a (the source's) that have no same link in
// b, and those of b with none in a (each link matches one other at
// most), and b's links that go to the source language's page (a copied
// /en/ link in the French). Links match first as written (but the
// language), then as pages of a post's pair or of a bilingual host, then
// as pages of the same host (the site's own pages, in each language
// under their own names, or another site's page in each language).
func (ls *linkSet) unmatched(a, b []string) (onlyA, onlyB, untranslated []string) {
	used := make([]bool, len(b))
	done := make([]bool, len(a))
	for pass := 0; pass < 3; pass++ {
		for i := range a {
			if done[i] {
				continue
			}
			for j := range b {
				if used[j] {
					continue
				}
				ok := false
				switch pass {
				case 0:
					ok = ls.key(a[i]) == ls.key(b[j])
					if ok && hasLang(b[j], ls.src) && !hasLang(b[j], ls.tgt) && !strings.HasPrefix(b[j], "#") {
						untranslated = append(untranslated, b[j])
					}
				case 1:
					ok = ls.same(a[i], b[j])
				case 2:
					ok = host(a[i]) == host(b[j]) && !strings.HasPrefix(a[i], "mailto:")
				}
				if ok {
					used[j], done[i] = true, true
					break
				}
			}
		}
	}
	for i, l := range a {
		if !done[i] {
			onlyA = append(onlyA, l)
		}
	}
	for j, l := range b {
		if !used[j] {
			onlyB = append(onlyB, l)
		}
	}
	return onlyA, onlyB, untranslated
}

// localizedImage reports whether two image sources are one image in two
// languages: the same name but for a language marker (banner-en.png,
// fr_banner.png, /fr/banner.png), and the hash a media library adds to
// each upload (blog_mindsets_1_en_ad5a462fae.jpg ↔
// blog_mindsets_1_fr_df46769b48.jpg).
func localizedImage(a, b string) bool {
	sa, _ := imageStem(a)
	sb, _ := imageStem(b)
	return sa != "" && sa == sb
}

// imageStem is an image's name without its language marker (and, when
// it has one, the upload hash after it), and the language it names.
func imageStem(s string) (string, string) {
	s = strings.ToLower(path.Base(s))
	s = strings.TrimSuffix(s, path.Ext(s))
	var parts []string
	lang := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		switch w {
		case "en", "eng", "english", "anglais":
			lang = "en"
			continue
		case "fr", "fra", "french", "francais", "français":
			lang = "fr"
			continue
		}
		parts = append(parts, w)
	}
	if lang != "" && len(parts) > 1 && uploadHash(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, "-"), lang
}

// uploadHash is whether a part of a file name is a hash a media library
// added: six or more hexadecimal digits, with a digit and a letter.
func uploadHash(w string) bool {
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

// swapImageMarker is an image's address with its name's language marker
// written for language to (banner_en.png → banner_fr.png, /en/x.png →
// /fr/x.png), "" when that cannot be known: no marker, or an upload hash
// after it, which differs in each language's upload.
func swapImageMarker(src, from, to string) string {
	if u := swapMarker(src, from[:min(2, len(from))], to[:min(2, len(to))]); u != "" {
		return u
	}
	dir, name := path.Split(src)
	if _, lang := imageStem(name); lang == "" {
		return ""
	}
	ext := path.Ext(name)
	parts := strings.FieldsFunc(strings.TrimSuffix(name, ext), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	if len(parts) > 0 && uploadHash(strings.ToLower(parts[len(parts)-1])) {
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

// imageLanguage is the language an image's name is marked with, "" for
// none (a picture without text).
func imageLanguage(src string) string {
	if l := marker(src); l != "" {
		return l
	}
	_, l := imageStem(src)
	return l
}

// subdomainMark is a language's subdomain: en.wikipedia.org.
var subdomainMark = regexp.MustCompile(`(?i)^(?:[a-z][a-z0-9+.-]*://)?(en|fr)\.`)

// markSpan is where a URL names a language, and which.
type markSpan struct {
	start, end int // the language word's bytes
	lang       string
}

// markSpans finds the language words of a URL: its subdomain, path
// segments, name suffix and query. The answers for the last few thousand
// URLs are kept (a site links to the same pages over and over).
func markSpans(l string) []markSpan {
	spanCache.Lock()
	out, ok := spanCache.m[l]
	spanCache.Unlock()
	if ok {
		return out
	}
	out = findMarkSpans(l)
	spanCache.Lock()
	if len(spanCache.m) >= 4096 {
		clear(spanCache.m)
	}
	spanCache.m[l] = out
	spanCache.Unlock()
	return out
}

var spanCache = struct {
	sync.Mutex
	m map[string][]markSpan
}{m: map[string][]markSpan{}}

func findMarkSpans(l string) []markSpan {
	var out []markSpan
	if m := subdomainMark.FindStringSubmatchIndex(l); m != nil {
		out = append(out, markSpan{m[2], m[3], strings.ToLower(l[m[2]:m[3]])[:2]})
	}
	for _, m := range langMarks.FindAllStringSubmatchIndex(l, -1) {
		for _, g := range []int{2, 4, 7} {
			if m[2*g] >= 0 {
				out = append(out, markSpan{m[2*g], m[2*g+1], strings.ToLower(l[m[2*g]:m[2*g+1]])[:2]})
			}
		}
	}
	return out
}

// marker is the language a URL names ("en", "fr"), "" when it names
// none, or both.
func marker(l string) string {
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

// swapMarker is l with its marks of language from written for language
// to (/en/ → /fr/, -eng → -fra, en. → fr.), "" when it has none.
func swapMarker(l, from, to string) string {
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

// wrongLanguage reports whether target link l goes to a page in the
// source's language, and the page it should go to when that is known:
// the counterpart of one of the site's own posts, or the URL with its
// language marker swapped.
func (ls *linkSet) wrongLanguage(l string) (bool, string) {
	if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "mailto:") {
		return false, ""
	}
	if lang, other := ls.pages.LangAt(l, ls.tgt); lang == ls.src {
		return true, other
	}
	if marker(l) == ls.src {
		return true, swapMarker(l, ls.src, ls.tgt)
	}
	// An address the site's translations replace with another.
	if right, ok := ls.learnedURL[ls.key(l)]; ok {
		return true, right
	}
	return false, ""
}

// Localized is link l, in a text translated from src to tgt, as the
// translation should write it: the counterpart of one of the site's own
// posts, the URL with its language marker swapped, an address the site's
// translations use in its place; l itself when none is known.
func (cx *Context) Localized(l, src, tgt string) string {
	if wrong, right := newLinkSet(cx, src, tgt).wrongLanguage(l); wrong && right != "" {
		return right
	}
	return l
}
