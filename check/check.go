// Package check checks a translation against its source, block by
// aligned block (numbers, links, images, structure, text left in the
// source language), and French typography with its fixes. Its findings
// are lint findings, on the translation's lines, naming the source's; a
// finding can be silenced for its blocks in the site (Silenced). It
// works on markup's blocks and the model, without Fyne.
package check

import (
	"crypto/sha1"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"tandem/check/terms"
	"tandem/l10n"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
)

// Rule ids, stable.
const (
	RuleNumber    = "translation-number"
	RuleLink      = "translation-link"
	RuleImage     = "translation-image"
	RuleStructure = "translation-structure"
	// RuleLinkLanguage is a translation that links to a page in the
	// source's language; RuleImageLanguage one that shows the source's
	// language-marked image where the site has the other language's.
	RuleLinkLanguage  = "translation-link-language"
	RuleImageLanguage = "translation-image-language"
	RuleSame          = "translation-same"
	RuleTypography    = "typography-fr"
	// RuleTerm is a source term whose translation does not follow the
	// site's termbase (terms.TermFile).
	RuleTerm = "translation-term"
	// RuleTermsUnreadable is a site termbase that cannot be read: the
	// checks and drafts go without its terms.
	RuleTermsUnreadable = "terms-unreadable"
)

// Rules are the checks' rule ids, in order.
var Rules = append([]string{RuleNumber, RuleLink, RuleLinkLanguage, RuleImage, RuleImageLanguage, RuleStructure, RuleSame, RuleTypography, RuleDraft, RuleTerm, RuleTermsUnreadable}, AccessibilityRules...)

// Context is what the checks read of the site, taken on the goroutine
// that owns it, for checks that may run on another: its languages and
// bilingual hosts, its pages, its silences.
type Context struct {
	Root      string
	Languages []string
	Hosts     []string
	// HostPairs are the hosts whose pages are on another host in the
	// other language: the languages' own base URLs (the site config's)
	// and the pairs learned from the site's pairs.
	HostPairs []HostPair
	// LinkPairs are the addresses the site's translations use in place
	// of the source's (Hosts holds the two addresses).
	LinkPairs []HostPair
	Pages     *model.Pages
	Silences  *Silences
	Drafts    *Drafts
	Terms     *terms.Termbase
	// bases are the learned links, keyed once for all the pairs (the
	// site's: siteState's).
	bases *linkBases
	// state is the site's checks' state (its files' readings).
	state *siteState
	// LinkText are the site's own generic link texts (.tandem.yml).
	LinkText []string
}

// HostPair is a host of one language whose pages are on another host in
// the other: Hosts[i] is Langs[i]'s.
type HostPair struct {
	Langs, Hosts [2]string
}

// NewContext takes s's context now (it reads the silence file).
func NewContext(s *model.Site) *Context {
	cx := ContextOf(s)
	cx.ReadSilences()
	return cx
}

// ContextOf takes s's context without reading its silences: ReadSilences
// reads them, on any goroutine (a window's UI thread does no disk work).
func ContextOf(s *model.Site) *Context {
	pg := s.Pages()
	st := stateOf(s)
	cx := &Context{Root: s.Root, Languages: s.Languages, Hosts: s.Hosts(), Pages: pg, HostPairs: SiteHostPairs(s), LinkPairs: SiteLinkPairs(s), bases: &st.bases, state: st, LinkText: s.Accessibility().LinkText}
	own := pg.Hosts()
	for i, a := range s.Languages {
		for _, b := range s.Languages[i+1:] {
			if own[a] != "" && own[b] != "" && own[a] != own[b] {
				cx.HostPairs = append(cx.HostPairs, HostPair{Langs: [2]string{a, b}, Hosts: [2]string{own[a], own[b]}})
			}
		}
	}
	return cx
}

// ReadSilences reads the site's silence file (cached while it is
// unchanged).
func (cx *Context) ReadSilences() {
	st := cx.state
	if st == nil {
		st = &siteState{} // a Context made by hand: read, not kept
	}
	cx.Silences, cx.Drafts, cx.Terms = silencedAt(st, cx.Root), draftsAt(st, cx.Root), termsAt(st, cx.Root)
}

