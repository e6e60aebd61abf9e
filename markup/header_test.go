package markup

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/model"
)

// TestHeaderAsTheLayoutPrintsIt: Liquid's {{ page.title }} prints HTML in a
// title as HTML; Hugo's {{ .Title }} escapes it; | markdownify renders
// Markdown; | escape prints text.
func TestHeaderAsTheLayoutPrintsIt(t *testing.T) {
	write := func(root, rel, text string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name, layoutFile, layout, post string
		want                           []Span
	}{
		{"jekyll plain output prints HTML", "_layouts/post.html", "<h1>{{ page.title }}</h1>", "_posts/en/2024-01-02-a.md",
			[]Span{{Text: "Hello, "}, {Text: "World", Style: Strike}, {Text: " Canada"}}},
		{"jekyll escape prints text", "_layouts/post.html", "<title>{{ page.title }}</title><h1>{{ page.title | escape }}</h1>", "_posts/en/2024-01-02-a.md",
			[]Span{{Text: "Hello, <strike>World</strike> Canada"}}},
		{"hugo escapes", "layouts/_default/single.html", "<h1>{{ .Title }}</h1>", "content/en/a.md",
			[]Span{{Text: "Hello, <strike>World</strike> Canada"}}},
		{"hugo markdownify", "layouts/_default/single.html", "<h1>{{ .Params.title | markdownify }}</h1>", "content/en/a.md",
			[]Span{{Text: "Hello, "}, {Text: "World", Style: Strike}, {Text: " Canada"}}},
	}
	for _, c := range cases {
		root := t.TempDir()
		write(root, c.layoutFile, c.layout)
		title := "Hello, <strike>World</strike> Canada"
		if c.name == "hugo markdownify" {
			title = "Hello, ~~World~~ Canada"
			write(root, "hugo.toml", "[markup.goldmark.renderer]\nunsafe = true\n")
		}
		write(root, c.post, "---\ntitle: \""+title+"\"\nlang: en\n---\nText.\n")
		s, err := model.Open(root)
		if err != nil {
			t.Fatal(err)
		}
		p := s.PostAt(c.post)
		if p == nil {
			t.Fatalf("%s: no post", c.name)
		}
		h, _ := RenderPost(s, p, false)
		got := h.TitleParts()
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v", c.name, got)
			continue
		}
		for i := range got {
			if got[i].Text != c.want[i].Text || got[i].Style != c.want[i].Style {
				t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
				break
			}
		}
	}
}

// TestKramdownSiteOptions: a Jekyll site that sets kramdown's hard_wrap and
// smart_quotes is previewed with them.
func TestKramdownSiteOptions(t *testing.T) {
	root := t.TempDir()
	for rel, text := range map[string]string{
		"_config.yml":               "kramdown:\n  input: GFM\n  hard_wrap: true\n  smart_quotes: [\"lsaquo\", \"rsaquo\", \"laquo\", \"raquo\"]\n",
		"_posts/fr/2024-01-02-a.md": "---\ntitle: A\nlang: fr\n---\nUne ligne\net la \"suivante\".\n",
		"_layouts/post.html":        "<h1>{{ page.title }}</h1>",
	} {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := model.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	_, d := RenderPost(s, s.Posts[0], false)
	var b bytes.Buffer
	d.Dump(&b)
	if got := b.String(); !strings.Contains(got, "\"Une ligne\"") || !strings.Contains(got, "break") || !strings.Contains(got, "«suivante»") {
		t.Errorf("hard wrap and guillemets expected:\n%s", got)
	}
}
