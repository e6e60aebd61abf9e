package model

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// findingSet lists findings as "rule path:line" strings, sorted.
func findingSet(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s:%d", f.Rule, f.Path, f.Line))
	}
	sort.Strings(out)
	return out
}

func TestLintFixtures(t *testing.T) {
	cases := map[string][]string{
		"jekyll": {
			"duplicate-key _posts/en/2024-04-10-open-data-day.md:6",
			"missing-counterpart _posts/en/2024-07-20-summer-hours.md:0",
		},
		"hugo": {
			"shared-field-mismatch content/fr/blog/posts/salle-de-lecture-copie.md:4",
			"translation-key-dangling content/en/blog/posts/working-together.md:5",
			"translation-key-dangling content/fr/blog/posts/travailler-ensemble.md:5",
			"translation-key-duplicate content/fr/blog/posts/salle-de-lecture.md:13",
		},
		"hugo-filenames": nil,
		"custom":         {"required-field-missing articles/francais/bike-lanes.md:3"},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			s := openSite(t, filepath.Join("..", "testdata", name))
			got := findingSet(s.Lint())
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestLintTypoSuggestion(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "hugo"))
	for _, f := range s.LintPost(mustPost(t, s, "content/fr/blog/posts/travailler-ensemble.md")) {
		if f.Rule == RuleKeyDangling && !strings.Contains(f.Message, `"working-together": a typo?`) {
			t.Errorf("no suggestion: %s", f.Message)
		}
	}
}

// TestLintRules builds a site with one problem a post and checks that each
// rule fires where it should, with the line it should.
func TestLintRules(t *testing.T) {
	root := t.TempDir()
	post := func(lang, name, fm, body string) {
		writeFile(t, filepath.Join(root, "_posts", lang, name), "---\n"+fm+"---\n"+body)
	}
	writeFile(t, filepath.Join(root, "_config.yml"), "permalink: pretty\n")
	writeFile(t, filepath.Join(root, "img", "here.png"), "png")
	writeFile(t, filepath.Join(root, "_layouts", "post.html"), `<img src="/img/{{ page.image }}">`)
	// A correct pair, for reference: no findings.
	post("en", "2024-01-01-good.md", "title: Good\ndate: 2024-01-01\nlayout: post\nimage: here.png\nimage-alt: A dot\ntrans_url: /2024/01/01/bon/\n", "Text\n")
	post("fr", "2024-01-01-bon.md", "title: Bon\ndate: 2024-01-01\nlayout: post\nimage: here.png\nimage-alt: Un point\ntrans_url: /2024/01/01/good/\n", "Texte\n")
	post("en", "2024-01-02-broken.md", "title: Broken\ndescription: \"never closed\ndate: 2024-01-02\n", "Text\n")
	post("fr", "2024-01-03-wrong-lang.md", "title: X\nlang: en\ndate: 2024-01-03\n", "Texte\n")
	post("en", "2024-01-04-bad-date.md", "title: X\ndate: 2024-13-45\n", "Text\n")
	post("en", "2024-01-05-no-image.md", "title: X\ndate: 2024-01-05\nimage: missing.png\n", "Text\n")
	post("en", "2024-01-06-empty.md", "title: X\ndate: 2024-01-06\n", "\n\u00a0\n")
	post("en", "2024-01-07-no-title.md", "date: 2024-01-07\n", "Text\n")
	post("en", "2024-01-08-nowhere.md", "title: X\ndate: 2024-01-08\ntrans_url: /2099/01/01/nothing\n", "Text\n")
	post("en", "2024-01-09-one-way.md", "title: X\ndate: 2024-01-09\ntrans_url: /2024/01/09/aller\n", "Text\n")
	post("fr", "2024-01-09-aller.md", "title: X\ndate: 2024-01-09\ntrans_url: /2024/01/01/good\n", "Text\n")
	post("en", "2024-01-10-why?.md", "title: X\ndate: 2024-01-10\n", "Text\n")
	post("en", "2024-01-11-faq.md", "title: X\ndate: 2024-01-11\n", "Text\n")
	post("en", "2024-01-11-faq .md", "title: X\ndate: 2024-01-11\n", "Text\n")
	s := openSite(t, root)
	got := strings.Join(findingSet(s.Lint()), "\n")
	want := []string{
		"front-matter-unparseable _posts/en/2024-01-02-broken.md:3",
		"lang-mismatch _posts/fr/2024-01-03-wrong-lang.md:3",
		"invalid-date _posts/en/2024-01-04-bad-date.md:3",
		"image-not-found _posts/en/2024-01-05-no-image.md:4",
		"required-field-missing _posts/en/2024-01-05-no-image.md:4", // image-alt
		"empty-body _posts/en/2024-01-06-empty.md:5",
		"required-field-missing _posts/en/2024-01-07-no-title.md:1",
		"trans-url-unresolved _posts/en/2024-01-08-nowhere.md:4",
		"trans-url-not-reciprocal _posts/en/2024-01-09-one-way.md:4",
		"filename-not-portable _posts/en/2024-01-10-why?.md:0",
		"filename-near-duplicate _posts/en/2024-01-11-faq .md:0",
		"filename-near-duplicate _posts/en/2024-01-11-faq.md:0",
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q", w)
		}
	}
	for _, f := range s.Lint() {
		if strings.Contains(f.Path, "good") || strings.Contains(f.Path, "bon.md") {
			if f.Rule != RuleTransURLOneWay || !strings.Contains(f.Path, "good") {
				t.Errorf("the correct pair has a finding: %s", f)
			}
		}
	}
	if !HasErrors(s.Lint()) {
		t.Error("no errors")
	}
}

