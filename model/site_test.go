package model

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// pairsOf lists the site's pairs as "path | path" lines, and single posts
// as "path | -", sorted.
func pairsOf(s *Site) []string {
	var out []string
	for _, pr := range s.Pairs {
		var parts []string
		for _, l := range s.Languages {
			if p := pr.Post(l); p != nil {
				parts = append(parts, p.Path)
			} else {
				parts = append(parts, "-")
			}
		}
		out = append(out, strings.Join(parts, " | "))
	}
	sort.Strings(out)
	return out
}

func TestOpenJekyll(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "jekyll"))
	if s.Layout != Jekyll || !reflect.DeepEqual(s.Languages, []string{"en", "fr"}) {
		t.Fatalf("layout %s languages %v", s.Layout, s.Languages)
	}
	if len(s.Posts) != 13 {
		t.Errorf("%d posts, want 13", len(s.Posts))
	}
	want := []string{
		"_posts/en/2024-03-05-community-gardens.md | _posts/fr/2024-03-05-jardins-communautaires.md",
		"_posts/en/2024-04-10-open-data-day.md | _posts/fr/2024-04-10-journee-des-donnees-ouvertes.md",
		"_posts/en/2024-05-01-accessibility-checklist.html | _posts/fr/2024-05-01-liste-de-verification-accessibilite.html",
		"_posts/en/2024-06-12-what’s new.md | _posts/fr/2024-06-12-quoi-de-neuf.md",
		"_posts/en/2024-07-02-plain-language.md | _posts/fr/2024-07-02-langage-clair.md",
		"_posts/en/2024-07-20-summer-hours.md | -",
		"_posts/en/2024-08-20-team-update.md | _posts/fr/2024-08-20-nouvelles-de-l-equipe.md",
	}
	if got := pairsOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("pairs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	permalinks := map[string]string{
		"_posts/en/2024-06-12-what’s new.md":             "/2024/06/12/what-s-new/",
		"_posts/en/2024-04-10-open-data-day.md":          "/2024/04/11/open-data-day/", // the front-matter date wins
		"_posts/fr/2024-03-05-jardins-communautaires.md": "/2024/03/05/jardins-communautaires/",
	}
	for path, want := range permalinks {
		if got := mustPost(t, s, path).Permalink; got != want {
			t.Errorf("%s: permalink %s, want %s", path, got, want)
		}
	}
	if s.ImageDir != "img/posts" {
		t.Errorf("image dir %q, want img/posts (from _layouts/post.html)", s.ImageDir)
	}
	if !reflect.DeepEqual(s.LayoutNames, []string{"default", "post"}) {
		t.Errorf("layouts %v", s.LayoutNames)
	}
	// Newest first.
	if got := s.Pairs[0].Title(); got != "Team update" {
		t.Errorf("first pair %q", got)
	}
}

func TestOpenHugo(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "hugo"))
	if s.Layout != Hugo || !reflect.DeepEqual(s.Languages, []string{"en", "fr"}) {
		t.Fatalf("layout %s languages %v", s.Layout, s.Languages)
	}
	for _, p := range s.Posts {
		if strings.HasSuffix(p.Path, "_index.md") {
			t.Errorf("section page %s taken for a post", p.Path)
		}
	}
	want := []string{
		"content/en/blog/posts/digital-summer.md | content/fr/blog/posts/l’été-numérique.md", // key with a trailing space
		"content/en/blog/posts/field-notes/index.md | content/fr/blog/posts/field-notes/index.md",
		"content/en/blog/posts/open-source.md | content/fr/blog/posts/code-source-ouvert.md", // TOML
		"content/en/blog/posts/reading-room.md | content/fr/blog/posts/salle-de-lecture-copie.md",
		"content/en/blog/posts/working-together.md | -",
		"- | content/fr/blog/posts/salle-de-lecture.md",
		"- | content/fr/blog/posts/travailler-ensemble.md",
	}
	sort.Strings(want)
	if got := pairsOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("pairs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := mustPost(t, s, "content/en/blog/posts/reading-room.md").Title(); got != "Opening the reading room: public records you can browse online" {
		t.Errorf("folded title %q", got)
	}
}

