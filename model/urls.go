package model

import (
	"path"
	"regexp"
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
	if f := p.Doc.Lookup("aliases"); f != nil {
		items := f.List
		if f.Kind != List {
			items = strings.Fields(f.Value)
		}
		for _, a := range items {
			if a = strings.Trim(strings.TrimSpace(a), `"'`); a != "" {
				out = append(out, strings.TrimRight(a, "/"))
			}
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
// may be read from any goroutine while the site changes.
type Pages struct {
	site *Site
	// index is each page path's (normURL) post, its pair and language,
	// as they were when the index was made.
	index map[string]pageEntry
	// urls are the address of each post of a pair, by pair and language.
	urls map[pairLang]string
	// hosts are the languages' own hosts.
	hosts map[string]string
}

type pageEntry struct {
	pair *Pair
	post *Post // its language is the post's (set once, as the site is read)
}

type pairLang struct {
	pair *Pair
	lang string
}

// Pages is the index of the site's pages now (built again when the site
// has more or fewer posts than the last one).
func (s *Site) Pages() *Pages {
	s.urls.Lock()
	defer s.urls.Unlock()
	if s.urls.pages == nil || s.urls.n != len(s.Posts) {
		pg := &Pages{site: s, index: map[string]pageEntry{}, urls: map[pairLang]string{}, hosts: map[string]string{}}
		for l, b := range s.langBase {
			pg.hosts[l] = l10n.Host(b)
		}
		// Each post's addresses, read on as many goroutines as there are
		// CPUs (a folded post's fields are read again), then indexed in
		// the posts' order.
		type addrs struct {
			keys []string
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
				a.keys = append(a.keys, s.normURL(pp))
				// The default language, and every language with a host of
				// its own, publish without their language's segment.
				if s.Layout == Hugo && (p.Lang == s.defaultLang || s.langBase[p.Lang] != "") {
					a.keys = append(a.keys, s.normURL(strings.TrimPrefix(pp, "/"+p.Lang)))
				}
			}
			if p.Pair != nil {
				a.url = s.PageURL(p)
			}
			per[i] = a
		})
		for i, p := range s.Posts {
			for _, k := range per[i].keys {
				if _, taken := pg.index[k]; !taken {
					pg.index[k] = pageEntry{p.Pair, p}
				}
			}
			if p.Pair != nil {
				pg.urls[pairLang{p.Pair, p.Lang}] = per[i].url
			}
		}
		s.urls.pages, s.urls.n = pg, len(s.Posts)
	}
	return s.urls.pages
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
func (pg *Pages) PairAt(u string) *Pair { return pg.index[pg.key(u)].pair }

// LangAt is the language of the site's page a link points to (one of its
// posts, or a page on a language's own host), and the address of that
// post's version in language other ("" when it has none, or for a page
// that is not a post).
func (pg *Pages) LangAt(u, other string) (lang, otherURL string) {
	k := pg.key(u)
	if e, ok := pg.index[k]; ok {
		return e.post.Lang, pg.urls[pairLang{e.pair, other}]
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
	return pg.index[pg.key(u)].post
}
