package check

import (
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"tandem/check/terms"
	"tandem/l10n"
	"tandem/model"
)

// copySite copies a fixture site to a temporary folder and opens it.
func copySite(t testing.TB, name string) *model.Site {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	s, err := model.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func pairOf(t testing.TB, s *model.Site, key string) *model.Pair {
	t.Helper()
	for _, pr := range s.Pairs {
		for _, p := range pr.Posts {
			if strings.Contains(p.Path, key) {
				return pr
			}
		}
	}
	t.Fatalf("no pair %s", key)
	return nil
}

func brief(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d<%d %s", f.Line, f.SourceLine, f.Rule))
	}
	return out
}

// TestCleanPairIsQuiet: a faithful translation that writes its numbers,
// links and images the French way, splits and merges paragraphs, is
// silent.
func TestCleanPairIsQuiet(t *testing.T) {
	s := copySite(t, "site")
	if fs := Pair(s, pairOf(t, s, "budget-tool")); len(fs) != 0 {
		for _, f := range fs {
			t.Error(f)
		}
	}
}

// TestFaultyPair: each fault of the French is found once, on its line,
// naming the English line.
func TestFaultyPair(t *testing.T) {
	s := copySite(t, "site")
	got := brief(Pair(s, pairOf(t, s, "open-data")))
	want := []string{
		"7<7 translation-number",      // 45 for 40
		"9<9 translation-structure",   // ### for ##
		"11<11 translation-same",      // left in English
		"11<13 translation-structure", // a paragraph left out
		"14<17 translation-structure", // a list item left out
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSilence: a silenced finding stays silent until its blocks change,
// and the silence is a line in the site's file.
func TestSilence(t *testing.T) {
	s := copySite(t, "site")
	pr := pairOf(t, s, "open-data")
	var number model.Finding
	for _, f := range Pair(s, pr) {
		if f.Rule == RuleNumber && number.Block == "" {
			number = f
		}
	}
	if number.Block == "" {
		t.Fatal("no number finding")
	}
	if err := Silence(s, number); err != nil {
		t.Fatal(err)
	}
	if err := Silence(s, number); err != nil { // twice is once
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(s.Root, SilenceFile))
	if strings.Count(string(b), number.Block) != 1 || !strings.HasPrefix(string(b), "#") {
		t.Errorf("silence file:\n%s", b)
	}
	for _, f := range Pair(s, pr) {
		if f.Block == number.Block {
			t.Errorf("still found: %v", f)
		}
	}
	fr := pr.Post("fr")
	fr.Doc.SetBodyText(strings.Replace(fr.Doc.BodyText(), "45 jeux", "46 jeux", 1))
	found := false
	for _, f := range Pair(s, pr) {
		found = found || f.Rule == RuleNumber && f.Line == number.Line
	}
	if !found {
		t.Error("the silence outlived the block's change")
	}
}

func TestLinksAgree(t *testing.T) {
	s := copySite(t, "site")
	ls := newLinkSet(NewContext(s), "en", "fr")
	same := [][2]string{
		{"/en/blog/posts/open-data/", "/fr/blog/posts/donnees-ouvertes/"},
		{"https://www.canada.ca/en/services/jobs.html", "https://www.canada.ca/fr/services/emplois.html"},
		{"https://digital.example/about", "https://numerique.example/a-propos"},
		{"https://example.org/page-eng.html", "https://example.org/page-fra.html"},
		{"https://example.org/a?lang=eng", "https://example.org/a?lang=fra"},
		{"/en/team/", "/fr/equipe/"},
	}
	for _, c := range same {
		if a, b, _ := ls.unmatched([]string{c[0]}, []string{c[1]}); len(a)+len(b) > 0 {
			t.Errorf("%s ↔ %s differ", c[0], c[1])
		}
	}
	differ := [][2]string{
		{"https://github.com/team", "https://twitter.com/team"},
		{"https://example.org/a", "/fr/a"},
	}
	for _, c := range differ {
		if a, b, _ := ls.unmatched([]string{c[0]}, []string{c[1]}); len(a)+len(b) == 0 {
			t.Errorf("%s ↔ %s agree", c[0], c[1])
		}
	}
	// The French keeping the English page is said.
	if _, _, kept := ls.unmatched([]string{"https://www.canada.ca/en/x.html"}, []string{"https://www.canada.ca/en/x.html"}); len(kept) != 1 {
		t.Errorf("a copied /en/ link: %v", kept)
	}
}

func TestLocalizedImage(t *testing.T) {
	for _, c := range [][2]string{{"banner-en.png", "banner-fr.png"}, {"/img/banner.png", "/img/fr_banner.png"}, {"a/en/x.jpg", "a/fr/x.jpg"}} {
		if !l10n.LocalizedImage(c[0], c[1]) {
			t.Errorf("%s ↔ %s", c[0], c[1])
		}
	}
	if l10n.LocalizedImage("banner.png", "photo.png") {
		t.Error("two images are one")
	}
}

// TestSample: on the professionally translated sample, the translation
// checks stay well under one finding per pair.
func TestSample(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "samples", "jekyll-site")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no sample site")
	}
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range lintSite(s, nil) {
		if strings.HasPrefix(f.Rule, "translation-") {
			n++
			t.Log(f)
		}
	}
	if pairs := len(s.Pairs); n*2 > pairs {
		t.Errorf("%d translation findings on %d pairs", n, pairs)
	}
}

