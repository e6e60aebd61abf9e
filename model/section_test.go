package model

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPagesBesideThePosts: a Hugo site's pages (a contact page, a
// product page of front matter only) beside its blog are pages, held to
// their section's template: no date asked for, no text required; the
// posts still are.
func TestPagesBesideThePosts(t *testing.T) {
	s, err := Open(filepath.Join("..", "testdata", "hugo-wordpress"))
	if err != nil {
		t.Fatal(err)
	}
	for path, page := range map[string]bool{
		"content/en/contact.md":                          true,
		"content/fr/produits/notify.md":                  true,
		"content/en/products/notify.md":                  true,
		"content/en/blog/posts/listening-to-users.md":    false,
		"content/fr/blog/posts/ouvert-par-defaut.md":     false,
		"content/fr/blog/posts/mesurer-ce-qui-compte.md": false,
		"content/en/blog/posts/forms-that-forgive.md":    false,
	} {
		p := s.PostAt(path)
		if p == nil {
			t.Fatalf("no %s", path)
		}
		if s.IsPage(p) != page {
			t.Errorf("%s: page %v, want %v (section %q)", path, s.IsPage(p), page, s.Section(p))
		}
	}
	for _, f := range s.Lint() {
		if f.Rule == RuleRequired || f.Rule == RuleEmptyBody {
			t.Errorf("a page held to the posts' schema: %v", f)
		}
	}
	// A post without its date is still told.
	p := s.PostAt("content/en/blog/posts/forms-that-forgive.md")
	p.Doc.Set("date", "")
	var said bool
	for _, f := range s.LintPost(p) {
		said = said || f.Rule == RuleRequired && strings.Contains(f.Message, "date")
	}
	if !said {
		t.Errorf("a post without a date: %v", s.LintPost(p))
	}
}
