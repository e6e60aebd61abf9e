package model

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
)

const localizedPosts = "content/%s/blog/posts/%s.md"

func localizedPath(lang, key string) string {
	return strings.Replace(strings.Replace(localizedPosts, "%s", lang, 1), "%s", key, 1)
}

// TestScopesFromTheSitesPairs: in testdata/hugo-localized, five of the 24
// pairs have a French image of their own (two name their language), four a
// French thumb; dates are minutes or hours apart on thirteen pairs and a
// day apart on two.
func TestScopesFromTheSitesPairs(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "hugo-localized"))
	if len(s.Pairs) != 24 {
		t.Fatalf("%d pairs", len(s.Pairs))
	}
	cases := map[string]struct {
		scope Scope
		from  ScopeSource
	}{
		"image":       {PerLanguage, FromPairs},
		"thumb":       {PerLanguage, FromPairs},
		"date":        {Shared, FromPairs},
		"layout":      {Shared, FromPairs},
		"title":       {PerLanguage, FromKnown},
		"author":      {PerLanguage, FromKnown},
		"description": {PerLanguage, FromKnown},
	}
	for k, c := range cases {
		f := s.Schema.Field(k)
		if f == nil || f.Scope != c.scope || f.Why.From != c.from {
			t.Errorf("%s: %+v, want %s from %s", k, f, c.scope, c.from)
		}
	}
	if w := s.Schema.Field("image").Why; w.Named == "" || !strings.Contains(w.String(), "names its language") {
		t.Errorf("image: %+v %q", w, w)
	}
	if w := s.Schema.Field("thumb").Why; w.Named != "" || w.Differ != 4 || w.Pairs != 24 || w.String() != "the posts differ in 4 of the 24 pairs that both have it" {
		t.Errorf("thumb: %+v %q", w, w)
	}
	if w := s.Schema.Field("date").Why; w.Differ != 2 || w.Pairs != 24 {
		t.Errorf("date: %+v (two pairs are a day apart)", w)
	}
}