func TestOpenHugoFileNames(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "hugo-filenames"))
	want := []string{
		"content/posts/trail-map.md | content/posts/trail-map.fr.md",
		"content/posts/winter-care.en.md | content/posts/winter-care.fr.md",
	}
	if got := pairsOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("pairs %v", got)
	}
}

func TestOpenWithSiteConfig(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "custom"))
	if !reflect.DeepEqual(s.Languages, []string{"fr", "en"}) || s.Pairing != ByPath {
		t.Fatalf("languages %v pairing %s", s.Languages, s.Pairing)
	}
	if got := pairsOf(s); len(got) != 1 || !strings.Contains(got[0], "articles/english/bike-lanes.md") {
		t.Errorf("pairs %v", got)
	}
	if f := s.Schema.Field("summary"); f == nil || f.Kind != KindLongText || !f.Required {
		t.Errorf("summary spec %+v", f)
	}
}

func TestOpenErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Open(empty); err == nil || !strings.Contains(err.Error(), "not a Jekyll or Hugo site") {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := Open(filepath.Join(empty, "missing")); err == nil {
		t.Error("a missing folder opened")
	}
	bad := t.TempDir()
	writeFile(t, filepath.Join(bad, ConfigFile), "layout: [jekyll\n")
	if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), ConfigFile) {
		t.Errorf("bad config: %v", err)
	}
	writeFile(t, filepath.Join(bad, ConfigFile), "layout: gatsby\n")
	if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), "gatsby") {
		t.Errorf("unknown layout: %v", err)
	}
}

func TestSchemaJekyll(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "jekyll"))
	cases := map[string]struct {
		kind  FieldKind
		scope Scope
	}{
		"title": {KindText, PerLanguage}, "description": {KindLongText, PerLanguage},
		"date": {KindDate, Shared}, "image": {KindImage, Shared}, "image-alt": {KindText, PerLanguage},
		"layout": {KindChoice, Shared}, "trans_url": {KindURL, Computed}, "lang": {KindText, Computed},
		"summary": {KindLongText, PerLanguage}, "author": {KindText, PerLanguage},
	}
	for k, c := range cases {
		f := s.Schema.Field(k)
		if f == nil || f.Kind != c.kind || f.Scope != c.scope {
			t.Errorf("%s: %+v, want %s %s", k, f, c.kind, c.scope)
		}
	}
	if f := s.Schema.Field("layout"); !reflect.DeepEqual(f.Choices, []string{"default", "post"}) {
		t.Errorf("layout choices %v", f.Choices)
	}
	if s.Schema.Fields[0].Key != "title" {
		t.Errorf("first field %s", s.Schema.Fields[0].Key)
	}
}

func TestSchemaInfersUnknownFields(t *testing.T) {
	root := t.TempDir()
	for _, day := range []string{"01", "02", "03", "04", "05"} {
		post := "---\ntitle: T\ndate: 2024-01-" + day + "\nrelease: 2024-02-01\nsource: https://x.example/" + day + "\nteam: Same\nmood: MOOD\ntrans_url: /2024/01/" + day + "/OTHER.html\n---\nText\n"
		en := strings.NewReplacer("MOOD", "happy", "OTHER", "q").Replace(post)
		fr := strings.NewReplacer("MOOD", "heureux", "OTHER", "p").Replace(post)
		writeFile(t, filepath.Join(root, "_posts", "en", "2024-01-"+day+"-p.md"), en)
		writeFile(t, filepath.Join(root, "_posts", "fr", "2024-01-"+day+"-q.md"), fr)
	}
	s := openSite(t, root)
	if len(s.Pairs) != 5 {
		t.Fatalf("%d pairs (default permalink style)", len(s.Pairs))
	}
	if f := s.Schema.Field("team"); f.Scope != Shared {
		t.Errorf("team %+v: the same in both posts of every pair", f)
	}
	if f := s.Schema.Field("mood"); f.Scope != PerLanguage {
		t.Errorf("mood %+v", f)
	}
	if f := s.Schema.Field("release"); f.Kind != KindDate {
		t.Errorf("release %+v", f)
	}
	if f := s.Schema.Field("source"); f.Kind != KindURL {
		t.Errorf("source %+v", f)
	}
	if f := s.Schema.Field("mood"); f.Kind != KindText || !f.Required {
		t.Errorf("mood %+v", f)
	}
}

