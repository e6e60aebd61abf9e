package check

import (
	"os"
	"strings"
	"testing"
)

// spaceless is text without its spaces, however written: a fix must
// change nothing else.
func spaceless(b []byte) string {
	return strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "&nbsp;", "", "&#8239;", "").Replace(string(b))
}

// TestFixRoundTrip: the fixes of a French post change only spaces, in
// its body and text fields, write &nbsp; as the site does, and a second
// pass finds nothing; the English post is not touched.
func TestFixRoundTrip(t *testing.T) {
	s := copySite(t, "site")
	pr := pairOf(t, s, "council-meeting")
	fr, en := pr.Post("fr"), pr.Post("en")
	before, _ := os.ReadFile(fr.Abs())
	enBefore, _ := os.ReadFile(en.Abs())
	if Changes(s, en) != nil {
		t.Error("English typography checked")
	}
	changes, err := Fix(s, fr)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]bool{}
	for _, c := range changes {
		fields[c.Field] = true
	}
	if !fields["title"] || !fields["description"] || !fields[""] || fields["image-alt"] {
		t.Errorf("fixed fields %v", fields)
	}
	if err := fr.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(fr.Abs())
	if spaceless(before) != spaceless(after) {
		t.Errorf("more than spaces changed:\n%s", after)
	}
	want := []string{
		"title: \"Notes de la séance du conseil\u00a0: ce que nous avons entendu\"", // a field: the character
		"description: \"Trois demandes des résidents, et la suite?\"",
		"à 19&nbsp;h et 40&nbsp;% des",
		"demandé&nbsp;: pouvons-nous voir les plans? Est-ce que cela coûtera plus cher? Nous",
		"10&nbsp;000&nbsp;$ par année, moins que «&nbsp;un café par mois&nbsp;».",
		"`curl https://example.org/api?x=1` renvoie les données; voyez https://example.org/docs.",
	}
	for _, w := range want {
		if !strings.Contains(string(after), w) {
			t.Errorf("no %q in\n%s", w, after)
		}
	}
	if c := Changes(s, fr); len(c) != 0 {
		t.Errorf("a second pass: %v", c)
	}
	if enAfter, _ := os.ReadFile(en.Abs()); string(enAfter) != string(enBefore) {
		t.Error("the English post changed")
	}
}

// TestFixWritesTheSitesNoBreakSpace: on a site whose French posts write
// U+00A0, the fix writes it too.
func TestFixWritesTheSitesNoBreakSpace(t *testing.T) {
	s := copySite(t, "nbsp-char")
	p := pairOf(t, s, "b2").Post("fr")
	if _, err := Fix(s, p); err != nil {
		t.Fatal(err)
	}
	if got := string(p.Doc.Body()); got != "\nUne note\u00a0: voyez-la!\n" {
		t.Errorf("%q", got)
	}
}
