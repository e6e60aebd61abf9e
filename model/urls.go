package model

import (
	"cmp"
	"hash/maphash"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tandem/l10n"
)

// PagePath is the path of the page a post is published at: its
// permalink (Jekyll), or its content path under its language (Hugo:
// /fr/blog/posts/slug), no trailing /. A url: or slug: field is read.
func (s *Site) PagePath(p *Post) string {
	if paths := s.pagePaths(p); len(paths) > 0 {
		return paths[0]
	}
	return ""
}

// pagePaths are the paths a post's page may be at, the likeliest first:
// with Hugo's permalinks, :slug and :title may be the slug field, the
// title made a path or the file's name, which ever the site used.
func (s *Site) pagePaths(p *Post) []string {
	if s.Layout != Hugo {
		return []string{strings.TrimRight(p.Permalink, "/")}
	}
	var out []string
	if p.Doc != nil {
		if u := strings.TrimSpace(p.Doc.Get("url")); u != "" {
			out = append(out, strings.TrimRight(u, "/"))
		}
	}
	if len(out) == 0 {
		out = append(out, s.hugoPermalink(p)...)
		if base := s.hugoContentPath(p); base != "" {
			out = append(out, base)
		}
	}
	// Its former addresses, which Hugo redirects: links to them are
	// links to it.
	if p.Doc == nil {
		return out
	}
	for _, a := range p.Doc.Items("aliases") {
		if a = strings.Trim(strings.TrimSpace(a), `"'`); a != "" {
			out = append(out, strings.TrimRight(a, "/"))
		}
	}
	return out
}

// hugoContentPath is a Hugo post's page by its place under its language's
// content folder: /fr/blog/posts/slug.
func (s *Site) hugoContentPath(p *Post) string {
	rel := p.Path
	for _, f := range s.Folders[p.Lang] {
		if strings.HasPrefix(rel, f+"/") {
			rel = strings.TrimPrefix(rel, f+"/")
			break
		}
	}
	rel = strings.TrimPrefix(rel, "content/")
	dir, name := path.Split(rel)
	name = strings.TrimSuffix(name, path.Ext(name))
	name = strings.TrimSuffix(name, "."+p.Lang)
	if p.Doc != nil {
		if slug := strings.TrimSpace(p.Doc.Get("slug")); slug != "" {
			name = slug
		}
	}
	if name == "index" || name == "_index" {
		name = ""
	}
	return strings.TrimRight("/"+p.Lang+"/"+dir+name, "/")
}

// hugoPermalink is a Hugo post's page by the site's permalinks pattern
// for its section (/:year/:month/:day/:slug/), with each value :slug and
// :title may take; none when no pattern applies.
func (s *Site) hugoPermalink(p *Post) []string {
	if len(s.hugoPermalinks) == 0 || p.Doc == nil {
		return nil
	}
	rel := strings.TrimPrefix(s.hugoContentPath(p), "/"+p.Lang+"/")
	section, _, _ := strings.Cut(rel, "/")
	pattern := s.hugoPermalinks[strings.ToLower(section)]
	if pattern == "" {
		return nil
	}
	base := path.Base(p.Path)
	name := strings.TrimSuffix(strings.TrimSuffix(base, path.Ext(base)), "."+p.Lang)
	if name == "index" || name == "_index" {
		name = path.Base(path.Dir(p.Path))
	}
	t, _, _ := ParseDate(p.Doc.Get("date"))
	titles := []string{}
	if slug := strings.TrimSpace(p.Doc.Get("slug")); slug != "" {
		titles = append(titles, slug)
	}
	titles = append(titles, urlize(p.Title()), name)
	var out []string
	for _, title := range titles {
		u := hugoToken.ReplaceAllStringFunc(pattern, func(tok string) string {
			switch tok[1:] {
			case "year":
				return t.Format("2006")
			case "month":
				return t.Format("01")
			case "monthname":
				return strings.ToLower(t.Month().String())
			case "day":
				return t.Format("02")
			case "yearday":
				return strconv.Itoa(t.YearDay())
			case "weekday":
				return strconv.Itoa(int(t.Weekday()))
			case "weekdayname":
				return strings.ToLower(t.Weekday().String())
			case "section":
				return section
			case "sections":
				return path.Dir(rel)
			case "filename", "contentbasename":
				return name
			default: // slug, title, slugorfilename, slugorcontentbasename
				return title
			}
		})
		out = append(out, strings.TrimRight(path.Clean("/"+u), "/"))
	}
	return out
}

