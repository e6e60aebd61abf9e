package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tandem/check/typo"
	"tandem/model"
)

// French typography of a French post: its body and its per-language text
// fields (title, description, image alt), with fixes.

// TextFields are post p's front-matter fields of prose (what typography
// fixes and spelling checks): the per-language text fields the post
// has, but names and slugs.
func TextFields(s *model.Site, p *model.Post) []string {
	var out []string
	for _, f := range s.Schema.Fields {
		if f.Scope != model.PerLanguage || f.Kind != model.KindText && f.Kind != model.KindLongText {
			continue
		}
		switch f.Key {
		case "author", "authors", "slug", "url", "translationKey", "lang", "layout", "permalink", "aliases", "type":
			continue
		}
		if fl := p.Doc.Lookup(f.Key); fl != nil && fl.Kind == model.Scalar {
			out = append(out, f.Key)
		}
	}
	return out
}

// French reports whether typography checks p: a French post of a site
// whose typography check is not off.
func French(s *model.Site, p *model.Post) bool {
	return p != nil && p.Doc != nil && strings.HasPrefix(p.Lang, "fr") && s.Typography().Rules != "off"
}

// Setting is the site's typography setting and how its French posts
// write a no-break space, taken on the goroutine that owns the site, for
// checking text on another.
type Setting struct {
	rules, nbsp string
	site        typo.Style
}

// SettingOf takes s's setting (SiteStyle: read once per site).
func SettingOf(s *model.Site) Setting {
	t := s.Typography()
	rules := t.Rules
	if rules == "" {
		rules = SiteRules(s) // the rules the site's own French follows
	}
	return Setting{rules: rules, nbsp: t.NBSP, site: SiteStyle(s)}
}

// SiteRules are the typography rules the site's French posts follow,
// learned by Survey: "france" when most of them put a space before ; ! and
// ? (France's rules), "" (Canada's) otherwise.
func SiteRules(s *model.Site) string { return learned(s).rules }

// frenchRules counts a French text's ; ! and ? after a space (France's
// rules) and right after a word (Canada's), where they end a clause: a
// letter, digit, », ) or space (no-break too, or as an entity) before
// the mark, and a space, the end, » or " after it. A mark so counted
// takes the character after it: the next one's must come later.
func frenchRules(text string) (spaced, tight int) {
	end := 0 // where the last mark counted (and what followed it) ends
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != ';' && c != '!' && c != '?' {
			continue
		}
		after := i + 1
		if after < len(text) {
			switch {
			case strings.IndexByte("\t\n\f\r \"", text[after]) >= 0:
				after++
			case strings.HasPrefix(text[after:], "»"):
				after += len("»")
			default:
				continue
			}
		}
		start, space := -1, false
		for _, e := range []string{"&nbsp;", "&#8239;", "&#160;"} {
			if strings.HasSuffix(text[:i], e) {
				start, space = i-len(e), true
				break
			}
		}
		if start < 0 {
			r, n := utf8.DecodeLastRuneInString(text[:i])
			switch {
			case r == ' ' || r == '\u00a0' || r == '\u202f':
				start, space = i-n, true
			case n > 0 && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || r == '»' || r == ')'):
				start = i - n
			}
		}
		if start < end {
			continue // no mark, or one inside the last one counted
		}
		if space {
			spaced++
		} else {
			tight++
		}
		end = after
		i = after - 1
	}
	return spaced, tight
}

// Body are the typography options for a French post's body text.
func (st Setting) Body(text string) typo.Options { return st.options(text, typo.Body) }

// options are the typography options for a text: the site's rules, and
// the no-break space written as the text already writes it (a body: as
// the file does when it is consistent, else as most of the site's French
// posts do), or as the site config says.
func (st Setting) options(text string, mode typo.Mode) typo.Options {
	opt := typo.Options{Mode: mode}
	if st.rules == "france" {
		opt.Rules = typo.France
	}
	switch st.nbsp {
	case "entity":
		opt.Style = typo.Entity
		if mode == typo.Field {
			opt.Style = fieldStyle(text)
		}
		return opt
	case "character":
		opt.Style = typo.Character
		return opt
	}
	if mode == typo.Field {
		opt.Style = fieldStyle(text)
		return opt
	}
	if style, ok := typo.StyleOf(text); ok {
		opt.Style = style
		return opt
	}
	opt.Style = st.site
	return opt
}

// BodyOptions are the typography options for a French post's body text.
func BodyOptions(s *model.Site, body string) typo.Options { return SettingOf(s).Body(body) }

