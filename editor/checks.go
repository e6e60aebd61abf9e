package editor

import (
	"maps"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"tandem/bug"
	"tandem/check"
	"tandem/check/stale"
	"tandem/check/terms"
	"tandem/check/typo"
	"tandem/editor/textarea"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
	"tandem/spell"
	"tandem/task"
)

// checks runs the open pair's translation checks and French typography
// off the UI thread each time a preview has rendered, and shows what they
// found: underlines in the text, the finding at the caret with its fix
// (see issueBar), the structure map between the columns, the findings in
// the library. The alignment is updated around the blocks that changed,
// and only the matches that changed are checked again (check.Memo); what
// the UI thread does with the results does not grow with the post.
type checks struct {
	v  *pairView
	e  *Editor
	sm *structMap

	running, pending bool
	// The last alignment and the blocks it was made for: their keys and
	// lines (in the body).
	matches            []align.Match
	srcKeys, tgtKeys   []uint64
	srcLines, tgtLines [][2]int
	srcCol, tgtCol     *column
	ratio              float64
	memo               check.Memo // used by the run in progress only
	libAt              time.Time  // the library's last refresh
	libTimer           *time.Timer
	// found are the translation findings by post path; typo the body
	// typography findings by column (the fields' are found as they
	// change). Editor.findings has them, the source Checks.
	found map[string][]model.Finding
	typo  map[*column][]model.Finding
	// typoMemos keep each French body's fixes line by line (used by the
	// run in progress only).
	typoMemos map[*column]*typo.Memo
	// access are each column's accessibility findings (the last run's).
	access map[*column][]model.Finding
	// misses are each column's misspelled words (from the last run);
	// ignored, the words Ignore was chosen for while the pair is open.
	misses     map[*column][]spell.Miss
	siteWords  map[string]map[string]bool // by language, as the last run read them
	ignored    map[string]bool
	spellMemos map[*column]*spell.Memo // used by the run in progress only
	// baseline is the pair's history (see stale.Baseline), nil until
	// read; changes are the stale findings' source texts then and now,
	// by the findings' Block.
	baseline *stale.Baseline
	changes  map[string][2]string
	// termbase is the site's terms as the last run read them.
	termbase *terms.Termbase
}

// pin is a document a column's preview rendered, pinned while the
// checks read it.
type pin struct {
	c *column
	d *markup.Doc
}

func newChecks(e *Editor, v *pairView) *checks {
	k := &checks{v: v, e: e, found: map[string][]model.Finding{}, typo: map[*column][]model.Finding{}, typoMemos: map[*column]*typo.Memo{}, access: map[*column][]model.Finding{},
		misses: map[*column][]spell.Miss{}, siteWords: map[string]map[string]bool{}, ignored: map[string]bool{}, spellMemos: map[*column]*spell.Memo{}}
	k.sm = newStructMap(k)
	return k
}

// columns are the source and translation columns (nil when the pair has
// one post).
func (k *checks) columns() (src, tgt *column) {
	pr := k.v.Pair()
	if pr == nil {
		return nil, nil
	}
	s, t := k.e.ws.Model.SourceAndTarget(pr)
	for _, c := range k.v.columns {
		if c.post != nil && c.post == s && c.body != nil {
			src = c
		}
		if c.post != nil && c.post == t && c.body != nil {
			tgt = c
		}
	}
	if src == nil || tgt == nil {
		return nil, nil
	}
	return src, tgt
}

// stop ends the checks' pending work.
func (k *checks) stop() {
	if k.libTimer != nil {
		k.libTimer.Stop()
	}
}

// textJob is one column's text, as the checks read it off the UI thread,
// and what they made of it.
type textJob struct {
	c        *column
	body     []byte // the model's body: replaced on each edit, never changed
	version  int    // the editor's (TextArea.Version)
	bodyLine int
	french   bool
	target   bool // the translation: its findings are underlined
	memo     *typo.Memo
	lang     string          // the column's language, for its dictionary
	root     string          // the site's, for its own words
	ignored  map[string]bool // words ignored while the pair is open
	spell    *spell.Memo
	// Results.
	typo   []model.Finding
	marks  []textarea.Mark
	misses []spell.Miss
	known  map[string]bool // the site's words
	// capitals: words in capitals are spell-checked too (Preferences).
	capitals bool
}

