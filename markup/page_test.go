package markup

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"tandem/model"
)

// TestPageAndRunsSameWords checks that the standalone page and the
// window's runs carry the same words, for the fixtures and the shared
// sample's posts.
func TestPageAndRunsSameWords(t *testing.T) {
	sites := []string{filepath.Join("..", "preview", "testdata", "site")}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "samples", "jekyll-site")); err == nil {
		sites = append(sites, filepath.Join("..", "..", "shared", "samples", "jekyll-site"))
	}
	for _, dir := range sites {
		s, err := model.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			if p.Doc == nil {
				continue
			}
			_, d := RenderPost(s, p, false)
			var page bytes.Buffer
			if err := WritePage(&page, "t", []PagePost{{Doc: d}}); err != nil {
				t.Fatal(err)
			}
			fromPage := pageWords(t, page.String())
			fromRuns := runWords(d)
			if strings.Join(fromPage, " ") != strings.Join(fromRuns, " ") {
				t.Errorf("%s: page and runs differ:\npage: %v\nruns: %v", p.Path, fromPage, fromRuns)
			}
			if len(fromRuns) < 10 {
				t.Errorf("%s: only %d words", p.Path, len(fromRuns))
			}
		}
	}
}

// runWords are the words of the runs the window shows, with image
// descriptions (list markers are the page's lists, not words).
func runWords(d *Doc) []string {
	var b strings.Builder
	add := func(runs []Run) {
		for _, r := range runs {
			b.WriteString(r.Text)
			if r.Style.Break {
				b.WriteString(" ")
			}
		}
		b.WriteString(" ")
	}
	for i := range d.Blocks {
		bl := &d.Blocks[i]
		if bl.Kind == Table {
			for r := range bl.Rows {
				for c := range bl.Rows[r].Cells {
					add(bl.Rows[r].Cells[c].Runs)
				}
			}
			continue
		}
		if bl.Image != nil {
			b.WriteString(" " + bl.Image.Alt + " ")
		}
		add(bl.Runs)
	}
	return strings.Fields(b.String())
}

// pageWords are the words of the page's articles.
func pageWords(t *testing.T, page string) []string {
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *xhtml.Node, in bool)
	walk = func(n *xhtml.Node, in bool) {
		if n.Type == xhtml.ElementNode && n.Data == "article" {
			in = true
		}
		if n.Type == xhtml.ElementNode && n.Data == "br" {
			b.WriteString(" ")
		}
		if n.Type == xhtml.TextNode && in {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
		if n.Type == xhtml.ElementNode && n.Data != "a" && n.Data != "em" && n.Data != "strong" && n.Data != "code" && n.Data != "sup" && n.Data != "span" && n.Data != "del" && n.Data != "u" {
			b.WriteString(" ")
		}
	}
	walk(doc, false)
	return strings.Fields(b.String())
}

// chromium is the path of a Chromium (or Chrome) program, "" when there is
// none.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestPageInChromium renders the standalone page of a fixture pair in
// headless Chromium (Debian's chromium, which make test installs; skipped
// where it is absent) and checks the screenshot: both columns hold text,
// and the browser read the lists, quotes and tables the page writes.
func TestPageInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" || testing.Short() {
		t.Skip("no chromium")
	}
	s, err := model.Open(filepath.Join("..", "preview", "testdata", "site"))
	if err != nil {
		t.Fatal(err)
	}
	en := s.PostAt("_posts/en/2024-05-02-every-construct.md")
	if en == nil || en.Counterpart() == nil {
		t.Fatal("the fixture pair is missing")
	}
	var posts []PagePost
	for _, p := range []*model.Post{en, en.Counterpart()} {
		h, d := RenderPost(s, p, false)
		posts = append(posts, PagePost{Header: h, Doc: d})
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	var buf bytes.Buffer
	if err := WritePage(&buf, "pair", posts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
			"--user-data-dir=" + filepath.Join(dir, "profile")}, args...)
		out, err := exec.CommandContext(ctx, bin, append(args, "file://"+page)...).Output()
		if err != nil {
			t.Fatalf("%s: %v", bin, err)
		}
		return out
	}
	// The DOM as the browser built it: the lists and quotes nest as written.
	dom := string(run("--dump-dom"))
	for _, want := range []string{`<ol start="7">`, "<li>numbered at depth four", "<thead>", "<blockquote>", `<article lang="fr">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the browser's DOM has no %s", want)
		}
	}
	shot := filepath.Join(dir, "page.png")
	run("--window-size=1280,1800", "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 1800 {
		t.Fatalf("screenshot %v", b)
	}
	// Dark pixels (text) in the left and the right column.
	dark := [2]int{}
	for y := 0; y < 1800; y += 2 {
		for x := 0; x < 1280; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b < 3*0x6000 {
				dark[x*2/1280]++
			}
		}
	}
	if dark[0] < 2000 || dark[1] < 2000 {
		t.Errorf("dark pixels per column %v: a column is blank", dark)
	}
	if out := os.Getenv("TANDEM_PAGE_SHOT"); out != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(out, data, 0o644)
	}
}
