package translate

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"tandem/check"
	"tandem/check/terms"
	"tandem/check/typo"
	"tandem/lines"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/memory"
	"tandem/model"
)

// Where a drafted block came from.
const (
	FromMemory       = "memory"
	FromFuzzy        = "fuzzy"
	FromEngine       = "engine"
	FromUntranslated = "untranslated"
)

// DefaultThreshold is the least score of a fuzzy match a draft takes.
const DefaultThreshold = 75

// Options say how to draft.
type Options struct {
	Memory    *memory.Memory // the site's translation memory; nil for none
	Engine    Engine         // nil: no text leaves the machine
	Threshold int            // 0: DefaultThreshold
	// Progress, when set, hears how many blocks of how many the engine
	// has translated.
	Progress func(done, total int)
	// Terms are the site's terms: an engine that takes a glossary
	// (DeepL) gets their preferred translations as one.
	Terms *terms.Termbase
}

// Block is one drafted block: its source's file lines, its lines in the
// drafted translation, where it came from and the match's score (100
// for an exact match from the memory, the fuzzy match's; 0 for an
// engine's or an untranslated block).
type Block struct {
	Source [2]int `json:"source"`
	Target [2]int `json:"target"`
	From   string `json:"from"`
	Score  int    `json:"score"`
	// Note says why an engine's translation was not taken (a mangled
	// block), in English.
	Note string   `json:"-"`
	keys []string // its blocks' keys in the draft file
}

// DraftKeys are the keys of the block's blocks, for the draft marks.
func (b Block) DraftKeys() []string { return b.keys }

// Result is a draft: the source and its translation (created when it had
// none: Created), with the drafted body set in the model (not saved: see
// Save), the blocks drafted and the engine's failure if it had one (the
// draft then fell back to the memory).
type Result struct {
	Source, Target *model.Post
	Created        bool
	Blocks         []Block
	EngineErr      error
}

// need is a source group without a translation.
type need struct {
	match  int
	src    [2]int // file lines
	md     string // the source's Markdown, as written
	plain  string
	transl bool // text a translator writes (else copied as it is)
	text   string
	from   string
	score  int
	note   string
}

// Draft drafts the translation of p's pair: every source block without a
// translation (no counterpart in the alignment, or still in the source's
// language) gets one, from the memory's exact matches, then its fuzzy
// ones at or above the threshold, then the engine, else the source's
// text. The translation post is created when the pair has none (with the
// shared fields and the pairing, as "Create French version" does).
func Draft(ctx context.Context, s *model.Site, p *model.Post, opt Options) (*Result, error) {
	pr := p.Pair
	src, tgt := s.SourceAndTarget(pr)
	if src == nil || src.Doc == nil {
		return nil, errors.New("the pair has no readable post in the source language to draft from")
	}
	res := &Result{Source: src}
	if tgt == nil {
		lang := ""
		for _, l := range s.Languages {
			if l != src.Lang {
				lang = l
				break
			}
		}
		if lang == "" {
			return nil, errors.New("the site has one language: there is nothing to translate into")
		}
		title := strings.TrimSpace(src.Doc.Get("title"))
		if title == "" {
			title = strings.TrimSuffix(src.Path, ".md")
		}
		var err error
		if tgt, err = s.PrepareTranslation(pr, lang, title); err != nil {
			return nil, err
		}
		res.Created = true
	}
	if tgt.Doc == nil {
		return nil, errors.New("the translation cannot be read: " + tgt.Path)
	}
	res.Target = tgt
	job := NewJob(s, src, tgt)
	body, blocks, err := job.Run(ctx, opt)
	res.EngineErr = err
	tgt.Doc.SetBodyText(body)
	res.Blocks = blocks
	return res, nil
}

