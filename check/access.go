package check

import (
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
)

// The accessibility checks (WCAG 2.1 AA, as the Government of Canada's
// Standard on Web Accessibility asks, in both official languages): what a
// reader with a screen reader meets in a post as published. They read a
// post as it renders, Markdown and raw HTML alike, and, for a
// translation, beside its source: what no linter of one file can see.
const (
	// RuleAltMissing is an image without alt text (and not marked as
	// decoration: role="presentation", aria-hidden="true").
	RuleAltMissing = "accessibility-alt-missing"
	// RuleAltFile is alt text that is a file name or an address.
	RuleAltFile = "accessibility-alt-filename"
	// RuleAltUntranslated is a translation's alt text copied from its
	// source's image, or in the other language than the post's.
	RuleAltUntranslated = "accessibility-alt-untranslated"
	// RuleAltLong is alt text longer than AltLong characters (a note).
	RuleAltLong = "accessibility-alt-long"
	// RuleLinkText is link text that says nothing out of context ("click
	// here", "lire la suite"), or an address as link text (a note).
	RuleLinkText = "accessibility-link-text"
	// RuleHeadings is a heading level skipped, or a level-1 heading in a
	// body whose page shows the title as its level-1 heading.
	RuleHeadings = "accessibility-headings"
	// RuleTableHeader is a table of data without a header row.
	RuleTableHeader = "accessibility-table-header"
)

// AccessibilityRules are the accessibility checks' rule ids, in order.
var AccessibilityRules = []string{RuleAltMissing, RuleAltFile, RuleAltUntranslated, RuleAltLong, RuleLinkText, RuleHeadings, RuleTableHeader}

// AltLong is the length, in characters, past which alt text is a note:
// screen readers read alt text in one go, without a way to pause or go
// back a sentence; a longer description belongs in the text or a caption.
const AltLong = 150

// genericLinks are link texts that say nothing out of context, in English
// and French, lower case (.tandem.yml's accessibility: link-text adds to
// them).
var genericLinks = []string{"click here", "here", "read more", "more", "link", "this link", "this page", "learn more", "click",
	"cliquez ici", "ici", "en savoir plus", "lire la suite", "lien", "ce lien", "cette page", "cliquez", "plus"}

// Accessibility are the accessibility findings of one post, rendered
// (sd); for a translation, its source (src, with the pair's matches) too,
// nil for a post read alone. other is the site's other language (for alt
// text written in it); extra are the site's own generic link texts.
func Accessibility(sd Side, src *Side, ms []align.Match, other string, extra []string) []model.Finding {
	a := accessCheck{sd: sd, other: other}
	links := slices.Clone(genericLinks)
	for _, l := range extra {
		links = append(links, strings.ToLower(strings.TrimSpace(l)))
	}
	// The translation's headings whose source has another level: the
	// structure check says so already.
	otherLevel := map[int]bool{}
	// Each image's source image, by the translation's block.
	srcAlt := map[int]string{}
	// The alt texts of the images in the source's tables, by image.
	srcCells := map[int][]string{}
	if src != nil {
		for _, m := range ms {
			if m.Src == nil || m.Tgt == nil || m.Src[1]-m.Src[0] != m.Tgt[1]-m.Tgt[0] {
				continue
			}
			for k := 0; k <= m.Tgt[1]-m.Tgt[0]; k++ {
				sb, tb := src.Doc.Blocks[m.Src[0]+k], sd.Doc.Blocks[m.Tgt[0]+k]
				if sb.Kind == markup.Heading && tb.Kind == markup.Heading && sb.Level != tb.Level {
					otherLevel[m.Tgt[0]+k] = true
				}
				if sb.Image != nil && tb.Image != nil {
					srcAlt[m.Tgt[0]+k] = sb.Image.Alt
				}
				if sb.Kind == markup.Table && tb.Kind == markup.Table {
					srcCells[m.Tgt[0]+k] = cellAlts(sb)
				}
			}
		}
	}
	level := 1 // the page's title
	for i, b := range sd.Doc.Blocks {
		if b.Image != nil {
			alt, had := srcAlt[i]
			a.image(i, b.Image, alt, had, src)
		}
		if b.Kind == markup.Heading && b.Depth == 0 && b.Quote == 0 {
			switch {
			case otherLevel[i]:
			case b.Level == 1:
				a.add(i, RuleHeadings, model.Warning, "", "a level-1 heading in the body: the page already shows the title as its level-1 heading; start the body's headings at level 2")
			case b.Level > level+1:
				a.add(i, RuleHeadings, model.Warning, "", "a heading of level %[1]d after one of level %[2]d: a level is skipped, and screen reader users navigate by levels; use level %[3]d", b.Level, level, level+1)
			}
			level = b.Level
		}
		if b.Kind == markup.Table {
			// The images in its cells, each beside the source's at its
			// place.
			alts, had := srcCells[i], false
			n := 0
			for _, r := range b.Rows {
				for _, c := range r.Cells {
					for k := range c.Pictures {
						alt := ""
						if had = n < len(alts); had {
							alt = alts[n]
						}
						a.image(i, &c.Pictures[k], alt, had, src)
						n++
					}
				}
			}
		}
		if b.Kind == markup.Table && len(b.Rows) > 0 && !tableHeaded(b) {
			a.add(i, RuleTableHeader, model.Warning, "", "this table has no header row: screen readers announce each cell with its column's header; make the first row a header row (<th> cells in HTML)")
		}
		a.links(i, b, links)
	}
	return a.out
}

