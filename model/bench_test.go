package model

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// genSite writes a Jekyll site of n pairs shaped like real posts (nine
// fields, a body of a few paragraphs) and returns its folder.
func genSite(b *testing.B, n int) string {
	b.Helper()
	root := b.TempDir()
	body := ""
	for i := 0; i < 6; i++ {
		body += "A paragraph of the post, with “quotes”, a [link](https://example.org) and **bold** text, long enough to look real.\n\n"
	}
	for _, lang := range []string{"en", "fr"} {
		if err := os.MkdirAll(filepath.Join(root, "_posts", lang), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	writeFile(b, filepath.Join(root, "_config.yml"), "permalink: /:year/:month/:day/:title/\n")
	for i := 0; i < n; i++ {
		day := fmt.Sprintf("20%02d-%02d-%02d", 10+i%15, 1+i%12, 1+i%28)
		en, fr := fmt.Sprintf("post-%d", i), fmt.Sprintf("billet-%d", i)
		y, m, d := day[:4], day[5:7], day[8:]
		post := func(lang, title, other string) string {
			return fmt.Sprintf("---\ntitle: \"%s %d\"\ndescription: \"A description of post %d.\"\nauthor: Jo Martin\ndate: %s 09:00:00 -0400\nimage: img-%d.jpg\nimage-alt: A picture\nlang: %s\nlayout: post\ntrans_url: \"/%s/%s/%s/%s\"\n---\n%s",
				title, i, i, day, i, lang, y, m, d, other, body)
		}
		writeFile(b, filepath.Join(root, "_posts", "en", day+"-"+en+".md"), post("en", "Post", fr))
		writeFile(b, filepath.Join(root, "_posts", "fr", day+"-"+fr+".md"), post("fr", "Billet", en))
	}
	return root
}

// BenchmarkLint measures `tandem lint` on generated sites: Open (read,
// parse, pair, infer the schema) and Lint, separately and together.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		root := genSite(b, n)
		b.Run(fmt.Sprintf("open+lint/pairs=%d", n), func(b *testing.B) {
			for b.Loop() {
				s, err := Open(root)
				if err != nil {
					b.Fatal(err)
				}
				s.Lint()
			}
		})
		s, err := Open(root)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Pairs) != n {
			b.Fatalf("%d pairs, want %d", len(s.Pairs), n)
		}
		b.Run(fmt.Sprintf("lint-only/pairs=%d", n), func(b *testing.B) {
			for b.Loop() {
				s.Lint()
			}
		})
	}
}
