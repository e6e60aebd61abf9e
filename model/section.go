package model

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// A Hugo site keeps its pages (about, products, forms) in the same
// content tree as its blog. The posts are those of the section most
// dated posts are in (blog); a file of another section is a page: it
// opens, pairs and saves as a post does, but it is held to its own
// section's template (archetypes/<section>.md), not to the posts' schema,
// and the library lists it apart.

// Section is the first folder of a post's path under its language's
// content folder (blog for content/en/blog/posts/x.md), "" for a file
// at the top of it; "posts" for every Jekyll post.
func (s *Site) Section(p *Post) string {
	if s.Layout != Hugo {
		return "posts"
	}
	rel := strings.TrimPrefix(s.hugoContentPath(p), "/"+p.Lang)
	rel = strings.TrimPrefix(rel, "/")
	if i := strings.IndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	// A leaf at the top (about.md) is a page of no section; a section's
	// own page (about/_index.md, made "about" above) is its section's.
	base := path.Base(p.Path)
	if strings.HasPrefix(base, "_index.") || strings.HasPrefix(base, "index.") {
		return rel
	}
	return ""
}

// IsPage reports whether p is a page of the site rather than a post: a
// Hugo file outside the posts' section.
func (s *Site) IsPage(p *Post) bool {
	if s.Layout != Hugo {
		return false
	}
	posts, _ := s.sectionInfo()
	return s.Section(p) != posts
}

// sectionInfo is the posts' section, found again (no disk: it may run on
// the window's UI thread) when the site has more or fewer posts than the
// last time, and the archetypes' keys (read when the site is opened).
func (s *Site) sectionInfo() (string, map[string][]string) {
	s.sections.Lock()
	defer s.sections.Unlock()
	if s.sections.counted && s.sections.n == len(s.Posts) {
		return s.sections.posts, s.sections.archetypes
	}
	dated := map[string]int{}
	for _, p := range s.Posts {
		if p.Doc != nil && strings.TrimSpace(p.Doc.Get("date")) != "" {
			dated[s.Section(p)]++
		}
	}
	s.sections.posts = mostCommon(dated)
	s.sections.n, s.sections.counted = len(s.Posts), true
	return s.sections.posts, s.sections.archetypes
}

// readArchetypes reads the keys of archetypes/<section>.md, the templates
// of the site's sections (once, when the site is opened).
func readArchetypes(root string) map[string][]string {
	out := map[string][]string{}
	ents, _ := os.ReadDir(filepath.Join(root, "archetypes"))
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") {
			continue
		}
		if raw, err := os.ReadFile(filepath.Join(root, "archetypes", name)); err == nil {
			out[strings.TrimSuffix(name, ".md")] = templateKeys(string(raw))
		}
	}
	return out
}

// templateKeys are the front-matter keys an archetype writes: its lines
// "key:" between its --- lines (its values are Go templates, often not
// YAML a strict reader takes).
func templateKeys(raw string) []string {
	lines := strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return nil
	}
	var keys []string
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "---" {
			break
		}
		if i := strings.IndexByte(l, ':'); i > 0 && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "#") {
			keys = append(keys, strings.TrimSpace(l[:i]))
		}
	}
	return keys
}

// pageRequires reports whether a page must fill field key: its title, and
// what its section's template writes (its own, else the site's default;
// the posts' schema otherwise holds only for posts).
func (s *Site) pageRequires(p *Post, key string) bool {
	if key == "title" {
		return true
	}
	_, arch := s.sectionInfo()
	keys, ok := arch[s.Section(p)]
	if !ok {
		return false
	}
	for _, k := range keys {
		if k == key {
			return true
		}
	}
	return false
}
