package editor

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"tandem/check"
	"tandem/check/stale"
	"tandem/check/typo"
	"tandem/editor/textarea"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
	"tandem/task"
	"tandem/workspace"
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
	// live is the pair's live checks, as the workspace keeps them: what
	// the last run found, and what the next one starts from.
	live *workspace.Live

	running, pending bool
	srcCol, tgtCol   *column   // the columns the last alignment is for
	libAt            time.Time // the library's last refresh
	libTimer         *time.Timer
}

// pin is a document a column's preview rendered, pinned while the
// checks read it.
type pin struct {
	c *column
	d *markup.Doc
}

func newChecks(e *Editor, v *pairView) *checks {
	k := &checks{v: v, e: e, live: e.ws.OpenLive()}
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

// run checks the pair as its columns show it now; a run asked for while
// one is going starts when it ends. The workspace keeps what it finds
// (workspace.Live); the window shows it: underlines, the structure map,
// the findings.
func (k *checks) run() {
	if k.running {
		k.pending = true
		return
	}
	site := k.e.ws.Model
	src, tgt := k.columns()
	var texts []*workspace.LiveText
	var cols []*column
	var versions []int
	capitals := prefSpellCapitals.get(k.e.app)
	for _, c := range k.v.columns {
		if c.body == nil || c.post == nil || c.post.Doc == nil {
			continue
		}
		texts = append(texts, &workspace.LiveText{Path: c.post.Path, Lang: c.lang, Body: c.post.Doc.Body(),
			BodyLine: c.post.Doc.BodyLine(), French: check.French(site, c.post), Capitals: capitals})
		cols, versions = append(cols, c), append(versions, c.body.Version()) // every column is spell-checked
	}
	var pins []pin
	var pair *[2]check.Side
	translate := src != nil && tgt != nil && src.prev.Doc() != nil && tgt.prev.Doc() != nil
	if translate {
		pins = []pin{{src, src.prev.Doc()}, {tgt, tgt.prev.Doc()}}
		for _, p := range pins {
			p.c.live.Pin(p.d)
		}
		pair = &[2]check.Side{check.SideOf(src.post, pins[0].d), check.SideOf(tgt.post, pins[1].d)}
	}
	if !translate && len(texts) == 0 {
		return
	}
	r := k.live.Start(site, pair, texts)
	k.running = true
	marks := make([][]textarea.Mark, len(texts))
	var mapMarks []mapMark
	offUI(r.Path(), func() {
		r.Do()
		if r.Failed != nil {
			return
		}
		if translate {
			mapMarks = structMarks(r.Matches, r.Source.BodyLine, r.Target.BodyLine, r.SrcLines, r.TgtLines, r.Found)
		}
		for i, t := range texts {
			var found []model.Finding
			if cols[i] == tgt {
				found = r.Found // underlined in the translation
			}
			marks[i] = marksOf(t, found)
		}
	}, func() {
		k.running = false
		for _, p := range pins {
			p.c.live.Unpin(p.d) // read: the previews may recycle them
		}
		if k.e.view != k.v || !k.live.Apply(k.e.ws, r) {
			return // another pair is shown now, or a newer run was kept
		}
		if r.Failed != nil {
			trace("internal-error %s", r.Path())
			k.show()
			return
		}
		if translate {
			k.srcCol, k.tgtCol = src, tgt
			k.sm.set(mapMarks)
		}
		for i, c := range cols {
			// Marks for a text edited since are left to the next run
			// (the editor moves the old ones along meanwhile).
			if versions[i] == c.body.Version() {
				c.body.SetMarks(marks[i])
			}
		}
		k.show()
		if k.pending {
			k.pending = false
			k.run()
		}
	})
}

// marksOf are the underlines of text t: the translation findings along
// their block's first line (found: the translation's), its misspelled
// words, its typography fixes.
func marksOf(t *workspace.LiveText, found []model.Finding) []textarea.Mark {
	lines := newLineIndex(t.Text)
	var marks []textarea.Mark
	for _, f := range found {
		if l := f.Line - t.BodyLine; l >= 0 && l < len(lines.starts) {
			color := theme.ColorNameWarning
			if f.Rule == check.RuleDraft {
				color = colorDrafted // a drafted block not read yet: its own colour
			}
			marks = append(marks, textarea.Mark{Range: lines.lineRange(l), Color: color})
		}
	}
	for _, m := range t.Misses {
		marks = append(marks, textarea.Mark{Range: lines.rangeOf(m.Start, m.End), Color: theme.ColorNameError})
	}
	for _, fx := range t.Fixes {
		marks = append(marks, textarea.Mark{Range: lines.rangeOf(fx.Start, fx.End), Color: theme.ColorNamePrimary})
	}
	sortMarks(marks)
	return marks
}

func sortMarks(ms []textarea.Mark) {
	sort.SliceStable(ms, func(a, b int) bool {
		x, y := ms[a].Start, ms[b].Start
		return x.Line < y.Line || x.Line == y.Line && x.Col < y.Col
	})
}

// findingsOf are the checks' findings for column c's post, merged by
// the workspace (workspace.Live.Findings).
func (k *checks) findingsOf(c *column) []model.Finding {
	return k.live.Findings(k.e.ws.Model, c.post, prefSpellCapitals.get(k.e.app))
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
	matches, _, _ := k.live.Matches()
	if matches == nil || (from != k.srcCol && from != k.tgtCol) {
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
	for _, m := range matches {
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
	matches, srcLines, tgtLines := k.live.Matches()
	if i < 0 || i >= len(matches) {
		return
	}
	m := matches[i]
	for _, side := range []struct {
		c     *column
		r     *[2]int
		lines [][2]int
	}{{k.srcCol, m.Src, srcLines}, {k.tgtCol, m.Tgt, tgtLines}} {
		c, r := side.c, side.r
		if c == nil {
			continue
		}
		if r == nil {
			// No counterpart: the place it would be, after the block
			// before it.
			for j := i - 1; j >= 0; j-- {
				if p := k.sideOf(matches[j], c); p != nil {
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
			k.live.SetBaseline(base)
			k.run()
		}
	})
}
