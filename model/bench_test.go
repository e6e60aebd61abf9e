package model

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"tandem/model/sitegen"
	"testing"
	"time"
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

// genHugoSite writes a Hugo site of n pairs shaped like the real ones of
// FACTS.md (folded descriptions, image and thumb URLs, a translationKey;
// a body of about 9 KB with Markdown, raw HTML, &nbsp; and typographic
// quotes) and returns its folder: 10,000 pairs are about 190 MB.
func genHugoSite(b *testing.B, n int) string {
	b.Helper()
	root := b.TempDir()
	writeHugoSite(b, root, n)
	return root
}

func writeHugoSite(b testing.TB, root string, n int) {
	if err := sitegen.Hugo(root, n); err != nil {
		b.Fatal(err)
	}
}

// peakHeap samples the live heap until stop is closed and returns its
// highest value in MB.
func peakHeap(stop <-chan struct{}) <-chan float64 {
	out := make(chan float64, 1)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		peak := uint64(0)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				out <- float64(peak) / (1 << 20)
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// liveHeapMB is the live heap in MB (after a GC, what is kept).
func liveHeapMB() float64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return float64(sample[0].Value.Uint64()) / (1 << 20)
}

// BenchmarkOpenWhole is the memory a site opened whole (Open) keeps,
// beside BenchmarkLintHugo's site-heap-MB for the same site opened as the
// window's library and lint open it (OpenFrontMatter).
func BenchmarkOpenWhole(b *testing.B) {
	root := genHugoSite(b, 10000)
	for b.Loop() {
		s, err := Open(root)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportMetric(liveHeapMB(), "site-heap-MB")
		runtime.KeepAlive(s)
	}
}

// BenchmarkLintHugo is `tandem lint` (OpenFrontMatter then Lint) on generated Hugo
// sites of 1,000 and 10,000 pairs, beside reading the same files one
// after the other as cat does: it reports the time of each, their ratio,
// the peak live heap of the lint and the heap the open site keeps.
func BenchmarkLintHugo(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		root := genHugoSite(b, n)
		var files []string
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		cat := func() {
			buf := make([]byte, 128<<10)
			for _, f := range files {
				fh, err := os.Open(f)
				if err != nil {
					b.Fatal(err)
				}
				for {
					if k, err := fh.Read(buf); k == 0 || err != nil {
						break
					}
				}
				fh.Close()
			}
		}
		cat() // the files in the page cache, as for the lint
		b.Run(fmt.Sprintf("pairs=%d", n), func(b *testing.B) {
			var catTime, lintTime time.Duration
			peak, kept := 0.0, 0.0
			for b.Loop() {
				t0 := time.Now()
				cat()
				catTime += time.Since(t0)
				runtime.GC()
				stop := make(chan struct{})
				heap := peakHeap(stop)
				t1 := time.Now()
				s, err := OpenFrontMatter(root)
				if err != nil {
					b.Fatal(err)
				}
				if fs := s.Lint(); len(s.Pairs) != n || HasErrors(fs) {
					b.Fatalf("%d pairs, errors: %v", len(s.Pairs), HasErrors(fs))
				}
				lintTime += time.Since(t1)
				close(stop)
				peak = max(peak, <-heap)
				runtime.GC()
				kept = liveHeapMB()
				runtime.KeepAlive(s)
			}
			b.ReportMetric(kept, "site-heap-MB")
			b.ReportMetric(float64(catTime.Milliseconds())/float64(b.N), "cat-ms/op")
			b.ReportMetric(float64(lintTime.Milliseconds())/float64(b.N), "lint-ms/op")
			b.ReportMetric(float64(lintTime)/float64(catTime), "lint/cat")
			b.ReportMetric(peak, "peak-heap-MB")
		})
	}
}

// TestWriteHugoSite writes the generated Hugo site of BenchmarkLintHugo to
// $TANDEM_GEN_SITE (with $TANDEM_GEN_PAIRS pairs), for timing the real
// binary against cat; it is skipped otherwise.
func TestWriteHugoSite(t *testing.T) {
	dir := os.Getenv("TANDEM_GEN_SITE")
	if dir == "" {
		t.Skip("TANDEM_GEN_SITE is not set")
	}
	n, err := strconv.Atoi(os.Getenv("TANDEM_GEN_PAIRS"))
	if err != nil {
		n = 10000
	}
	writeHugoSite(t, dir, n)
}

// BenchmarkLintLoneKeys lints a site whose posts all wait for their
// translation, each with a translationKey of its own: the question "a
// typo of another post's key?" is asked of every post, against the
// others (ns/post should not grow with the site).
func BenchmarkLintLoneKeys(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		root := b.TempDir()
		write := func(rel, text string) {
			p := filepath.Join(root, rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		write("hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n")
		for i := range n {
			write(fmt.Sprintf("content/en/blog/posts/post-%d.md", i), fmt.Sprintf("---\ntitle: \"Post %d\"\ntranslationKey: spring-report-%d\n---\nA paragraph.\n", i, i))
			write(fmt.Sprintf("content/fr/blog/posts/billet-%d.md", i), fmt.Sprintf("---\ntitle: \"Billet %d\"\ntranslationKey: bilan-printemps-%d\n---\nUn paragraphe.\n", i, i))
		}
		s, err := OpenFrontMatter(root)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("posts=%d", 2*n), func(b *testing.B) {
			for b.Loop() {
				for _, p := range s.Posts {
					s.LintPost(p)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s.Posts)), "ns/post")
		})
	}
}
