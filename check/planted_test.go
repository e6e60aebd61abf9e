package check

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"tandem/l10n"
	"tandem/model"
)

// The checks' differential test: mistakes planted one at a time into the
// French posts of good, professionally written pairs (the test site's and,
// when it is there, the shared sample's), each of which must be found.
// Each kind plants at most 20 mistakes, at places drawn with a fixed seed
// among all the places it could go.

// plantKind is one kind of mistake: where it can be planted in a pair
// (the source's and the translation's bodies), and which rules find it.
type plantKind struct {
	name  string
	rules []string
	// spots lists the translation bodies with the mistake planted, one
	// for each place it can go.
	spots func(cx *Context, src, tgt string) []string
}

var (
	mdLink    = regexp.MustCompile(`(?:^|[^!])\[[^\]]*\]\((https?://[^)\s]+)\)|href="(https?://[^"]+)"`)
	mdImage   = regexp.MustCompile(`!\[[^\]]*\]\(([^)\s]+)\)|<img [^>]*src="([^"]+)"`)
	digitRun  = regexp.MustCompile(`\d+`)
	headingMD = regexp.MustCompile(`^(#{1,6} |<h[1-6][ >])`)
	altText   = regexp.MustCompile(`!\[([^\]]*)\]\(|<img [^>]*alt="([^"]*)"`)
	linkText  = regexp.MustCompile(`(?:^|[^!\]])\[([^\]]+)\]\(https?://[^)\s]+\)|<a [^>]*href="https?://[^"]+"[^>]*>([^<]+)</a>`)
)

// bodyLines splits a post into its front matter and its body's lines.
func bodyLines(text string) (string, []string) {
	i := strings.Index(text[3:], "\n---\n")
	return text[:i+8], strings.Split(text[i+8:], "\n")
}

// proseLine is whether a body line is a paragraph of text (not a heading,
// a list item, a table row, an image, code, or an HTML line without
// text of its own).
func proseLine(l string) bool {
	t := strings.TrimSpace(l)
	if len(t) < 40 || headingMD.MatchString(t) || strings.HasPrefix(t, "{") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "!") ||
		strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || regexp.MustCompile(`^\d+\. `).MatchString(t) {
		return false
	}
	return !strings.HasPrefix(t, "<") || strings.HasPrefix(t, "<p>") && strings.HasSuffix(t, "</p>")
}

// urlSpans are the places of a text's link or image addresses.
func urlSpans(re *regexp.Regexp, text string) [][2]int {
	var out [][2]int
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		for g := 1; 2*g+1 < len(m); g++ {
			if m[2*g] >= 0 {
				out = append(out, [2]int{m[2*g], m[2*g+1]})
			}
		}
	}
	return out
}

func replaceSpan(text string, sp [2]int, with string) string {
	return text[:sp[0]] + with + text[sp[1]:]
}

// replacedEach is tgt with each of its addresses (links or images, by re)
// replaced by with, one at a time.
func replacedEach(re *regexp.Regexp, tgt, with string) []string {
	var out []string
	for _, sp := range urlSpans(re, tgt) {
		out = append(out, replaceSpan(tgt, sp, with))
	}
	return out
}

// sourcesPut is tgt with each of its addresses that differs from the
// source's at the same place (and that is one take accepts) replaced by
// the source's, one at a time.
func sourcesPut(re *regexp.Regexp, src, tgt string, take func(string) bool) []string {
	var out []string
	ss, ts := urlSpans(re, src), urlSpans(re, tgt)
	for i := 0; i < len(ss) && i < len(ts); i++ {
		if a, b := src[ss[i][0]:ss[i][1]], tgt[ts[i][0]:ts[i][1]]; a != b && take(a) {
			out = append(out, replaceSpan(tgt, ts[i], a))
		}
	}
	return out
}

