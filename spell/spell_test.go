package spell

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func dictFor(t testing.TB, lang string) *Dictionary {
	t.Helper()
	d, err := ForLanguage(lang)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBuiltIn: the embedded dictionaries read, and know their languages'
// words, elisions, hyphenated words, capitals and numbers.
func TestBuiltIn(t *testing.T) {
	en, fr := dictFor(t, "en-CA"), dictFor(t, "fr_CA")
	for _, c := range []struct {
		d    *Dictionary
		word string
		ok   bool
	}{
		{en, "colour", true}, {en, "neighbourhood", true}, {en, "Ottawa", true}, {en, "OTTAWA", true},
		{en, "ottawa", false}, {en, "sentense", false}, {en, "21st", true}, {en, "112th", true}, {en, "2nd", true},
		{en, "well-known", true}, {en, "it’s", true}, {en, "1,000.5", true},
		{fr, "l’équipe", true}, {fr, "jusqu’à", true}, {fr, "aujourd’hui", true}, {fr, "L'ÉQUIPE", true},
		{fr, "événement", true}, {fr, "évènement", true}, {fr, "chariot", true}, {fr, "charriot", true},
		{fr, "porte-monnaie", true}, {fr, "phrse", false}, {fr, "Montréal", true}, {fr, "montréal", false},
	} {
		if got := c.d.Correct(c.word); got != c.ok {
			t.Errorf("%q: %v, want %v", c.word, got, c.ok)
		}
	}
	if _, err := ForLanguage("de"); err == nil {
		t.Error("a dictionary for German")
	}
}

// TestCheckProse: only prose is checked: not code, URLs, link targets,
// HTML attributes, Liquid or shortcodes; lines and columns are the
// text's.
func TestCheckProse(t *testing.T) {
	en := dictFor(t, "en")
	text := "A fine line with a mispeled word.\n\n`xqzt` and https://exmple.org/qwrt and [a link](/zxcv/) and <img alt=\"nmbv\">\n\n{{< figre src=\"x\" >}} {% inclde x %}\n\n    indentd code\n\nLast wrod.\n"
	var got []string
	for _, m := range en.Check(text, true, Known{Words: map[string]bool{"known": true}}) {
		got = append(got, m.Word+"@"+itoa(m.Line)+":"+itoa(m.Col))
	}
	if want := "mispeled@1:20 wrod@9:6"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if ms := en.Check("A known word.", false, Known{Words: map[string]bool{"known": true}}); len(ms) != 0 {
		t.Errorf("the site's word: %v", ms)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestSuggest(t *testing.T) {
	en, fr := dictFor(t, "en"), dictFor(t, "fr")
	for _, c := range []struct {
		d          *Dictionary
		word, want string
	}{
		{en, "sentense", "sentence"}, {en, "recieve", "receive"}, {en, "teh", "the"},
		{fr, "phrse", "phrase"}, {fr, "evenement", "événement"}, {fr, "batiment", "bâtiment"},
	} {
		sg := c.d.Suggest(c.word, 8)
		found := false
		for _, s := range sg {
			found = found || s == c.want
		}
		if !found {
			t.Errorf("%q: %v, no %q", c.word, sg, c.want)
		}
	}
}

// TestAgainstHunspellOnTexts: the words of this repository's own English
// and French fixture posts, as hunspell reads them.
func TestAgainstHunspellOnTexts(t *testing.T) {
	for _, c := range []struct{ dict, lang, glob string }{
		{"en_CA", "en", "../check/testdata/*/content/en/blog/posts/*.md"},
		{"fr", "fr", "../check/testdata/*/content/fr/blog/posts/*.md"},
	} {
		files, _ := filepath.Glob(c.glob)
		d := dictFor(t, c.lang)
		seen := map[string]bool{}
		var words []string
		for _, f := range files {
			b, _ := os.ReadFile(f)
			d.Words(string(b), func(w string, _, _ int) {
				if !seen[w] {
					seen[w] = true
					words = append(words, w)
				}
			})
		}
		agree, dis := differential(t, c.dict, words)
		if len(dis) > 0 || agree < 100 {
			t.Errorf("%s: %d agree, disagree on %v", c.dict, agree, dis)
		}
	}
}

// BenchmarkCheckPost100KB checks the prose of a 100 KB French post (the
// dictionary loaded), and reports the heap both dictionaries take.
func BenchmarkCheckPost100KB(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	en, fr := dictFor(b, "en"), dictFor(b, "fr")
	runtime.GC()
	runtime.ReadMemStats(&after)
	para := "Le conseil a étudié le rapport budgétaire avec les résidents, qui ont posé des questions sur l’état des parcs et des rues. Voyez [le rapport](https://exemple.ca/rapport) et le `code`.\n\n"
	text := strings.Repeat(para, (100<<10)/len(para)+1)
	for b.Loop() {
		fr.Check(text, true, Known{})
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-both-dictionaries")
	_ = en
}

// TestMemoIsCheck: the memo's misspellings are Check's, after edits.
func TestMemoIsCheck(t *testing.T) {
	en := dictFor(t, "en")
	var m Memo
	for _, text := range []string{
		"A mispeled word.\n\nAnother fine line.\n",
		"A mispeled word.\n\n```\nAnother fien line.\n",
		"A mispeled word.\n\n```\nAnother fien line.\n```\nLast wrod.\n",
		"A misspelled word.\n\nAnother fine line.\n",
	} {
		want, got := en.Check(text, true, Known{}), m.Check(en, text, Known{})
		if len(want) != len(got) {
			t.Fatalf("%q: %v, want %v", text, got, want)
		}
		for i := range want {
			if want[i].Word != got[i].Word || want[i].Line != got[i].Line || want[i].Col != got[i].Col || want[i].Start != got[i].Start {
				t.Errorf("%q: %v, want %v", text, got[i], want[i])
			}
		}
	}
}

// TestInclusiveFrench: forms written for both genders are words when
// their parts are (utilisateur·rice·s, employé(e)s, étudiant.e.s,
// tou·te·s); a misspelled base is still one; a sentence's end is not a
// form.
func TestInclusiveFrench(t *testing.T) {
	fr := dictFor(t, "fr")
	good := "Les utilisateur·rice·s et les employé(e)s, tou·te·s les étudiant.e.s sont invité·e·s.\n"
	if ms := fr.Check(good, false, Known{}); len(ms) != 0 {
		t.Errorf("inclusive forms underlined: %v", ms)
	}
	bad := "Les utilisatuer·rice·s aussi.\n"
	if ms := fr.Check(bad, false, Known{}); len(ms) == 0 || ms[0].Word != "utilisatuer" {
		t.Errorf("a misspelled base in an inclusive form: %v", ms)
	}
}

// TestWordsInCapitals: acronyms and names in capitals (with digits, a
// possessive, an elided article) pass by default, as word processors leave
// them; a misspelling beside them is still found; asked for, they are
// checked, and the site's own words still pass.
func TestWordsInCapitals(t *testing.T) {
	for _, w := range []string{"ISC", "ISC’s", "ISC's", "GC2025", "l’ISC", "SAC", "COVID-19"} {
		if !Capitals(w) {
			t.Errorf("%q is not read as a word in capitals", w)
		}
	}
	for _, w := range []string{"I", "Isc", "iSC", "A1", "2025", "l’Isc", "CDSs"} {
		if Capitals(w) {
			t.Errorf("%q read as a word in capitals", w)
		}
	}
	en, fr := dictFor(t, "en"), dictFor(t, "fr")
	text := "The ISC team and ISC’s partners met in GC2025. Ths is wrong."
	if ms := en.Check(text, false, Known{}); len(ms) != 1 || ms[0].Word != "Ths" {
		t.Errorf("by default: %v", ms)
	}
	if ms := fr.Check("Le rapport de l’ISC et de la GRC.", false, Known{}); len(ms) != 0 {
		t.Errorf("French, by default: %v", ms)
	}
	ms := en.Check(text, false, Known{Capitals: true})
	words := map[string]bool{}
	for _, m := range ms {
		words[m.Word] = true
	}
	if !words["ISC"] || !words["Ths"] {
		t.Errorf("checked: %v", ms)
	}
	if ms := en.Check("The ISC team.", false, Known{Words: map[string]bool{"ISC": true}, Capitals: true}); len(ms) != 0 {
		t.Errorf("the site's word: %v", ms)
	}
}
