package model

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Renderer names.
const (
	Kramdown    = "kramdown"    // Jekyll's
	Goldmark    = "goldmark"    // Hugo's from 0.60
	Blackfriday = "blackfriday" // Hugo's before 0.60
)

// Renderer is the Markdown converter a site publishes with, and its
// settings, as Tandem found them: the preview renders as it does.
type Renderer struct {
	// Name is Kramdown, Goldmark or Blackfriday.
	Name string
	// Version is the site generator's version the site builds with
	// ("0.55.6"), "" when no file pins it.
	Version string
	// From is the file, relative to the site with /, that the version (or
	// the renderer) was read from; "" when it is the default.
	From string
	// Unsafe (goldmark): raw HTML is published; Blackfriday and kramdown
	// always publish it.
	Unsafe bool
	// Typographer: straight quotes, dashes and ellipses are published
	// typographic (goldmark's typographer, Blackfriday's smartypants,
	// kramdown's smart quotes when the site sets them).
	Typographer bool
	// Blackfriday's smartypants options (Hugo's blackfriday settings).
	Fractions, SmartDashes, LatexDashes, AngledQuotes bool
	// Extensions and ExtensionsMask are Blackfriday extensions Hugo's
	// config turns on and off, by Hugo's names ("hardLineBreak").
	Extensions, ExtensionsMask []string
	// HardWrap (kramdown's hard_wrap): a line break in a paragraph is a
	// line break on the page.
	HardWrap bool
	// SmartQuotes are kramdown's smart_quotes: the entities of the left
	// and right single and double quotes ("lsquo,rsquo,ldquo,rdquo").
	SmartQuotes string
}

// override applies the site config's renderer entries.
func (r *Renderer) override(c RendererConfig) {
	if c.Name == "" && c.Version == "" && c.Unsafe == nil && c.Typographer == nil {
		return
	}
	if c.Name != "" && c.Name != r.Name {
		// The named renderer with its site generator's defaults.
		*r = Renderer{Name: c.Name, Version: r.Version, Unsafe: c.Name != Goldmark, Typographer: c.Name != Kramdown}
		if c.Name == Blackfriday {
			r.Fractions, r.SmartDashes, r.LatexDashes = true, true, true
		}
	}
	if c.Version != "" {
		r.Version = c.Version
	}
	if c.Unsafe != nil {
		r.Unsafe = *c.Unsafe
	}
	if c.Typographer != nil {
		r.Typographer = *c.Typographer
	}
	r.From = ConfigFile
}

// hugoGoldmarkSince is the first Hugo version that renders with goldmark.
var hugoGoldmarkSince = [3]int{0, 60, 0}

// versionPatterns find the Hugo version a build file pins.
var versionPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)HUGO_VERSION["']?\s*[:=]\s*["']?v?(\d+\.\d+(?:\.\d+)?)`),
	regexp.MustCompile(`(?i)HUGO_VERSION\s+v?(\d+\.\d+(?:\.\d+)?)`), // Dockerfile ENV HUGO_VERSION 0.55.6
	regexp.MustCompile(`(?i)hugo-version\s*:\s*["']?v?(\d+\.\d+(?:\.\d+)?|latest)`),
	regexp.MustCompile(`gohugoio/hugo/releases/download/v(\d+\.\d+(?:\.\d+)?)`),
	regexp.MustCompile(`gohugoio/hugo(?:/v\d+)?@v(\d+\.\d+(?:\.\d+)?)`),
	regexp.MustCompile(`(?i)hugo(?:_extended)?_(\d+\.\d+\.\d+)_`),
	regexp.MustCompile(`(?i)(?:klakegg/hugo|pages/hugo(?:/hugo_extended)?|hugomods/hugo|peaceiris/hugo):(?:ext-|exts-)?v?(\d+\.\d+(?:\.\d+)?)`),
}

// toolVersions reads hugo's line of asdf's .tool-versions.
var toolVersions = regexp.MustCompile(`(?m)^\s*hugo\s+(?:extended_)?v?(\d+\.\d+(?:\.\d+)?)`)

