package model

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSlugify(t *testing.T) {
	cases := map[string]string{
		"Leçons de notre première année":  "lecons-de-notre-premiere-annee",
		"Wanted: CEO for CDS?":            "wanted-ceo-for-cds",
		"L’été « numérique » !":           "l-ete-numerique",
		"Œuvres & cœurs":                  "oeuvres-coeurs",
		"  ../../etc/passwd  ":            "etc-passwd",
		`a<b>c:d"e/f\g|h?i*j`:             "a-b-c-d-e-f-g-h-i-j",
		"Ending with dots...":             "ending-with-dots",
		"日本語":                             "",
		"Straße\u00a0— 2024":              "strasse-2024",
		strings.Repeat("long words ", 20): "long-words-long-words-long-words-long-words-long-words-long-words-long-words",
	}
	for in, want := range cases {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

var newInput = NewPairInput{
	Titles: map[string]string{"en": "Lessons from our first year", "fr": "Leçons de notre première année : bilan"},
	Date:   time.Date(2025, 2, 3, 9, 0, 0, 0, time.FixedZone("", -5*3600)),
	Author: "Jo Martin",
}

func TestNewPairJekyll(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	pr, err := s.NewPair(newInput)
	if err != nil {
		t.Fatal(err)
	}
	en, fr := pr.Post("en"), pr.Post("fr")
	if en.Path != "_posts/en/2025-02-03-lessons-from-our-first-year.md" || fr.Path != "_posts/fr/2025-02-03-lecons-de-notre-premiere-annee-bilan.md" {
		t.Fatalf("paths %s %s", en.Path, fr.Path)
	}
	text := readFile(t, fr.Abs())
	for _, want := range []string{
		"---\ntitle: \"Leçons de notre première année : bilan\"\n",
		"date: 2025-02-03 09:00:00 -0500\n",
		"author: Jo Martin\n",
		"lang: fr\n",
		"layout: post\n",
		// Most of the site's trans_url values have no trailing slash.
		"trans_url: \"/2025/02/03/lessons-from-our-first-year\"\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	// Reopened, the site pairs them and lint finds nothing wrong with the
	// links.
	s2 := openSite(t, s.Root)
	if q := s2.PostAt(en.Path).Counterpart(); q == nil || q.Path != fr.Path {
		t.Fatal("the new posts do not pair")
	}
	for _, f := range s2.Lint() {
		if strings.Contains(f.Path, "2025-02-03") && f.Rule != RuleEmptyBody {
			t.Errorf("new post: %s", f)
		}
	}
	// The same titles again: new names, nothing overwritten.
	before := readFile(t, en.Abs())
	pr2, err := s2.NewPair(newInput)
	if err != nil {
		t.Fatal(err)
	}
	if got := path.Base(pr2.Post("en").Path); got != "2025-02-03-lessons-from-our-first-year-2.md" {
		t.Errorf("second name %s", got)
	}
	if readFile(t, en.Abs()) != before {
		t.Error("the first post was overwritten")
	}
}

func TestNewPairHugo(t *testing.T) {
	s := openSite(t, copySite(t, "hugo"))
	pr, err := s.NewPair(newInput)
	if err != nil {
		t.Fatal(err)
	}
	en, fr := pr.Post("en"), pr.Post("fr")
	if en.Path != "content/en/blog/posts/lessons-from-our-first-year.md" || fr.Path != "content/fr/blog/posts/lecons-de-notre-premiere-annee-bilan.md" {
		t.Fatalf("paths %s %s", en.Path, fr.Path)
	}
	for _, p := range []*Post{en, fr} {
		text := readFile(t, p.Abs())
		if !strings.Contains(text, "translationKey: lessons-from-our-first-year\n") {
			t.Errorf("%s: no shared key:\n%s", p.Path, text)
		}
		// The shape most of the site's dates have: RFC 3339 with a zone.
		if !strings.Contains(text, "date: 2025-02-03T09:00:00-05:00\n") {
			t.Errorf("%s: date not in the site's shape:\n%s", p.Path, text)
		}
	}
	if q := openSite(t, s.Root).PostAt(en.Path).Counterpart(); q == nil || q.Path != fr.Path {
		t.Error("the new posts do not pair")
	}
}

func TestNewPairHugoFileNames(t *testing.T) {
	s := openSite(t, copySite(t, "hugo-filenames"))
	pr, err := s.NewPair(newInput)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Post("en").Path != "content/posts/lessons-from-our-first-year.en.md" || pr.Post("fr").Path != "content/posts/lessons-from-our-first-year.fr.md" {
		t.Errorf("paths %s %s", pr.Post("en").Path, pr.Post("fr").Path)
	}
	if len(openSite(t, s.Root).PostAt(pr.Post("fr").Path).Pair.Posts) != 2 {
		t.Error("not paired by file name")
	}
}

func TestNewPairRefusesMissingTitle(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	in := newInput
	in.Titles = map[string]string{"en": "Only English"}
	if _, err := s.NewPair(in); err == nil {
		t.Error("created without a French title")
	}
	n, _ := filepath.Glob(filepath.Join(s.Root, "_posts", "*", "*only*"))
	if len(n) != 0 {
		t.Errorf("files written: %v", n)
	}
}

func TestDates(t *testing.T) {
	for _, s := range []string{"2017-07-18 09:00:00 -0400", "2022-08-18T12:00:00.000Z", "2020-05-01 12:00:00 -0400", "2020-05-01T12:00:00", "2024-03-05", "2023-01-15T09:00:00-05:00"} {
		tm, layout, ok := ParseDate(s)
		if !ok || layout == "" || tm.Format(layout) != s {
			t.Errorf("%q: ok=%v layout=%q", s, ok, layout)
		}
	}
	if _, _, ok := ParseDate("2024-13-45"); ok {
		t.Error("2024-13-45 read as a date")
	}
	reshape := map[[2]string]string{
		{"2017-07-18 09:00:00 -0400", "2017-08-01"}:                "2017-08-01 09:00:00 -0400",
		{"2022-08-18T12:00:00.000Z", "2022-09-01"}:                 "2022-09-01T12:00:00.000Z",
		{"2020-05-01T12:00:00", "2020-06-02 08:30:00 -0400"}:       "2020-06-02T08:30:00",
		{"2024-03-05", "2024-03-06 10:00:00 -0500"}:                "2024-03-06",
		{"not a date", "2024-01-01"}:                               "2024-01-01",
		{"2017-07-18 09:00:00 -0400", "2017-07-19 10:00:00 -0400"}: "2017-07-19 10:00:00 -0400",
	}
	for in, want := range reshape {
		if got := ReshapeDate(in[0], in[1]); got != want {
			t.Errorf("ReshapeDate(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestAddTranslation(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	en := mustPost(t, s, "_posts/en/2024-07-20-summer-hours.md")
	fr, err := s.AddTranslation(en.Pair, "fr", "Horaire d’été")
	if err != nil {
		t.Fatal(err)
	}
	if fr.Path != "_posts/fr/2024-07-20-horaire-d-ete.md" || !fr.Untranslated {
		t.Fatalf("path %s untranslated %v", fr.Path, fr.Untranslated)
	}
	want := "---\ntitle: \"Horaire d’été\"\ndescription: \"\"\nauthor:\ndate: 2024-07-20 09:00:00 -0400\nlang: fr\nlayout: post\ntrans_url: \"/2024/07/20/summer-hours\"\n---\n\n"
	if got := readFile(t, fr.Abs()); got != want {
		t.Errorf("new post:\n%s\nwant:\n%s", got, want)
	}
	if en.Counterpart() != fr || !en.Dirty() || en.Doc.Get("trans_url") != "/2024/07/20/horaire-d-ete" {
		t.Fatalf("English post: counterpart %v dirty %v trans_url %q", en.Counterpart(), en.Dirty(), en.Doc.Get("trans_url"))
	}
	if err := en.Save(); err != nil {
		t.Fatal(err)
	}
	for _, f := range openSite(t, s.Root).Lint() {
		if strings.Contains(f.Path, "summer") || strings.Contains(f.Path, "horaire") {
			if f.Rule != RuleEmptyBody {
				t.Errorf("after adding the translation: %s", f)
			}
		}
	}
	if _, err := s.AddTranslation(en.Pair, "fr", "Encore"); err == nil {
		t.Error("a second French post was added")
	}
}

func TestAddTranslationHugoKeepsKey(t *testing.T) {
	s := openSite(t, copySite(t, "hugo"))
	en := mustPost(t, s, "content/en/blog/posts/working-together.md")
	fr, err := s.AddTranslation(en.Pair, "fr", "Travailler ensemble")
	if err != nil {
		t.Fatal(err)
	}
	if fr.Doc.Get("translationKey") != "working-together" || openSite(t, s.Root).PostAt(fr.Path).Counterpart() == nil {
		t.Errorf("%s not paired:\n%s", fr.Path, fr.Doc.Bytes())
	}
}

func TestImages(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	if got := strings.Join(s.Images(), ","); got != "garden.jpg,open-data.png" {
		t.Errorf("images %q", got)
	}
	name, err := s.AddImage("Photo d’équipe 2024.PNG", strings.NewReader("png bytes"))
	if err != nil || name != "photo-d-equipe-2024.png" {
		t.Fatalf("AddImage: %q %v", name, err)
	}
	again, _ := s.AddImage("photo d’équipe 2024.png", strings.NewReader("other bytes"))
	if again != "photo-d-equipe-2024-2.png" {
		t.Errorf("a second image with that name: %q", again)
	}
	if _, err := s.AddImage("notes.txt", strings.NewReader("x")); err == nil {
		t.Error("a text file accepted as an image")
	}
}
