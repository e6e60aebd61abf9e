package workspace

import (
	"maps"
	"strings"
	"unsafe"

	"tandem/bug"
	"tandem/check"
	"tandem/check/stale"
	"tandem/check/terms"
	"tandem/check/typo"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
	"tandem/spell"
)

// Live is the open pair's live checks, as the site's owner keeps them
// (Site.Live): what the last run found on the pair as its editors show
// it (the translation's findings, each post's accessibility and
// typography, the site's words; the misspelled words are the run's, for
// the window's underlines) and what the next run starts from (the
// alignment, the memos that keep each line's results). A window starts
// runs (Start) on the goroutine that owns the site, does them (LiveRun.Do)
// off it, and gives them back (Apply): a run started before another, or
// for a pair or a site shown before, is dropped by its number.
type Live struct {
	gen  uint64 // the site's generation it belongs to
	runs uint64 // runs started
	done uint64 // the newest run applied

	// The last alignment, for the source and translation it was made
	// for: its matches, the blocks' keys and lines (in the body).
	src, tgt           string
	matches            []align.Match
	srcKeys, tgtKeys   []uint64
	srcLines, tgtLines [][2]int
	ratio              float64
	memo               check.Memo // used by the run in progress only

	found    map[string][]model.Finding // the translation's (with the stale check's), by path
	access   map[string][]model.Finding // each post's accessibility
	typo     map[string][]model.Finding // each French body's typography
	known    map[string]map[string]bool // the site's words, by language, as the last run read them
	ignored  map[string]bool            // words Ignore was chosen for while the pair is open
	changes  map[string][2]string       // the stale findings' source texts then and now, by Block
	termbase *terms.Termbase
	baseline *stale.Baseline

	typoMemos  map[string]*typo.Memo  // by path, used by the run in progress only
	spellMemos map[string]*spell.Memo // by path, used by the run in progress only
}

// OpenLive starts the live checks of a pair shown (those of the pair
// shown before are let go; what they found stays in the findings).
func (w *Site) OpenLive() *Live {
	w.live = &Live{gen: w.gen, found: map[string][]model.Finding{}, access: map[string][]model.Finding{},
		typo: map[string][]model.Finding{}, known: map[string]map[string]bool{},
		ignored: map[string]bool{}, typoMemos: map[string]*typo.Memo{}, spellMemos: map[string]*spell.Memo{}}
	return w.live
}

// Live is the open pair's live checks, nil when no pair is shown.
func (w *Site) Live() *Live { return w.live }

// LiveText is one post's body as a live run reads it, taken on the
// goroutine that owns the site, and what the run found in it.
type LiveText struct {
	Path, Lang string
	Body       []byte // the model's body: replaced on each edit, never changed
	BodyLine   int
	French     bool // its typography is checked
	Capitals   bool // words in capitals are spell-checked too

	// Found by the run.
	Text   string     // the body as the editor shows it ("\n" line breaks)
	Fixes  []typo.Fix // the typography fixes of a French body
	Misses []spell.Miss

	typo     []model.Finding
	known    map[string]bool
	root     string
	ignored  map[string]bool
	typoMemo *typo.Memo
	spell    *spell.Memo
}

// LiveRun is one run of the live checks: started on the goroutine that
// owns the site (Start), done anywhere (Do), kept by Apply.
type LiveRun struct {
	l       *Live
	n       uint64
	setting check.Setting
	// Texts are the posts' bodies, each spell-checked (and its
	// typography checked when French).
	Texts []*LiveText
	// Translate is true when the pair's source and translation are
	// aligned and checked: Source and Target are their renders.
	Translate      bool
	Source, Target check.Side
	cx             *check.Context
	prev           []align.Match
	oldS, oldT     []uint64
	ratio          float64
	base           *stale.Baseline

	// Found by the run.
	Matches            []align.Match
	Found              []model.Finding // the translation's and the stale check's
	SrcLines, TgtLines [][2]int
	// Failed is the bug the run met, if any: its post's finding, in
	// place of the others, until a run goes through.
	Failed           *bug.Error
	access           [2][]model.Finding
	changes          map[string][2]string
	srcKeys, tgtKeys []uint64
}