// run checks the pair as its columns show it now; a run asked for while
// one is going starts when it ends.
func (k *checks) run() {
	if k.running {
		k.pending = true
		return
	}
	site := k.e.ws.Model
	src, tgt := k.columns()
	setting := check.SettingOf(site)
	var jobs []*textJob
	for _, c := range k.v.columns {
		if c.body == nil || c.post == nil || c.post.Doc == nil {
			continue
		}
		j := &textJob{c: c, body: c.post.Doc.Body(), version: c.body.Version(), bodyLine: c.post.Doc.BodyLine(),
			french: check.French(site, c.post), target: c == tgt, lang: c.lang, root: site.Root, ignored: maps.Clone(k.ignored),
			capitals: prefSpellCapitals.get(k.e.app)}
		if k.typoMemos[c] == nil {
			k.typoMemos[c], k.spellMemos[c] = &typo.Memo{}, &spell.Memo{}
		}
		j.memo, j.spell = k.typoMemos[c], k.spellMemos[c]
		jobs = append(jobs, j) // every column is spell-checked
	}
	var cx *check.Context
	var ss, ts check.Side
	var pins []pin
	translate := src != nil && tgt != nil && src.prev.Doc() != nil && tgt.prev.Doc() != nil
	if translate {
		cx = check.ContextOf(site) // its silences read off the UI thread
		pins = []pin{{src, src.prev.Doc()}, {tgt, tgt.prev.Doc()}}
		for _, p := range pins {
			p.c.live.Pin(p.d)
		}
		ss, ts = check.SideOf(src.post, pins[0].d), check.SideOf(tgt.post, pins[1].d)
		if src != k.srcCol || tgt != k.tgtCol {
			k.matches, k.srcKeys, k.tgtKeys, k.srcLines, k.tgtLines = nil, nil, nil, nil, nil
			k.srcCol, k.tgtCol = src, tgt
			if k.ratio = check.SiteRatio(site); k.ratio == 0 {
				k.ratio = align.Ratio(ss.Doc.Blocks, ts.Doc.Blocks)
			}
		}
	}
	if !translate && len(jobs) == 0 {
		return
	}
	prev, oldS, oldT, ratio, base := k.matches, k.srcKeys, k.tgtKeys, k.ratio, k.baseline
	k.running = true
	var changes map[string][2]string
	var ms []align.Match
	var found, accessS, accessT []model.Finding
	var mapMarks []mapMark
	var sKeys, tKeys []uint64
	var sLines, tLines [][2]int
	var failed *bug.Error
	var path string // the post the checks' findings go to
	if len(jobs) > 0 {
		path = jobs[0].c.post.Path
	}
	if translate {
		path = ts.Path
	}
	offUI(path, func() {
		// A bug in the checks is that post's finding, in place of the
		// others, until a run goes through; the columns stay as they are.
		failed = bug.Catch("check "+path, func() {
			if translate {
				cx.ReadSilences()
				ms = align.Update(prev, oldS, oldT, ss.Doc.Blocks, ts.Doc.Blocks, ratio)
				found = k.memo.Translation(cx, ss, ts, ms)
				accessS, accessT = cx.PostAccessibility(ss, nil, nil), cx.PostAccessibility(ts, &ss, ms)
				if base != nil {
					st := stale.Findings(cx, base, ss, ts, ms)
					changes = stale.Changes(base, ss, ts, ms, st)
					found = append(found, st...)
				}
				sKeys, tKeys = align.Keys(ss.Doc.Blocks), align.Keys(ts.Doc.Blocks)
				sLines, tLines = blockLines(ss.Doc.Blocks), blockLines(ts.Doc.Blocks)
				mapMarks = structMarks(ms, ss.BodyLine, ts.BodyLine, sLines, tLines, found)
			}
			for _, j := range jobs {
				j.work(setting, found)
			}
		})
	}, func() {
		k.running = false
		for _, p := range pins {
			p.c.live.Unpin(p.d) // read: the previews may recycle them
		}
		if k.e.view != k.v || translate && (src != k.srcCol || tgt != k.tgtCol) {
			return // another pair is shown now
		}
		if failed != nil {
			// What the failed run kept may be half made: start afresh.
			k.memo = check.Memo{}
			k.matches, k.srcKeys, k.tgtKeys = nil, nil, nil
			for _, j := range jobs {
				k.typoMemos[j.c], k.spellMemos[j.c] = &typo.Memo{}, &spell.Memo{}
			}
			k.found[path] = []model.Finding{model.InternalError(path, failed)}
			trace("internal-error %s", path)
			k.show()
			return
		}
		if translate {
			k.termbase = cx.Terms
			k.matches, k.srcKeys, k.tgtKeys, k.srcLines, k.tgtLines = ms, sKeys, tKeys, sLines, tLines
			k.found[ts.Path], k.changes = found, changes
			k.access[src], k.access[tgt] = accessS, accessT
			k.sm.set(mapMarks)
		}
		for _, j := range jobs {
			k.typo[j.c] = j.typo
			k.misses[j.c] = j.misses
			if j.known != nil {
				k.siteWords[j.lang] = j.known
			}
			// Marks for a text edited since are left to the next run
			// (the editor moves the old ones along meanwhile).
			if j.version == j.c.body.Version() {
				j.c.body.SetMarks(j.marks)
			}
		}
		k.show()
		if k.pending {
			k.pending = false
			k.run()
		}
	})
}