// TestPairRecords: publishing a pair takes the branch's silences but its
// own, then the site's lines about the pair.
func TestPairRecords(t *testing.T) {
	s := copySite(t, "site")
	pr := pairOf(t, s, "open-data")
	other := pairOf(t, s, "budget-tool")
	line := func(path, key string) string { return path + "\ttranslation-number\t" + key + "\tmessage" }
	mine, theirs := line(pr.Post("fr").Path, "aaaa"), line(other.Post("fr").Path, "bbbb")
	os.WriteFile(filepath.Join(s.Root, SilenceFile), []byte(silenceHeader+mine+"\n"+theirs+"\n"), 0o644)
	recs := PairRecords(s, pr)
	merge := recs[SilenceFile]
	if merge == nil {
		t.Fatal("no records")
	}
	base := silenceHeader + line(pr.Post("fr").Path, "old") + "\n" + line(other.Post("fr").Path, "cccc") + "\n"
	got := string(merge([]byte(base)))
	want := silenceHeader + line(other.Post("fr").Path, "cccc") + "\n" + mine + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if PairRecords(s, pairOf(t, s, "council-meeting")) != nil {
		t.Error("records for a pair without silences")
	}
}

func TestLanguageMarkers(t *testing.T) {
	for _, c := range []struct{ url, lang, swapped string }{
		{"https://www.canada.ca/en/services/benefits.html", "en", "https://www.canada.ca/fr/services/benefits.html"},
		{"https://en.wikipedia.org/wiki/Minimum_viable_product", "en", "https://fr.wikipedia.org/wiki/Minimum_viable_product"},
		{"https://pre.example/pdf/eng/tcps2-2014/TCPS_2_FINAL_Web.pdf", "en", "https://pre.example/pdf/fra/tcps2-2014/TCPS_2_FINAL_Web.pdf"},
		{"https://www.tbs.example/pol/doc-eng.aspx?id=32603", "en", "https://www.tbs.example/pol/doc-fra.aspx?id=32603"},
		{"https://service.example/page?lang=eng", "en", "https://service.example/page?lang=fra"},
		{"https://service.example/plain/page/", "", ""},
		{"https://www.canada.ca/fr/services.html", "fr", ""},
	} {
		if got := l10n.Marker(c.url); got != c.lang {
			t.Errorf("l10n.Marker(%s) = %q, want %q", c.url, got, c.lang)
		}
		if c.lang == "en" {
			if got := l10n.SwapMarker(c.url, "en", "fr"); got != c.swapped {
				t.Errorf("l10n.SwapMarker(%s) = %q, want %q", c.url, got, c.swapped)
			}
		}
	}
	for _, c := range []struct{ src, want string }{
		{"/img/banner_en.png", "/img/banner_fr.png"},
		{"/img/en/banner.png", "/img/fr/banner.png"},
		{"https://cdn.example/en_eric_graph.jpg", "https://cdn.example/fr_eric_graph.jpg"},
		{"https://cdn.example/blog_mindsets_1_en_ad5a462fae.jpg", ""}, // the French upload's hash is its own
		{"/img/banner.png", ""},
	} {
		if got := l10n.SwapImageMarker(c.src, "en", "fr"); got != c.want {
			t.Errorf("l10n.SwapImageMarker(%s) = %q, want %q", c.src, got, c.want)
		}
	}
	if !l10n.LocalizedImage("https://cdn.example/blog_mindsets_1_en_ad5a462fae.jpg", "https://cdn.example/blog_mindsets_1_fr_df46769b48.jpg") {
		t.Error("a localized upload with its hash is not seen as one image")
	}
	if l10n.LocalizedImage("https://cdn.example/blog_mindsets_1_en_ad5a462fae.jpg", "https://cdn.example/blog_mindsets_2_fr_df46769b48.jpg") {
		t.Error("two pictures seen as one")
	}
}