// Side is one post of a pair with its rendered blocks, as the checks
// read it: a snapshot, safe on another goroutine.
type Side struct {
	Path, Lang string
	BodyLine   int
	// Images are the post's own image fields' values (image, thumb): a
	// localized image in the body is allowed where the posts' own are.
	Images []string
	Doc    *markup.Doc
	// Body is the post's body as Doc was rendered from: the model's
	// bytes, which an edit replaces and never changes.
	Body []byte
	// File is the id git gives the file Body was read from (FileID),
	// for the stale check to tell a file unchanged since a commit; zero
	// when not known (a body given by the caller, or being edited).
	File [20]byte
}

// FileID is the id git gives a file of content raw: its blob's hash.
func FileID(raw []byte) [20]byte {
	d := sha1.New()
	fmt.Fprintf(d, "blob %d\x00", len(raw))
	d.Write(raw)
	var id [20]byte
	copy(id[:], d.Sum(nil))
	return id
}

// SideOf takes p's snapshot with d, its body rendered.
func SideOf(p *model.Post, d *markup.Doc) Side {
	sd := Side{Path: p.Path, Lang: p.Lang, BodyLine: p.Doc.BodyLine(), Doc: d, Body: p.Doc.Body()}
	for _, k := range []string{"image", "thumb", "image-translation"} {
		if v := strings.TrimSpace(p.Doc.Get(k)); v != "" {
			sd.Images = append(sd.Images, v)
		}
	}
	return sd
}

// line is the file line of block i's first line.
func (sd Side) line(i int) int {
	return sd.BodyLine - 1 + sd.Doc.Blocks[i].Line
}

// Translation checks target against source, given their alignment (see
// align.Blocks), and returns the findings that are not silenced.
func Translation(cx *Context, source, target Side, matches []align.Match) []model.Finding {
	return (&Memo{}).Translation(cx, source, target, matches)
}

// Memo keeps the findings of each match from one run of the checks to
// the next, by the blocks' content and lines: after a keystroke, only the
// match of the edited block is checked again. A memo is for one pair,
// used by one goroutine at a time.
type Memo struct {
	silences *Silences
	drafts   *Drafts
	terms    *terms.Termbase
	paths    [2]string
	runs     map[uint64][]model.Finding
}

// Translation is the package's Translation, reusing the findings of the
// matches that have not changed since the memo's last run.
func (mo *Memo) Translation(cx *Context, source, target Side, matches []align.Match) []model.Finding {
	if source.Doc == nil || target.Doc == nil {
		return nil
	}
	if mo.silences != cx.Silences || mo.drafts != cx.Drafts || mo.terms != cx.Terms || mo.paths != [2]string{source.Path, target.Path} {
		mo.runs = nil
	}
	mo.silences, mo.drafts, mo.terms, mo.paths = cx.Silences, cx.Drafts, cx.Terms, [2]string{source.Path, target.Path}
	old := mo.runs
	mo.runs = make(map[uint64][]model.Finding, len(matches))
	c := &pairCheck{src: source, tgt: target, links: newLinkSet(cx, source.Lang, target.Lang), silenced: cx.Silences, drafts: cx.Drafts, termbase: cx.Terms}
	for k, m := range matches {
		key := c.memoKey(k, matches)
		if fs, ok := old[key]; ok {
			c.out = append(c.out, fs...)
			mo.runs[key] = fs
			continue
		}
		from := len(c.out)
		c.match(k, matches, m)
		c.drafted(k, matches, m)
		mo.runs[key] = c.out[from:len(c.out):len(c.out)]
	}
	return c.out
}

// memoKey names match k by what its findings depend on: its blocks'
// content and where it is in each post.
func (c *pairCheck) memoKey(k int, matches []align.Match) uint64 {
	h := fnv.New64a()
	var b [8]byte
	put := func(v uint64) {
		for i := range b {
			b[i] = byte(v >> (8 * i))
		}
		h.Write(b[:])
	}
	m := matches[k]
	for _, bl := range group(c.src, m.Src) {
		put(bl.Key)
	}
	put(0)
	for _, bl := range group(c.tgt, m.Tgt) {
		put(bl.Key)
	}
	srcLine := 0
	if m.Src != nil {
		srcLine = c.src.line(m.Src[0])
	}
	put(uint64(srcLine))
	put(uint64(c.at(k, matches)))
	return h.Sum64()
}

