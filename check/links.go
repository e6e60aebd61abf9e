package check

import (
	"net/url"
	"path"
	"regexp"
	"strings"

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
}

func newLinkSet(cx *Context, src, tgt string) *linkSet {
	ls := &linkSet{pages: cx.Pages, src: src, tgt: tgt, keys: map[string]string{}}
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
var langMarks = regexp.MustCompile(`(?i)(/|^)(en|fr|eng|fra|en-ca|fr-ca|english|francais|français)(/|$)|[-_](en|fr|eng|fra)(\.[a-z]+$|$)|([?&]lang=)(en|fr|eng|fra)\b`)

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

// hasLang reports whether a link names language lang in its path or
// query.
func hasLang(l, lang string) bool {
	for _, m := range langMarks.FindAllStringSubmatch(strings.ToLower(l), -1) {
		for _, g := range []string{m[2], m[4], m[7]} {
			if g != "" && g[:2] == lang[:min(2, len(lang))] {
				return true
			}
		}
	}
	return false
}

// same reports whether source link a and target link b are the same
// link for a translation.
func (ls *linkSet) same(a, b string) bool {
	if ls.key(a) == ls.key(b) {
		return true
	}
	// The site's own posts: the target links to the source's translation.
	if pa := ls.pages.PairAt(a); pa != nil && pa == ls.pages.PairAt(b) {
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
// fr_banner.png, /fr/banner.png).
func localizedImage(a, b string) bool {
	strip := func(s string) string {
		s = strings.ToLower(path.Base(s))
		ext := path.Ext(s)
		s = strings.TrimSuffix(s, ext)
		var parts []string
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
			switch w {
			case "en", "fr", "eng", "fra", "english", "french", "anglais", "francais", "français":
				continue
			}
			parts = append(parts, w)
		}
		return strings.Join(parts, "-")
	}
	return strip(a) != "" && strip(a) == strip(b)
}