// Start starts a run over texts, with the pair's source and translation
// (renders the caller holds until the run is applied) when pair is set.
// The run's Path is the post its bug would be said on.
func (l *Live) Start(s *model.Site, pair *[2]check.Side, texts []*LiveText) *LiveRun {
	l.runs++
	r := &LiveRun{l: l, n: l.runs, setting: check.SettingOf(s), Texts: texts}
	for _, t := range texts {
		if l.typoMemos[t.Path] == nil {
			l.typoMemos[t.Path], l.spellMemos[t.Path] = &typo.Memo{}, &spell.Memo{}
		}
		t.typoMemo, t.spell, t.root, t.ignored = l.typoMemos[t.Path], l.spellMemos[t.Path], s.Root, maps.Clone(l.ignored)
	}
	if pair != nil {
		r.Translate, r.Source, r.Target = true, pair[0], pair[1]
		r.cx = check.ContextOf(s) // its silences read off the UI thread
		if pair[0].Path != l.src || pair[1].Path != l.tgt {
			// Another pair of posts: the alignment starts afresh.
			l.matches, l.srcKeys, l.tgtKeys, l.srcLines, l.tgtLines = nil, nil, nil, nil, nil
			l.src, l.tgt = pair[0].Path, pair[1].Path
			if l.ratio = check.SiteRatio(s); l.ratio == 0 {
				l.ratio = align.Ratio(pair[0].Doc.Blocks, pair[1].Doc.Blocks)
			}
		}
		r.prev, r.oldS, r.oldT, r.ratio, r.base = l.matches, l.srcKeys, l.tgtKeys, l.ratio, l.baseline
	}
	return r
}

// Path is the post the run's findings (and its bug) go to: the
// translation's, or the first text's.
func (r *LiveRun) Path() string {
	switch {
	case r.Translate:
		return r.Target.Path
	case len(r.Texts) > 0:
		return r.Texts[0].Path
	}
	return ""
}

// Do does the run, off the goroutine that owns the site: the pair
// aligned around the blocks that changed and checked (only the matches
// that changed checked again), each text's typography and spelling.
func (r *LiveRun) Do() {
	r.Failed = bug.Catch("check "+r.Path(), func() {
		if r.Translate {
			ss, ts := r.Source, r.Target
			r.cx.ReadSilences()
			r.Matches = align.Update(r.prev, r.oldS, r.oldT, ss.Doc.Blocks, ts.Doc.Blocks, r.ratio)
			r.Found = r.l.memo.Translation(r.cx, ss, ts, r.Matches)
			r.access = [2][]model.Finding{r.cx.PostAccessibility(ss, nil, nil), r.cx.PostAccessibility(ts, &ss, r.Matches)}
			if r.base != nil {
				st := stale.Findings(r.cx, r.base, ss, ts, r.Matches)
				r.changes = stale.Changes(r.base, ss, ts, r.Matches, st)
				r.Found = append(r.Found, st...)
			}
			r.srcKeys, r.tgtKeys = align.Keys(ss.Doc.Blocks), align.Keys(ts.Doc.Blocks)
			r.SrcLines, r.TgtLines = blockLines(ss.Doc.Blocks), blockLines(ts.Doc.Blocks)
		}
		for _, t := range r.Texts {
			t.check(r.setting)
		}
	})
}

// check finds the text's typography (a French text) and its misspelled
// words (its dictionary read the first time, here).
func (t *LiveText) check(setting check.Setting) {
	// The body's bytes are never changed once the model has them (an
	// edit replaces them): read as a string without a copy.
	text := unsafe.String(unsafe.SliceData(t.Body), len(t.Body))
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n") // as the editor shows it
	}
	t.Text = text
	if d, err := spell.ForLanguage(t.Lang); err == nil {
		known := spell.SiteWords(t.root, t.Lang)
		t.known = maps.Clone(known)
		for w := range t.ignored {
			known[w] = true
		}
		t.Misses = t.spell.Check(d, text, spell.Known{Words: known, Capitals: t.Capitals})
	}
	if t.French {
		t.Fixes = t.typoMemo.Check(text, setting.Body(text))
		t.typo = check.Findings(t.Path, check.BodyChanges(text, t.BodyLine, t.Fixes))
	}
}

