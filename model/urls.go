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

// PostAtURL is the site's post that a link points to (a path or a URL of
// the page, with or without its language segment for the default
// language), nil when none is.
func (s *Site) PostAtURL(u string) *Post {
	if i := strings.IndexAny(u, "#?"); i >= 0 {
		u = u[:i]
	}
	s.urls.Lock()
	defer s.urls.Unlock()
	if s.urls.index == nil || s.urls.n != len(s.Posts) {
		s.urls.index = map[string]*Post{}
		for _, p := range s.Posts {
			pp := s.PagePath(p)
			if pp == "" {
				continue
			}
			s.urls.index[s.normURL(pp)] = p
			if s.Layout == Hugo && p.Lang == s.defaultLang {
				s.urls.index[s.normURL(strings.TrimPrefix(pp, "/"+p.Lang))] = p
			}
		}
		s.urls.n = len(s.Posts)
	}
	return s.urls.index[s.normURL(u)]
}