// Job is a draft's work, taken on the goroutine that owns the site
// (NewJob: the two posts' texts, how they render, the site's ratio,
// links and typography) and run on any (Run: the memory, the engine's
// requests), so that a window drafts off its UI thread.
type Job struct {
	srcText, tgtText string
	srcOpt, tgtOpt   markup.Options
	ratio            float64
	srcLang, tgtLang string
	srcBase, tgtBase int // the lines before each body
	tgtPath          string
	cx               *check.Context
	setting          check.Setting
	french           bool
}

// NewJob takes the draft of tgt from src on the goroutine that owns s.
func NewJob(s *model.Site, src, tgt *model.Post) *Job {
	return &Job{srcText: src.Doc.BodyText(), tgtText: tgt.Doc.BodyText(), srcOpt: markup.ForText(s, src), tgtOpt: markup.ForText(s, tgt),
		ratio: check.SiteRatio(s), srcLang: src.Lang, tgtLang: tgt.Lang, srcBase: src.Doc.BodyLine() - 1, tgtBase: tgt.Doc.BodyLine() - 1, tgtPath: tgt.Path,
		cx: check.ContextOf(s), setting: check.SettingOf(s), french: check.French(s, tgt)}
}

// Run drafts: the translation's new body, the blocks drafted (their
// file lines once the body is the translation's, and their keys for the
// draft marks), and the engine's failure when it had one (its blocks are
// then the memory's or untranslated).
func (j *Job) Run(ctx context.Context, opt Options) (string, []Block, error) {
	if opt.Threshold == 0 {
		opt.Threshold = DefaultThreshold
	}
	var engineErr error
	srcText, tgtText := j.srcText, j.tgtText
	ds := markup.Render([]byte(srcText), j.srcOpt)
	dt := markup.Render([]byte(tgtText), j.tgtOpt)
	ms := align.BlocksWith(ds.Blocks, dt.Blocks, j.ratio)
	srcLines := strings.Split(srcText, "\n")
	sBase := j.srcBase

	// What needs a draft.
	var needs []*need
	for k, m := range ms {
		if m.Src == nil {
			continue
		}
		sb := ds.Blocks[m.Src[0] : m.Src[1]+1]
		if m.Tgt != nil && !check.Untranslated(sb, dt.Blocks[m.Tgt[0]:m.Tgt[1]+1], j.srcLang, j.tgtLang) {
			continue
		}
		first, last := sb[0].Line, sb[len(sb)-1].End
		if first < 1 || last > len(srcLines) || first > last {
			continue
		}
		// A fenced block's closing fence is its own too.
		if c, n := lines.FenceOpens(srcLines[first-1]); n > 0 {
			for l := first; l < len(srcLines); l++ {
				if lines.FenceCloses(srcLines[l], c, n) {
					last = max(last, l+1)
					break
				}
			}
		}
		if k := len(needs) - 1; k >= 0 && needs[k].src[1] >= sBase+first {
			// A fragment of raw HTML is several blocks on the same
			// lines: one draft.
			if sBase+last > needs[k].src[1] {
				needs[k].src[1] = sBase + last
				needs[k].md = strings.Join(srcLines[needs[k].src[0]-sBase-1:last], "\n")
				needs[k].plain += "\n" + memory.PlainText(sb)
				needs[k].transl = needs[k].transl || memory.Translatable(sb)
			}
			continue
		}
		md := strings.Join(srcLines[first-1:last], "\n")
		if strings.TrimSpace(md) == "" {
			continue
		}
		needs = append(needs, &need{match: k, src: [2]int{sBase + first, sBase + last}, md: md,
			plain: memory.PlainText(sb), transl: memory.Translatable(sb)})
	}

	// The memory, exact then fuzzy.
	var forEngine []*need
	for _, n := range needs {
		if !n.transl {
			n.text, n.from = n.md, FromUntranslated // code, HTML, an image: as it is
			continue
		}
		if opt.Memory != nil {
			if sg := opt.Memory.Suggest(n.plain, n.md, j.tgtPath, 1); len(sg) > 0 && sg[0].Score >= opt.Threshold {
				if text, ok := j.fit(n.md, sg[0].Target); ok {
					n.text, n.score, n.from = text, sg[0].Score, FromFuzzy
					if sg[0].Score == 100 {
						n.from = FromMemory
					}
					continue
				}
			}
		}
		forEngine = append(forEngine, n)
	}

	// The engine, for the rest.
	if opt.Engine != nil && len(forEngine) > 0 {
		ps := make([]Protected, len(forEngine))
		texts := make([]string, len(forEngine))
		for i, n := range forEngine {
			ps[i] = Protect(n.md)
			texts[i] = ps[i].Text
		}
		if g, ok := opt.Engine.(Glossaries); ok && opt.Terms != nil {
			var pairs [][2]string
			for _, c := range opt.Terms.Concepts {
				if s, t := c.Preferred(j.srcLang), c.Preferred(j.tgtLang); s != "" && t != "" {
					pairs = append(pairs, [2]string{s, t})
				}
			}
			if err := g.Glossary(ctx, pairs, j.srcLang, j.tgtLang); err != nil {
				engineErr = err // the draft goes on without the glossary
			}
		}
		out, err := opt.Engine.Translate(ctx, texts, j.srcLang, j.tgtLang)
		if err != nil {
			engineErr = err
		} else {
			for i, n := range forEngine {
				t, err := ps[i].Restore(out[i])
				if err != nil {
					n.note = err.Error()
					continue
				}
				t = localize(j.cx, t, j.srcLang, j.tgtLang)
				if j.french {
					t = typo.Apply(t, typo.Check(t, j.setting.Body(t)))
				}
				n.text, n.from = t, FromEngine
			}
		}
		if opt.Progress != nil {
			opt.Progress(len(forEngine), len(forEngine))
		}
	}
	for _, n := range needs {
		if n.from == "" {
			n.text, n.from = n.md, FromUntranslated
		}
	}

	body, placed := assemble(strings.Split(tgtText, "\n"), dt, ms, needs)
	// The drafted blocks' keys (for the draft marks), as the new body
	// renders, and their file lines.
	dn := markup.Render([]byte(body), j.tgtOpt)
	var blocks []Block
	for _, n := range needs {
		r := placed[n]
		b := Block{Source: n.src, Target: [2]int{j.tgtBase + r[0], j.tgtBase + r[1]}, From: n.from, Score: n.score, Note: n.note}
		for _, bl := range dn.Blocks {
			if bl.Line <= r[1] && bl.End >= r[0] { // every block on its lines: a raw-HTML fragment's too
				b.keys = append(b.keys, check.DraftKey([]markup.Block{bl}))
			}
		}
		blocks = append(blocks, b)
	}
	return body, blocks, engineErr
}

