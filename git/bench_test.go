package git

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"tandem/git/gittest"
	"tandem/model"
)

// bigRepo is a clone of a bare repository holding a generated Jekyll site
// of n pairs (2n post files), committed and pushed.
func bigRepo(b *testing.B, n int) (work string) {
	b.Helper()
	dir := gittest.Home(b)
	work = filepath.Join(dir, "work")
	for _, l := range []string{"en", "fr"} {
		os.MkdirAll(filepath.Join(work, "_posts", l), 0o755)
	}
	os.WriteFile(filepath.Join(work, "_config.yml"), []byte("permalink: /:year/:month/:day/:title/\n"), 0o644)
	body := "A paragraph of the post, long enough to look like one of the site's.\n\n"
	for i := 0; i < n; i++ {
		day := fmt.Sprintf("20%02d-%02d-%02d", 10+i%15, 1+i%12, 1+i%28)
		for _, p := range []struct{ lang, name, other, title string }{
			{"en", fmt.Sprintf("post-%d", i), fmt.Sprintf("billet-%d", i), "Post"},
			{"fr", fmt.Sprintf("billet-%d", i), fmt.Sprintf("post-%d", i), "Billet"},
		} {
			text := fmt.Sprintf("---\ntitle: \"%s %d\"\ndate: %s 09:00:00 -0400\nlang: %s\ntrans_url: /%s/%s/%s/%s\n---\n%s",
				p.title, i, day, p.lang, day[:4], day[5:7], day[8:], p.other, body)
			os.WriteFile(filepath.Join(work, "_posts", p.lang, day+"-"+p.name+".md"), []byte(text), 0o644)
		}
	}
	gittest.Site(b, dir, work)
	return work
}

// BenchmarkStatus is the library's pair states of a repository of 5,000
// post files.
func BenchmarkStatus(b *testing.B) {
	work := bigRepo(b, 2500)
	s, err := model.OpenFrontMatter(work)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Status(s, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPublish is one publish of an edited pair in that repository
// (fetch, tree, commit, push to a bare repository on disk).
func BenchmarkPublish(b *testing.B) {
	work := bigRepo(b, 2500)
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		_, p, err := model.FindPost(filepath.Join(work, "_posts", "en", "2010-01-01-post-0.md"))
		if err != nil {
			b.Fatal(err)
		}
		os.WriteFile(p.Abs(), append(p.Doc.Bytes(), fmt.Sprintf("Edit %d.\n", n)...), 0o644)
		_, p, _ = model.FindPost(p.Abs()) // as edited
		b.StartTimer()
		if _, err := Publish(context.Background(), p.Pair, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
