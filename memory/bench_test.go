package memory

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/model"
)

// genSite writes a Hugo site of n pairs whose paragraphs are drawn from
// a few hundred sentences (as a team's posts repeat and vary their
// phrases), with numbers that vary.
func genSite(b *testing.B, n int) string {
	root := b.TempDir()
	os.WriteFile(filepath.Join(root, "hugo.toml"), []byte("defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n"), 0o644)
	subjects := [][2]string{{"The team", "L’équipe"}, {"Our partners", "Nos partenaires"}, {"The residents", "Les résidents"}, {"The clerks", "Les greffiers"}, {"Designers", "Les concepteurs"}}
	verbs := [][2]string{{"tested", "ont mis à l’essai"}, {"rebuilt", "ont refait"}, {"studied", "ont étudié"}, {"published", "ont publié"}, {"improved", "ont amélioré"}}
	objects := [][2]string{{"the permit form", "le formulaire de permis"}, {"the status page", "la page d’état"}, {"the search tool", "l’outil de recherche"}, {"the budget report", "le rapport budgétaire"}, {"the open data portal", "le portail de données ouvertes"}, {"the map of parks", "la carte des parcs"}}
	tails := [][2]string{{"in %d days", "en %d jours"}, {"with %d people", "avec %d personnes"}, {"for %d towns", "pour %d villes"}, {"in %d weeks", "en %d semaines"}}
	rng := rand.New(rand.NewSource(1))
	for _, l := range []string{"en", "fr"} {
		os.MkdirAll(filepath.Join(root, "content", l, "blog", "posts"), 0o755)
	}
	for i := 0; i < n; i++ {
		var en, fr strings.Builder
		for k := 0; k < 12; k++ {
			s, v, o, t := subjects[rng.Intn(len(subjects))], verbs[rng.Intn(len(verbs))], objects[rng.Intn(len(objects))], tails[rng.Intn(len(tails))]
			num := 2 + rng.Intn(60)
			fmt.Fprintf(&en, "%s %s %s "+t[0]+".\n\n", s[0], v[0], o[0], num)
			fmt.Fprintf(&fr, "%s %s %s "+t[1]+".\n\n", s[1], v[1], o[1], num)
		}
		fm := func(title string) string {
			return fmt.Sprintf("---\ntitle: \"%s %d\"\ndate: 2023-05-02\ntranslationKey: k%d\n---\n\n", title, i, i)
		}
		os.WriteFile(filepath.Join(root, "content", "en", "blog", "posts", fmt.Sprintf("p%d.md", i)), []byte(fm("Post")+en.String()), 0o644)
		os.WriteFile(filepath.Join(root, "content", "fr", "blog", "posts", fmt.Sprintf("b%d.md", i)), []byte(fm("Billet")+fr.String()), 0o644)
	}
	return root
}

// BenchmarkMemory builds the memory of a site of 300 pairs (12 paragraphs
// each, read from disk, rendered and aligned) and looks a paragraph up in
// it.
func BenchmarkMemory(b *testing.B) {
	root := genSite(b, 300)
	b.Run("build/pairs=300", func(b *testing.B) {
		for b.Loop() {
			s, err := model.OpenFrontMatter(root)
			if err != nil {
				b.Fatal(err)
			}
			Build(s)
		}
	})
	s, _ := model.OpenFrontMatter(root)
	m := Build(s)
	b.Run("lookup", func(b *testing.B) {
		for b.Loop() {
			if len(m.Suggest("The clerks tested the search tool with 17 people in town.", "", "", 5)) == 0 {
				b.Fatal("no suggestion")
			}
		}
		b.ReportMetric(float64(m.Len()), "units")
	})
}
