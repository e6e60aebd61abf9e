// Package memory is a translation memory made of the site's own pairs:
// their aligned blocks, and the sentences of aligned paragraphs that
// split alike. For a source text it finds the best earlier translations,
// scored 0 to 100 as OmegaT does (an edit distance on words, with
// Markdown, numbers and link targets masked), and carries the current
// numbers and links into a translation that differs only in them. It
// writes the memory as TMX 1.4b for translators' other tools.
package memory

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"tandem/bug"
	"tandem/check"
	"tandem/distance"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
)

// Unit is one translation unit: a source text and its translation, in
// Markdown (a block as written) or plain text (a sentence).
type Unit struct {
	Source, Target string
	// From is the translation's place: its post's path and line.
	Path string
	Line int
	// Sentence: a sentence of a paragraph, not a whole block.
	Sentence bool

	plain  string   // the source's text as shown, for matching
	tokens []string // its words, masked
}

// Memory is a site's translation memory from one language to another.
type Memory struct {
	Source, Target string // language codes

	mu     sync.RWMutex
	units  []*Unit
	byPair map[string][]*Unit // by the translation's path
	index  map[string][]*Unit // word → units whose source has it
}

// Suggestion is an earlier translation for a text.
type Suggestion struct {
	Score  int    `json:"score"`
	Source string `json:"source"`
	Target string `json:"target"`
	From   string `json:"from"`
	// Adapted: the current text's numbers or links were carried into
	// the translation (the stored source differed only in them).
	Adapted bool `json:"-"`
}

// MinScore is the least score a suggestion is shown with.
const MinScore = 60

// Build makes the memory of the site's pairs from its source language to
// its translations' (the posts are loaded: a site opened with
// model.OpenFrontMatter is read whole here). It reads and renders every
// pair, on all processors.
func Build(s *model.Site) *Memory { return BuildFrom(s, s.SourceLang()) }

// BuildFrom makes the memory from language src to the site's other one.
func BuildFrom(s *model.Site, src string) *Memory {
	tgt := ""
	for _, l := range s.Languages {
		if l != src {
			tgt = l
			break
		}
	}
	m := New(src, tgt)
	ratio := check.SiteRatio(s)
	per := make([][]*Unit, len(s.Pairs))
	model.Parallel(len(s.Pairs), func(i int) {
		// A pair whose render fails (a bug in Tandem, reported and
		// logged) adds nothing; lint says so on its posts.
		_ = bug.Catch("index a pair for the memory", func() { per[i] = m.pairUnits(s, s.Pairs[i], ratio) })
	})
	for i, us := range per {
		m.add(m.key(s.Pairs[i]), us)
	}
	return m
}

// pairUnits are a pair's units, its posts read, rendered and aligned
// as the checks read them (check.Text: a partial post's file is read and
// let go, not loaded into the site).
func (m *Memory) pairUnits(s *model.Site, pr *model.Pair, ratio float64) []*Unit {
	sp, tp := pr.Post(m.Source), pr.Post(m.Target)
	if sp == nil || tp == nil || sp.Doc == nil || tp.Doc == nil {
		return nil
	}
	st, tt := check.TextOf(s, sp, nil), check.TextOf(s, tp, nil)
	if st.Read() != nil || tt.Read() != nil {
		return nil // lint says what is wrong with the file
	}
	ss, ts := st.Side(), tt.Side()
	return Units(check.Aligned{Source: ss, Target: ts, Matches: align.BlocksWith(ss.Doc.Blocks, ts.Doc.Blocks, ratio)})
}