type pairCheck struct {
	src, tgt Side
	links    *linkSet
	silenced *Silences
	drafts   *Drafts
	termbase *terms.Termbase
	out      []model.Finding
}

// group is one side of a match: its blocks.
func group(sd Side, r *[2]int) []markup.Block {
	if r == nil {
		return nil
	}
	return sd.Doc.Blocks[r[0] : r[1]+1]
}

// at is where a finding about match k goes in the translation: its first
// block, else the end of the block before it (or the body's first line).
func (c *pairCheck) at(k int, matches []align.Match) int {
	if m := matches[k]; m.Tgt != nil {
		return c.tgt.line(m.Tgt[0])
	}
	for j := k - 1; j >= 0; j-- {
		if t := matches[j].Tgt; t != nil {
			b := c.tgt.Doc.Blocks[t[1]]
			return c.tgt.BodyLine - 1 + b.End
		}
	}
	return c.tgt.BodyLine
}

// addFix is add for a warning whose fix is a replacement in the
// translation's text.
func (c *pairCheck) addFix(k int, matches []align.Match, rule string, replace [2]string, format string, args ...any) {
	if c.add(k, matches, rule, model.Warning, format, args...) {
		c.out[len(c.out)-1].Replace = replace
	}
}

// add adds a finding on match k, and reports whether it did (it is not
// silenced).
func (c *pairCheck) add(k int, matches []align.Match, rule string, sev model.Severity, format string, args ...any) bool {
	m := matches[k]
	srcLine := 0
	if m.Src != nil {
		srcLine = c.src.line(m.Src[0])
	}
	key := blockKey(rule, group(c.src, m.Src), group(c.tgt, m.Tgt))
	if c.silenced.Has(c.tgt.Path, rule, key) {
		return false
	}
	f := model.NewFinding(c.tgt.Path, c.at(k, matches), rule, sev, "", format, args...)
	f.SourceLine, f.Block = srcLine, key
	c.out = append(c.out, f)
	return true
}

// NewTranslationFinding makes the finding of a check beside this
// package's (the stale check) on match m, which has blocks on both
// sides: on the translation block's line, naming the source's, with its
// blocks' key; nil when it is silenced.
func NewTranslationFinding(cx *Context, source, target Side, m align.Match, rule string, sev model.Severity, format string, args ...any) *model.Finding {
	key := blockKey(rule, group(source, m.Src), group(target, m.Tgt))
	if cx.Silences.Has(target.Path, rule, key) {
		return nil
	}
	f := model.NewFinding(target.Path, target.line(m.Tgt[0]), rule, sev, "", format, args...)
	f.SourceLine, f.Block = source.line(m.Src[0]), key
	return &f
}

// PlainText is a group of blocks' text as shown, code included.
func PlainText(g []markup.Block) string {
	var b strings.Builder
	for _, bl := range g {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(textOf([]markup.Block{bl}))
		b.WriteString(bl.Code)
		if bl.Image != nil {
			b.WriteString(bl.Image.Alt)
		}
	}
	return b.String()
}

