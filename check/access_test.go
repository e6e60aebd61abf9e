package check

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"tandem/markup"
	"tandem/markup/align"
)

// side renders body (raw HTML published) as a post in lang.
func side(path, lang, body string) Side {
	d := markup.Render([]byte(body), markup.Options{Flavour: markup.Goldmark, RawHTML: true})
	return Side{Path: path, Lang: lang, BodyLine: 1, Doc: d, Body: []byte(body)}
}

// accessSaid are a post's accessibility findings as "line rule".
func accessSaid(sd Side, src *Side) string {
	var ms []align.Match
	if src != nil {
		ms = align.Blocks(src.Doc.Blocks, sd.Doc.Blocks)
	}
	other := "fr"
	if sd.Lang == "fr" {
		other = "en"
	}
	var out []string
	for _, f := range Accessibility(sd, src, ms, other, []string{"voir ceci"}) {
		out = append(out, fmt.Sprintf("%d %s", f.Line, strings.TrimPrefix(f.Rule, "accessibility-")))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// TestAccessibilityRules: each rule in both languages, in Markdown and in
// raw HTML, and quiet on what is right.
func TestAccessibilityRules(t *testing.T) {
	for _, c := range []struct{ name, lang, body, want string }{
		{"right", "en", "Intro.\n\n## Part\n\n![A bar chart of wait times](/img/chart.png)\n\nRead [the guide to applying](https://x.example/guide).\n\n### Detail\n\n| Channel | Wait |\n|---|---|\n| Phone | 40 min |\n", ""},
		{"decorative", "fr", "<img src=\"/s.gif\" alt=\"\" role=\"presentation\">\n\n<p><img src=\"/t.gif\" alt=\"\" aria-hidden=\"true\"></p>\n", ""},
		{"alt missing md", "en", "![](/img/chart.png)\n", "1 alt-missing"},
		{"alt missing html", "fr", "<p>Texte.</p>\n\n<figure><img src=\"/img/graphique.png\"></figure>\n", "3 alt-missing"},
		{"alt a file", "en", "![chart_2024-v2.png](/img/chart_2024-v2.png)\n\n<img src=\"/a.jpg\" alt=\"https://cdn.example/a.jpg\">\n", "1 alt-filename, 3 alt-filename"},
		{"alt in English in a French post", "fr", "![Screenshot of the dashboard showing the number of messages sent](/d.png)\n", "1 alt-untranslated"},
		{"alt in French in an English post", "en", "<img src=\"/d.png\" alt=\"Capture d’écran du tableau de bord avec le nombre de messages\">\n", "1 alt-untranslated"},
		{"alt long", "en", "![" + strings.Repeat("A long description of every bar ", 6) + "](/c.png)\n", "1 alt-long"},
		{"link text en", "en", "To apply, [click here](https://x.example/apply). Or [read more](https://x.example/more).\n", "1 link-text, 1 link-text"},
		{"link text fr html", "fr", "<p>Pour présenter une demande, <a href=\"https://x.example/fr\">cliquez ici</a>.</p>\n", "1 link-text"},
		{"link text of the site's", "fr", "Pour les détails, [voir ceci](https://x.example/fr/d).\n", "1 link-text"},
		{"link text an address", "en", "See [https://x.example/a](https://x.example/a).\n", "1 link-text"},
		{"heading skipped md", "en", "## One\n\n#### Three\n", "3 headings"},
		{"heading skipped html", "fr", "<h2>Un</h2>\n\n<h4>Trois</h4>\n", "3 headings"},
		{"level 1 in the body", "en", "# Title again\n\nText.\n", "1 headings"},
		{"first heading at level 3", "fr", "### Trop bas\n", "1 headings"},
		{"table without header html", "en", "<table>\n<tr><td>Phone</td><td>40</td></tr>\n</table>\n", "1 table-header"},
		{"table with empty header md", "fr", "| | |\n|---|---|\n| a | b |\n", "1 table-header"},
	} {
		if got := accessSaid(side("p.md", c.lang, c.body), nil); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestAccessibilityBesideTheSource: a translation's alt text copied from
// its source's image (Markdown, raw HTML, in a table's cell), or emptied
// where the source's has one, is said on the translation; one translated
// is not; a heading level the translation changed is the structure
// check's to say, not said twice.
func TestAccessibilityBesideTheSource(t *testing.T) {
	src := side("en.md", "en", "Intro paragraph about forms.\n\n## Results\n\n![A chart of waiting times by channel](/img/chart_en.png)\n\n<table><tr><th>Where</th></tr><tr><td><img src=\"/q_en.png\" alt=\"A long queue at the counter\"></td></tr></table>\n")
	for _, c := range []struct{ name, body, want string }{
		{"translated", "Paragraphe sur les formulaires.\n\n## Résultats\n\n![Un graphique des temps d’attente par mode](/img/chart_fr.png)\n\n<table><tr><th>Où</th></tr><tr><td><img src=\"/q_fr.png\" alt=\"Une longue file au comptoir\"></td></tr></table>\n", ""},
		{"copied", "Paragraphe sur les formulaires.\n\n## Résultats\n\n![A chart of waiting times by channel](/img/chart_fr.png)\n\n<table><tr><th>Où</th></tr><tr><td><img src=\"/q_fr.png\" alt=\"A long queue at the counter\"></td></tr></table>\n", "5 alt-untranslated, 7 alt-untranslated"},
		{"emptied", "Paragraphe sur les formulaires.\n\n## Résultats\n\n![](/img/chart_fr.png)\n\n<table><tr><th>Où</th></tr><tr><td><img src=\"/q_fr.png\" alt=\"\"></td></tr></table>\n", "5 alt-missing, 7 alt-missing"},
		{"level changed", "Paragraphe sur les formulaires.\n\n#### Résultats\n\n![Un graphique des temps d’attente par mode](/img/chart_fr.png)\n\n<table><tr><th>Où</th></tr><tr><td><img src=\"/q_fr.png\" alt=\"Une longue file au comptoir\"></td></tr></table>\n", ""},
	} {
		if got := accessSaid(side("fr.md", "fr", c.body), &src); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