// blockLines are each block's first and last lines (in the body).
func blockLines(blocks []markup.Block) [][2]int {
	out := make([][2]int, len(blocks))
	for i := range blocks {
		out[i] = [2]int{blocks[i].Line, blocks[i].End}
	}
	return out
}

// Apply keeps what run r found, unless a newer run was applied already
// or another site is shown; it reports whether it kept it. A run that
// failed leaves the memos and the alignment to start afresh, and its
// post's finding in place of the translation's.
func (l *Live) Apply(w *Site, r *LiveRun) bool {
	if r.l != l || w.live != l || l.gen != w.gen || r.n < l.done {
		return false
	}
	l.done = r.n
	if r.Failed != nil {
		// What the failed run kept may be half made: start afresh.
		l.memo = check.Memo{}
		l.matches, l.srcKeys, l.tgtKeys = nil, nil, nil
		for _, t := range r.Texts {
			l.typoMemos[t.Path], l.spellMemos[t.Path] = &typo.Memo{}, &spell.Memo{}
		}
		path := r.Path()
		l.found[path] = []model.Finding{model.InternalError(path, r.Failed)}
		return true
	}
	if r.Translate {
		l.termbase = r.cx.Terms
		l.matches, l.srcKeys, l.tgtKeys, l.srcLines, l.tgtLines = r.Matches, r.srcKeys, r.tgtKeys, r.SrcLines, r.TgtLines
		l.found[r.Target.Path], l.changes = r.Found, r.changes
		l.access[r.Source.Path], l.access[r.Target.Path] = r.access[0], r.access[1]
	}
	for _, t := range r.Texts {
		l.typo[t.Path] = t.typo
		if t.known != nil {
			l.known[t.Lang] = t.known
		}
	}
	return true
}

// Findings are post p's live checks' findings, merged: the translation's,
// its accessibility and its body's typography (from the last run), its
// fields' typography and spelling (now; capitals: words in capitals are
// spell-checked too). The one place they are put together.
func (l *Live) Findings(s *model.Site, p *model.Post, capitals bool) []model.Finding {
	if p == nil || p.Doc == nil {
		return nil
	}
	out := append([]model.Finding(nil), l.found[p.Path]...)
	out = append(out, l.access[p.Path]...)
	out = append(out, l.typo[p.Path]...)
	out = append(out, check.Findings(p.Path, check.FieldChanges(s, p))...)
	return append(out, l.fieldSpelling(s, p, capitals)...)
}

// fieldSpelling are the misspelled words of post p's text fields (its
// dictionary read already: the runs read it off the owner's goroutine).
func (l *Live) fieldSpelling(s *model.Site, p *model.Post, capitals bool) []model.Finding {
	d := spell.Loaded(p.Lang)
	if d == nil {
		return nil
	}
	known := l.known[p.Lang]
	var out []model.Finding
	for _, key := range check.TextFields(s, p) {
		f := p.Doc.Lookup(key)
		for _, m := range d.Check(f.Value, false, spell.Known{Words: known, Capitals: capitals}) {
			if !l.ignored[m.Word] {
				out = append(out, model.NewFinding(p.Path, f.Line, spell.Rule, model.Info, key, "“%s” is not in the dictionary", m.Word))
			}
		}
	}
	return out
}

// Matches are the last alignment's matches, and the source's and the
// translation's blocks' lines (in the body) they index.
func (l *Live) Matches() (ms []align.Match, src, tgt [][2]int) {
	return l.matches, l.srcLines, l.tgtLines
}

// Found is the translation findings of post path (the last run's).
func (l *Live) Found(path string) []model.Finding { return l.found[path] }

// Ignore ignores word while the pair is open.
func (l *Live) Ignore(word string) { l.ignored[word] = true }

// Change is the source's text, then and now, of the stale finding of
// block.
func (l *Live) Change(block string) ([2]string, bool) {
	ch, ok := l.changes[block]
	return ch, ok
}

// Termbase is the site's terms as the last run read them.
func (l *Live) Termbase() *terms.Termbase { return l.termbase }

// SetBaseline keeps the pair's history (stale.Baseline), for the next
// runs' stale check.
func (l *Live) SetBaseline(b *stale.Baseline) { l.baseline = b }
