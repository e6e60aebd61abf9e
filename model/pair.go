package model

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// link computes each post's permalink and pairing key, and builds the pairs.
func (s *Site) link() {
	s.Pairs = nil
	for _, p := range s.Posts {
		p.Pair, p.link = nil, nil
		if s.Layout == Jekyll {
			p.Permalink = s.permalink(p)
		}
		p.key = s.pairKey(p)
	}
	switch s.Pairing {
	case ByTransURL:
		s.linkTransURL()
	default:
		s.linkByKey()
	}
	for _, p := range s.Posts {
		if p.Pair == nil {
			s.newPair(p)
		}
	}
	s.indexLone()
	s.sortPairs()
}

// lonePost is a post without a counterpart that has a translationKey, and
// its place among the site's posts.
type lonePost struct {
	i     int
	p     *Post
	key   string
	value string // its translationKey as written (key is it trimmed)
	sig   uint64 // keySig
}

// keySig is a key's runes as a set of 64 bits: two keys two edits apart
// differ in four bits at most (an edit takes out one rune and puts in
// another), which rules out most pairs of keys without comparing them.
func keySig(k string) uint64 {
	var sig uint64
	for _, r := range k {
		sig |= 1 << (uint(r) % 64)
	}
	return sig
}

// indexLone indexes the posts without a counterpart that have a
// translationKey (Site.lone).
func (s *Site) indexLone() {
	s.lone = nil
	for i, p := range s.Posts {
		if p.Doc == nil || p.Counterpart() != nil {
			continue
		}
		v := p.Doc.Get("translationKey")
		k := strings.TrimSpace(v)
		if k == "" {
			continue
		}
		if s.lone == nil {
			s.lone = map[string]map[int][]lonePost{}
		}
		byLen := s.lone[p.Lang]
		if byLen == nil {
			byLen = map[int][]lonePost{}
			s.lone[p.Lang] = byLen
		}
		n := utf8.RuneCountInString(k)
		byLen[n] = append(byLen[n], lonePost{i, p, k, v, keySig(k)})
	}
}

// sortPairs orders the pairs newest first, then by title.
func (s *Site) sortPairs() {
	type sortKey struct {
		date  time.Time
		title string
	}
	keys := make(map[*Pair]sortKey, len(s.Pairs))
	for _, pr := range s.Pairs {
		t, _, _ := ParseDate(pr.Date())
		keys[pr] = sortKey{t, pr.Title()}
	}
	sort.SliceStable(s.Pairs, func(i, j int) bool {
		a, b := keys[s.Pairs[i]], keys[s.Pairs[j]]
		if !a.date.Equal(b.date) {
			return a.date.After(b.date)
		}
		return a.title < b.title
	})
}

func (s *Site) newPair(posts ...*Post) *Pair {
	pr := &Pair{Posts: make([]*Post, 0, len(posts)), site: s}
	for _, p := range posts {
		pr.set(p)
		p.Pair = pr
	}
	s.Pairs = append(s.Pairs, pr)
	return pr
}

// normURL is the form in which a trans_url and a permalink are compared:
// no scheme and host, no base URL, unescaped, lower case, no trailing /.
func (s *Site) normURL(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			u = "/"
		}
	}
	if s.BaseURL != "" && strings.HasPrefix(u, s.BaseURL+"/") {
		u = u[len(s.BaseURL):]
	}
	if x, err := url.PathUnescape(u); err == nil {
		u = x
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return strings.ToLower(strings.TrimRight(u, "/"))
}

// linkTransURL pairs Jekyll posts whose trans_url is the other's
// permalink: first the posts that link to each other, then one-way links
// to a post that is still alone.
func (s *Site) linkTransURL() {
	index := map[string]map[string]*Post{} // lang -> permalink -> post
	for _, p := range s.Posts {
		if index[p.Lang] == nil {
			index[p.Lang] = map[string]*Post{}
		}
		if p.Permalink != "" {
			index[p.Lang][s.normURL(p.Permalink)] = p
		}
	}
	for _, p := range s.Posts {
		tu := p.transURL()
		if tu == "" {
			continue
		}
		n := s.normURL(tu)
		for _, l := range s.Languages {
			if l != p.Lang && index[l][n] != nil {
				p.link = index[l][n]
				break
			}
		}
	}
	for _, p := range s.Posts {
		if q := p.link; q != nil && q.link == p && p.Pair == nil && q.Pair == nil {
			s.newPair(p, q)
		}
	}
	for _, p := range s.Posts {
		if q := p.link; q != nil && p.Pair == nil && q.Pair == nil {
			s.newPair(p, q)
		}
	}
}

func (p *Post) transURL() string {
	if p.Doc == nil {
		return ""
	}
	return p.Doc.Get("trans_url")
}