// TestFranceRulesLearned: a site whose French puts a space before ; ! and
// ? follows France's rules: those spaces are not findings there.
func TestFranceRulesLearned(t *testing.T) {
	if sp, ti := frenchRules("Vraiment ? Oui ! Et puis ; enfin&nbsp;? Non!"); sp != 4 || ti != 1 {
		t.Errorf("spaced %d, tight %d", sp, ti)
	}
	s := copySite(t, "site")
	for _, p := range s.Posts {
		if strings.HasPrefix(p.Lang, "fr") {
			p.Doc.SetBodyText(string(p.Doc.Body()) + strings.Repeat("\nVraiment ? Oui ! Et puis ; enfin ?\n", 3))
		}
	}
	Survey(s)
	if SiteRules(s) != "france" {
		t.Fatalf("rules %q", SiteRules(s))
	}
	for _, f := range lintSite(s, nil) {
		if f.Rule == RuleTypography && strings.Contains(f.Message, "no space goes before") {
			t.Errorf("France's rules on a France site: %v", f)
		}
	}
}

// TestMonthsAreNotAskedFor: a month written out matches the other side's
// date but is never a missing number.
func TestMonthsAreNotAskedFor(t *testing.T) {
	if m := l10n.Missing(l10n.Numbers("lancé en novembre 2017", "fr"), l10n.Numbers("launched in the fall of 2017", "en")); len(m) != 0 {
		t.Errorf("a month asked for: %v", m)
	}
	if m := l10n.Missing(l10n.Numbers("November 20, 2017", "en"), l10n.Numbers("le 20 novembre 2017", "fr")); len(m) != 0 {
		t.Errorf("a date written out: %v", m)
	}
	if m := l10n.Missing(l10n.Numbers("November 21, 2017", "en"), l10n.Numbers("le 20 novembre 2017", "fr")); len(m) != 1 || m[0] != "21" {
		t.Errorf("another day: %v", m)
	}
}

// spaceBeforeRE is what frenchRules counts, as the regular expression it
// once was: the hand-written scanner must agree with it.
var spaceBeforeRE = regexp.MustCompile(`(\p{L}|\p{N}|»|\)|[ \x{00a0}\x{202f}]|&nbsp;|&#8239;|&#160;)[;!?](?:\s|$|»|")`)

func frenchRulesRE(text string) (spaced, tight int) {
	for _, m := range spaceBeforeRE.FindAllStringSubmatch(text, -1) {
		switch m[1] {
		case " ", "\u00a0", "\u202f", "&nbsp;", "&#8239;", "&#160;":
			spaced++
		default:
			tight++
		}
	}
	return spaced, tight
}