var hugoToken = regexp.MustCompile(`:(year|monthname|month|day|yearday|weekdayname|weekday|sections|section|slugorfilename|slugorcontentbasename|slug|title|filename|contentbasename)`)

// urlize makes a title a path as Hugo's urlize does: lower case, spaces
// as dashes, letters, digits, dashes, underscores and dots kept.
func urlize(t string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(t)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LangBase is language lang's own base URL (https://numerique.canada.ca),
// "" when the languages share the site's.
func (s *Site) LangBase(lang string) string { return s.langBase[lang] }

// PageURL is the address of a post's page as its language publishes it:
// its language's base URL and its page path (a path alone when the site
// has no base URL per language).
func (s *Site) PageURL(p *Post) string {
	pp := s.PagePath(p)
	if pp == "" {
		return ""
	}
	if b := s.langBase[p.Lang]; b != "" {
		return b + strings.TrimPrefix(pp, "/"+p.Lang) + "/"
	}
	return pp + "/"
}

// Pages indexes the site's posts by the path of their page, frozen: it
// may be read from any goroutine while the site changes. It keeps no
// string per page but each post's address: a site of 20,000 pairs holds
// about a hundred bytes a post here.
type Pages struct {
	site *Site
	seed maphash.Seed
	// index is each page path (normURL) by its hash, sorted, with the
	// number of its post in posts (the first post, in the site's order,
	// when two give the same path). Two paths of 64-bit hashes alike are
	// one in ten billion on a site of 100,000 posts: their strings are
	// not kept to tell them apart.
	index []pageEntry
	// posts are the site's posts, each with its pair's number in pairs
	// (-1 for none), as they were when the index was made.
	posts  []*Post
	pairOf []int32
	// pairs are the pairs, and members the numbers of each pair's posts,
	// pair by pair: pair n's are members[starts[n]:starts[n+1]].
	pairs           []*Pair
	members, starts []int32
	// urls are the posts' addresses, one after another, each without its
	// language's base URL (bases, as they were): post i's ends at ends[i]
	// (see url).
	urls  string
	ends  []uint32
	bases map[string]string
	// hosts are the languages' own hosts.
	hosts map[string]string
}

type pageEntry struct {
	hash uint64
	post int32
}

// Pages is the index of the site's pages now (built again when the site
// has more or fewer posts than the last one).
func (s *Site) Pages() *Pages {
	s.urls.Lock()
	defer s.urls.Unlock()
	if s.urls.pages == nil || s.urls.n != len(s.Posts) {
		s.urls.pages, s.urls.n = s.newPages(), len(s.Posts)
	}
	return s.urls.pages
}

func (s *Site) newPages() *Pages {
	pg := &Pages{site: s, seed: maphash.MakeSeed(), hosts: map[string]string{}, bases: map[string]string{}}
	for l, b := range s.langBase {
		pg.hosts[l] = l10n.Host(b)
		pg.bases[l] = b
	}
	// Each post's addresses, read on as many goroutines as there are
	// CPUs (a folded post's fields are read again), then indexed in the
	// posts' order.
	type addrs struct {
		keys []uint64
		url  string
	}
	per := make([]addrs, len(s.Posts))
	parallel(len(s.Posts), func(i int) {
		p := s.Posts[i]
		var a addrs
		for _, pp := range s.pagePaths(p) {
			if pp == "" {
				continue
			}
			a.keys = append(a.keys, maphash.String(pg.seed, s.normURL(pp)))
			// The default language, and every language with a host of
			// its own, publish without their language's segment.
			if s.Layout == Hugo && (p.Lang == s.defaultLang || s.langBase[p.Lang] != "") {
				a.keys = append(a.keys, maphash.String(pg.seed, s.normURL(strings.TrimPrefix(pp, "/"+p.Lang))))
			}
		}
		if p.Pair != nil {
			a.url = strings.TrimPrefix(s.PageURL(p), pg.bases[p.Lang])
		}
		per[i] = a
	})
	n := 0
	size := 0
	for i := range per {
		n += len(per[i].keys)
		size += len(per[i].url)
	}
	pg.posts = slices.Clone(s.Posts)
	pg.pairOf = make([]int32, len(s.Posts))
	pg.index = make([]pageEntry, 0, n)
	pg.ends = make([]uint32, len(s.Posts))
	numbers := map[*Pair]int32{}
	var urls strings.Builder
	urls.Grow(size)
	for i, p := range s.Posts {
		for _, k := range per[i].keys {
			pg.index = append(pg.index, pageEntry{k, int32(i)})
		}
		urls.WriteString(per[i].url)
		pg.ends[i] = uint32(urls.Len())
		pg.pairOf[i] = -1
		if p.Pair != nil {
			k, ok := numbers[p.Pair]
			if !ok {
				k = int32(len(pg.pairs))
				numbers[p.Pair] = k
				pg.pairs = append(pg.pairs, p.Pair)
			}
			pg.pairOf[i] = k
		}
	}
	pg.urls = urls.String()
	// Sorted by hash, the first post first among equal hashes (the
	// index's first taker keeps a path).
	slices.SortStableFunc(pg.index, func(a, b pageEntry) int { return cmp.Compare(a.hash, b.hash) })
	pg.index = slices.CompactFunc(pg.index, func(a, b pageEntry) bool { return a.hash == b.hash })
	pg.index = slices.Clip(pg.index)
	// Each pair's posts, in the site's order.
	pg.starts = make([]int32, len(pg.pairs)+1)
	for _, k := range pg.pairOf {
		if k >= 0 {
			pg.starts[k+1]++
		}
	}
	for k := range pg.pairs {
		pg.starts[k+1] += pg.starts[k]
	}
	pg.members = make([]int32, pg.starts[len(pg.pairs)])
	next := slices.Clone(pg.starts[:len(pg.pairs)])
	for i, k := range pg.pairOf {
		if k >= 0 {
			pg.members[next[k]] = int32(i)
			next[k]++
		}
	}
	return pg
}

// at is the number of the post at link u's page, -1 for none.
func (pg *Pages) at(u string) int {
	h := maphash.String(pg.seed, pg.key(u))
	i, ok := slices.BinarySearchFunc(pg.index, h, func(e pageEntry, h uint64) int { return cmp.Compare(e.hash, h) })
	if !ok {
		return -1
	}
	return int(pg.index[i].post)
}

// url is post i's address ("" for a post of no pair).
func (pg *Pages) url(i int) string {
	from := uint32(0)
	if i > 0 {
		from = pg.ends[i-1]
	}
	if from == pg.ends[i] {
		return ""
	}
	return pg.bases[pg.posts[i].Lang] + pg.urls[from:pg.ends[i]]
}

// key is a link's index key: no fragment or query, as normURL has it.
func (pg *Pages) key(u string) string {
	if i := strings.IndexAny(u, "#?"); i >= 0 {
		u = u[:i]
	}
	return pg.site.normURL(u)
}

// PairAt is the pair of the post a link points to (a path or a URL of
// the page, with or without its language segment for the default
// language), nil when none is. Compare it, do not read it: the pair may
// change on the window's goroutine.
func (pg *Pages) PairAt(u string) *Pair {
	if i := pg.at(u); i >= 0 && pg.pairOf[i] >= 0 {
		return pg.pairs[pg.pairOf[i]]
	}
	return nil
}

// LangAt is the language of the site's page a link points to (one of its
// posts, or a page on a language's own host), and the address of that
// post's version in language other ("" when it has none, or for a page
// that is not a post).
func (pg *Pages) LangAt(u, other string) (lang, otherURL string) {
	if i := pg.at(u); i >= 0 {
		if k := pg.pairOf[i]; k >= 0 {
			// The pair's last post in other, in the site's order.
			for _, j := range pg.members[pg.starts[k]:pg.starts[k+1]] {
				if pg.posts[j].Lang == other {
					otherURL = pg.url(int(j))
				}
			}
		}
		return pg.posts[i].Lang, otherURL
	}
	if h := l10n.Host(u); h != "" {
		for l, lh := range pg.hosts {
			if lh == h {
				return l, ""
			}
		}
	}
	return "", ""
}

// Hosts are the languages' own hosts, by language (none when the site
// gives no language a base URL of its own).
func (pg *Pages) Hosts() map[string]string { return pg.hosts }

// PostAtURL is the site's post a link points to, nil when none is.
func (s *Site) PostAtURL(u string) *Post {
	pg := s.Pages()
	if i := pg.at(u); i >= 0 {
		return pg.posts[i]
	}
	return nil
}
