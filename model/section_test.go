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

// TestFoldedValueKeepsItsLines: a folded value whose spaces change (a
// typography fix) keeps the lines it was folded on; one whose words
// change is folded anew.
func TestFoldedValueKeepsItsLines(t *testing.T) {
	raw := "---\ntitle: x\ndescription: >-\n  Pourquoi notre code : nos recherches,\n  nos erreurs et nos « leçons » apprises.\nauthor: A\n---\nbody\n"
	d, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Set("description", "Pourquoi notre code\u00a0: nos recherches, nos erreurs et nos «\u00a0leçons\u00a0» apprises."); err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: x\ndescription: >-\n  Pourquoi notre code\u00a0: nos recherches,\n  nos erreurs et nos «\u00a0leçons\u00a0» apprises.\nauthor: A\n---\nbody\n"
	if string(d.Bytes()) != want {
		t.Errorf("got\n%s\nwant\n%s", d.Bytes(), want)
	}
	if err := d.Set("description", "Un tout autre texte, plus court."); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Bytes()), "description: >-\n  Un tout autre texte, plus court.\nauthor: A") {
		t.Errorf("a new value:\n%s", d.Bytes())
	}
}