var plantKinds = []plantKind{
	{"a number", []string{RuleNumber}, func(cx *Context, src, tgt string) []string {
		fm, lines := bodyLines(tgt)
		var out []string
		for i, l := range lines {
			if !proseLine(l) && !strings.HasPrefix(strings.TrimSpace(l), "<td") && !regexp.MustCompile(`^\d+\. `).MatchString(l) {
				continue
			}
			// Digits outside addresses, tags and entities.
			masked := regexp.MustCompile(`\([^)]*\)|<[^>]*>|&#?\w+;`).ReplaceAllStringFunc(l, func(s string) string { return strings.Repeat("x", len(s)) })
			for _, m := range digitRun.FindAllStringIndex(masked, -1) {
				if m[0] > 0 && (l[m[0]-1] == '-' || l[m[0]-1] == ':' || unicode.IsLetter(rune(l[m[0]-1]))) || m[0] == 0 && strings.Contains(l[:m[1]+1], ".") ||
					m[1] < len(l) && unicode.IsUpper(rune(l[m[1]])) {
					continue // a date's part, a name's (Connected150, 18F), a list's number
				}
				n := []byte(l[m[0]:m[1]])
				n[len(n)-1] = '0' + (n[len(n)-1]-'0'+3)%10
				c := append([]string{}, lines...)
				c[i] = l[:m[0]] + string(n) + l[m[1]:]
				out = append(out, fm+strings.Join(c, "\n"))
			}
		}
		return out
	}},
	{"a link", []string{RuleLink, RuleLinkLanguage}, func(cx *Context, src, tgt string) []string {
		return replacedEach(mdLink, tgt, "https://elsewhere.example/another-page/")
	}},
	// The source's page: an address that names the source's language
	// (/en/, en., eng, lang=en), one of the site's own pages, or one the
	// site's translations replace with another. (An address that says
	// nothing of its language, kept as the source has it, may well be
	// right: a page in one language only.)
	{"a link back to the source's page", []string{RuleLinkLanguage, RuleLink}, func(cx *Context, src, tgt string) []string {
		ls := newLinkSet(cx, "en", "fr")
		return sourcesPut(mdLink, src, tgt, func(a string) bool {
			lang, _ := cx.Pages.LangAt(a, "fr")
			return l10n.Marker(a) == "en" || lang == "en" || learnedURL(ls, a) != ""
		})
	}},
	{"an image", []string{RuleImage, RuleImageLanguage}, func(cx *Context, src, tgt string) []string {
		return replacedEach(mdImage, tgt, "https://cdn.elsewhere.example/unrelated-picture.png")
	}},
	{"the source's image", []string{RuleImageLanguage, RuleImage}, func(cx *Context, src, tgt string) []string {
		return sourcesPut(mdImage, src, tgt, func(string) bool { return true })
	}},
	{"a dropped heading", []string{RuleStructure}, func(cx *Context, src, tgt string) []string {
		fm, lines := bodyLines(tgt)
		var out []string
		for i, l := range lines {
			if headingMD.MatchString(strings.TrimSpace(l)) {
				c := append(append([]string{}, lines[:i]...), lines[i+1:]...)
				out = append(out, fm+strings.Join(c, "\n"))
			}
		}
		return out
	}},
	{"a dropped paragraph", []string{RuleStructure}, func(cx *Context, src, tgt string) []string {
		fm, lines := bodyLines(tgt)
		var out []string
		for i, l := range lines {
			if proseLine(l) && !strings.HasPrefix(l, " ") { // a paragraph of the post, not of a table's cell
				c := append(append([]string{}, lines[:i]...), lines[i+1:]...)
				out = append(out, fm+strings.Join(c, "\n"))
			}
		}
		return out
	}},
	// A paragraph moved: taken from its place and put after the next
	// heading's section, or at the end (a translator's slip in a long
	// post): its place in the source has no counterpart.
	{"a paragraph moved", []string{RuleStructure}, func(cx *Context, src, tgt string) []string {
		fm, lines := bodyLines(tgt)
		var out []string
		for i, l := range lines {
			if !proseLine(l) || strings.HasPrefix(l, " ") {
				continue
			}
			rest := append(append([]string{}, lines[:i]...), lines[i+1:]...)
			to := len(rest)
			for k := i + 1; k < len(rest); k++ {
				if headingMD.MatchString(strings.TrimSpace(rest[k])) {
					for to = k + 1; to < len(rest) && !headingMD.MatchString(strings.TrimSpace(rest[to])); to++ {
					}
					break
				}
			}
			prose := 0 // paragraphs the moved one goes past
			for _, r := range rest[i:to] {
				if proseLine(r) {
					prose++
				}
			}
			if prose == 0 {
				continue // nothing to go past: not moved
			}
			moved := append(append(append([]string{}, rest[:to]...), "", l, ""), rest[to:]...)
			out = append(out, fm+strings.Join(moved, "\n"))
		}
		return out
	}},
	// Accessibility: what a translator's slip does to a page for a
	// screen reader.
	{"alt text copied from the source", []string{RuleAltUntranslated}, func(cx *Context, src, tgt string) []string {
		ss, ts := urlSpans(altText, src), urlSpans(altText, tgt)
		var out []string
		for i := 0; i < len(ss) && i < len(ts); i++ {
			a, b := src[ss[i][0]:ss[i][1]], tgt[ts[i][0]:ts[i][1]]
			if a != b && proseWords(a, nil) >= 2 {
				out = append(out, replaceSpan(tgt, ts[i], a))
			}
		}
		return out
	}},
	{"alt text emptied", []string{RuleAltMissing}, func(cx *Context, src, tgt string) []string {
		var out []string
		for _, sp := range urlSpans(altText, tgt) {
			if sp[1] > sp[0] {
				out = append(out, replaceSpan(tgt, sp, ""))
			}
		}
		return out
	}},
	{"generic link text in English", []string{RuleLinkText}, func(cx *Context, src, tgt string) []string {
		return replacedEach(linkText, tgt, "click here")
	}},
	{"generic link text in French", []string{RuleLinkText}, func(cx *Context, src, tgt string) []string {
		return replacedEach(linkText, tgt, "cliquez ici")
	}},
	// A level skipped in the translation: the structure check says the
	// level differs from the source's (the accessibility check does not
	// say it twice).
	{"a skipped heading level", []string{RuleHeadings, RuleStructure}, func(cx *Context, src, tgt string) []string {
		fm, lines := bodyLines(tgt)
		var out []string
		for i, l := range lines {
			var nl string
			switch t := strings.TrimSpace(l); {
			case strings.HasPrefix(t, "## "):
				nl = strings.Replace(l, "## ", "#### ", 1)
			case strings.HasPrefix(t, "<h2") && strings.Contains(t, "</h2>"):
				nl = strings.Replace(strings.Replace(l, "<h2", "<h4", 1), "</h2>", "</h4>", 1)
			default:
				continue
			}
			c := append([]string{}, lines...)
			c[i] = nl
			out = append(out, fm+strings.Join(c, "\n"))
		}
		return out
	}},
	{"English text left in", []string{RuleSame}, func(cx *Context, src, tgt string) []string {
		_, sl := bodyLines(src)
		fm, tl := bodyLines(tgt)
		var sp, tp []int
		for i, l := range sl {
			if proseLine(l) {
				sp = append(sp, i)
			}
		}
		for i, l := range tl {
			if proseLine(l) {
				tp = append(tp, i)
			}
		}
		var out []string
		if len(sp) != len(tp) {
			return nil // the paragraphs do not go one to one: which is which is unsure
		}
		for k := range tp {
			c := append([]string{}, tl...)
			c[tp[k]] = sl[sp[k]]
			out = append(out, fm+strings.Join(c, "\n"))
		}
		return out
	}},
}

