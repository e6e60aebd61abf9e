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
	// One long line stays one line.
	long := "Ce billet raconte comment nous avons réécrit le formulaire de demande : nos recherches, nos erreurs, nos essais auprès des gens et nos « leçons » apprises en chemin."
	one, err := Parse([]byte("---\ndescription: >-\n  " + long + "\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.NewReplacer(" :", "\u00a0:", "« ", "«\u00a0", " »", "\u00a0»").Replace(long)
	if err := one.Set("description", fixed); err != nil {
		t.Fatal(err)
	}
	if want := "---\ndescription: >-\n  " + fixed + "\n---\n"; string(one.Bytes()) != want {
		t.Errorf("a one-line folded value rewrapped:\n%s", one.Bytes())
	}
	if err := d.Set("description", "Un tout autre texte, plus court."); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Bytes()), "description: >-\n  Un tout autre texte, plus court.\nauthor: A") {
		t.Errorf("a new value:\n%s", d.Bytes())
	}
}

// TestLanguageAddresses: Hugo's per-language baseURL (in any case) and
// permalinks, a post's aliases, and Jekyll's per-language configs give
// each post its address in its language.
func TestLanguageAddresses(t *testing.T) {
	s, err := Open(filepath.Join("..", "testdata", "hugo-wordpress"))
	if err != nil {
		t.Fatal(err)
	}
	if s.LangBase("fr") != "https://bulletin.example" || s.LangBase("en") != "https://service.example" {
		t.Errorf("bases %q %q", s.LangBase("en"), s.LangBase("fr"))
	}
	fr := s.PostAt("content/fr/blog/posts/a-l-ecoute-des-usagers.md")
	if u := s.PageURL(fr); u != "https://bulletin.example/2018/11/02/a-l-ecoute-des-usagers/" {
		t.Errorf("page URL %q", u)
	}
	pg := s.Pages()
	if pr := pg.PairAt("https://service.example/2018/11/02/listening-to-users"); pr != fr.Pair {
		t.Error("the English address is not the pair's")
	}
	if lang, other := pg.LangAt("https://service.example/2018/11/02/listening-to-users/", "fr"); lang != "en" || other != s.PageURL(fr) {
		t.Errorf("LangAt: %q %q", lang, other)
	}
	// An alias, and a Jekyll site built per language.
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "_config.yml"), "url: https://blog.example\npermalink: /:year/:month/:day/:title/\n")
	writeFile(t, filepath.Join(root, "_config_fr.yml"), "url: https://blogue.example\n")
	writeFile(t, filepath.Join(root, "_posts", "en", "2020-01-02-hello.md"), "---\ntitle: Hello\ntrans_url: /2020/01/02/bonjour/\n---\nHi.\n")
	writeFile(t, filepath.Join(root, "_posts", "fr", "2020-01-02-bonjour.md"), "---\ntitle: Bonjour\ntrans_url: /2020/01/02/hello/\n---\nSalut.\n")
	js, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if js.LangBase("fr") != "https://blogue.example" || js.LangBase("en") != "https://blog.example" {
		t.Errorf("Jekyll bases %q %q", js.LangBase("en"), js.LangBase("fr"))
	}
	p := s.PostAt("content/en/blog/posts/listening-to-users.md")
	if err := p.Load(); err != nil {
		t.Fatal(err)
	}
	p.Doc.Set("aliases", "/old/listening/")
	if got := s.pagePaths(p); got[len(got)-1] != "/old/listening" {
		t.Errorf("aliases: %v", got)
	}
}
