package align

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/markup"
)

func renderText(text string) []markup.Block {
	return markup.Render([]byte(text), markup.Options{Flavour: markup.Goldmark}).Blocks
}

// TestUpdateIsTheFullAlignment: after an edit in either language (a word
// changed, a paragraph deleted, added, split), Update gives what aligning
// from scratch gives.
func TestUpdateIsTheFullAlignment(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	en, fr := read("en.md"), read("fr.md")
	paras := func(s string) []string { return strings.Split(s, "\n\n") }
	join := func(p []string) string { return strings.Join(p, "\n\n") }
	edits := map[string]func([]string) []string{
		"word changed": func(p []string) []string { p[4] = strings.Replace(p[4], " ", " très ", 1); return p },
		"deleted":      func(p []string) []string { return append(p[:5:5], p[6:]...) },
		"added": func(p []string) []string {
			return append(p[:7:7], append([]string{"Un paragraphe ajouté, assez long pour compter."}, p[7:]...)...)
		},
		"split": func(p []string) []string { p[3] = strings.Replace(p[3], ". ", ".\n\n", 1); return p },
		"first": func(p []string) []string { p[0] += " Encore."; return p },
		"last":  func(p []string) []string { p[len(p)-1] += " Encore."; return p },
	}
	src, tgt := renderText(en), renderText(fr)
	ratio := Ratio(src, tgt)
	prev := BlocksWith(src, tgt, ratio)
	for name, edit := range edits {
		for _, side := range []string{"en", "fr"} {
			ns, nt := src, tgt
			if side == "en" {
				ns = renderText(join(edit(paras(en))))
			} else {
				nt = renderText(join(edit(paras(fr))))
			}
			got, want := show(Update(prev, Keys(src), Keys(tgt), ns, nt, ratio)), show(BlocksWith(ns, nt, ratio))
			if got != want {
				t.Errorf("%s in %s:\n got %s\nwant %s", name, side, got, want)
			}
		}
	}
	if got := Update(prev, Keys(src), Keys(tgt), src, tgt, ratio); show(got) != show(prev) {
		t.Error("no change changed the alignment")
	}
}

// BenchmarkUpdate100KB re-aligns a 100 KB pair after a keystroke in one
// paragraph of the French.
func BenchmarkUpdate100KB(b *testing.B) {
	enAll, frAll := pair100KBText(b)
	src, tgt := renderText(string(enAll)), renderText(string(frAll))
	ratio := Ratio(src, tgt)
	prev := BlocksWith(src, tgt, ratio)
	mid := len(frAll) / 2
	edited := renderText(string(frAll[:mid]) + "x" + string(frAll[mid:]))
	ks, kt := Keys(src), Keys(tgt)
	for b.Loop() {
		Update(prev, ks, kt, src, edited, ratio)
	}
}

// TestUpdateFillsAnEmptyTranslation: a translation that was empty (every
// source block unmatched) filled at once, as a draft fills it, or its
// first or last blocks put in: Update gives the full alignment, not the
// old unmatched source blocks beside new translation-only ones.
func TestUpdateFillsAnEmptyTranslation(t *testing.T) {
	fr, err := os.ReadFile(filepath.Join("testdata", "fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	en, _ := os.ReadFile(filepath.Join("testdata", "en.md"))
	src := renderText(string(en))
	paras := strings.Split(string(fr), "\n\n")
	for _, before := range []string{"", paras[0], strings.Join(paras[1:], "\n\n")} {
		old := renderText(before)
		prev := BlocksWith(src, old, 1.1)
		nt := renderText(string(fr))
		got, want := show(Update(prev, Keys(src), Keys(old), src, nt, 1.1)), show(BlocksWith(src, nt, 1.1))
		if got != want {
			t.Errorf("from %.30q:\n got %s\nwant %s", before, got, want)
		}
	}
}
