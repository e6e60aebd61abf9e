package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/model"

	"tandem/markup"
	"tandem/markup/align"
)

// BenchmarkCheck100KB aligns and checks a 100 KB pair: the fixture's
// clean pair repeated to 100 KB of English (and as many copies of the
// French). align+check is what a pair costs from scratch once its posts
// are rendered; render+align+check includes rendering both; typography
// is the French post's typography alone.
func BenchmarkCheck100KB(b *testing.B) {
	s := copySite(b, "site")
	pr := pairOf(b, s, "budget-tool")
	en, fr := pr.Post("en"), pr.Post("fr")
	copies := (100<<10)/len(en.Doc.Body()) + 1
	en.Doc.SetBodyText(strings.Repeat(en.Doc.BodyText()+"\n", copies))
	fr.Doc.SetBodyText(strings.Repeat(fr.Doc.BodyText()+"\n", copies))
	_, ds := markup.RenderPost(s, en, false)
	_, dt := markup.RenderPost(s, fr, false)
	b.Run("align+check", func(b *testing.B) {
		for b.Loop() {
			fs := Translation(NewContext(s), SideOf(en, ds), SideOf(fr, dt), align.BlocksWith(ds.Blocks, dt.Blocks, SiteRatio(s)))
			if len(fs) != 0 {
				b.Fatalf("findings on a clean pair: %v", fs[0])
			}
		}
		b.ReportMetric(float64(len(en.Doc.Body())>>10), "KB-en")
	})
	b.Run("align", func(b *testing.B) {
		for b.Loop() {
			align.BlocksWith(ds.Blocks, dt.Blocks, SiteRatio(s))
		}
		b.ReportMetric(float64(len(ds.Blocks)), "source-blocks")
		b.ReportMetric(float64(len(dt.Blocks)), "target-blocks")
	})
	b.Run("check", func(b *testing.B) {
		ms := align.BlocksWith(ds.Blocks, dt.Blocks, SiteRatio(s))
		cx := NewContext(s)
		for b.Loop() {
			Translation(cx, SideOf(en, ds), SideOf(fr, dt), ms)
		}
	})
	b.Run("typography", func(b *testing.B) {
		for b.Loop() {
			Typography(s, fr)
		}
	})
	b.Run("render+align+check", func(b *testing.B) {
		for b.Loop() {
			Pair(s, pr)
		}
	})
}

// BenchmarkLint is `tandem lint` of a generated Hugo site of 1,000 pairs
// (posts of about 9 KB: paragraphs, raw HTML, &nbsp;), opened as lint
// opens it (front matter only), with and without the checks: "model" is
// the site's own rules, "checks" adds the translation checks and the
// typography, which read, render and align every pair.
func BenchmarkLint(b *testing.B) {
	root := b.TempDir()
	os.WriteFile(filepath.Join(root, "hugo.toml"), []byte("baseURL = \"https://blog.example/\"\ndefaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n"), 0o644)
	en := "A paragraph of the post about a service we rebuilt, with “quotes”, a [link](https://example.org/guide) and **bold** text, long enough to look like the real thing, in 2023.\n\n"
	fr := "Un paragraphe du billet sur un service que nous avons refait, avec «&nbsp;des guillemets&nbsp;», un [lien](https://example.org/fr/guide) et du texte en **gras**, assez long pour avoir l’air vrai, en 2023.\n\n"
	html := "<p>Exported from the old site: <a href=\"https://example.org/a\">a link</a>, <em>emphasis</em> and it&#8217;s fine.</p>\n\n"
	body := func(p, h string) string {
		var s strings.Builder
		for i := 0; i < 45; i++ { // about 9 KB
			s.WriteString(p)
			if i%5 == 4 {
				s.WriteString(h)
			}
		}
		return s.String()
	}
	enBody, frBody := body(en, html), body(fr, strings.Replace(html, "Exported from the old site:", "Exporté de l’ancien site&nbsp;:", 1))
	for _, l := range []string{"en", "fr"} {
		os.MkdirAll(filepath.Join(root, "content", l, "blog", "posts"), 0o755)
	}
	const n = 1000
	for i := 0; i < n; i++ {
		fm := func(title string) string {
			return fmt.Sprintf("---\ntitle: \"%s %d\"\ndate: 2023-05-02T09:00:00-04:00\ntranslationKey: k%d\n---\n\n", title, i, i)
		}
		os.WriteFile(filepath.Join(root, "content", "en", "blog", "posts", fmt.Sprintf("post-%d.md", i)), []byte(fm("Post")+enBody), 0o644)
		os.WriteFile(filepath.Join(root, "content", "fr", "blog", "posts", fmt.Sprintf("billet-%d.md", i)), []byte(fm("Billet")+frBody), 0o644)
	}
	for _, withChecks := range []bool{false, true} {
		name := "model"
		if withChecks {
			name = "checks"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				s, err := model.OpenFrontMatter(root)
				if err != nil {
					b.Fatal(err)
				}
				var fs []model.Finding
				if withChecks {
					fs = lintSite(s, nil)
				} else {
					fs = s.Lint()
				}
				for _, f := range fs {
					if strings.HasPrefix(f.Rule, "translation-") || f.Rule == RuleTypography {
						b.Fatalf("a finding on a clean site: %v", f)
					}
				}
			}
			b.ReportMetric(n, "pairs")
		})
	}
}
