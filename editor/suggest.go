package editor

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/check/terms"
	"tandem/memory"
	"tandem/workspace"
)

// The translation memory in the window: built from the site's pairs off
// the UI thread when the site opens, in the site's first pass
// (workspace.Pass: the checks, the memory and the history from one
// reading of each pair), updated when a pair is saved. While the caret
// is in a block of the source column, the translation column shows the
// best earlier translations of it under its editor; Insert puts one at
// the translation's caret, as one undo step.

// buildMemory runs the site's first pass in the background and keeps
// what it found when the same site is still shown.
func (e *Editor) buildMemory(pass *workspace.Pass) {
	gen := e.ws.Generation()
	var found workspace.Scanned
	offUI("", func() { found = pass.Run() }, func() {
		// The open pair's checks are live: theirs are newer.
		open := map[string]bool{}
		for _, c := range e.columns() {
			if c.post != nil && e.view.checks != nil {
				open[c.post.Path] = true
			}
		}
		if !e.ws.FirstPass(gen, found, func(path string) bool { return open[path] }) {
			return // another site shown since
		}
		if m := found.Memory; m != nil {
			trace("memory %d units", m.Len())
		}
		e.library.refresh()
		if e.view != nil && e.view.checks != nil {
			e.view.checks.readHistory()
		}
	})
}

// suggestPanel is the translation column's list of earlier translations
// of the source block at the caret.
type suggestPanel struct {
	c     *column
	box   *fyne.Container
	title *widget.Label
	terms *widget.Label // the site's terms in the block
	rows  *fyne.Container
	key   string // the block the list is for
}

func newSuggestPanel(c *column) *suggestPanel {
	p := &suggestPanel{c: c, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), rows: container.NewVBox(), terms: widget.NewLabel("")}
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.terms.Wrapping = fyne.TextWrapWord
	p.terms.Hide()
	p.box = container.NewVBox(widget.NewSeparator(), p.title, p.terms, p.rows)
	p.box.Hide()
	return p
}

// show lists sugg, found for the source block at line (in the source
// post).
func (p *suggestPanel) show(line int, sugg []memory.Suggestion) {
	if len(sugg) == 0 && !p.box.Visible() && !p.terms.Visible() {
		return // nothing shown, nothing to show
	}
	p.rows.RemoveAll()
	// The column lays out again what is under its editor.
	defer func() {
		if p.c.bottom != nil {
			p.c.bottom.Refresh()
		}
	}()
	if len(sugg) == 0 {
		if p.terms.Visible() {
			p.title.SetText(lang.L("Terms of the {{.Language}} block at line {{.Line}}",
				languageForms(p.c.view.checks.srcCol.lang, map[string]any{"Line": line})))
			p.box.Show()
			return
		}
		p.box.Hide()
		return
	}
	src := p.c.view.checks.srcCol
	p.title.SetText(lang.L("Earlier translations of the {{.Language}} block at line {{.Line}}",
		languageForms(src.lang, map[string]any{"Line": line})))
	for _, sg := range sugg {
		sg := sg
		text := widget.NewLabel(oneLine(sg.Target))
		text.Wrapping = fyne.TextWrapWord
		score := widget.NewLabelWithStyle(fmt.Sprintf("%d %%", sg.Score), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
		if sg.Score < 100 {
			score.Importance = widget.LowImportance
		}
		insert := widget.NewButtonWithIcon(lang.L("Insert"), theme.ContentAddIcon(), func() { p.insert(sg) })
		// A column of scores as wide as "100 %".
		w := fyne.MeasureText("100 %", theme.TextSize(), fyne.TextStyle{Monospace: true}).Width + 2*theme.InnerPadding()
		p.rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(w, score.MinSize().Height), score), insert, text))
	}
	p.box.Show()
}

// insert puts a suggestion at the translation's caret (replacing its
// selection), one undo step, and gives it the keyboard.
func (p *suggestPanel) insert(sg memory.Suggestion) {
	b := p.c.body
	b.ReplaceSelection(sg.Target)
	p.c.ed.win.Canvas().Focus(b)
	p.c.ed.setStatus(lang.L("Inserted the translation from {{.From}}", map[string]any{"From": sg.From}))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// suggestAt looks up the memory for the source block at column c's
// caret (c the source column) and shows the result in the translation
// column; the lookup runs off the UI thread.
func (k *checks) suggestAt(c *column) {
	e := k.e
	if e.ws.Memory() == nil || c != k.srcCol || k.tgtCol == nil || k.tgtCol.suggest == nil || c.prev.Doc() == nil {
		return
	}
	panel := k.tgtCol.suggest
	line := c.post.Doc.BodyLine() + c.body.Cursor().Line
	d := c.prev.Doc() // shown: not recycled while the UI thread reads it
	// The block the caret is in: the list stands while it stays there
	// (typing in it, too).
	bi := d.BlockAt(line - c.post.Doc.BodyLine() + 1)
	key := fmt.Sprint(bi)
	if key == panel.key {
		return
	}
	panel.key = key
	text, md, ok := memory.Block(c.post, d, line)
	if !ok {
		panel.showTerms(nil, "")
		panel.show(0, nil)
		return
	}
	panel.showTerms(k.live.Termbase().In(text, c.lang), k.tgtCol.lang)
	blockLine := line
	if i := d.BlockAt(line - c.post.Doc.BodyLine() + 1); i >= 0 {
		blockLine = c.post.Doc.BodyLine() - 1 + d.Blocks[i].Line
	}
	m, exclude := e.ws.Memory(), k.tgtCol.post.Path
	var sugg []memory.Suggestion
	offUI("", func() { sugg = m.Suggest(text, md, exclude, 3) }, func() {
		trace("suggestions for line %d: %d", blockLine, len(sugg))
		if panel.key == key && e.view == k.v {
			panel.show(blockLine, sugg)
		}
	})
}

// showTerms lists the site's terms the caret's source block holds, with
// their translations (preferred first; forbidden ones said so).
func (p *suggestPanel) showTerms(cs []terms.Concept, tgt string) {
	if len(cs) == 0 {
		p.terms.Hide()
		return
	}
	var parts []string
	src := p.c.view.checks.srcCol.lang
	for _, c := range cs {
		s := ""
		if ts := c.Terms[src]; len(ts) > 0 {
			s = ts[0].Text
		}
		part := s + " → " + c.Preferred(tgt)
		for _, t := range c.Terms[tgt] {
			if t.Forbidden() {
				part += " " + lang.L("(not “{{.Term}}”)", map[string]any{"Term": t.Text})
			}
		}
		parts = append(parts, part)
	}
	p.terms.SetText(lang.L("Terms") + ": " + strings.Join(parts, " · "))
	p.terms.Show()
}
