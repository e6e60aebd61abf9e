package model

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// TextFormat is how a post layout prints a front-matter text (the title,
// the description) on the page.
type TextFormat string

// Text formats.
const (
	// AsText: escaped, tags show as written (Hugo's html/template).
	AsText TextFormat = "text"
	// AsHTML: as HTML, tags apply (Liquid's {{ page.title }}, Hugo's
	// safeHTML).
	AsHTML TextFormat = "html"
	// AsMarkdown: rendered as Markdown (markdownify).
	AsMarkdown TextFormat = "markdown"
)

// layoutOutput finds where a layout prints a field and the filters it
// goes through: {{ page.title | escape }}, {{ .Title | markdownify }},
// {{ .Params.description }}.
var layoutOutput = map[string]*regexp.Regexp{
	"title":       regexp.MustCompile(`\{\{-?\s*(?:page\.title|\$?\.Title|\$?\.Params\.title|\$?\.Page\.Title)\s*((?:\|[^}]*)?)-?\}\}`),
	"description": regexp.MustCompile(`\{\{-?\s*(?:page\.description|\$?\.Description|\$?\.Params\.description)\s*((?:\|[^}]*)?)-?\}\}`),
}

// inHead finds outputs that are not shown in the page's text: the
// document's <title> and attribute values (meta descriptions).
var inHead = regexp.MustCompile(`(?s)<title>.*?</title>|="[^"]*"|='[^']*'`)

// readLayoutFormats reads, from the site's post layouts, how the title
// and the description are printed. def is the format of a plain output
// ({{ page.title }} prints HTML in Liquid; Hugo's templates escape it).
func (s *Site) readLayoutFormats(files []string, def TextFormat) {
	s.TitleFormat, s.DescriptionFormat = def, def
	found := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || len(b) > 1<<20 {
			continue
		}
		text := inHead.ReplaceAllString(string(b), "")
		for key, re := range layoutOutput {
			if found[key] {
				continue
			}
			m := re.FindStringSubmatch(text)
			if m == nil {
				continue
			}
			found[key] = true
			format := def
			switch filters := m[1]; {
			case strings.Contains(filters, "markdownify"):
				format = AsMarkdown
			case strings.Contains(filters, "escape") || strings.Contains(filters, "strip_html") || strings.Contains(filters, "plainify") || strings.Contains(filters, "htmlEscape"):
				format = AsText
			case strings.Contains(filters, "safeHTML"):
				format = AsHTML
			}
			if key == "title" {
				s.TitleFormat = format
			} else {
				s.DescriptionFormat = format
			}
		}
	}
}

// postLayoutFiles are the templates a post's page is made from, the most
// likely first: Jekyll's post layouts (and the includes they use), Hugo's
// single-page templates of the site and its theme (and their partials).
func (s *Site) postLayoutFiles(theme string) []string {
	var dirs []string
	if s.Layout == Jekyll {
		dirs = []string{"_layouts", "_includes"}
	} else {
		dirs = []string{"layouts"}
		if theme != "" {
			dirs = append(dirs, filepath.Join("themes", theme, "layouts"))
		}
	}
	var first, rest []string
	for _, d := range dirs {
		filepath.WalkDir(filepath.Join(s.Root, d), func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
				return nil
			}
			name := strings.ToLower(filepath.Base(p))
			if strings.Contains(name, "post") || name == "single.html" {
				first = append(first, p)
			} else {
				rest = append(rest, p)
			}
			return nil
		})
	}
	sort.Strings(first)
	sort.Strings(rest)
	return append(first, rest...)
}