// TestOddFileNames: names real Hugo posts have (accents, ’, «, a no-break
// space, a leading - or ‘, capitals, a space before .md, : and ?) open,
// pair, save unchanged, and only the ones Windows cannot hold are flagged.
func TestOddFileNames(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "config.toml"), "defaultContentLanguage = \"en\"\n")
	names := map[string]bool{ // name -> flagged as not portable
		"l’été.md": false, "«citation».md": false, "no\u00a0break.md": false, "-dash.md": false,
		"‘quote.md": false, "Capital.md": false, "space .md": false, "why?.md": true, "time: now.md": true,
	}
	i := 0
	for name := range names {
		key := fmt.Sprintf("key-%d", i)
		i++
		writeFile(t, filepath.Join(root, "content", "fr", name), "---\ntitle: \"Titre\"\ntranslationKey: "+key+"\n---\nTexte\n")
		writeFile(t, filepath.Join(root, "content", "en", key+".md"), "---\ntitle: \"Title\"\ntranslationKey: "+key+"\n---\nText\n")
	}
	s := openSite(t, root)
	if len(s.Posts) != 2*len(names) {
		t.Fatalf("%d posts", len(s.Posts))
	}
	for _, p := range s.Posts {
		if p.Counterpart() == nil {
			t.Errorf("%s is not paired", p.Path)
		}
	}
	flagged := map[string]bool{}
	for _, f := range s.Lint() {
		if f.Rule == RuleNameNotPortable {
			flagged[strings.TrimPrefix(f.Path, "content/fr/")] = true
		} else {
			t.Errorf("unexpected: %s", f)
		}
	}
	for name, want := range names {
		if flagged[name] != want {
			t.Errorf("%q flagged %v, want %v", name, flagged[name], want)
		}
	}
	roundTripAll(t, s)
}

func TestRawHTML(t *testing.T) {
	for dir, want := range map[string]bool{"jekyll": true, "hugo": true, "hugo-filenames": false} {
		s, err := Open(filepath.Join("..", "testdata", dir))
		if err != nil {
			t.Fatal(err)
		}
		if s.Renderer.Unsafe != want {
			t.Errorf("%s: raw HTML published = %v, want %v", dir, s.Renderer.Unsafe, want)
		}
	}
}

// TestPermalinkCategories: a Jekyll post's :categories are its
// categories (a list, or words) and its category, lower-cased, however
// the site is opened (a folded post's are read as one field).
func TestPermalinkCategories(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "_config.yml"), "permalink: /:categories/:title/\n")
	writeFile(t, filepath.Join(root, "_posts", "en", "2024-01-02-gardens.md"), "---\ntitle: Gardens\nlang: en\ncategories: [News, Team]\n---\nText.\n")
	writeFile(t, filepath.Join(root, "_posts", "fr", "2024-01-02-jardins.md"), "---\ntitle: Jardins\nlang: fr\ncategory: Nouvelles\n---\nTexte.\n")
	writeFile(t, filepath.Join(root, "_posts", "en", "2024-02-03-events.md"), "---\ntitle: Events\nlang: en\ncategories: events annual\n---\nText.\n")
	writeFile(t, filepath.Join(root, "_posts", "en", "2024-03-04-plain.md"), "---\ntitle: Plain\nlang: en\n---\nText.\n")
	want := map[string]string{
		"_posts/en/2024-01-02-gardens.md": "/news/team/gardens/",
		"_posts/fr/2024-01-02-jardins.md": "/nouvelles/jardins/",
		"_posts/en/2024-02-03-events.md":  "/events/annual/events/",
		"_posts/en/2024-03-04-plain.md":   "/plain/",
	}
	for name, r := range map[string]Reading{"whole": {Whole: true}, "front matter": {}, "folded": {Fold: true}} {
		s, err := OpenWith(root, r)
		if err != nil {
			t.Fatal(err)
		}
		for path, w := range want {
			if got := mustPost(t, s, path).Permalink; got != w {
				t.Errorf("%s, %s: permalink %s, want %s", name, path, got, w)
			}
		}
	}
}