// fieldStyle: a field is printed escaped by many layouts, where &nbsp;
// would show as written; the character always works, so a field gets it
// unless it already writes entities only.
func fieldStyle(text string) typo.Style {
	if st, ok := typo.StyleOf(text); ok && st == typo.Entity {
		return typo.Entity
	}
	return typo.Character
}

// SiteStyle is how most of the site's French posts write a no-break
// space (&nbsp; when none does). Survey reads it from their files, once
// per site: a window does so off its UI thread when it opens the site.
func SiteStyle(s *model.Site) typo.Style { return learned(s).style }

// Change is one typography fix in a post: in the body (Field "") or in a
// field, at a file line.
type Change struct {
	Field string
	Line  int
	Fix   typo.Fix
	// Before and After are the line (the field's value) before and
	// after the fix, for showing it.
	Before, After string
}

// Changes are the typography fixes post p needs.
func Changes(s *model.Site, p *model.Post) []Change {
	if !French(s, p) {
		return nil
	}
	body := string(p.Doc.Body())
	return append(FieldChanges(s, p), BodyChanges(body, p.Doc.BodyLine(), typo.Check(body, BodyOptions(s, body)))...)
}

// FieldChanges are the typography fixes of p's text fields.
func FieldChanges(s *model.Site, p *model.Post) []Change {
	if !French(s, p) {
		return nil
	}
	var out []Change
	for _, key := range TextFields(s, p) {
		fl := p.Doc.Lookup(key)
		v := fl.Value
		fixes := typo.Check(v, SettingOf(s).options(v, typo.Field))
		if len(fixes) == 0 {
			continue
		}
		after := typo.Apply(v, fixes)
		for _, fx := range fixes {
			out = append(out, Change{Field: key, Line: fl.Line, Fix: fx, Before: v, After: after})
		}
	}
	return out
}

// BodyChanges are fixes (from typo.Check) of body, whose first line is
// file line base, with their lines.
func BodyChanges(body string, base int, fixes []typo.Fix) []Change {
	var out []Change
	line, at := base, 0
	for i := 0; i < len(fixes); {
		fx := fixes[i]
		line += strings.Count(body[at:fx.Start], "\n")
		at = fx.Start
		ls := strings.LastIndexByte(body[:fx.Start], '\n') + 1
		le := strings.IndexByte(body[fx.Start:], '\n')
		if le < 0 {
			le = len(body)
		} else {
			le += fx.Start
		}
		j := i
		var onLine []typo.Fix
		for j < len(fixes) && fixes[j].Start <= le {
			f := fixes[j]
			f.Start, f.End = f.Start-ls, f.End-ls
			onLine = append(onLine, f)
			j++
		}
		before := body[ls:le]
		after := typo.Apply(before, onLine)
		for k := i; k < j; k++ {
			out = append(out, Change{Line: line, Fix: fixes[k], Before: before, After: after})
		}
		i = j
	}
	return out
}

// Findings are the typography findings of changes in the post at path:
// one per line and kind of fix.
func Findings(path string, changes []Change) []model.Finding {
	var out []model.Finding
	seen := map[[2]int]bool{}
	for _, c := range changes {
		k := [2]int{c.Line, int(c.Fix.Kind)}
		if seen[k] {
			continue
		}
		seen[k] = true
		// The kind's message is the format (it has no verbs): the window
		// translates it as the model's.
		out = append(out, model.NewFinding(path, c.Line, RuleTypography, model.Info, c.Field, c.Fix.Kind.Message(), noArgs...))
	}
	return out
}

// Typography is the typography findings of p: one per line and kind of
// fix.
func Typography(s *model.Site, p *model.Post) []model.Finding {
	return Findings(p.Path, Changes(s, p))
}

// Fix applies the typography fixes of p to its body and text fields in
// memory (the caller saves, through the ordinary save path), and returns
// what it changed.
func Fix(s *model.Site, p *model.Post) ([]Change, error) {
	changes := Changes(s, p)
	if len(changes) == 0 {
		return nil, nil
	}
	var bodyFixes []typo.Fix
	done := map[string]bool{}
	for _, c := range changes {
		if c.Field == "" {
			bodyFixes = append(bodyFixes, c.Fix)
			continue
		}
		if done[c.Field] {
			continue
		}
		done[c.Field] = true
		if err := p.Doc.Set(c.Field, c.After); err != nil {
			return nil, err
		}
	}
	if len(bodyFixes) > 0 {
		body := typo.Apply(string(p.Doc.Body()), bodyFixes)
		p.Doc.SetBody(func(dst []byte) []byte { return append(dst, body...) })
	}
	return changes, nil
}

var noArgs []any
