package terms

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, name string) *Termbase {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tb *Termbase
	if strings.HasSuffix(name, ".csv") {
		tb, err = ReadCSV(f, []string{"en", "fr"})
	} else {
		tb, err = ReadTBX(f)
	}
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// TestTBXRoundTrip: the standard's shapes (TBX-Basic in the DCA style,
// the older martif) are read with their statuses; written and read
// again, the termbase is the same.
func TestTBXRoundTrip(t *testing.T) {
	tb := read(t, "basic.tbx")
	if len(tb.Concepts) != 2 {
		t.Fatalf("%d concepts", len(tb.Concepts))
	}
	c := tb.Concepts[0]
	if c.Preferred("en") != "sign-in page" || c.Preferred("fr") != "page de connexion" || len(c.Terms["fr"]) != 2 || !c.Terms["fr"][1].Forbidden() {
		t.Errorf("concept %+v", c)
	}
	if tb.Concepts[1].Preferred("fr") != "piste cyclable" {
		t.Errorf("no status: the first term is the one to use, got %q", tb.Concepts[1].Preferred("fr"))
	}
	old := read(t, "martif.tbx")
	if len(old.Concepts) != 1 || old.Concepts[0].Preferred("fr") != "données ouvertes" {
		t.Errorf("martif: %+v", old.Concepts)
	}
	var b bytes.Buffer
	if err := tb.WriteTBX(&b, "en"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `xmlns="urn:iso:std:iso:30042:ed-2"`) || !strings.Contains(b.String(), "<conceptEntry") {
		t.Errorf("written:\n%s", b.String())
	}
	again, err := ReadTBX(&b)
	if err != nil {
		t.Fatal(err)
	}
	var w1, w2 bytes.Buffer
	tb.WriteTBX(&w1, "en")
	again.WriteTBX(&w2, "en")
	if w1.String() != w2.String() {
		t.Errorf("read again, written again, differs:\n%s\n---\n%s", w1.String(), w2.String())
	}
	if _, err := ReadTBX(strings.NewReader("not xml <")); err == nil {
		t.Error("a file that is not TBX read without error")
	}
}

func TestCSVGlossary(t *testing.T) {
	tb := read(t, "glossary.csv")
	if len(tb.Concepts) != 2 || tb.Concepts[0].Preferred("fr") != "norme de service" || tb.Concepts[1].Preferred("en") != "plain language" {
		t.Errorf("%+v", tb.Concepts)
	}
	base := read(t, "basic.tbx")
	if n := base.Merge(tb); n != 2 || base.Merge(tb) != 0 {
		t.Errorf("merged %d, then again", n)
	}
}

// TestCheckTerms: a source term whose translation lacks the preferred
// term, or uses a forbidden one, is an issue; an admitted term, a term
// inside another word, a sentence-initial capital are not.
func TestCheckTerms(t *testing.T) {
	tb := read(t, "basic.tbx")
	for _, c := range []struct {
		src, tgt string
		want     string
	}{
		{"Open the sign-in page.", "Ouvrez la page de connexion.", ""},
		{"Open the sign-in page.", "Ouvrez la page d’accueil.", "sign-in page→page de connexion"},
		{"Open the sign-in page.", "Ouvrez la page de login.", "sign-in page→page de connexion forbidden page de login"},
		{"Sign-in page: new.", "Page de connexion : nouvelle.", ""},
		{"The new bike lane.", "La nouvelle bande cyclable.", ""},
		{"Our sign-in pages.", "Nos pages.", ""},
		{"A bike lanes map.", "Une carte.", ""},
	} {
		var got []string
		for _, is := range tb.Check(c.src, c.tgt, "en", "fr") {
			s := is.Source + "→" + is.Preferred
			if is.Forbidden != "" {
				s += " forbidden " + is.Forbidden
			}
			got = append(got, s)
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("%q / %q: %q, want %q", c.src, c.tgt, got, c.want)
		}
	}
}

// TestPropose: a name the source capitalizes in three blocks, translated
// the same way each time, is proposed; one translated two ways, one seen
// twice, one the termbase has, are not.
func TestPropose(t *testing.T) {
	texts := [][2]string{
		{"The Canadian Digital Service met the Open Data team.", "Le Service numérique canadien a rencontré l’équipe des Données ouvertes."},
		{"Ask the Canadian Digital Service about Service Canada.", "Demandez au Service numérique canadien ce qu’il en est de Service Canada."},
		{"The Canadian Digital Service and Open Data Day.", "Le Service numérique canadien et la Journée des données ouvertes."},
		{"Sign in to My Account here.", "Connectez-vous à Mon dossier ici."},
		{"My Account is new.", "Mon compte est nouveau."},
		{"Open My Account today.", "Ouvrez Mon dossier aujourd’hui."},
	}
	got := read(t, "basic.tbx").Propose(texts, "en", "fr")
	var pairs []string
	for _, c := range got {
		pairs = append(pairs, c.Terms["en"][0].Text+"="+c.Terms["fr"][0].Text)
	}
	if strings.Join(pairs, "; ") != "Canadian Digital Service=Service numérique canadien" {
		t.Errorf("proposed %q", pairs)
	}
}

// FuzzTermbase: any file read as TBX or CSV is read without a panic or
// an error of another kind; a termbase read is written and read back the
// same; checking any text against it never panics.
func FuzzTermbase(f *testing.F) {
	for _, name := range []string{"basic.tbx", "martif.tbx", "glossary.csv"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(string(b), "Open the sign-in page and the bike lane.")
	}
	f.Add("en,fr\n\"a,b\",c\n", "a")
	f.Fuzz(func(t *testing.T, file, text string) {
		for _, read := range []func() (*Termbase, error){
			func() (*Termbase, error) { return ReadTBX(strings.NewReader(file)) },
			func() (*Termbase, error) { return ReadCSV(strings.NewReader(file), []string{"en", "fr"}) },
		} {
			tb, err := read()
			if err != nil {
				continue
			}
			var a, b bytes.Buffer
			if err := tb.WriteTBX(&a, "en"); err != nil {
				t.Fatalf("write: %v", err)
			}
			again, err := ReadTBX(bytes.NewReader(a.Bytes()))
			if err != nil {
				t.Fatalf("read back: %v\n%s", err, a.String())
			}
			again.WriteTBX(&b, "en")
			if a.String() != b.String() {
				t.Fatalf("not the same once read back:\n%s\n---\n%s", a.String(), b.String())
			}
			tb.Check(text, text, "en", "fr")
			tb.In(text, "en")
			names(text)
		}
	})
}