// plantSites are the sites whose pairs are planted into, each a fresh
// copy per planting.
func plantSites(t *testing.T) []string {
	sites := []string{filepath.Join("..", "testdata", "hugo-wordpress")}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "samples", "jekyll-site")); err == nil {
		sites = append(sites, filepath.Join("..", "..", "shared", "samples", "jekyll-site"))
	} else {
		t.Log("the shared sample is not here: its pairs are left out")
	}
	return sites
}

type spot struct {
	site, tgtPath, text string
	before              map[string]bool // the pair's findings, unplanted (rule and message)
}

func TestPlantedMistakesAreFound(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	byKind := map[string][]spot{}
	for _, root := range plantSites(t) {
		s, err := model.Open(root)
		if err != nil {
			t.Fatal(err)
		}
		cx := NewContext(s)
		for _, pr := range s.Pairs {
			src, tgt := s.SourceAndTarget(pr)
			if src == nil || tgt == nil {
				continue
			}
			sb, err1 := os.ReadFile(src.Abs())
			tb, err2 := os.ReadFile(tgt.Abs())
			if err1 != nil || err2 != nil || !strings.HasPrefix(string(tb), "---") {
				continue
			}
			before := said(Pair(s, pr), tgt.Path)
			for _, k := range plantKinds {
				for _, text := range k.spots(cx, string(sb), string(tb)) {
					byKind[k.name] = append(byKind[k.name], spot{root, tgt.Path, text, before})
				}
			}
		}
	}
	minSpots := 20 // the test site's pairs and the sample's give 20 of each
	if len(plantSites(t)) == 1 {
		minSpots = 8
	}
	rng := rand.New(rand.NewSource(22))
	for _, k := range plantKinds {
		spots := byKind[k.name]
		rng.Shuffle(len(spots), func(i, j int) { spots[i], spots[j] = spots[j], spots[i] })
		spots = spots[:min(20, len(spots))]
		found := 0
		var missed []string
		for _, sp := range spots {
			if plantedFound(t, sp, k.rules) {
				found++
			} else {
				missed = append(missed, sp.tgtPath+": "+changedLine(t, sp))
			}
		}
		t.Logf("%s: %d of %d found", k.name, found, len(spots))
		if len(spots) < minSpots {
			t.Errorf("%s: only %d places to plant it", k.name, len(spots))
		}
		sort.Strings(missed)
		switch {
		case found*20 < len(spots)*19:
			t.Errorf("%s: %d of %d found; missed:\n%s", k.name, found, len(spots), strings.Join(missed, "\n"))
		case len(missed) > 0:
			t.Logf("%s: missed:\n%s", k.name, strings.Join(missed, "\n"))
		}
	}
}