// Units are an aligned pair's units: its aligned blocks one to one, and
// the sentences of aligned paragraphs with as many sentences on each
// side.
func Units(a check.Aligned) []*Unit {
	ds, dt := a.Source.Doc, a.Target.Doc
	srcLines := strings.Split(strings.ReplaceAll(string(a.Source.Body), "\r\n", "\n"), "\n")
	tgtLines := strings.Split(strings.ReplaceAll(string(a.Target.Body), "\r\n", "\n"), "\n")
	base := a.Target.BodyLine - 1
	path := a.Target.Path
	var out []*Unit
	for _, mt := range a.Matches {
		if !oneToOne(mt) {
			continue
		}
		sb, tb := ds.Blocks[mt.Src[0]:mt.Src[1]+1], dt.Blocks[mt.Tgt[0]:mt.Tgt[1]+1]
		if !translatable(sb) || !translatable(tb) || !sameShape(sb[0], tb[0]) ||
			!ownLines(ds.Blocks, mt.Src[0]) || !ownLines(dt.Blocks, mt.Tgt[0]) || !plausibleLength(plainText(sb), plainText(tb)) {
			continue
		}
		u := &Unit{Source: markdown(srcLines, sb), Target: markdown(tgtLines, tb), Path: path, Line: base + tb[0].Line, plain: plainText(sb)}
		if u.Source == "" || u.Target == "" {
			continue
		}
		out = append(out, u)
		// Sentences of one paragraph each side, split alike.
		if len(sb) == 1 && len(tb) == 1 {
			ss, ts := sentences(plainText(sb)), sentences(plainText(tb))
			if len(ss) > 1 && len(ss) == len(ts) {
				for i := range ss {
					out = append(out, &Unit{Source: ss[i], Target: ts[i], Path: path, Line: u.Line, Sentence: true, plain: ss[i]})
				}
			}
		}
	}
	for _, u := range out {
		u.tokens = tokens(u.plain)
	}
	return out
}

// MinConfidence is the least confidence (align.Match) of the matches
// the memory learns from.
const MinConfidence = 0.5

// oneToOne is whether a match is one block with one, confidently: the
// memory learns only what is surely aligned.
func oneToOne(mt align.Match) bool {
	return mt.Src != nil && mt.Tgt != nil && mt.Src[0] == mt.Src[1] && mt.Tgt[0] == mt.Tgt[1] && mt.Confidence >= MinConfidence
}

// sameShape is whether two blocks are of one kind: a heading of the same
// level, a list item at the same depth, a quote as deep, a table.
func sameShape(a, b markup.Block) bool {
	return a.Kind == b.Kind && a.Level == b.Level && a.Depth == b.Depth && a.Quote == b.Quote
}

// ownLines is whether block i of bs has its source lines to itself: a
// fragment of raw HTML that holds several blocks on its lines (a table's
// cells, a heading and its paragraphs in one HTML block) gives no block
// a text of its own to learn.
func ownLines(bs []markup.Block, i int) bool {
	b := bs[i]
	if b.Line < 1 || b.End < b.Line {
		return false
	}
	return (i == 0 || bs[i-1].End < b.Line) && (i+1 == len(bs) || bs[i+1].Line > b.End)
}

// plausibleLength is whether a translation's length is within what
// translations run: between 0.45 and 2.5 times its source's (a short
// heading aside).
func plausibleLength(src, tgt string) bool {
	ls, lt := float64(utf8.RuneCountInString(src)), float64(utf8.RuneCountInString(tgt))
	if ls < 24 && lt < 60 {
		return true
	}
	return lt >= 0.45*ls && lt <= 2.5*ls
}

// New is an empty memory from language src to tgt (Add fills it).
func New(src, tgt string) *Memory {
	return &Memory{Source: src, Target: tgt, byPair: map[string][]*Unit{}, index: map[string][]*Unit{}}
}

// Add indexes a pair's units (Units) under key, its translation's path.
func (m *Memory) Add(key string, us []*Unit) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.add(key, us)
}

// Translatable reports whether a group of blocks is text a translator
// writes (not code, rules, placeholders, images alone).
func Translatable(g []markup.Block) bool { return translatable(g) }

// PlainText is a group's text as shown: no Markdown, no placeholders.
func PlainText(g []markup.Block) string { return plainText(g) }

