package model

import (
	"path"
	"strings"
)

// PagePath is the path of the page a post is published at: its
// permalink (Jekyll), or its content path under its language (Hugo:
// /fr/blog/posts/slug), no trailing /. A url: or slug: field is read.
func (s *Site) PagePath(p *Post) string {
	if s.Layout != Hugo {
		return strings.TrimRight(p.Permalink, "/")
	}
	if p.Doc != nil {
		if u := strings.TrimSpace(p.Doc.Get("url")); u != "" {
			return strings.TrimRight(u, "/")
		}
	}
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

// Pages indexes the site's posts by the path of their page, frozen: it
// may be read from any goroutine while the site changes.
type Pages struct {
	site  *Site
	index map[string]*Pair // page path (normURL) → its post's pair
	posts map[string]*Post
}

// Pages is the index of the site's pages now (built again when the site
// has more or fewer posts than the last one).
func (s *Site) Pages() *Pages {
	s.urls.Lock()
	defer s.urls.Unlock()
	if s.urls.pages == nil || s.urls.n != len(s.Posts) {
		pg := &Pages{site: s, index: map[string]*Pair{}, posts: map[string]*Post{}}
		for _, p := range s.Posts {
			pp := s.PagePath(p)
			if pp == "" {
				continue
			}
			keys := []string{s.normURL(pp)}
			if s.Layout == Hugo && p.Lang == s.defaultLang {
				keys = append(keys, s.normURL(strings.TrimPrefix(pp, "/"+p.Lang)))
			}
			for _, k := range keys {
				pg.index[k], pg.posts[k] = p.Pair, p
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
func (pg *Pages) PairAt(u string) *Pair { return pg.index[pg.key(u)] }

// PostAtURL is the site's post a link points to, nil when none is.
func (s *Site) PostAtURL(u string) *Post {
	pg := s.Pages()
	return pg.posts[pg.key(u)]
}