// FuzzFrenchRules: the scanner counts what the regular expression
// counts, on any text.
func FuzzFrenchRules(f *testing.F) {
	for _, s := range []string{"Vraiment ? Oui ! Et puis ; enfin&nbsp;? Non!", "a! ! b", "&nbsp; x", "«\u00a0oui\u00a0»\u00a0! (non) ; 3 ?»", "é?\"x!\t", "a!!", "x;&#160;!\n", "\xff! "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, b := frenchRules(s)
		c, d := frenchRulesRE(s)
		if a != c || b != d {
			t.Fatalf("%q: scanner %d %d, regexp %d %d", s, a, b, c, d)
		}
	})
}

// urlHost is what the survey's address scanner (eachURL) finds, as a
// regular expression: its oracle.
var urlHost = regexp.MustCompile(`https?://([A-Za-z0-9.-]+)[^\s"'<>()\]]*`)

// FuzzEachURL: the survey's address scanner finds what urlHost finds.
func FuzzEachURL(f *testing.F) {
	for _, s := range []string{"see https://a.example/x?y=1 and http://b-c.d/(e)", "xhttps://q.r]s", "https:// nohost", "http://é.x http://ok.ca/\"q", "httphttps://a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got []string
		eachURL([]byte(s), func(u, h []byte) { got = append(got, string(u)+" "+string(h)) })
		var want []string
		for _, m := range urlHost.FindAllStringSubmatch(s, -1) {
			want = append(want, m[0]+" "+m[1])
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: scanner %q, regexp %q", s, got, want)
		}
	})
}

// FuzzConcatLess: concatLess orders as the strings joined do.
func FuzzConcatLess(f *testing.F) {
	f.Add("digital.example", "numerique.example", "digital.example/a", "b")
	f.Add("", "ab", "a", "b")
	f.Add("a", "", "", "a")
	f.Add("ab", "c", "a", "bd")
	f.Fuzz(func(t *testing.T, a0, a1, b0, b1 string) {
		if got, want := concatLess(a0, a1, b0, b1), a0+a1 < b0+b1; got != want {
			t.Fatalf("concatLess(%q, %q, %q, %q) = %v, want %v", a0, a1, b0, b1, got, want)
		}
	})
}