// translatable: text a translator writes (not code, rules, placeholders,
// images alone).
func translatable(g []markup.Block) bool {
	for _, b := range g {
		if b.Kind != markup.Paragraph && b.Kind != markup.Heading && b.Kind != markup.Table || b.Image != nil && len(b.Spans) == 0 {
			return false
		}
	}
	return true
}

// markdown is a group of blocks as written: their source lines.
func markdown(lines []string, g []markup.Block) string {
	from, to := g[0].Line-1, g[len(g)-1].End
	if from < 0 || to > len(lines) || from >= to {
		return ""
	}
	return strings.TrimSpace(strings.Join(lines[from:to], "\n"))
}

// plainText is a group's text as shown: no Markdown, no placeholders.
func plainText(g []markup.Block) string {
	var b strings.Builder
	for _, bl := range g {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		check.EachSpan([]markup.Block{bl}, func(s markup.Span) {
			if s.Style&(markup.Placeholder|markup.Invisible) == 0 {
				b.WriteString(s.Text)
			}
		})
	}
	return strings.TrimSpace(b.String())
}

// sentences splits text after . ! ? … followed by a space and a capital
// (not after a single capital: initials).
func sentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(".!?…", rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("»”\")’", rs[j]) {
			j++
		}
		if j+1 >= len(rs) || !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && (unicode.IsUpper(rs[k]) || rs[k] == '«' || rs[k] == '“') && !(i >= 2 && unicode.IsUpper(rs[i-1]) && !unicode.IsLetter(rs[i-2])) {
			if s := strings.TrimSpace(string(rs[start:j])); s != "" {
				out = append(out, s)
			}
			start = k
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// tokens are a text's words in lower case, numbers masked as #, URLs as
// @.
func tokens(text string) []string {
	var out []string
	rs := []rune(text)
	sep := func(i int) bool {
		r := rs[i]
		if (r == ',' || r == '.' || r == '\u00a0' || r == '\u202f') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			return false // 1,200 and 1 200 are one number
		}
		return unicode.IsSpace(r) || strings.ContainsRune(",;:!?()[]«»“”\"…", r)
	}
	for i := 0; i < len(rs); {
		for i < len(rs) && sep(i) {
			i++
		}
		j := i
		for j < len(rs) && !sep(j) {
			j++
		}
		f := strings.Trim(string(rs[i:j]), ".'’*_")
		i = j
		switch {
		case f == "":
		case strings.Contains(f, "://") || strings.HasPrefix(f, "www."):
			out = append(out, "@")
		case strings.IndexFunc(f, unicode.IsDigit) >= 0 && strings.IndexFunc(f, unicode.IsLetter) < 0:
			out = append(out, "#")
		default:
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

// key is a pair's in the memory: its translation's path (its source's
// when it has none).
func (m *Memory) key(pr *model.Pair) string {
	if p := pr.Post(m.Target); p != nil {
		return p.Path
	}
	if p := pr.Post(m.Source); p != nil {
		return p.Path
	}
	return ""
}

func (m *Memory) add(key string, us []*Unit) {
	m.byPair[key] = us
	m.units = append(m.units, us...)
	for _, u := range us {
		seen := map[string]bool{}
		for _, t := range u.tokens {
			if !seen[t] {
				seen[t] = true
				m.index[t] = append(m.index[t], u)
			}
		}
	}
}

// Update makes pair pr's units again, after its posts changed (they are
// loaded); the memory may be another instance of the site's.
func (m *Memory) Update(s *model.Site, pr *model.Pair) {
	var us []*Unit
	if bug.Catch("index a pair for the memory", func() { us = m.pairUnits(s, pr, check.SiteRatio(s)) }) != nil {
		return // the pair keeps its former units
	}
	key := m.key(pr)
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.byPair[key]
	if len(old) > 0 {
		drop := map[*Unit]bool{}
		for _, u := range old {
			drop[u] = true
		}
		keep := func(list []*Unit) []*Unit {
			out := list[:0]
			for _, u := range list {
				if !drop[u] {
					out = append(out, u)
				}
			}
			return out
		}
		m.units = keep(m.units)
		for t, list := range m.index {
			m.index[t] = keep(list)
		}
	}
	m.add(key, us)
}

// Len is how many units the memory holds.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.units)
}

// Units are the memory's units, in the site's order of pairs.
func (m *Memory) Units() []*Unit {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return append([]*Unit(nil), m.units...)
}

// Suggest finds the best earlier translations of text (a source block as
// shown: plain text; markdown is the same block as written, for carrying
// its links), leaving out those from the post at exclude, best first,
// scored MinScore or more; n at most.
func (m *Memory) Suggest(text, markdown, exclude string, n int) []Suggestion {
	q := tokens(text)
	if len(q) == 0 {
		return nil
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	// Candidates: the units that share words with the text, the most
	// first (an edit distance for each unit of the site would be slow).
	overlap := map[*Unit]int{}
	seen := map[string]bool{}
	for _, t := range q {
		if seen[t] {
			continue
		}
		seen[t] = true
		list := m.index[t]
		if len(list) > len(m.units)/2 && len(m.units) > 20 {
			continue // a word most units have says little
		}
		for _, u := range list {
			overlap[u]++
		}
	}
	type cand struct {
		u *Unit
		n int
	}
	var cands []cand
	need := (len(seen)*2 + 4) / 5 // 40% of the words at least
	for u, k := range overlap {
		if k >= need && u.Path != exclude {
			cands = append(cands, cand{u, k})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].n != cands[j].n {
			return cands[i].n > cands[j].n
		}
		return cands[i].u.Line < cands[j].u.Line
	})
	if len(cands) > 200 {
		cands = cands[:200]
	}
	var out []Suggestion
	for _, c := range cands {
		score := Score(q, c.u.tokens)
		if score < MinScore {
			continue
		}
		sg := Suggestion{Score: score, Source: c.u.Source, Target: c.u.Target, From: c.u.Path + ":" + itoa(c.u.Line)}
		// The text's own numbers and links, in a fuzzy match too.
		t, changed := carry(c.u, text, markdown, m.Target)
		if changed {
			sg.Target, sg.Adapted = t, true
		}
		if score == 100 && (changed || c.u.plain != text && !c.u.Sentence) {
			sg.Score = 99 // not the same text: the same words
		}
		out = append(out, sg)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	out = dedupe(out)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// dedupe drops a suggestion whose translation an earlier one has.
func dedupe(ss []Suggestion) []Suggestion {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s.Target] {
			seen[s.Target] = true
			out = append(out, s)
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Score is OmegaT's kind of fuzzy score of two token lists: 100 less the
// share of words to change (an edit distance on words), 0 to 100.
func Score(a, b []string) int {
	if len(a) == 0 && len(b) == 0 {
		return 100
	}
	d := distance.Levenshtein(a, b, -1)
	longest := max(len(a), len(b))
	return int(100*float64(longest-d)/float64(longest) + 0.5)
}

// numbersIn are the numbers a text writes, in order (digits with their
// group and decimal separators).
func numbersIn(text string) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		if !unicode.IsDigit(rs[i]) || i > 0 && unicode.IsLetter(rs[i-1]) {
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsDigit(rs[j]) || j+1 < len(rs) && strings.ContainsRune(",. \u00a0\u202f", rs[j]) && unicode.IsDigit(rs[j+1])) {
			j++
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

// digits is a number's digits alone.
func digits(n string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, n)
}

// carry puts the current text's numbers and links into u's translation,
// where u's source has others in their place: the numbers (and links) of
// u's source that the text no longer has, and those the text has instead,
// as many of each, paired in order; a fuzzy match as much as an exact
// one. It reports whether it changed anything.
func carry(u *Unit, text, markdown, lang string) (string, bool) {
	target := u.Target
	changed := false
	gone, came := changedItems(numbersIn(u.plain), numbersIn(text), digits)
	if len(gone) == len(came) {
		for i := range gone {
			// The translation's number with the same digits, written
			// its way.
			for _, tn := range numbersIn(target) {
				if digits(tn) == digits(gone[i]) {
					target = strings.Replace(target, tn, regroup(came[i], tn, lang), 1)
					changed = true
					break
				}
			}
		}
	}
	if markdown != "" {
		gone, came := changedItems(linksIn(u.Source), linksIn(markdown), func(s string) string { return s })
		if len(gone) == len(came) {
			for i := range gone {
				if strings.Contains(target, "("+gone[i]+")") {
					target = strings.Replace(target, "("+gone[i]+")", "("+came[i]+")", 1)
					changed = true
				}
			}
		}
	}
	return target, changed
}

// changedItems are the items of was that now lacks and those of now that
// was lacks, in order, compared by key (as many times as each has them).
func changedItems(was, now []string, key func(string) string) (gone, came []string) {
	return lacking(was, now, key), lacking(now, was, key)
}

// lacking are the items of a that b does not have, in order (as many
// times as a has them more than b).
func lacking(a, b []string, key func(string) string) []string {
	left := map[string]int{}
	for _, x := range b {
		left[key(x)]++
	}
	var out []string
	for _, x := range a {
		if k := key(x); left[k] > 0 {
			left[k]--
		} else {
			out = append(out, x)
		}
	}
	return out
}

// regroup writes number n (as the source writes it) the way like writes
// numbers: its group and decimal separators, else as language lang does
// (French: a no-break space and a comma).
func regroup(n, like, lang string) string {
	sep, dec := "", ""
	for _, r := range like {
		if !unicode.IsDigit(r) {
			if sep == "" && len(digits(like)) > 3 && r != ',' {
				sep = string(r)
			} else if sep == "" && r == ',' && !strings.ContainsAny(like, ".") && len(like)-strings.IndexRune(like, ',') == 4 {
				sep = ","
			} else {
				dec = string(r)
			}
		}
	}
	// The source's integer and decimal parts.
	intPart, frac := n, ""
	if i := strings.LastIndexAny(n, ".,"); i >= 0 && len(n)-i-1 != 3 {
		intPart, frac = n[:i], n[i+1:]
	}
	d := digits(intPart)
	if sep == "" && strings.HasPrefix(lang, "fr") {
		sep = "\u00a0"
	} else if sep == "" {
		sep = ","
	}
	if len(d) > 3 {
		var b strings.Builder
		for i, r := range d {
			if i > 0 && (len(d)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
		}
		d = b.String()
	}
	if frac != "" {
		if dec == "" {
			dec = map[bool]string{true: ",", false: "."}[strings.HasPrefix(lang, "fr")]
		}
		d += dec + frac
	}
	return d
}

// linksIn are the link targets of Markdown text, in order.
func linksIn(md string) []string {
	var out []string
	for i := 0; i < len(md); {
		k := strings.Index(md[i:], "](")
		if k < 0 {
			break
		}
		start := i + k + 2
		end := strings.IndexByte(md[start:], ')')
		if end < 0 {
			break
		}
		if u := strings.Fields(md[start : start+end]); len(u) > 0 {
			out = append(out, u[0])
		}
		i = start + end
	}
	return out
}

// Block is the text of the block at file line of post p (rendered as d),
// as Suggest takes it: shown and as written; ok is false when no block
// of text is there.
func Block(p *model.Post, d *markup.Doc, line int) (text, md string, ok bool) {
	l := line - p.Doc.BodyLine() + 1
	i := d.BlockAt(l)
	if i < 0 || d.Blocks[i].Line > l {
		return "", "", false
	}
	g := d.Blocks[i : i+1]
	if !translatable(g) {
		return "", "", false
	}
	return plainText(g), markdown(strings.Split(p.Doc.BodyText(), "\n"), g), true
}
