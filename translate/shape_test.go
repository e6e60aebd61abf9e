package translate

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"tandem/check"
	"tandem/markup"
	"tandem/memory"
	"tandem/model"
)

// shapeSite is a Hugo site (raw HTML published) whose published pairs
// hold what once led a memory astray: a heading whose French sits in one
// raw-HTML fragment with the paragraphs after it (a heading-only source
// block that a wrong unit would map to many paragraphs), a heading
// translated at another level, and a post with an awkward file name in
// each language whose French has lost its body.
func shapeSite(t *testing.T) string {
	root := t.TempDir()
	write := func(rel, text string) {
		name := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n[markup.goldmark.renderer]\nunsafe = true\n")
	write("content/en/blog/posts/agile-teams.md", "---\ntitle: \"Agile teams\"\ntranslationKey: agile\n---\n\nOur teams plan in short cycles and show their work every second week.\n\n## Conclusion\n\nSmall teams that ship often learn faster than large ones.\n\n## Key takeaways\n\nShip small, ship often, and ask people what they think.\n")
	write("content/fr/blog/posts/equipes-agiles.md", "---\ntitle: \"Équipes agiles\"\ntranslationKey: agile\n---\n\nNos équipes planifient en cycles courts et montrent leur travail toutes les deux semaines.\n\n<div class=\"wp-block-group\">\n<h2>Conclusion</h2>\n<p>Les petites équipes qui livrent souvent apprennent plus vite que les grandes.</p>\n<p>Elles posent aussi plus de questions aux gens qui utilisent leurs services.</p>\n<p>Et elles corrigent leurs erreurs avant qu’elles ne coûtent cher.</p>\n</div>\n\n#### Points à retenir\n\nLivrer petit, livrer souvent, et demander aux gens ce qu’ils en pensent.\n")
	write("content/en/blog/posts/‘a-percentage-of-perfection’: incident management.md", "---\ntitle: \"‘A percentage of perfection’: incident management\"\ntranslationKey: perfection\n---\n\nWhen a service fails at night, someone has to answer the call.\n\n## Conclusion\n\nWe wrote down what we learned from every incident this year.\n\n## Key takeaways\n\nShip small, ship often, and ask people what they think.\n")
	write("content/fr/blog/posts/« un pourcentage de perfection » : la gestion des incidents.md", "---\ntitle: \"« Un pourcentage de perfection » : la gestion des incidents\"\ntranslationKey: perfection\n---\n")
	return root
}

// TestDraftIsTheSourcesBlocks: a draft from the memory has exactly its
// source's blocks, headings at the source's levels (a unit learned from
// a heading at another level, or from a fragment that holds more than
// one block, brings in nothing else), and every drafted block is marked,
// whatever the posts' file names, so that lint says each one.
func TestDraftIsTheSourcesBlocks(t *testing.T) {
	root := shapeSite(t)
	s, err := model.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	m := memory.Build(s)
	ropt := markup.Options{Flavour: markup.Goldmark, RawHTML: true}
	for _, u := range m.Units() {
		if u.Sentence {
			continue
		}
		a, b := markup.Render([]byte(u.Source), ropt).Blocks, markup.Render([]byte(u.Target), ropt).Blocks
		if len(a) != 1 || len(b) != 1 || a[0].Kind != b[0].Kind || a[0].Level != b[0].Level {
			t.Errorf("the memory learned %q → %q", u.Source, u.Target)
		}
	}
	p := s.PostAt("content/en/blog/posts/‘a-percentage-of-perfection’: incident management.md")
	if p == nil || p.Pair == nil || p.Pair.Post("fr") == nil {
		t.Fatal("the awkwardly named pair is not paired")
	}
	p.Pair.Load()
	res, err := Draft(context.Background(), s, p, Options{Memory: m})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Save(root); err != nil {
		t.Fatal(err)
	}
	opt := markup.ForText(s, res.Target)
	src := markup.Render([]byte(res.Source.Doc.BodyText()), markup.ForText(s, res.Source)).Blocks
	got := markup.Render([]byte(res.Target.Doc.BodyText()), opt).Blocks
	if len(got) != len(src) {
		t.Fatalf("%d blocks drafted for %d in the source:\n%s", len(got), len(src), res.Target.Doc.BodyText())
	}
	for i := range src {
		if src[i].Kind != got[i].Kind || src[i].Level != got[i].Level {
			t.Errorf("block %d: %v %d, the source's is %v %d", i, got[i].Kind, got[i].Level, src[i].Kind, src[i].Level)
		}
	}
	// Lint, from the files: each drafted block said, on the French file.
	s2, err := model.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range check.Pair(s2, s2.PostAt(res.Target.Path).Pair) {
		if f.Rule == check.RuleDraft && f.Path == res.Target.Path {
			n++
		}
	}
	if n != len(src) {
		t.Errorf("%d draft findings for %d drafted blocks", n, len(src))
	}
}