// TestUnreadableTermsAreSaid: a termbase that cannot be read is a
// finding on its file, with the line the XML breaks on, in lint's report;
// a good one, or none, is no finding.
func TestUnreadableTermsAreSaid(t *testing.T) {
	s := copySite(t, "site")
	name := filepath.Join(s.Root, terms.TermFile)
	of := func() []model.Finding {
		var out []model.Finding
		for _, f := range lintSite(s, nil) {
			if f.Rule == RuleTermsUnreadable {
				out = append(out, f)
			}
		}
		return out
	}
	if got := of(); len(got) != 0 {
		t.Fatalf("no termbase: %v", got)
	}
	broken := "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\">\n<text><body>\n<conceptEntry id=\"c1\">\n</body></text></tbx>\n"
	if err := os.WriteFile(name, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	got := of()
	if len(got) != 1 || got[0].Path != terms.TermFile || got[0].Line != 5 || got[0].Severity != model.Warning {
		t.Fatalf("a broken termbase: %+v", got)
	}
	good, err := os.ReadFile(filepath.Join("terms", "testdata", "basic.tbx"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(name, good, 0o644)
	if got := of(); len(got) != 0 {
		t.Errorf("a good termbase: %v", got)
	}
}

// FuzzSiteRecords: the silence and draft-mark files are read whatever
// they hold, lines of any length included; a record written after
// whatever they hold is read as written.
func FuzzSiteRecords(f *testing.F) {
	f.Add("# comment\ncontent/fr/a.md\ttranslation-number\tk1\n", "content/fr/b.md", "k2", "memory")
	f.Add("a\tb\r\nc\td\te\tf\n"+strings.Repeat("x", 70000)+"\n", "p", "k", "engine")
	f.Fuzz(func(t *testing.T, before, path, key, from string) {
		if strings.ContainsAny(path+key+from, "\t\r\n") || strings.HasPrefix(path, "#") {
			return
		}
		file := []byte(before + "\n" + path + "\t" + key + "\t" + from + "\n")
		if got := parseDrafts(file).From(path, key); got != from {
			t.Fatalf("%q: draft mark from %q, written %q", file, got, from)
		}
		if !parseSilences(file).Has(path, key, from) {
			t.Fatalf("%q: silence not read", file)
		}
	})
}

// TestTermsIsOneReadingToChange: the site's termbase comes from the
// checks' one reading of its file, as a copy: changing it (as the terms
// dialog and tandem terms --import do before saving) changes neither the
// reading the checks use nor the next copy.
func TestTermsIsOneReadingToChange(t *testing.T) {
	s := copySite(t, "site")
	tb := &terms.Termbase{Concepts: []terms.Concept{{ID: "c1", Terms: map[string][]terms.Term{"en": {{Text: "sprint"}}, "fr": {{Text: "sprint"}}}}}}
	if err := tb.Save(s.Root, "en"); err != nil {
		t.Fatal(err)
	}
	a, err := Terms(s)
	if err != nil || len(a.Concepts) != 1 {
		t.Fatalf("%v %v", a, err)
	}
	a.Concepts[0].Terms["fr"][0].Text = "changed"
	a.Concepts = append(a.Concepts, terms.Concept{ID: "c2"})
	b, _ := Terms(s)
	if len(b.Concepts) != 1 || b.Concepts[0].Terms["fr"][0].Text != "sprint" || termsAt(stateOf(s), s.Root).Concepts[0].Terms["fr"][0].Text != "sprint" {
		t.Errorf("a change to one copy reached the reading: %+v", b)
	}
	os.Remove(filepath.Join(s.Root, terms.TermFile))
	if c, err := Terms(s); err != nil || c == nil || len(c.Concepts) != 0 {
		t.Errorf("no file: %v %v", c, err)
	}
}

// TestSurveyLearnsWhatTwoPairsAgreeOn: the survey learns a link pair and
// a host pair that two pairs of posts agree on (the same number of
// addresses, in the same order), and not one that a single pair has.
func TestSurveyLearnsWhatTwoPairsAgreeOn(t *testing.T) {
	s := copySite(t, "site")
	if len(s.Pairs) < 3 {
		t.Fatalf("%d pairs", len(s.Pairs))
	}
	long := "https://digital.example/en/" + strings.Repeat("x", 3*textChunk/2)
	links := map[string][2]string{
		"en": {"https://digital.example/en/report", "https://once.example/en/page"},
		"fr": {"https://numerique.example/fr/rapport", "https://once.example/fr/page"},
	}
	for i, pr := range s.Pairs[:3] {
		for _, lang := range []string{"en", "fr"} {
			p := pr.Post(lang)
			extra := "\n\nSee [the report](" + links[lang][0] + ").\n"
			switch i {
			case 1: // the second pair agrees, and has an address once
				extra += "\nAnd [a page](" + links[lang][1] + ").\n"
			case 2: // the third has one address more on one side: not read
				if lang == "fr" {
					extra += "\n[Long](" + long + ")\n"
				}
			}
			p.Doc.SetBodyText(p.Doc.BodyText() + extra)
		}
	}
	Survey(s)
	want := HostPair{Langs: [2]string{"en", "fr"}, Hosts: [2]string{links["en"][0], links["fr"][0]}}
	if got := SiteLinkPairs(s); len(got) != 1 || got[0] != want {
		t.Errorf("link pairs %q, want %q", got, want)
	}
	hosts := HostPair{Langs: [2]string{"en", "fr"}, Hosts: [2]string{"digital.example", "numerique.example"}}
	if got := SiteHostPairs(s); len(got) != 1 || got[0] != hosts {
		t.Errorf("host pairs %q, want %q", got, hosts)
	}
}

// TestTextStore: each text comes back as it went in, short or longer
// than a chunk, across many chunks.
func TestTextStore(t *testing.T) {
	var ts textStore
	if ts.get(0) != "" {
		t.Error("text 0 is not empty")
	}
	texts := map[int32]string{}
	for i := range 5000 {
		s := fmt.Sprintf("https://example.org/%d/%s", i, strings.Repeat("é", i%97))
		switch i {
		case 100:
			s = strings.Repeat("a", textChunk) // a chunk of its own
		case 101:
			s = strings.Repeat("b", textChunk-3) // exactly a chunk, with its length
		case 102:
			s = ""
		}
		n := ts.add([]byte(s))
		if n == 0 {
			t.Fatalf("text %d not kept", i)
		}
		if _, dup := texts[n]; dup {
			t.Fatalf("number %d given twice", n)
		}
		texts[n] = s
	}
	if len(ts.chunks) < 10 {
		t.Errorf("%d chunks: the test does not cross them", len(ts.chunks))
	}
	for n, s := range texts {
		if got := ts.get(n); got != s {
			t.Fatalf("text %d: %d bytes, want %d", n, len(got), len(s))
		}
	}
}

// FuzzSurveyAddresses: the survey numbers the addresses of three posts'
// bodies (English, French, English) as a map of their texts would, in
// order of first sight, and keeps the text of each address seen twice in
// one language, as it was, and no other.
func FuzzSurveyAddresses(f *testing.F) {
	f.Add("See https://a.example/x and https://a.example/x.", "https://b.example/y https://a.example/x")
	f.Add("[r](https://digital.example/en/report) http://x.org", "(https://numerique.example/fr/rapport) http://x.org")
	f.Add(strings.Repeat("https://h.example/ ", 3), "")
	f.Fuzz(func(t *testing.T, a, b string) {
		sv := NewSurveyor()
		ref := map[string]int32{}
		seen := map[[2]string]int{}
		var want []int32
		for i, body := range []string{a, b, b} {
			lang := []string{"en", "fr", "en"}[i]
			sv.Post(&model.Post{Path: fmt.Sprint(i), Lang: lang}, []byte(body))
			eachURL([]byte(body), func(u, _ []byte) {
				n, ok := ref[string(u)]
				if !ok {
					n = int32(len(ref))
					ref[string(u)] = n
				}
				seen[[2]string{string(u), lang}]++
				want = append(want, n)
			})
		}
		if !slices.Equal(sv.urls, want) {
			t.Fatalf("numbers %v, want %v", sv.urls, want)
		}
		for u, n := range ref {
			if got, _, ok := sv.addrs.find(maphash.String(sv.seed, u)); !ok || got != n {
				t.Fatalf("%q found as %d (%v), want %d", u, got, ok, n)
			}
			text := sv.texts.get(sv.addrs.addrs[n].text)
			twice := seen[[2]string{u, "en"}] >= 2 || seen[[2]string{u, "fr"}] >= 2
			if twice && text != u || !twice && text != "" {
				t.Fatalf("%q seen %d times in English, %d in French, kept as %q", u, seen[[2]string{u, "en"}], seen[[2]string{u, "fr"}], text)
			}
		}
	})
}

// TestAddressBookGrows: numbers are found again after the table doubles,
// with hashes that all lead to the same place (their low 32 bits).
func TestAddressBookGrows(t *testing.T) {
	var ab addressBook
	const n = 5000
	hash := func(i int) uint64 { return uint64(i+1)<<32 | 5 }
	for i := range n {
		if _, _, ok := ab.find(hash(i)); ok {
			t.Fatalf("hash %d found before it was added", i)
		}
		_, at, _ := ab.find(hash(i))
		if got := ab.add(address{hash: hash(i)}, at); got != int32(i) {
			t.Fatalf("hash %d numbered %d", i, got)
		}
	}
	if len(ab.table) < n*4/3 {
		t.Errorf("a table of %d for %d addresses", len(ab.table), n)
	}
	for i := range n {
		if got, _, ok := ab.find(hash(i)); !ok || got != int32(i) {
			t.Fatalf("hash %d found as %d (%v)", i, got, ok)
		}
	}
	if _, _, ok := ab.find(hash(n)); ok {
		t.Error("a hash never added is found")
	}
}
