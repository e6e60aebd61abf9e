package stale

import (
	"bytes"
	"fmt"
	"math/rand"
	"os/exec"
	"strings"
	"testing"

	"tandem/git/gittest"
	"tandem/model"
)

// genHistory makes a site of pairs pairs with a history of commits
// commits, with git fast-import: the first adds every post; then a third
// of the commits change a paragraph of a post (English or French), the
// others files beside the posts (data, assets), as a team's site has
// them.
func genHistory(b *testing.B, pairs, commits int) string {
	gittest.Home(b)
	root := b.TempDir()
	gittest.Git(b, root, "init", "-q", "-b", "main")
	rng := rand.New(rand.NewSource(7))
	// Posts of about 9 KB (FACTS.md: the median is 7 KB, the 90th
	// percentile 11.5 KB): 40 paragraphs.
	paras := func(lang string, i, v int) []string {
		out := make([]string, 40)
		for k := range out {
			if lang == "en" {
				out[k] = fmt.Sprintf("Paragraph %d of post %d, about the service we rebuilt with %d people over the year, and what the team learned from the residents who used it every week, version %d of the text.", k, i, k+3, v)
			} else {
				out[k] = fmt.Sprintf("Paragraphe %d du billet %d, sur le service refait avec %d personnes au cours de l’année, et ce que l’équipe a appris des résidents qui s’en servaient chaque semaine, version %d du texte.", k, i, k+3, v)
			}
		}
		return out
	}
	file := func(lang string, i int, ps []string) (string, string) {
		name := fmt.Sprintf("content/%s/blog/posts/post-%d.md", lang, i)
		return name, fmt.Sprintf("---\ntitle: \"Post %d\"\ntranslationKey: k%d\n---\n\n%s\n", i, i, strings.Join(ps, "\n\n"))
	}
	bodies := map[string][]string{}
	var stream bytes.Buffer
	data := func(s string) { fmt.Fprintf(&stream, "data %d\n%s\n", len(s), s) }
	when := int64(1_600_000_000)
	commit := func(msg string, files map[string]string) {
		when += 600
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter Tess Writer <tess@example.org> %d +0000\n", when)
		data(msg)
		for name, text := range files {
			fmt.Fprintf(&stream, "M 100644 inline %s\n", name)
			data(text)
		}
	}
	first := map[string]string{"hugo.toml": hugo}
	for i := 0; i < pairs; i++ {
		for _, l := range []string{"en", "fr"} {
			ps := paras(l, i, 0)
			name, text := file(l, i, ps)
			bodies[name] = ps
			first[name] = text
		}
	}
	commit("The site", first)
	for c := 1; c < commits; c++ {
		if c%3 != 0 {
			commit("Data", map[string]string{fmt.Sprintf("data/file-%d.yml", rng.Intn(50)): fmt.Sprintf("value: %d\n", c)})
			continue
		}
		lang := []string{"en", "fr"}[rng.Intn(2)]
		i := rng.Intn(pairs)
		name := fmt.Sprintf("content/%s/blog/posts/post-%d.md", lang, i)
		ps := bodies[name]
		ps[rng.Intn(len(ps))] = paras(lang, i, c)[rng.Intn(40)]
		_, text := file(lang, i, ps)
		commit("A paragraph", map[string]string{name: text})
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = root
	cmd.Stdin = &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fast-import: %v\n%s", err, out)
	}
	gittest.Git(b, root, "checkout", "-q", "-f", "main")
	return root
}

// BenchmarkLintStale is lint of a site of 150 pairs (300 posts of about
// 9 KB) with a history of 3,000 commits, without the stale check (the
// site's rules and the translation checks, check.Lint) and with it.
func BenchmarkLintStale(b *testing.B) {
	root := genHistory(b, 150, 3000)
	for _, withStale := range []bool{false, true} {
		name := "without"
		if withStale {
			name = "with-stale"
		}
		b.Run(name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				s, err := model.OpenFrontMatter(root)
				if err != nil {
					b.Fatal(err)
				}
				if !withStale {
					lintSite(s, nil)
					continue
				}
				n = 0
				for _, f := range lintSite(s, Check(s)) {
					if f.Rule == Rule {
						n++
					}
				}
			}
			if withStale {
				b.ReportMetric(float64(n), "stale")
			}
		})
	}
}
