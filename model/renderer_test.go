package model

import (
	"path/filepath"
	"testing"
)

// TestHugoVersionPins: the places sites pin the Hugo version they build
// with.
func TestHugoVersionPins(t *testing.T) {
	for _, c := range []struct{ file, text, want string }{
		{"netlify.toml", "[build.environment]\n  HUGO_VERSION = \"0.55.6\"\n", "0.55.6"},
		{".github/workflows/gh-pages.yml", "      - uses: peaceiris/actions-hugo@v2\n        with:\n          hugo-version: \"0.58.3\"\n          extended: true\n", "0.58.3"},
		{".github/workflows/hugo.yml", "    env:\n      HUGO_VERSION: 0.121.1\n", "0.121.1"},
		{".github/workflows/b.yml", "run: wget https://github.com/gohugoio/hugo/releases/download/v0.54.0/hugo_0.54.0_Linux-64bit.deb\n", "0.54.0"},
		{".gitlab-ci.yml", "image: registry.gitlab.com/pages/hugo/hugo_extended:0.59.1\n", "0.59.1"},
		{"Dockerfile", "FROM klakegg/hugo:0.55.6-ext-alpine AS build\n", "0.55.6"},
		{"Dockerfile", "ENV HUGO_VERSION 0.53\nRUN curl -L https://example.org/hugo.tar.gz\n", "0.53"},
		{".tool-versions", "nodejs 20.1.0\nhugo extended_0.57.2\n", "0.57.2"},
		{".github/workflows/x.yml", "hugo-version: 'latest'\n", "latest"},
	} {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, filepath.FromSlash(c.file)), c.text)
		if v, from := hugoVersion(root); v != c.want || from != c.file {
			t.Errorf("%s %q: %q from %q, want %q", c.file, c.text, v, from, c.want)
		}
	}
	if v, from := hugoVersion(t.TempDir()); v != "" || from != "" {
		t.Errorf("nothing pinned: %q %q", v, from)
	}
}

func TestHugoRendererSettings(t *testing.T) {
	root := t.TempDir()
	cases := []struct {
		name   string
		config map[string]any
		markup map[string]any
		want   Renderer
	}{
		{"modern default", nil, nil, Renderer{Name: Goldmark, Typographer: true}},
		{"unsafe, typographer off (0.112+ shape)", nil, map[string]any{"goldmark": map[string]any{
			"renderer": map[string]any{"unsafe": true}, "extensions": map[string]any{"typographer": map[string]any{"disable": true}}}},
			Renderer{Name: Goldmark, Unsafe: true}},
		{"blackfriday by choice", nil, map[string]any{"defaultMarkdownHandler": "blackfriday", "blackFriday": map[string]any{"smartypants": false}},
			Renderer{Name: Blackfriday, From: "config.toml", Unsafe: true, Fractions: true, SmartDashes: true, LatexDashes: true}},
		{"module min before 0.60", map[string]any{"module": map[string]any{"hugoVersion": map[string]any{"min": "0.54.0"}},
			"blackfriday": map[string]any{"angledQuotes": true, "extensions": []any{"hardLineBreak"}}}, nil,
			Renderer{Name: Blackfriday, Version: "0.54.0", From: "config.toml", Unsafe: true, Typographer: true, Fractions: true,
				SmartDashes: true, LatexDashes: true, AngledQuotes: true, Extensions: []string{"hardLineBreak"}}},
	}
	for _, c := range cases {
		got := hugoRenderer(root, c.config, c.markup, "config.toml")
		if got.Name != c.want.Name || got.Version != c.want.Version || got.From != c.want.From || got.Unsafe != c.want.Unsafe ||
			got.Typographer != c.want.Typographer || got.Fractions != c.want.Fractions || got.AngledQuotes != c.want.AngledQuotes ||
			len(got.Extensions) != len(c.want.Extensions) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if !versionBefore("0.59.1", hugoGoldmarkSince) || versionBefore("0.60", hugoGoldmarkSince) || versionBefore("0.119.0", hugoGoldmarkSince) || versionBefore("latest", hugoGoldmarkSince) {
		t.Error("versionBefore")
	}
}

func TestKramdownOptions(t *testing.T) {
	r := jekyllRenderer(map[string]any{"kramdown": map[string]any{"hard_wrap": true, "smart_quotes": "lsaquo,rsaquo,laquo,raquo"}})
	if r.Name != Kramdown || !r.HardWrap || !r.Typographer || !r.Unsafe || r.From != "_config.yml" {
		t.Errorf("%+v", r)
	}
	if r := jekyllRenderer(map[string]any{}); r.HardWrap || r.Typographer || r.From != "" {
		t.Errorf("defaults %+v", r)
	}
}

// TestRendererFromSiteConfig: .tandem.yml's renderer entries have the last
// word.
func TestRendererFromSiteConfig(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "netlify.toml"), "HUGO_VERSION = \"0.119.0\"\n")
	writeFile(t, filepath.Join(root, "content", "en", "a.md"), "---\ntitle: A\n---\nText\n")
	writeFile(t, filepath.Join(root, ConfigFile), "renderer:\n  name: blackfriday\n  typographer: false\n")
	s := openSite(t, root)
	if r := s.Renderer; r.Name != Blackfriday || r.Typographer || !r.Unsafe || r.From != ConfigFile || r.Version != "0.119.0" {
		t.Errorf("%+v", r)
	}
	writeFile(t, filepath.Join(root, ConfigFile), "renderer:\n  name: asciidoc\n")
	if _, err := Open(root); err == nil {
		t.Error("an unknown renderer name is accepted")
	}
}