func TestScopeDecision(t *testing.T) {
	en := &Post{Lang: "en", Path: "en/a.md"}
	fr := &Post{Lang: "fr", Path: "fr/a.md"}
	stat := func(pairs [][2]string) *scopeStat {
		st := &scopeStat{}
		for _, p := range pairs {
			st.add(en, fr, p[0], p[1])
		}
		return st
	}
	same := [2]string{"a.png", "a.png"}
	other := [2]string{"a.png", "b.png"}
	many := func(n int, p [2]string) [][2]string {
		var out [][2]string
		for range n {
			out = append(out, p)
		}
		return out
	}
	cases := []struct {
		name  string
		pairs [][2]string
		def   Scope
		known bool
		want  Scope
	}{
		{"all agree", many(10, same), Shared, true, Shared},
		{"one mistake in ten is not a habit", append(many(9, same), other), Shared, true, Shared},
		{"two in twenty is 10%", append(many(18, same), many(2, other)...), Shared, true, PerLanguage},
		{"two in thirty is not", append(many(28, same), many(2, other)...), Shared, true, Shared},
		{"a value naming the language decides alone", append(many(30, same), [2]string{"x.png", "x-fr.png"}), Shared, true, PerLanguage},
		{"empty values say nothing", append(many(5, same), many(5, [2]string{"a.png", ""})...), Shared, true, Shared},
		{"no pair: the usual scope", nil, Shared, true, Shared},
		{"no pair, unknown field", nil, PerLanguage, false, PerLanguage},
		{"unknown field, one differs in five", append(many(4, same), other), PerLanguage, false, PerLanguage},
		{"unknown field, all agree", many(5, same), PerLanguage, false, Shared},
		{"translated text stays", many(5, same), PerLanguage, true, PerLanguage},
		{"computed stays", many(5, other), Computed, true, Computed},
		{"dates minutes apart agree", many(10, [2]string{"2021-01-02T13:00:00Z", "2021-01-02T13:40:00Z"}), Shared, true, Shared},
		{"dates days apart do not", many(10, [2]string{"2021-01-02T13:00:00Z", "2021-01-03T13:00:00Z"}), Shared, true, PerLanguage},
	}
	for _, c := range cases {
		if got, _ := stat(c.pairs).decide(c.def, c.known); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestNamesLanguage(t *testing.T) {
	for v, want := range map[string]bool{
		"https://x.example/img/banner-fr.jpg": true, "/fr/images/a.png": true, "image_french.jpg": true,
		"fr_launch.png": true, "freedom.png": false, "affranchir.jpg": false, "banniere.jpg": false,
	} {
		if got := namesLanguage(v, "fr"); got != want {
			t.Errorf("%q: %v", v, got)
		}
	}
	if !namesLanguage("launch-EN.png", "en") || namesLanguage("lens.png", "en") {
		t.Error("English")
	}
}

func TestSameValue(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"2021-01-02T13:00:00.000Z", "2021-01-02T13:05:00.000Z", true},
		{"2021-01-02 09:00:00 -0500", "2021-01-02T18:00:00Z", true},
		{"2021-01-02", "2021-01-02 10:00:00 -0400", true},
		{"2021-01-02T13:00:00Z", "2021-01-03T13:00:00Z", false},
		{" a ", "a", true},
		{"a", "A", false},
	} {
		if got := SameValue(c.a, c.b); got != c.want {
			t.Errorf("SameValue(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// setAndSave sets key in the post at path and saves what changed; it
// returns the changed posts' paths.
func setAndSave(t *testing.T, s *Site, path, key, value string, follow Follow) []string {
	t.Helper()
	p := mustPost(t, s, path)
	changed, err := p.Pair.SetFieldFollow(p.Lang, key, value, follow)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, q := range changed {
		if err := q.Save(); err != nil {
			t.Fatal(err)
		}
		out = append(out, q.Path)
	}
	return out
}

func TestSetLocalizedFieldsKeepTheOtherPost(t *testing.T) {
	root := copySite(t, "hugo-localized")
	s := openSite(t, root)
	abs := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	before := map[string]string{}
	for _, p := range s.Posts {
		before[p.Path] = readFile(t, p.Abs())
	}
	unchanged := func(paths ...string) {
		t.Helper()
		for _, p := range paths {
			if got := readFile(t, abs(p)); got != before[p] {
				t.Errorf("%s changed:\n%s", p, got)
			}
		}
	}
	// Per-language image and thumb: set in one post only, in either
	// language, even where the two posts had the same value.
	enBike, frBike := localizedPath("en", "bike-lanes"), localizedPath("fr", "bike-lanes")
	if got := setAndSave(t, s, enBike, "image", "https://blog.example/images/new.jpg", FollowAgreeing); !reflect.DeepEqual(got, []string{enBike}) {
		t.Errorf("image set in %v", got)
	}
	unchanged(frBike)
	enSnow, frSnow := localizedPath("en", "snow-routes"), localizedPath("fr", "snow-routes")
	if got := setAndSave(t, s, frSnow, "thumb", "https://blog.example/images/vignette-neige.jpg", FollowAgreeing); !reflect.DeepEqual(got, []string{frSnow}) {
		t.Errorf("thumb set in %v", got)
	}
	unchanged(enSnow)
	want := strings.Replace(before[frSnow], "thumb: https://blog.example/images/snow-routes-thumb.jpg\n", "thumb: https://blog.example/images/vignette-neige.jpg\n", 1)
	if got := readFile(t, abs(frSnow)); got != want {
		t.Errorf("only the thumb line should change:\n%s", got)
	}

	// A shared date moved to another day: the other post moves to that day
	// at its own time (minutes apart here).
	enLib, frLib := localizedPath("en", "library-cards"), localizedPath("fr", "library-cards")
	setAndSave(t, s, enLib, "date", "2021-01-09", FollowAgreeing)
	if got := readFile(t, abs(enLib)); !strings.Contains(got, "\ndate: 2021-01-09T13:00:00.000Z\n") {
		t.Errorf("en date:\n%s", got)
	}
	want = strings.Replace(before[frLib], "date: 2021-01-02T13:06:00.000Z", "date: 2021-01-09T13:06:00.000Z", 1)
	if got := readFile(t, abs(frLib)); got != want {
		t.Errorf("fr date should move to the 9th at its own time:\n%s", got)
	}
	// Set from the French side, a date with a zone and quotes.
	enCloud, frCloud := localizedPath("en", "cloud-move"), localizedPath("fr", "cloud-move")
	setAndSave(t, s, frCloud, "date", "2021-07-20", FollowAgreeing)
	if got := readFile(t, abs(frCloud)); !strings.Contains(got, "date: '2021-07-20 09:40:00 -0500'\n") {
		t.Errorf("fr date:\n%s", got)
	}
	if got := readFile(t, abs(enCloud)); got != strings.Replace(before[enCloud], "'2021-07-14 09:00:00 -0500'", "'2021-07-20 09:00:00 -0500'", 1) {
		t.Errorf("en date:\n%s", got)
	}
	// Only the time changes: the day, which is what is shared, stays.
	enTax, frTax := localizedPath("en", "tax-forms"), localizedPath("fr", "tax-forms")
	setAndSave(t, s, enTax, "date", "2021-02-04T15:00:00.000Z", FollowAgreeing)
	unchanged(frTax)

	// A day apart already: the French post has its own date and keeps it,
	// unless asked (FollowAll: the window's "change it too", set --both).
	enBudget, frBudget := localizedPath("en", "open-budget"), localizedPath("fr", "open-budget")
	p := mustPost(t, s, enBudget)
	if own := p.Pair.OwnValues("en", "date"); len(own) != 1 || own[0].Path != frBudget {
		t.Errorf("own values %v", own)
	}
	if own := p.Pair.OwnValues("en", "image"); own != nil {
		t.Errorf("a per-language field has no own values to protect: %v", own)
	}
	setAndSave(t, s, enBudget, "date", "2021-04-10", FollowAgreeing)
	unchanged(frBudget)
	setAndSave(t, s, enBudget, "date", "2021-04-10", FollowAll)
	if got := readFile(t, abs(frBudget)); got != strings.Replace(before[frBudget], "2021-04-08T13:00:00.000Z", "2021-04-10T13:00:00.000Z", 1) {
		t.Errorf("fr date with FollowAll:\n%s", got)
	}
	// A layout (shared, agreeing) still follows.
	enPark, frPark := localizedPath("en", "park-permits"), localizedPath("fr", "park-permits")
	if got := setAndSave(t, s, enPark, "layout", "feature", FollowAgreeing); len(got) != 2 {
		t.Errorf("layout set in %v", got)
	}
	if got := readFile(t, abs(frPark)); got != strings.Replace(before[frPark], "layout: post\n", "layout: feature\n", 1) {
		t.Errorf("fr layout:\n%s", got)
	}
}

// TestForcedSharedImageKeepsOwnValues: a site that forces image to be
// shared still never overwrites the French post's own image silently.
func TestForcedSharedImageKeepsOwnValues(t *testing.T) {
	root := copySite(t, "hugo-localized")
	writeFile(t, filepath.Join(root, ConfigFile), "fields:\n  image: {scope: shared}\n")
	s := openSite(t, root)
	if f := s.Schema.Field("image"); f.Scope != Shared || f.Why.From != FromConfig || f.Why.String() != "set in .tandem.yml" {
		t.Fatalf("image %+v", f)
	}
	frBike := localizedPath("fr", "bike-lanes")
	fr := readFile(t, filepath.Join(root, frBike))
	setAndSave(t, s, localizedPath("en", "bike-lanes"), "image", "https://blog.example/images/new.jpg", FollowAgreeing)
	if readFile(t, filepath.Join(root, frBike)) != fr {
		t.Error("the French post's own image was overwritten")
	}
	// Where both had the same image, both change.
	if got := setAndSave(t, s, localizedPath("en", "snow-routes"), "image", "https://blog.example/images/new.jpg", FollowAgreeing); len(got) != 2 {
		t.Errorf("changed %v", got)
	}
}

func TestSharedMismatchOnlyWhereDaysDiffer(t *testing.T) {
	s := openSite(t, filepath.Join("..", "testdata", "hugo-localized"))
	var got []string
	for _, f := range s.Lint() {
		if f.Rule == RuleSharedMismatch {
			got = append(got, f.Path+":"+f.Field)
			if !strings.Contains(f.Message, "change this post's date to") {
				t.Errorf("the message should say what to change: %s", f.Message)
			}
		}
	}
	sort.Strings(got)
	want := []string{localizedPath("fr", "digital-ids") + ":date", localizedPath("fr", "open-budget") + ":date"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shared-field-mismatch on %v, want %v", got, want)
	}
}

// TestTranslationStartsWithTheSourceImage: a localized image is per
// language, but a new translation starts with the source's, for the
// translator to replace; translated text starts empty.
func TestTranslationStartsWithTheSourceImage(t *testing.T) {
	root := copySite(t, "hugo-localized")
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(localizedPath("fr", "snow-routes")))); err != nil {
		t.Fatal(err)
	}
	s := openSite(t, root)
	en := mustPost(t, s, localizedPath("en", "snow-routes"))
	fr, err := s.AddTranslation(en.Pair, "fr", "Les trajets de déneigement")
	if err != nil {
		t.Fatal(err)
	}
	if s.Schema.Field("image").Scope != PerLanguage {
		t.Fatal("image should be per-language here")
	}
	if got := fr.Doc.Get("image"); got != en.Doc.Get("image") {
		t.Errorf("image %q", got)
	}
	if got := fr.Doc.Get("image-alt"); got != "" {
		t.Errorf("image-alt %q: translated text starts empty", got)
	}
}

// namesLanguageWhole is namesLanguage as it was written first, on a
// lowercase copy of the value split into words: FuzzNamesLanguage's
// oracle.
func namesLanguageWhole(v, lang string) bool {
	words := languageWords[strings.ToLower(lang)]
	if len(words) == 0 {
		words = []string{strings.ToLower(lang)}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// FuzzNamesLanguage: namesLanguage, read in place, answers as the oracle
// does, for the site's languages and another.
func FuzzNamesLanguage(f *testing.F) {
	for _, v := range []string{"banner-FR.png", "FRANÇAIS", "Français!", "İ-fr", "\xffen\xff", "Ⅻ en", "english_", "deutsch.de", "DE"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, lang := range []string{"en", "fr", "de", "FR"} {
			if got, want := namesLanguage(v, lang), namesLanguageWhole(v, lang); got != want {
				t.Fatalf("namesLanguage(%q, %s) = %v, want %v", v, lang, got, want)
			}
		}
	})
}