// PostAccessibility are sd's accessibility findings as the site's
// context reads them (its other language, its own generic link texts),
// not silenced; src and ms are its source and the pair's alignment for a
// translation, nil for a post read alone.
func (cx *Context) PostAccessibility(sd Side, src *Side, ms []align.Match) []model.Finding {
	other := ""
	for _, l := range cx.Languages {
		if l != sd.Lang {
			other = l
			break
		}
	}
	var out []model.Finding
	for _, f := range Accessibility(sd, src, ms, other, cx.LinkText) {
		if !cx.Silences.Has(f.Path, f.Rule, f.Block) {
			out = append(out, f)
		}
	}
	return out
}

type accessCheck struct {
	sd    Side
	other string
	out   []model.Finding
}

// add adds a finding on block i (its key: a silence lasts until the
// block changes).
func (a *accessCheck) add(i int, rule string, sev model.Severity, field, format string, args ...any) {
	f := model.NewFinding(a.sd.Path, a.sd.line(i), rule, sev, field, format, args...)
	f.Block = DraftKey(a.sd.Doc.Blocks[i : i+1])
	a.out = append(a.out, f)
}

// image checks one image's alt text; srcAlt is its source image's (had:
// the translation's image has one).
func (a *accessCheck) image(i int, im *markup.Image, srcAlt string, had bool, src *Side) {
	alt := strings.TrimSpace(im.Alt)
	switch {
	case alt == "" && im.Decorative:
		return
	case alt == "":
		if had && strings.TrimSpace(srcAlt) != "" {
			a.add(i, RuleAltMissing, model.Warning, "", "this image has no alt text, where the source's has one (%[1]q): describe the image for people who cannot see it", srcAlt)
		} else {
			a.add(i, RuleAltMissing, model.Warning, "", "this image has no alt text: describe it for people who cannot see it (or mark it as decoration: alt=\"\" role=\"presentation\")")
		}
		return
	case fileLike(alt, im.Src):
		a.add(i, RuleAltFile, model.Warning, "", "the alt text %[1]q is a file name or an address: describe what the image shows", alt)
		return
	}
	if src != nil && had && sameWords(srcAlt, alt) && proseWords(alt, nil) >= 2 {
		a.add(i, RuleAltUntranslated, model.Warning, "", "this image's alt text is its source's, untranslated: %[1]q", alt)
	} else if a.other != "" && altInLanguage(alt, a.other, a.sd.Lang) {
		a.add(i, RuleAltUntranslated, model.Warning, "", "this image's alt text is in the other language: %[1]q", alt)
	}
	if n := utf8.RuneCountInString(alt); n > AltLong {
		a.add(i, RuleAltLong, model.Info, "", "this alt text is %[1]d characters long: screen readers read it in one go; keep it under %[2]d and put the rest in the text or a caption", n, AltLong)
	}
}

// altInLanguage is whether alt text is written in language other and not
// in lang, the post's: three words or more, two of other's commonest
// words among them, none of lang's (a name, a label, is in neither).
func altInLanguage(alt, other, lang string) bool {
	n, inOther, inLang, ok := languageWords(alt, other, lang, false)
	return ok && n >= 3 && inOther >= 2 && inLang == 0 && inOther*4 >= n
}

// fileLike is whether alt text is a file name or an address: the image's
// own name, a name with an image's extension, or a URL.
func fileLike(alt, src string) bool {
	l := strings.ToLower(alt)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") {
		return true
	}
	if base := strings.ToLower(path.Base(src)); base != "." && base != "/" && (l == base || l == strings.TrimSuffix(base, path.Ext(base))) && strings.ContainsAny(l, "_-.0123456789") {
		return true
	}
	switch path.Ext(l) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff":
		return !strings.Contains(l, " ")
	}
	return false
}

// links checks a block's link texts.
func (a *accessCheck) links(i int, b markup.Block, generic []string) {
	for _, lt := range linkTexts(b) {
		text := strings.TrimSpace(lt[1])
		key := strings.ToLower(strings.TrimFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))
		switch {
		case key == "":
		case text == lt[0] || strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://") || strings.HasPrefix(key, "www."):
			a.add(i, RuleLinkText, model.Info, "", "the link text is an address (%[1]s): screen readers spell it out; say where the link goes instead", text)
		case slices.Contains(generic, key):
			a.add(i, RuleLinkText, model.Warning, "", "the link text %[1]q says nothing out of context (screen reader users list the links of a page): say where it goes", text)
		}
	}
}

// linkTexts are a block's links and their texts ([target, text]), a run
// of spans with one target being one link.
func linkTexts(b markup.Block) [][2]string {
	var out [][2]string
	last := ""
	for _, s := range b.Spans {
		switch {
		case s.Link == "":
		case s.Link == last && len(out) > 0:
			out[len(out)-1][1] += s.Text
		default:
			out = append(out, [2]string{s.Link, s.Text})
		}
		last = s.Link
	}
	return out
}

// cellAlts are the alt texts of a table's images, in order.
func cellAlts(b markup.Block) []string {
	var out []string
	for _, r := range b.Rows {
		for _, c := range r.Cells {
			for _, p := range c.Pictures {
				out = append(out, p.Alt)
			}
		}
	}
	return out
}

// tableHeaded is whether a table has a header row with something in it.
func tableHeaded(b markup.Block) bool {
	for _, r := range b.Rows {
		if !r.Header {
			continue
		}
		for _, c := range r.Cells {
			for _, s := range c.Spans {
				if strings.TrimSpace(s.Text) != "" {
					return true
				}
			}
		}
	}
	return false
}