// work finds the job's typography (a French text) and its underlines:
// the typography fixes, and the translation findings along their block's
// first line (the target's).
func (j *textJob) work(setting check.Setting, found []model.Finding) {
	// The body's bytes are never changed once the model has them (an
	// edit replaces them): read as a string without a copy.
	text := unsafe.String(unsafe.SliceData(j.body), len(j.body))
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n") // as the editor shows it
	}
	lines := newLineIndex(text) // for the underlines
	if j.target {
		for _, f := range found {
			if l := f.Line - j.bodyLine; l >= 0 && l < len(lines.starts) {
				color := theme.ColorNameWarning
				if f.Rule == check.RuleDraft {
					color = colorDrafted // a drafted block not read yet: its own colour
				}
				j.marks = append(j.marks, textarea.Mark{Range: lines.lineRange(l), Color: color})
			}
		}
	}
	// Spelling, in the column's language (its dictionary read the first
	// time, here, off the UI thread).
	if d, err := spell.ForLanguage(j.lang); err == nil {
		known := spell.SiteWords(j.root, j.lang)
		j.known = maps.Clone(known)
		for w := range j.ignored {
			known[w] = true
		}
		j.misses = j.spell.Check(d, text, spell.Known{Words: known, Capitals: j.capitals})
		for _, m := range j.misses {
			j.marks = append(j.marks, textarea.Mark{Range: lines.rangeOf(m.Start, m.End), Color: theme.ColorNameError})
		}
	}
	if !j.french {
		sortMarks(j.marks)
		return
	}
	fixes := j.memo.Check(text, setting.Body(text))
	j.typo = check.Findings(j.c.post.Path, check.BodyChanges(text, j.bodyLine, fixes))
	for _, fx := range fixes {
		j.marks = append(j.marks, textarea.Mark{Range: lines.rangeOf(fx.Start, fx.End), Color: theme.ColorNamePrimary})
	}
	sortMarks(j.marks)
}

func sortMarks(ms []textarea.Mark) {
	sort.SliceStable(ms, func(a, b int) bool {
		x, y := ms[a].Start, ms[b].Start
		return x.Line < y.Line || x.Line == y.Line && x.Col < y.Col
	})
}

// findingsOf are the checks' findings for column c's post: the
// translation's, its body's typography (from the last run) and its
// fields' (now).
func (k *checks) findingsOf(c *column) []model.Finding {
	if c.post == nil || c.post.Doc == nil {
		return nil
	}
	out := append([]model.Finding(nil), k.found[c.post.Path]...)
	out = append(out, k.access[c]...)
	out = append(out, k.typo[c]...)
	out = append(out, check.Findings(c.post.Path, check.FieldChanges(k.e.ws.Model, c.post))...)
	return append(out, k.fieldSpelling(c)...)
}

// show puts the findings in the library and under the fields, and the
// caret's in the bar under its editor. The model's lint findings are
// kept as Editor.changed last found them.
func (k *checks) show() {
	changed := false
	for _, c := range k.v.columns {
		if c.post == nil || c.post.Doc == nil {
			continue
		}
		if k.e.ws.SetChecks(c.post.Path, k.findingsOf(c)) { // with their blocks' keys now
			changed = true
		}
		c.showFindings()
		c.showIssue()
	}
	if changed {
		k.refreshLibrary()
	}
}

// libraryPause is the least time between two refreshes of the library's
// findings from the checks: laying its list out costs a few
// milliseconds, and while a translator types, its findings change often.
var libraryPause = 500 * time.Millisecond

// refreshLibrary shows the findings in the library now, or once the
// pause since the last time is over.
func (k *checks) refreshLibrary() {
	since := time.Since(k.libAt)
	if since >= libraryPause {
		k.libAt = time.Now()
		k.e.library.refresh()
		return
	}
	if k.libTimer != nil {
		return
	}
	k.libTimer = time.AfterFunc(libraryPause-since, func() {
		task.Do("", "refresh the library", func() {
			k.libTimer = nil
			k.libAt = time.Now()
			if k.e.view == k.v {
				k.e.library.refresh()
			}
		})
	})
}