// blockMark is a Markdown block's marks at its start: quote markers,
// then a heading's hashes or a list item's marker.
var blockMark = regexp.MustCompile(`^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?`)

// fit is a translation from the memory made to take the place of source
// text md: with md's Markdown marks (its heading level, list marker and
// quote, not the stored translation's), and only when it then renders as
// md's blocks do, one for one and kind for kind (a unit that would bring
// in more, or other, blocks than its source has is not taken).
func (j *Job) fit(md, tgt string) (string, bool) {
	if !strings.HasPrefix(strings.TrimSpace(md), "<") && !strings.HasPrefix(strings.TrimSpace(tgt), "<") && !strings.Contains(md, "\n") && !strings.Contains(tgt, "\n") {
		tgt = blockMark.FindString(md) + strings.TrimLeft(tgt[len(blockMark.FindString(tgt)):], " \t")
	}
	a := markup.Render([]byte(md), j.srcOpt).Blocks
	b := markup.Render([]byte(tgt), j.tgtOpt).Blocks
	if len(a) != len(b) {
		return "", false
	}
	for i := range a {
		if a[i].Kind != b[i].Kind || a[i].Level != b[i].Level || a[i].Depth != b[i].Depth || a[i].Quote != b[i].Quote {
			return "", false
		}
	}
	return tgt, true
}

