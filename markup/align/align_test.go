package align

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/markup"
)

func render(t testing.TB, name string) []markup.Block {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return markup.Render(b, markup.Options{Flavour: markup.Goldmark}).Blocks
}

func show(ms []Match) string {
	r := func(p *[2]int) string {
		switch {
		case p == nil:
			return "-"
		case p[0] == p[1]:
			return fmt.Sprint(p[0])
		}
		return fmt.Sprintf("%d+%d", p[0], p[1])
	}
	var parts []string
	for _, m := range ms {
		parts = append(parts, r(m.Src)+":"+r(m.Tgt))
	}
	return strings.Join(parts, " ")
}

// TestAlignByHand: the answer made by hand for a pair with a merged
// paragraph (8 and 9 in English are 8 in French), a split one (10 is 9
// and 10), a paragraph left out (13) and one added (16 in French).
func TestAlignByHand(t *testing.T) {
	en, fr := render(t, "en.md"), render(t, "fr.md")
	want := "0:0 1:1 2:2 3:3 4:4 5:5 6:6 7+8:7 9:8+9 10:10 11:- 12:11 13:12 -:13"
	if got := show(Blocks(en, fr)); got != want {
		t.Errorf("alignment\n got %s\nwant %s", got, want)
	}
	// Translations aligned with themselves: every block with its own.
	if got := show(Blocks(en, en)); strings.Contains(got, "-") || strings.Contains(got, "+") {
		t.Errorf("a text with itself: %s", got)
	}
	if got := Blocks(nil, nil); len(got) != 0 {
		t.Errorf("nothing: %v", got)
	}
	if got := show(Blocks(en, nil)); strings.Count(got, ":-") != len(en) {
		t.Errorf("no translation: %s", got)
	}
}

// BenchmarkAlign100KB aligns a 100 KB pair from scratch: the fixture pair
// repeated to 100 KB of English and as many copies of the French.
func BenchmarkAlign100KB(b *testing.B) {
	en, fr := pair100KB(b)
	for b.Loop() {
		Blocks(en, fr)
	}
	b.ReportMetric(float64(len(en)), "source-blocks")
}

// pair100KB is the fixture pair repeated to 100 KB of English (and as
// many copies of the French), rendered.
func pair100KB(b *testing.B) (en, fr []markup.Block) {
	enText, frText := pair100KBText(b)
	opt := markup.Options{Flavour: markup.Goldmark}
	return markup.Render(enText, opt).Blocks, markup.Render(frText, opt).Blocks
}

func pair100KBText(b *testing.B) (en, fr []byte) {
	read := func(name string) []byte {
		d, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	enText, frText := read("en.md"), read("fr.md")
	copies := (100<<10)/len(enText) + 1
	return bytes.Repeat(append(enText, '\n'), copies), bytes.Repeat(append(frText, '\n'), copies)
}

// TestThreeParagraphsMadeOne: a translator who makes one paragraph of
// three (or three of one) has translated them, not left two out.
func TestThreeParagraphsMadeOne(t *testing.T) {
	opt := markup.Options{Flavour: markup.Goldmark}
	en := markup.Render([]byte("# Title\n\nThe first paragraph says what the team set out to do this spring.\n\n"+
		"The second one tells how many people took part in the research sessions.\n\n"+
		"The third one says what the team learned from them and what comes next.\n\n## Next\n\nA closing line about the next post.\n"), opt).Blocks
	fr := markup.Render([]byte("# Titre\n\nLe premier paragraphe dit ce que l’équipe voulait faire ce printemps; "+
		"le deuxième raconte combien de personnes ont participé aux séances de recherche, "+
		"et le troisième dit ce que l’équipe en a appris et ce qui vient ensuite.\n\n## Ensuite\n\nUne phrase de conclusion sur le prochain billet.\n"), opt).Blocks
	if got, want := show(Blocks(en, fr)), "0:0 1+3:1 4:2 5:3"; got != want {
		t.Errorf("three made one: %s, want %s", got, want)
	}
	if got, want := show(Blocks(fr, en)), "0:0 1:1+3 2:4 3:5"; got != want {
		t.Errorf("one made three: %s, want %s", got, want)
	}
}

// TestLocalizedTwins: a WordPress export's raw-HTML paragraphs and their
// translation, whose links go to the other language's pages (/eng/ ↔
// /fra/), whose numbers are written the French way (FY 25-26 ↔ exercice
// 2025-2026, 1.4K ↔ 1 400) and whose images are named for their language,
// pair one to one, confidently, even where the French runs much longer.
func TestLocalizedTwins(t *testing.T) {
	opt := markup.Options{Flavour: markup.Goldmark, RawHTML: true}
	en := markup.Render(mustRead(t, "wp-en.md"), opt).Blocks
	fr := markup.Render(mustRead(t, "wp-fr.md"), opt).Blocks
	if len(en) != len(fr) {
		t.Fatalf("%d English blocks, %d French", len(en), len(fr))
	}
	ms := Blocks(en, fr)
	var want []string
	for i := range en {
		want = append(want, fmt.Sprintf("%d:%d", i, i))
	}
	if got := show(ms); got != strings.Join(want, " ") {
		t.Errorf("alignment\n got %s\nwant %s", got, strings.Join(want, " "))
	}
	for _, m := range ms {
		if m.Src != nil && m.Tgt != nil && m.Confidence < 0.5 {
			t.Errorf("%s: confidence %.2f", show([]Match{m}), m.Confidence)
		}
	}
	// A paragraph moved elsewhere has no counterpart where it was.
	moved := append(append([]markup.Block{}, fr[:2]...), fr[3:]...)
	moved = append(moved, fr[2])
	got := show(Blocks(en, moved))
	if !strings.Contains(got, "2:-") {
		t.Errorf("a paragraph moved to the end: %s", got)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzAlign: any two texts align with every block of each side covered
// once, in order, and every confidence within 0 and 1.
func FuzzAlign(f *testing.F) {
	f.Add("# A\n\npara one 12\n\n<p>raw <a href=\"/en/x\">x</a></p>\n", "# B\n\npara un 12\n\n<p>brut <a href=\"/fr/x\">x</a></p>\n")
	f.Add("a\n\nb\n\nc\n", "x\n")
	f.Add("", "- one\n- two\n\n```\ncode\n```\n")
	opt := markup.Options{Flavour: markup.Goldmark, RawHTML: true}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 4000 || len(b) > 4000 {
			return
		}
		src, tgt := markup.Render([]byte(a), opt).Blocks, markup.Render([]byte(b), opt).Blocks
		i, j := 0, 0
		for _, m := range Blocks(src, tgt) {
			if m.Src == nil && m.Tgt == nil {
				t.Fatal("an empty match")
			}
			if m.Src != nil {
				if m.Src[0] != i || m.Src[1] < m.Src[0] {
					t.Fatalf("source blocks %v, expected from %d", *m.Src, i)
				}
				i = m.Src[1] + 1
			}
			if m.Tgt != nil {
				if m.Tgt[0] != j || m.Tgt[1] < m.Tgt[0] {
					t.Fatalf("target blocks %v, expected from %d", *m.Tgt, j)
				}
				j = m.Tgt[1] + 1
			}
			if m.Confidence < 0 || m.Confidence > 1 || (m.Src == nil || m.Tgt == nil) && m.Confidence != 0 {
				t.Fatalf("confidence %v for %+v", m.Confidence, m)
			}
		}
		if i != len(src) || j != len(tgt) {
			t.Fatalf("covered %d of %d source blocks, %d of %d target", i, len(src), j, len(tgt))
		}
	})
}