// lineIndex finds the editor positions of a text's byte offsets: its
// lines' starts, found once.
type lineIndex struct {
	text   string
	starts []int
}

func newLineIndex(text string) lineIndex {
	li := lineIndex{text: text, starts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// pos is the editor position of byte off.
func (li lineIndex) pos(off int) textarea.Pos {
	l := sort.SearchInts(li.starts, off+1) - 1
	return textarea.Pos{Line: l, Col: utf8.RuneCountInString(li.text[li.starts[l]:off])}
}

// rangeOf is the editor range of text[start:end].
func (li lineIndex) rangeOf(start, end int) textarea.Range {
	return textarea.Range{Start: li.pos(start), End: li.pos(end)}
}

// lineRange is line l, whole.
func (li lineIndex) lineRange(l int) textarea.Range {
	end := len(li.text)
	if l+1 < len(li.starts) {
		end = li.starts[l+1] - 1
	}
	return textarea.Range{Start: textarea.Pos{Line: l}, End: li.pos(end)}
}

// replace applies a finding's replacement (the right address of a link or
// an image): the first Replace[0] on its line or after it becomes
// Replace[1], as one undo step. It reports whether it found the text.
func (k *checks) replace(c *column, f model.Finding) bool {
	if c.body == nil || c.post == nil || c.post.Doc == nil || f.Replace[0] == "" {
		return false
	}
	text := c.body.Text()
	lines := newLineIndex(text)
	start := 0
	if l := f.Line - c.post.Doc.BodyLine(); l > 0 && l < len(lines.starts) {
		start = lines.starts[l]
	}
	i := strings.Index(text[start:], f.Replace[0])
	if i < 0 {
		return false
	}
	i += start
	c.body.ReplaceRanges([]textarea.Range{lines.rangeOf(i, i+len(f.Replace[0]))}, []string{f.Replace[1]})
	return true
}

// fixTypography applies column c's typography fixes: those on its body's
// line (line >= 0, 0-based), or all of them and its fields' (line < 0).
// The body's fixes are one undo step.
func (k *checks) fixTypography(c *column, line int) int {
	if c.body == nil || !check.French(k.e.ws.Model, c.post) {
		return 0
	}
	text := c.body.Text()
	lines := newLineIndex(text)
	var rs []textarea.Range
	var texts []string
	for _, fx := range typo.Check(text, check.BodyOptions(k.e.ws.Model, text)) {
		r := lines.rangeOf(fx.Start, fx.End)
		if line >= 0 && r.Start.Line != line {
			continue
		}
		rs, texts = append(rs, r), append(texts, fx.New)
	}
	n := len(rs)
	if n > 0 {
		c.body.ReplaceRanges(rs, texts)
	}
	if line < 0 {
		done := map[string]bool{}
		for _, ch := range check.FieldChanges(k.e.ws.Model, c.post) {
			n++
			if !done[ch.Field] {
				done[ch.Field] = true
				c.edit(ch.Field, ch.After)
				c.reloadFields()
			}
		}
	}
	if n > 0 {
		k.e.setStatus(plural("{{.Count}} typography fixes made", n, nil))
	}
	return n
}

// silence records finding f in the site's silence file and checks again.
// The file is written off the UI thread.
func (k *checks) silence(f model.Finding) {
	site, gen := k.e.ws.Model, k.e.ws.Generation()
	var err error
	offUI(f.Path, func() { err = check.Silence(site, f) }, func() {
		if err != nil {
			k.e.showError(lang.L("The finding could not be silenced"), err)
			return
		}
		if f.Rule == stale.Rule {
			k.e.setStatus(lang.L("Marked still correct, in {{.File}} (commit it to share it with the team)", map[string]any{"File": check.SilenceFile}))
		} else {
			k.e.setStatus(lang.L("Silenced for this block, in {{.File}} (commit it to share it with the team)", map[string]any{"File": check.SilenceFile}))
		}
		if k.e.ws.Generation() == gen {
			k.run()
		}
	})
}

// counterpart maps block i of column from's preview to the other
// column's block by the alignment: the first block of its match's other
// side (or of the nearest match before it that has one); -1 when unknown.
func (k *checks) counterpart(from *column, i int) int {
	if k.matches == nil || (from != k.srcCol && from != k.tgtCol) {
		return -1
	}
	side := func(m align.Match, src bool) *[2]int {
		if src {
			return m.Src
		}
		return m.Tgt
	}
	fromSrc := from == k.srcCol
	last := -1
	for _, m := range k.matches {
		r, o := side(m, fromSrc), side(m, !fromSrc)
		if o != nil {
			last = o[0]
		}
		if r != nil && i >= r[0] && i <= r[1] {
			if o != nil {
				return o[0]
			}
			return max(last, 0)
		}
	}
	return -1
}

// showMatch brings both columns, editors and previews, to match i.
func (k *checks) showMatch(i int) {
	if i < 0 || i >= len(k.matches) {
		return
	}
	m := k.matches[i]
	for _, side := range []struct {
		c     *column
		r     *[2]int
		lines [][2]int
	}{{k.srcCol, m.Src, k.srcLines}, {k.tgtCol, m.Tgt, k.tgtLines}} {
		c, r := side.c, side.r
		if c == nil {
			continue
		}
		if r == nil {
			// No counterpart: the place it would be, after the block
			// before it.
			for j := i - 1; j >= 0; j-- {
				if p := k.sideOf(k.matches[j], c); p != nil {
					r = &[2]int{p[1], p[1]}
					break
				}
			}
			if r == nil {
				continue
			}
		}
		if r[0] >= len(side.lines) {
			continue
		}
		line := side.lines[r[0]][0]
		c.body.SetCursor(textarea.Pos{Line: line - 1})
		c.prev.ShowLine(line)
		c.prev.ScrollToBlock(r[0]+1, 0)
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

func (k *checks) sideOf(m align.Match, c *column) *[2]int {
	if c == k.srcCol {
		return m.Src
	}
	return m.Tgt
}

// fixAllTypography fixes the typography of the French column (the one
// with the keyboard, when both are French), as one undo step.
func (e *Editor) fixAllTypography() {
	if e.view == nil || e.view.checks == nil {
		return
	}
	var target *column
	for _, c := range e.columns() {
		if c.body != nil && check.French(e.ws.Model, c.post) && (target == nil || e.win.Canvas().Focused() == c.body) {
			target = c
		}
	}
	if target == nil {
		return
	}
	if e.view.checks.fixTypography(target, -1) == 0 {
		e.setStatus(lang.L("No typography to fix"))
	}
}

// offUI runs work on a goroutine of its own, then then on the UI thread,
// a panic in either contained to post (see task.Go; tests run both at
// once with task.Inline, benchmarks time the work apart with
// task.AroundWork).
func offUI(post string, work, then func()) { task.Go(post, "work on", work, then) }

// readHistory reads, off the UI thread, the open pair's history from the
// site's (e.ws.History(), read when the site opened), and checks again with
// it: the translation's stale blocks.
func (k *checks) readHistory() {
	h, gen := k.e.ws.History(), k.e.ws.Generation()
	src, tgt := k.columns()
	if h == nil || src == nil || tgt == nil {
		return
	}
	sp, tp := src.post.Path, tgt.post.Path
	root, folders := k.e.ws.Model.Root, stale.PostFolders(k.e.ws.Model)
	var base *stale.Baseline
	var fresh *stale.History
	offUI(tp, func() {
		if h.Moved() { // commits since it was read: read it again
			if fresh, _ = stale.Open(root, folders); fresh != nil {
				h = fresh
			}
		}
		base, _ = h.Pair(sp, tp)
	}, func() {
		k.e.ws.NewHistory(gen, fresh)
		if k.e.view == k.v && base != nil {
			k.baseline = base
			k.run()
		}
	})
}

// ruleSpelling is the id of the fields' spelling findings.
const ruleSpelling = spell.Rule

// fieldSpelling are the misspelled words of column c's text fields (its
// dictionary read already: the checks read it off the UI thread).
func (k *checks) fieldSpelling(c *column) []model.Finding {
	d := spell.Loaded(c.lang)
	if d == nil {
		return nil
	}
	known := k.siteWords[c.lang]
	var out []model.Finding
	for _, key := range check.TextFields(k.e.ws.Model, c.post) {
		f := c.post.Doc.Lookup(key)
		for _, m := range d.Check(f.Value, false, spell.Known{Words: known, Capitals: prefSpellCapitals.get(k.e.app)}) {
			if !k.ignored[m.Word] {
				out = append(out, model.NewFinding(c.post.Path, f.Line, ruleSpelling, model.Info, key, "“%s” is not in the dictionary", m.Word))
			}
		}
	}
	return out
}