// assemble is the translation's body with the drafted blocks: a block
// still in the source's language replaced, a missing one put after the
// translation's blocks that come before it, a blank line between blocks;
// and each drafted block's lines in the new body (1-based).
func assemble(lines []string, dt *markup.Doc, ms []align.Match, needs []*need) (string, map[*need][2]int) {
	byMatch := map[int]*need{}
	for _, n := range needs {
		byMatch[n.match] = n
	}
	var out []string
	placed := map[*need][2]int{}
	cursor := 0 // the next line of the translation to copy (0-based)
	for cursor < len(lines)-1 && strings.TrimSpace(lines[cursor]) == "" {
		cursor++ // the blank lines the body starts with stay first
	}
	out = append(out, lines[:cursor]...)
	write := func(n *need) {
		if len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "" {
			out = append(out, "")
		}
		first := len(out) + 1
		out = append(out, strings.Split(n.text, "\n")...)
		placed[n] = [2]int{first, len(out)}
	}
	for k, m := range ms {
		n := byMatch[k]
		if m.Tgt == nil {
			if n != nil {
				write(n)
			}
			continue
		}
		first, last := dt.Blocks[m.Tgt[0]].Line-1, dt.Blocks[m.Tgt[1]].End
		first, last = min(max(first, cursor), len(lines)), min(max(last, cursor), len(lines))
		if n == nil {
			if len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "" && (cursor >= first || strings.TrimSpace(lines[cursor]) != "") {
				out = append(out, "") // after a drafted block
			}
			out = append(out, lines[cursor:last]...)
		} else if n.from == FromUntranslated {
			// Nothing better than the source's text: the translation's
			// own stays as it is (a word of it may be the translator's).
			out = append(out, lines[cursor:first]...)
			from := len(out) + 1
			out = append(out, lines[first:last]...)
			placed[n] = [2]int{from, len(out)}
		} else {
			out = append(out, lines[cursor:first]...)
			write(n)
		}
		cursor = last
	}
	rest := lines[cursor:]
	if len(placed) > 0 && len(rest) > 0 && strings.TrimSpace(rest[0]) != "" && len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "" {
		out = append(out, "")
	}
	out = append(out, rest...)
	body := strings.Join(out, "\n")
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return body, placed
}

// linkTarget finds link targets and image sources in Markdown and HTML.
var linkTarget = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)|(?:href|src)\s*=\s*["']([^"']+)["']`)

// localize writes a drafted text's links and images as the translation
// should have them (check.Context.Localized).
func localize(cx *check.Context, text, src, tgt string) string {
	return linkTarget.ReplaceAllStringFunc(text, func(m string) string {
		sub := linkTarget.FindStringSubmatch(m)
		l := sub[1] + sub[2]
		if r := cx.Localized(l, src, tgt); r != l {
			return strings.Replace(m, l, r, 1)
		}
		return m
	})
}

// Save writes the draft: the translation (and the source when creating
// the translation changed its link to it) and the draft marks, beside
// the silences, of its drafted blocks.
func (r *Result) Save(root string) error {
	save := r.Target.Save
	if r.Created {
		save = func() error { return r.Target.Site().CreatePost(r.Target) }
	}
	if err := save(); err != nil {
		return err
	}
	if r.Source.Dirty() {
		if err := r.Source.Save(); err != nil {
			return err
		}
	}
	var marks []check.DraftMark
	for _, b := range r.Blocks {
		for _, k := range b.keys {
			marks = append(marks, check.DraftMark{Path: r.Target.Path, Key: k, From: b.From})
		}
	}
	if len(marks) == 0 {
		return nil
	}
	return check.MarkDrafts(root, marks, "", nil)
}