// changedLine is the planted line, for the report of a miss.
func changedLine(t *testing.T, sp spot) string {
	orig, _ := os.ReadFile(filepath.Join(sp.site, filepath.FromSlash(sp.tgtPath)))
	a, b := strings.Split(string(orig), "\n"), strings.Split(sp.text, "\n")
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("line %d %q → %q", i+1, a[i], b[i])
		}
	}
	return "a line removed at the end"
}

// said is what the findings on path say: rule and message.
func said(fs []model.Finding, path string) map[string]bool {
	m := map[string]bool{}
	for _, f := range fs {
		if f.Path == path {
			m[f.Rule+" "+f.Message] = true
		}
	}
	return m
}

// plantedFound writes the planted text into a fresh copy of the site and
// reports whether the pair's checks say something new by one of the
// kind's rules.
func plantedFound(t *testing.T, sp spot, rules []string) bool {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(sp.site)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, filepath.FromSlash(sp.tgtPath)), []byte(sp.text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := model.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	p := s.PostAt(sp.tgtPath)
	if p == nil || p.Pair == nil {
		return false
	}
	for _, f := range Pair(s, p.Pair) {
		if f.Path == sp.tgtPath && slices.Contains(rules, f.Rule) && !sp.before[f.Rule+" "+f.Message] {
			return true
		}
	}
	return false
}

// learnedURL is the address the site's translations use for a, "" for none.
func learnedURL(ls *linkSet, a string) string {
	t, _ := ls.learnedAt(a)
	return t.url
}