// hugoVersion finds the Hugo version the site builds with: the first of
// netlify.toml, the GitHub and GitLab CI workflows, a Dockerfile and
// .tool-versions that pins one. It returns the version and the file.
func hugoVersion(root string) (string, string) {
	files := []string{"netlify.toml"}
	wf, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.y*ml"))
	sort.Strings(wf)
	for _, f := range wf {
		rel, _ := filepath.Rel(root, f)
		files = append(files, filepath.ToSlash(rel))
	}
	files = append(files, ".gitlab-ci.yml", "Dockerfile", "docker/Dockerfile", ".tool-versions")
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil || len(b) > 1<<20 {
			continue
		}
		text := string(b)
		if f == ".tool-versions" {
			if m := toolVersions.FindStringSubmatch(text); m != nil {
				return m[1], f
			}
			continue
		}
		for _, re := range versionPatterns {
			if m := re.FindStringSubmatch(text); m != nil {
				return m[1], f
			}
		}
	}
	return "", ""
}

// versionBefore reports whether version v ("0.55.6", "0.55") is before
// min; "latest" and versions that cannot be read are not.
func versionBefore(v string, min [3]int) bool {
	parts := strings.Split(v, ".")
	var n [3]int
	for i := 0; i < 3 && i < len(parts); i++ {
		x, err := strconv.Atoi(parts[i])
		if err != nil {
			return false
		}
		n[i] = x
	}
	for i := range n {
		if n[i] != min[i] {
			return n[i] < min[i]
		}
	}
	return false
}

// hugoRenderer decides a Hugo site's renderer from the version it builds
// with and its config's markup settings (m is the config file's content,
// markup its markup table, found in the file from).
func hugoRenderer(root string, m map[string]any, markup map[string]any, from string) Renderer {
	r := Renderer{Name: Goldmark, Typographer: true}
	r.Version, r.From = hugoVersion(root)
	if r.Version == "" {
		if mod, _ := m["module"].(map[string]any); mod != nil {
			if hv, _ := mod["hugoVersion"].(map[string]any); hv != nil {
				if min := str(hv["min"]); min != "" {
					r.Version, r.From = min, from
				}
			}
		}
	}
	old := r.Version != "" && versionBefore(r.Version, hugoGoldmarkSince)
	if h := strings.ToLower(str(markup["defaultMarkdownHandler"])); h != "" && !old {
		if h == Blackfriday {
			r.Name = Blackfriday
		}
		if r.From == "" {
			r.From = from
		}
	}
	if old {
		r.Name = Blackfriday
	}
	if r.Name == Goldmark {
		g, _ := markup["goldmark"].(map[string]any)
		rr, _ := g["renderer"].(map[string]any)
		r.Unsafe, _ = rr["unsafe"].(bool)
		ext, _ := g["extensions"].(map[string]any)
		switch t := ext["typographer"].(type) {
		case bool:
			r.Typographer = t
		case map[string]any: // Hugo 0.112 and later: typographer.disable
			if d, ok := t["disable"].(bool); ok {
				r.Typographer = !d
			}
		}
		return r
	}
	// Blackfriday: Hugo's defaults, then its settings (top-level
	// blackfriday before 0.60, markup.blackFriday after).
	r.Unsafe, r.Typographer, r.Fractions, r.SmartDashes, r.LatexDashes = true, true, true, true, true
	bf, _ := m["blackfriday"].(map[string]any)
	if bf == nil {
		bf, _ = markup["blackFriday"].(map[string]any)
	}
	flag := func(key string, v *bool) {
		if b, ok := bf[key].(bool); ok {
			*v = b
		}
	}
	flag("smartypants", &r.Typographer)
	flag("fractions", &r.Fractions)
	flag("smartDashes", &r.SmartDashes)
	flag("latexDashes", &r.LatexDashes)
	flag("angledQuotes", &r.AngledQuotes)
	skip := false
	flag("skipHTML", &skip)
	r.Unsafe = !skip
	r.Extensions = strList(bf["extensions"])
	r.ExtensionsMask = strList(bf["extensionsMask"])
	return r
}

// jekyllRenderer reads kramdown's options from a Jekyll site's config:
// the ones the preview follows when the site sets them.
func jekyllRenderer(m map[string]any) Renderer {
	r := Renderer{Name: Kramdown, Unsafe: true}
	k, _ := m["kramdown"].(map[string]any)
	if hw, ok := k["hard_wrap"].(bool); ok {
		r.HardWrap = hw
	}
	sq := str(k["smart_quotes"])
	if l := strList(k["smart_quotes"]); len(l) > 0 {
		sq = strings.Join(l, ",")
	}
	if sq != "" {
		r.Typographer, r.SmartQuotes = true, sq
	}
	if k != nil {
		r.From = "_config.yml"
	}
	return r
}

func strList(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, x := range l {
		out = append(out, str(x))
	}
	return out
}
