package memory

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/model"
)

func open(t testing.TB) (*model.Site, *Memory) {
	t.Helper()
	s, err := model.OpenFrontMatter(filepath.Join("..", "check", "testdata", "memory"))
	if err != nil {
		t.Fatal(err)
	}
	return s, Build(s)
}

func TestUnits(t *testing.T) {
	_, m := open(t)
	var blocks, sents int
	for _, u := range m.Units() {
		if u.Sentence {
			sents++
		} else {
			blocks++
		}
		if u.Path == "" || u.Line == 0 || !strings.Contains(u.Path, "/fr/") {
			t.Errorf("unit %+v", u)
		}
	}
	// 4 + 4 + 3 blocks; four paragraphs of two sentences a side.
	if blocks != 11 || sents != 8 {
		t.Errorf("%d blocks, %d sentences", blocks, sents)
	}
}

func TestSuggest(t *testing.T) {
	_, m := open(t)
	best := func(text, md, exclude string) Suggestion {
		t.Helper()
		ss := m.Suggest(text, md, exclude, 5)
		if len(ss) == 0 {
			t.Fatalf("no suggestion for %q", text)
		}
		return ss[0]
	}
	// Exact: a heading two posts share (the other's, not this one's).
	if s := best("What we learned", "## What we learned", "content/fr/blog/posts/premier-sprint.md"); s.Score != 100 || s.Target != "## Ce que nous avons appris" || !strings.HasPrefix(s.From, "content/fr/blog/posts/nouveau-formulaire.md:") {
		t.Errorf("exact: %+v", s)
	}
	// Fuzzy: a word added.
	if s := best("Questions? Write to us at our shared inbox.", "", ""); s.Score < 70 || s.Score >= 100 || !strings.Contains(s.Target, "Écrivez-nous") {
		t.Errorf("a word added: %+v", s)
	}
	// A word dropped.
	if s := best("We tested the form with residents.", "", ""); s.Score < 70 || s.Score >= 100 || !strings.Contains(s.Target, "résidents") {
		t.Errorf("a word dropped: %+v", s)
	}
	// A number changed: carried into the translation, written its way.
	s := best("We tested the form with 1,200 residents.", "We tested the form with 1,200 residents.", "")
	if !s.Adapted || s.Target != "Nous avons mis le formulaire à l’essai avec 1\u00a0200 résidents." {
		t.Errorf("a number changed: %+v", s)
	}
	// A word and a number changed (a fuzzy match): the new number.
	s = best("We tested the new form with 45 residents.", "We tested the new form with 45 residents.", "")
	if s.Score >= 100 || !s.Adapted || !strings.Contains(s.Target, "avec 45 résidents") {
		t.Errorf("a word and a number changed: %+v", s)
	}
	s = best("We will test the form with 75 residents next week.", "", "")
	if !s.Adapted || !strings.Contains(s.Target, "avec 75 résidents") {
		t.Errorf("a word and a number changed: %+v", s)
	}
	// A link changed.
	s = best("We published the code of the status page on GitHub.", "We published the code of the status page on [GitHub](https://github.com/example/forms).", "")
	if !s.Adapted || !strings.Contains(s.Target, "(https://github.com/example/forms)") {
		t.Errorf("a link changed: %+v", s)
	}
	// Nothing near enough.
	if ss := m.Suggest("The weather was lovely on the coast all summer long.", "", "", 5); len(ss) != 0 {
		t.Errorf("below the threshold: %+v", ss)
	}
	// A sentence of a paragraph.
	if s := best("The new one has 12.", "", ""); s.Score != 100 || s.Target != "Le nouveau en compte 12." {
		t.Errorf("sentence: %+v", s)
	}
}

func TestScore(t *testing.T) {
	a := tokens("We tested the form with 30 residents")
	for _, c := range []struct {
		b    string
		want int
	}{
		{"We tested the form with 30 residents", 100},
		{"We tested the form with 45 residents", 100}, // numbers are masked
		{"We tested the form with residents", 86},
		{"They tested the new form with 30 residents", 75},
	} {
		if got := Score(a, tokens(c.b)); got != c.want {
			t.Errorf("%q: %d, want %d", c.b, got, c.want)
		}
	}
}

// TestTMX: the export has TMX 1.4b's structure: the header's required
// attributes, a unit per memory unit with a variant per language.
func TestTMX(t *testing.T) {
	_, m := open(t)
	var buf bytes.Buffer
	if err := m.WriteTMX(&buf, "test"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, `<tmx version="1.4">`,
		`creationtool="Tandem"`, `creationtoolversion="test"`, `segtype="paragraph"`, `o-tmf="Tandem"`, `adminlang="en"`, `srclang="en"`, `datatype="markdown"`,
		`<tuv xml:lang="en">`, `<tuv xml:lang="fr">`, `<prop type="x-from">content/fr/blog/posts/`, `<tu segtype="sentence">`, `d’état`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%.1500s", want, out)
		}
	}
	src, units, err := ReadTMX(strings.NewReader(out))
	if err != nil || src != "en" || len(units) != m.Len() {
		t.Fatalf("read back: %v %q %d units of %d", err, src, len(units), m.Len())
	}
	for _, u := range units {
		if u["en"] == "" || u["fr"] == "" {
			t.Errorf("unit %v", u)
		}
	}
}

// TestUpdate: a pair edited is indexed again, its old units gone.
func TestUpdate(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "memory")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("..", "check", "testdata", "memory"))); err != nil {
		t.Fatal(err)
	}
	s, err := model.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	m := Build(s)
	n := m.Len()
	p := s.PostAt("content/fr/blog/posts/ouvrir-le-code.md")
	p.Doc.SetBodyText(strings.Replace(p.Doc.BodyText(), "Prochaines étapes", "Les étapes suivantes", 1))
	m.Update(s, p.Pair)
	if m.Len() != n {
		t.Errorf("%d units, then %d", n, m.Len())
	}
	if ss := m.Suggest("Next steps", "", "", 3); len(ss) == 0 || ss[0].Target != "## Les étapes suivantes" {
		t.Errorf("after the edit: %+v", ss)
	}
}