// blockKey names a finding's blocks by their content, so a silence lasts
// until either side's text changes.
func blockKey(rule string, a, b []markup.Block) string {
	h := fnv.New64a()
	h.Write([]byte(rule))
	for _, g := range [][]markup.Block{a, b} {
		h.Write([]byte{0})
		for _, bl := range g {
			fmt.Fprintf(h, "%x,", bl.Key)
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// missingFormat is the message of a source block without counterpart,
// by its kind.
func missingFormat(b markup.Block) string {
	switch {
	case b.Kind == markup.Heading:
		return "the heading at line %d of the source has no counterpart in the translation"
	case b.Depth > 0:
		return "the list item at line %d of the source has no counterpart in the translation"
	case b.Kind == markup.CodeBlock:
		return "the code block at line %d of the source has no counterpart in the translation"
	case b.Kind == markup.Table:
		return "the table at line %d of the source has no counterpart in the translation"
	case b.Kind == markup.ImageBlock || b.Image != nil:
		return "the image at line %d of the source has no counterpart in the translation"
	}
	return "the paragraph at line %d of the source has no counterpart in the translation"
}

func (c *pairCheck) match(k int, matches []align.Match, m align.Match) {
	sl, tl := c.src.Lang, c.tgt.Lang
	src, tgt := group(c.src, m.Src), group(c.tgt, m.Tgt)
	if len(tgt) == 0 {
		b := src[0]
		if b.Kind == markup.Rule || b.Kind == markup.Note || blankBlock(b) {
			return // a rule, a placeholder: nothing to translate
		}
		c.add(k, matches, RuleStructure, model.Warning, missingFormat(b), c.src.line(m.Src[0]))
		return
	}
	if len(src) == 0 {
		return // a block the translation adds: a translator's note
	}
	srcLine := c.src.line(m.Src[0])
	c.shape(k, matches, src, tgt, srcLine)
	st, tt := textOf(src), textOf(tgt)
	c.terms(k, matches, st, tt, srcLine)
	// Numbers, both ways.
	if l10n.MayHaveNumbers(st) || l10n.MayHaveNumbers(tt) {
		ns, nt := l10n.Numbers(st, sl), l10n.Numbers(tt, tl)
		c.differ(k, matches, RuleNumber, l10n.Missing(ns, nt), l10n.Missing(nt, ns), srcLine,
			"%[2]s here, where the source (line %[3]d) has %[1]s",
			"%[1]s in the source (line %[2]d) is not in the translation",
			"%[1]s is not in the source (line %[2]d)")
	}
	// Links.
	tl2 := linksOf(tgt)
	wrong := map[string]bool{}
	for _, l := range tl2 {
		if bad, right := c.links.wrongLanguage(l); bad && !wrong[l] {
			wrong[l] = true
			if right != "" {
				c.addFix(k, matches, RuleLinkLanguage, [2]string{l, right},
					"the link to %[1]s goes to the source's language; the page in this language is %[2]s (source line %[3]d)", l, right, srcLine)
			} else {
				c.add(k, matches, RuleLinkLanguage, model.Warning, "the link to %[1]s goes to a page in the source's language (source line %[2]d)", l, srcLine)
			}
		}
	}
	onlyS, onlyT, _ := c.links.unmatched(linksOf(src), tl2)
	// A link already said to be in the wrong language is not said twice.
	onlyT = slices.DeleteFunc(onlyT, func(l string) bool { return wrong[l] })
	c.differ(k, matches, RuleLink, onlyS, onlyT, srcLine,
		"a link to %[2]s here, where the source (line %[3]d) links to %[1]s",
		"the link to %[1]s in the source (line %[2]d) is not in the translation",
		"the link to %[1]s is not in the source (line %[2]d)")
	// Images: the source's language-marked picture shown as it is.
	srcImages := imagesOf(src)
	for _, im := range imagesOf(tgt) {
		if !slices.Contains(srcImages, im) || l10n.ImageLanguage(im) != sl[:min(2, len(sl))] {
			continue
		}
		if right := l10n.SwapImageMarker(im, sl, tl); right != "" {
			c.addFix(k, matches, RuleImageLanguage, [2]string{im, right},
				"the image %[1]s is the source language's version; this language's is likely %[2]s (source line %[3]d)", im, right, srcLine)
		} else {
			c.add(k, matches, RuleImageLanguage, model.Warning,
				"the image %[1]s is the source language's version, named so (source line %[2]d)", im, srcLine)
		}
	}
	imS, imT := c.images(srcImages, imagesOf(tgt))
	c.differ(k, matches, RuleImage, imS, imT, srcLine,
		"the image %[2]s here, where the source (line %[3]d) has %[1]s",
		"the image %[1]s in the source (line %[2]d) is not in the translation",
		"the image %[1]s is not in the source (line %[2]d)")
	// Prose left in the source language.
	if prose(src) && prose(tgt) && c.leftUntranslated(src, tgt) {
		c.add(k, matches, RuleSame, model.Warning, "this text is still in the source's language (line %[1]d)", srcLine)
	}
}

// leftUntranslated reports whether a match's translation, or one of its
// blocks where the aligner grouped several (a paragraph merged into the
// next, its neighbour translated), is still in the source's language.
func (c *pairCheck) leftUntranslated(src, tgt []markup.Block) bool {
	sl, tl := c.src.Lang, c.tgt.Lang
	if untranslated(proseText(src), proseText(tgt), sl, tl) {
		return true
	}
	if len(tgt) == 1 && len(src) == 1 {
		return false
	}
	srcTexts := make([]string, len(src)) // each made once, not once a target block
	for i := range src {
		srcTexts[i] = proseText(src[i : i+1])
	}
	for i := range tgt {
		t := proseText(tgt[i : i+1])
		for _, st := range srcTexts {
			if untranslated(st, t, sl, tl) {
				return true
			}
		}
	}
	return false
}

// differ says what only the source (onlyS) and only the translation
// (onlyT) have: one finding with both when both have something (format
// both: the source's, the translation's, the source's line), else one
// with what one side has (the list, the line).
func (c *pairCheck) differ(k int, matches []align.Match, rule string, onlyS, onlyT []string, srcLine int, both, source, target string) {
	switch {
	case len(onlyS) > 0 && len(onlyT) > 0:
		c.add(k, matches, rule, model.Warning, both, strings.Join(onlyS, ", "), strings.Join(onlyT, ", "), srcLine)
	case len(onlyS) > 0:
		c.add(k, matches, rule, model.Warning, source, strings.Join(onlyS, ", "), srcLine)
	case len(onlyT) > 0:
		c.add(k, matches, rule, model.Warning, target, strings.Join(onlyT, ", "), srcLine)
	}
}

// shape compares a 1-1 match's shapes: heading level, table columns,
// code.
func (c *pairCheck) shape(k int, matches []align.Match, src, tgt []markup.Block, srcLine int) {
	if len(src) != 1 || len(tgt) != 1 {
		return
	}
	a, b := src[0], tgt[0]
	switch {
	case a.Kind == markup.Heading && b.Kind == markup.Heading && a.Level != b.Level:
		c.add(k, matches, RuleStructure, model.Warning, "a heading of level %[1]d, where the source (line %[3]d) has level %[2]d", b.Level, a.Level, srcLine)
	case a.Kind != b.Kind && (a.Kind == markup.Heading || b.Kind == markup.Heading || a.Kind == markup.Table || b.Kind == markup.Table || a.Kind == markup.CodeBlock || b.Kind == markup.CodeBlock):
		c.add(k, matches, RuleStructure, model.Warning, "this block is not of the kind of its source's (line %d): a heading, a table or code for another kind", srcLine)
	case a.Kind == markup.Table && b.Kind == markup.Table && columns(a) != columns(b):
		c.add(k, matches, RuleStructure, model.Warning, "a table of %[1]d columns, where the source (line %[3]d) has %[2]d", columns(b), columns(a), srcLine)
	case a.Kind == markup.CodeBlock && b.Kind == markup.CodeBlock && codeLines(a.Code) != codeLines(b.Code):
		c.add(k, matches, RuleStructure, model.Warning, "this code differs from the source's (line %[1]d)", srcLine)
	}
}

func columns(b markup.Block) int {
	n := 0
	for _, r := range b.Rows {
		n = max(n, len(r.Cells))
	}
	return n
}

// codeLines is code without its comment lines and blank lines (a
// translator may translate comments).
func codeLines(code string) string {
	var keep []string
	for _, l := range strings.Split(code, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || strings.HasPrefix(t, "<!--") || strings.HasPrefix(t, "--") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*") {
			continue
		}
		keep = append(keep, t)
	}
	return strings.Join(keep, "\n")
}

func blankBlock(b markup.Block) bool {
	return strings.TrimSpace(textOf([]markup.Block{b})) == "" && b.Image == nil && b.Kind != markup.CodeBlock && b.Kind != markup.Table
}

// prose reports whether a group is text to translate: paragraphs,
// headings, list items, quotes.
func prose(g []markup.Block) bool {
	for _, b := range g {
		if b.Kind != markup.Paragraph && b.Kind != markup.Heading || b.Image != nil {
			return false
		}
	}
	return true
}

// EachSpan calls f with every span of a group of blocks (table cells
// too).
func EachSpan(g []markup.Block, f func(markup.Span)) { spansOf(g, f) }

// spansOf calls f with every span of a group (table cells too).
func spansOf(g []markup.Block, f func(markup.Span)) {
	for _, b := range g {
		for _, s := range b.Spans {
			f(s)
		}
		for _, r := range b.Rows {
			for _, cl := range r.Cells {
				for _, s := range cl.Spans {
					f(s)
				}
			}
		}
	}
}

// textOf is a group's text for numbers: no code, no placeholders.
func textOf(g []markup.Block) string {
	var b strings.Builder
	b.Grow(spansSize(g, 1)) // made once: grown as it went, a fifth more garbage
	spansOf(g, func(s markup.Span) {
		if s.Style&(markup.Code|markup.Placeholder|markup.Invisible) != 0 || s.Link != "" && s.Text == s.Link {
			b.WriteByte(' ')
			return
		}
		b.WriteString(s.Text)
	})
	return b.String()
}

// proseText is a group's text for the language test: no code, links or
// placeholders.
func proseText(g []markup.Block) string {
	var b strings.Builder
	b.Grow(spansSize(g, len(" · ")))
	spansOf(g, func(s markup.Span) {
		if s.Style&(markup.Code|markup.Placeholder|markup.Invisible) != 0 || s.Link != "" {
			b.WriteString(" · ")
			return
		}
		b.WriteString(s.Text)
	})
	return b.String()
}

// spansSize is at most how long a group's text is when each span is its
// text or a mark of at most mark bytes.
func spansSize(g []markup.Block, mark int) int {
	n := 0
	spansOf(g, func(s markup.Span) { n += max(len(s.Text), mark) })
	return n
}

func linksOf(g []markup.Block) []string {
	var out []string
	last := ""
	spansOf(g, func(s markup.Span) {
		if s.Link != "" && s.Link != last && !strings.HasPrefix(s.Link, "#") {
			out = append(out, s.Link)
		}
		last = s.Link
	})
	for _, b := range g {
		if b.Image != nil && b.Image.Link != "" {
			out = append(out, b.Image.Link)
		}
	}
	return out
}

func imagesOf(g []markup.Block) []string {
	var out []string
	for _, b := range g {
		if b.Image != nil && b.Image.Src != "" {
			out = append(out, b.Image.Src)
		}
		for _, r := range b.Rows {
			for _, c := range r.Cells {
				out = append(out, c.Images...)
			}
		}
	}
	return out
}

// images are the images of a and b without counterpart, allowing a
// localized image: the same name with a language marker, or the pair's
// own image fields (image, thumb) in each post.
func (c *pairCheck) images(a, b []string) (onlyA, onlyB []string) {
	used := make([]bool, len(b))
	own := func(sd Side, src string) bool {
		for _, v := range sd.Images {
			if v == src || strings.HasSuffix(src, "/"+strings.TrimLeft(v, "/")) {
				return true
			}
		}
		return false
	}
	for _, x := range a {
		found := false
		for j, y := range b {
			if !used[j] && (x == y || l10n.LocalizedImage(x, y) || own(c.src, x) && own(c.tgt, y)) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			onlyA = append(onlyA, x)
		}
	}
	for j, y := range b {
		if !used[j] {
			onlyB = append(onlyB, y)
		}
	}
	return onlyA, onlyB
}

// Pair renders and aligns a pair's posts (loaded) and checks its
// translation: the findings of Translation and of Typography.
func Pair(s *model.Site, pr *model.Pair) []model.Finding {
	return NewContext(s).Scan(PairTextOf(s, pr, nil), SettingOf(s), SiteRatio(s), nil, nil)
}

// More is a check beside this package's that reads a pair's aligned
// blocks (the stale check): the whole-site pass (workspace.Site.Lint)
// runs it on each pair.
type More func(cx *Context, source, target Side, matches []align.Match) []model.Finding