// linkByKey pairs posts of different languages with the same key; a second
// post of a language with a key already taken stays alone (lint says so).
func (s *Site) linkByKey() {
	groups := map[string]*Pair{}
	for _, p := range s.Posts {
		p.keyTaken = false
		if p.key == "" {
			continue
		}
		g := groups[p.key]
		if g == nil {
			groups[p.key] = s.newPair(p)
			continue
		}
		if g.Post(p.Lang) == nil {
			g.set(p)
			p.Pair = g
		}
	}
	// A post left out: its language's place in its key's pair is
	// another's; taken when that pair is a pair.
	for _, p := range s.Posts {
		if g := groups[p.key]; p.key != "" && p.Pair == nil && g != nil && len(g.Posts) > 1 {
			p.keyTaken = true
		}
	}
}

// pairKey is a Hugo post's translation key: translationKey when set, else
// its path within its language (Hugo's own rule).
func (s *Site) pairKey(p *Post) string {
	if s.Pairing == ByTransURL {
		return ""
	}
	if s.Pairing == ByTranslationKey && p.Doc != nil {
		if k := strings.TrimSpace(p.Doc.Get("translationKey")); k != "" {
			return "key:" + k
		}
	}
	rel := p.Path
	for _, dir := range s.Folders[p.Lang] {
		if strings.HasPrefix(rel, dir+"/") {
			rel = rel[len(dir)+1:]
			break
		}
	}
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	if s.hugoSuffix {
		if l := nameLang(rel + ".x"); l != "" {
			rel = strings.TrimSuffix(rel, "."+l)
		}
	}
	if path.Base(rel) == "index" { // a page bundle: the folder is the page
		rel = path.Dir(rel)
	}
	return "path:" + rel
}

var permalinkStyles = map[string]string{
	"date":    "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":  "/:categories/:year/:month/:day/:title/",
	"ordinal": "/:categories/:year/:y_day/:title:output_ext",
	"none":    "/:categories/:title:output_ext",
}

var placeholder = regexp.MustCompile(`:(categories|year|month|day|i_month|i_day|short_year|y_day|hour|minute|second|title|slug|name|output_ext|lang)`)

// permalink computes a Jekyll post's URL as Jekyll does: the date from the
// front matter when it has one, else from the file name; :title from the
// file name's slug, slugified in Jekyll's "pretty" mode.
func (s *Site) permalink(p *Post) string {
	m := jekyllName.FindStringSubmatch(path.Base(p.Path))
	if m == nil {
		return ""
	}
	t, _ := time.Parse("2006-01-02", m[1])
	pattern := s.Permalink
	var cats []string
	if p.Doc != nil {
		// The date as written, in its own zone.
		if dt, _, ok := ParseDate(p.Doc.Get("date")); ok {
			t = time.Date(dt.Year(), dt.Month(), dt.Day(), dt.Hour(), dt.Minute(), dt.Second(), 0, time.UTC)
		}
		if own := p.Doc.Get("permalink"); own != "" {
			pattern = own
		}
		for _, k := range []string{"categories", "category"} {
			cats = append(cats, p.Doc.Items(k)...)
		}
	}
	// Folders above _posts are categories too: fr/_posts/... is in "fr".
	if i := strings.Index(p.Path, "_posts/"); i > 0 {
		cats = append(strings.Split(strings.Trim(p.Path[:i], "/"), "/"), cats...)
	}
	if st, ok := permalinkStyles[pattern]; ok {
		pattern = st
	}
	slug := m[2]
	if p.Doc != nil && p.Doc.Get("slug") != "" {
		slug = p.Doc.Get("slug")
	}
	ext := ".html"
	for i := range cats {
		cats[i] = strings.ToLower(cats[i])
	}
	out := placeholder.ReplaceAllStringFunc(pattern, func(ph string) string {
		switch ph[1:] {
		case "categories":
			return strings.Join(cats, "/")
		case "year":
			return t.Format("2006")
		case "month":
			return t.Format("01")
		case "day":
			return t.Format("02")
		case "i_month":
			return fmt.Sprint(int(t.Month()))
		case "i_day":
			return fmt.Sprint(t.Day())
		case "short_year":
			return t.Format("06")
		case "y_day":
			return fmt.Sprintf("%03d", t.YearDay())
		case "hour":
			return t.Format("15")
		case "minute":
			return t.Format("04")
		case "second":
			return t.Format("05")
		case "title", "name":
			return jekyllSlugify(slug, true)
		case "slug":
			return jekyllSlugify(slug, false)
		case "output_ext":
			return ext
		case "lang":
			return p.Lang
		}
		return ph
	})
	for strings.Contains(out, "//") {
		out = strings.ReplaceAll(out, "//", "/")
	}
	if !strings.HasPrefix(out, "/") {
		out = "/" + out
	}
	return out
}

// jekyllSlugify is Jekyll's Utils.slugify: "pretty" mode keeps letters,
// digits and ._~!$&'()+,;=@ and turns every other run into one -. Pretty
// keeps the case (:title); the default mode lower-cases and keeps only
// letters and digits (:slug).
func jekyllSlugify(s string, pretty bool) string {
	keep := func(r rune) bool {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		return pretty && strings.ContainsRune("._~!$&'()+,;=@", r)
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if keep(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if !pretty {
		out = strings.ToLower(out)
	}
	return out
}
