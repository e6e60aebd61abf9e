package check

import (
	"hash/maphash"
	"strings"
	"sync"

	"tandem/l10n"
	"tandem/model"
)

// A link target in one block and not in its counterpart is a finding,
// but a translation rightly changes some: a link to one of the site's
// posts goes to its other-language version (the pairing says which), a
// path's language segment changes (/en/ ↔ /fr/, -eng.html ↔ -fra.html,
// ?lang=eng ↔ ?lang=fra), and a bilingual host the site config names
// (canada.ca) has its pages in both languages under other paths.

// linkSet reads and compares link targets for one pair: what the site
// taught (linkBase, made once per site and pair of languages) and the
// keys of the pair's own links.
type linkSet struct {
	*linkBase
	pages    *model.Pages
	src, tgt string            // languages
	keys     map[string]string // key's results
}

// linkBase is what the checks learned of the site's links for one pair
// of languages, read by every pair's checks.
type linkBase struct {
	hosts [][2]string
	// learned are the site's pairs of addresses, source → translation,
	// by the hash of the source's key (a site's learned pairs grow with
	// it: no string of their own is kept).
	learned map[uint64]learnedLink
	seed    maphash.Seed
}

// learnedLink is the translation's side of a learned pair of addresses.
type learnedLink struct {
	key uint64 // the hash of its key
	url string // as written
}

// learnedAt is the learned translation of source link l, if any.
func (ls *linkSet) learnedAt(l string) (learnedLink, bool) {
	t, ok := ls.learned[maphash.String(ls.seed, ls.key(l))]
	return t, ok
}

// linkBases are a context's linkBase by languages, made once each.
type linkBases struct {
	mu sync.Mutex
	m  map[[2]string]*linkBase
}

// reset forgets the bases made (the pairs they were keyed from changed).
func (b *linkBases) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m = nil
}

func newLinkSet(cx *Context, src, tgt string) *linkSet {
	return &linkSet{linkBase: cx.linkBase(src, tgt), pages: cx.Pages, src: src, tgt: tgt, keys: map[string]string{}}
}

// linkBase is the site's learned links from src to tgt, made on first
// use (each learned pair keyed once per site, not once per pair: a site's
// links grow with it).
func (cx *Context) linkBase(src, tgt string) *linkBase {
	if cx.bases == nil {
		return newLinkBase(cx, src, tgt) // a Context made by hand
	}
	cx.bases.mu.Lock()
	defer cx.bases.mu.Unlock()
	k := [2]string{src, tgt}
	if b := cx.bases.m[k]; b != nil {
		return b
	}
	b := newLinkBase(cx, src, tgt)
	if cx.bases.m == nil {
		cx.bases.m = map[[2]string]*linkBase{}
	}
	cx.bases.m[k] = b
	return b
}

func newLinkBase(cx *Context, src, tgt string) *linkBase {
	ls := &linkBase{learned: map[uint64]learnedLink{}, seed: maphash.MakeSeed()}
	for _, l := range cx.LinkPairs {
		a, b := l.Hosts[0], l.Hosts[1]
		switch l.Langs {
		case [2]string{src, tgt}:
		case [2]string{tgt, src}:
			a, b = b, a
		default:
			continue
		}
		ls.learned[maphash.String(ls.seed, l10n.LinkKey(a))] = learnedLink{maphash.String(ls.seed, l10n.LinkKey(b)), b}
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

// key is a link without what a translation changes in it.
func (ls *linkSet) key(l string) string {
	if k, ok := ls.keys[l]; ok {
		return k
	}
	k := l10n.LinkKey(l)
	ls.keys[l] = k
	return k
}

// same reports whether source link a and target link b are the same
// link for a translation.
func (ls *linkSet) same(a, b string) bool {
	ka, kb := ls.key(a), ls.key(b)
	if ka == kb {
		return true
	}
	// A learned pair (or, as a missing pair's empty key, a link of no key).
	if t, ok := ls.learned[maphash.String(ls.seed, ka)]; ok && t.key == maphash.String(ls.seed, kb) || !ok && kb == "" {
		return true
	}
	// The site's own posts: the target links to the source's translation.
	if pa := ls.pages.PairAt(a); pa != nil && pa == ls.pages.PairAt(b) {
		return true
	}
	// One page in each language: the URLs name the two languages
	// (/en/ ↔ /fr/, en. ↔ fr., eng ↔ fra, lang=en ↔ lang=fr), whatever
	// their hosts and names.
	if ma := l10n.Marker(a); ma != "" && ma == ls.src[:min(2, len(ls.src))] && l10n.Marker(b) == ls.tgt[:min(2, len(ls.tgt))] {
		return true
	}
	ha, hb := l10n.Host(a), l10n.Host(b)
	// A bilingual host: its page in one language, and in the other.
	for _, h := range ls.hosts {
		if (ha == h[0] || strings.HasSuffix(ha, "."+h[0])) && (hb == h[1] || strings.HasSuffix(hb, "."+h[1])) {
			if h[0] != h[1] || l10n.HasLang(a, ls.src) && l10n.HasLang(b, ls.tgt) || !l10n.HasLang(a, ls.src) && !l10n.HasLang(b, ls.tgt) {
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
	for pass := 0; pass < 4; pass++ {
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
					if ok && l10n.HasLang(b[j], ls.src) && !l10n.HasLang(b[j], ls.tgt) && !strings.HasPrefix(b[j], "#") {
						untranslated = append(untranslated, b[j])
					}
				case 1:
					ok = ls.same(a[i], b[j])
				case 2:
					ok = l10n.Host(a[i]) == l10n.Host(b[j]) && !strings.HasPrefix(a[i], "mailto:")
				case 3:
					// A page in this language where the source's names
					// none (ontario.ca/fr/… for a post about it on
					// another site): the translator's localized reference.
					ok = l10n.Marker(a[i]) == "" && l10n.Marker(b[j]) == ls.tgt[:min(2, len(ls.tgt))] && l10n.Host(b[j]) != "" && !strings.HasPrefix(a[i], "mailto:")
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

// wrongLanguage reports whether target link l goes to a page in the
// source's language, and the page it should go to when that is known:
// the counterpart of one of the site's own posts, or the URL with its
// language marker swapped.
func (ls *linkSet) wrongLanguage(l string) (bool, string) {
	if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "mailto:") {
		return false, ""
	}
	if l10n.Marker(l) == ls.tgt[:min(2, len(ls.tgt))] {
		return false, "" // a page or file named for this language (report-fr.docx), wherever it is kept
	}
	if lang, other := ls.pages.LangAt(l, ls.tgt); lang == ls.src {
		return true, other
	}
	if l10n.Marker(l) == ls.src {
		return true, l10n.SwapMarker(l, ls.src, ls.tgt)
	}
	// An address the site's translations replace with another.
	if t, ok := ls.learnedAt(l); ok {
		return true, t.url
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