func TestLintWindowsNames(t *testing.T) {
	for name, bad := range map[string]bool{
		"_posts/en/2024-01-01-a:b.md": true, "content/fr/l’été.md": false, "content/fr/x\u00a0y.md": false,
		"content/fr/trailing./x.md": true, "content/en/con.md": true, "content/en/console.md": false,
		"content/en/«guillemets».md": false, "content/en/q\".md": true, "content/en/name .md": false,
	} {
		if why, _ := unportable(name); (why != "") != bad {
			got := why != ""
			t.Errorf("%q: unportable=%v, want %v", name, got, bad)
		}
	}
}

// TestOpenFrontMatterLintsAsOpen: a site opened for checking only gives
// the same findings as one opened whole, for every fixture site and the
// shared sample; its posts keep no body and cannot be saved.
func TestOpenFrontMatterLintsAsOpen(t *testing.T) {
	sites := []string{"jekyll", "hugo", "hugo-filenames", "hugo-localized", "custom"}
	dirs := []string{}
	for _, s := range sites {
		dirs = append(dirs, filepath.Join("..", "testdata", s))
	}
	if d := filepath.Join("..", "..", "shared", "samples", "jekyll-site"); isDir(d) {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		whole := openSite(t, dir)
		light, err := OpenFrontMatter(dir)
		if err != nil {
			t.Fatal(err)
		}
		a, b := whole.Lint(), light.Lint()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: findings differ:\nOpen:            %v\nOpenFrontMatter: %v", dir, a, b)
		}
		for _, p := range light.Posts {
			if p.Doc == nil {
				continue
			}
			if len(p.Doc.Body()) != 0 || p.Dirty() {
				t.Errorf("%s: %s keeps %d bytes of body, dirty %v", dir, p.Path, len(p.Doc.Body()), p.Dirty())
			}
			if err := p.Save(); !errors.Is(err, ErrPartial) {
				t.Errorf("%s: Save of a partial post: %v", dir, err)
			}
			if q := whole.PostAt(p.Path); q.Title() != p.Title() || q.Doc.BodyLine() != p.Doc.BodyLine() {
				t.Errorf("%s: %s reads differently", dir, p.Path)
			}
		}
	}
}

// TestAltFieldCopiedFromTheSource: a translation whose front matter's
// image alt text is its source's, word for word, is said on that field;
// a translated one, or a one-word label, is not.
func TestAltFieldCopiedFromTheSource(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "_config.yml"), "permalink: /:year/:month/:day/:title/\n")
	writeFile(t, filepath.Join(root, "_posts", "en", "2024-01-02-gardens.md"), "---\ntitle: Gardens\nlang: en\nimage: g.jpg\nimage-alt: Raised beds with young lettuce\ntrans_url: /2024/01/02/jardins\n---\nText.\n")
	fr := filepath.Join(root, "_posts", "fr", "2024-01-02-jardins.md")
	writeFile(t, fr, "---\ntitle: Jardins\nlang: fr\nimage: g.jpg\nimage-alt: Raised beds with young lettuce\ntrans_url: /2024/01/02/gardens\n---\nTexte.\n")
	count := func() int {
		s, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range s.Lint() {
			if f.Rule == RuleAltFieldUntranslated && f.Path == "_posts/fr/2024-01-02-jardins.md" && f.Field == "image-alt" && f.Line == 5 {
				n++
			}
		}
		return n
	}
	if count() != 1 {
		t.Error("the copied alt text is not said")
	}
	writeFile(t, fr, "---\ntitle: Jardins\nlang: fr\nimage: g.jpg\nimage-alt: Des potagers surélevés avec de jeunes laitues\ntrans_url: /2024/01/02/gardens\n---\nTexte.\n")
	if count() != 0 {
		t.Error("a translated alt text is said")
	}
}
