package editor

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
	"tandem/check/stale"
	"tandem/editor/textarea"
	"tandem/model"
)

// issueBar is the strip under a column's editor that says what was found
// on the caret's line, with what can be done about it: fix the line's
// typography (or all of it), see the source's block, silence a
// translation finding for its blocks.
type issueBar struct {
	c       *column
	box     *fyne.Container
	icon    *widget.Icon
	text    *widget.Label
	fix     *widget.Button
	fixAll  *widget.Button
	source  *widget.Button
	change  *widget.Button
	silence *widget.Button
	confirm *widget.Button // a drafted block: read
	confAll *widget.Button
	shown   model.Finding
}

func newIssueBar(c *column) *issueBar {
	b := &issueBar{c: c, icon: widget.NewIcon(theme.WarningIcon()), text: widget.NewLabel("")}
	b.text.Wrapping = fyne.TextWrapWord
	b.fix = widget.NewButtonWithIcon(lang.L("Fix"), theme.ConfirmIcon(), func() {
		if k := c.view.checks; k != nil {
			if b.shown.Replace[0] != "" {
				k.replace(c, b.shown)
			} else {
				k.fixTypography(c, c.body.Cursor().Line)
			}
		}
	})
	b.fix.Importance = widget.HighImportance
	b.fixAll = widget.NewButton(lang.L("Fix all typography"), func() {
		if k := c.view.checks; k != nil {
			k.fixTypography(c, -1)
		}
	})
	b.source = widget.NewButtonWithIcon(lang.L("Show source"), theme.NavigateBackIcon(), func() { b.showSource() })
	b.change = widget.NewButtonWithIcon(lang.L("Show the change"), theme.SearchIcon(), func() { b.showChange() })
	b.silence = widget.NewButtonWithIcon(lang.L("Silence"), theme.VisibilityOffIcon(), func() {
		if k := c.view.checks; k != nil {
			k.silence(b.shown)
		}
	})
	b.confirm = widget.NewButtonWithIcon(lang.L("Confirm"), theme.ConfirmIcon(), func() { c.ed.confirmDraft(c, b.shown) })
	b.confirm.Importance = widget.HighImportance
	b.confAll = widget.NewButton(lang.L("Confirm all"), c.ed.confirmDrafts)
	buttons := container.NewHBox(layout.NewSpacer(), b.fix, b.fixAll, b.confirm, b.confAll, b.source, b.change, b.silence)
	b.box = container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(b.icon), nil, b.text), buttons)
	b.box.Hide()
	return b
}

// show says what was found on the caret's line.
func (b *issueBar) show() {
	c := b.c
	if c.body == nil || c.post == nil || c.post.Doc == nil {
		return
	}
	line := c.post.Doc.BodyLine() + c.body.Cursor().Line
	var here []model.Finding
	for _, f := range c.ed.ws.FindingsOf(c.post.Path) {
		if f.Line == line && f.Field == "" {
			here = append(here, f)
		}
	}
	was := b.box.Visible()
	defer func() {
		if b.box.Visible() != was && c.bottom != nil {
			c.bottom.Refresh() // the column lays out again what is under its editor
		}
	}()
	if len(here) == 0 {
		b.box.Hide()
		return
	}
	// A translation finding first: it is about the meaning.
	f := here[0]
	for _, g := range here {
		if g.Block != "" {
			f = g
			break
		}
	}
	b.shown = f
	text := findingText(f)
	if len(here) > 1 {
		text += fmt.Sprintf(" (+%d)", len(here)-1)
	}
	if b.text.Text != text {
		b.text.SetText(text)
	}
	switch f.Severity {
	case model.Error:
		b.icon.SetResource(theme.ErrorIcon())
	case model.Warning:
		b.icon.SetResource(theme.WarningIcon())
	default:
		b.icon.SetResource(theme.InfoIcon())
	}
	typography := f.Rule == check.RuleTypography
	show(b.fix, typography || f.Replace[0] != "")
	show(b.fixAll, typography)
	show(b.source, f.SourceLine > 0)
	show(b.change, f.Rule == stale.Rule)
	draft := f.Rule == check.RuleDraft
	show(b.confirm, draft)
	show(b.confAll, draft)
	show(b.silence, f.Block != "" && !draft)
	if label := map[bool]string{true: lang.L("Still correct"), false: lang.L("Silence")}[f.Rule == stale.Rule]; b.silence.Text != label {
		b.silence.SetText(label)
	}
	b.box.Show()
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// showSource brings the source column to the block the finding names.
func (b *issueBar) showSource() {
	k := b.c.view.checks
	if k == nil || k.srcCol == nil || b.shown.SourceLine == 0 {
		return
	}
	src := k.srcCol
	l := b.shown.SourceLine - src.post.Doc.BodyLine()
	src.body.SetCursor(textarea.Pos{Line: max(l, 0)})
	src.prev.ShowLine(l + 1)
}

// showChange shows what changed in the source block since the stale
// block was translated: its words, those removed struck through in the
// error colour, those added in bold in the success colour.
func (b *issueBar) showChange() {
	k := b.c.view.checks
	if k == nil {
		return
	}
	ch, ok := k.live.Change(b.shown.Block)
	if !ok {
		return
	}
	// Runs of words removed or added together are one mark: [+their families].
	var segs []widget.RichTextSegment
	words := stale.Diff(ch[0], ch[1])
	for i := 0; i < len(words); {
		j := i
		var run []string
		for j < len(words) && words[j].Op == words[i].Op {
			run = append(run, words[j].Text)
			j++
		}
		text := strings.Join(run, " ")
		seg := &widget.TextSegment{Text: text + " ", Style: widget.RichTextStyleInline}
		switch words[i].Op {
		case stale.Removed:
			seg.Text = "[−" + text + "] "
			seg.Style.ColorName = theme.ColorNameError
		case stale.Added:
			seg.Text = "[+" + text + "] "
			seg.Style.ColorName = theme.ColorNameSuccess
			seg.Style.TextStyle = fyne.TextStyle{Bold: true}
		}
		segs = append(segs, seg)
		i = j
	}
	text := widget.NewRichText(segs...)
	text.Wrapping = fyne.TextWrapWord
	src := k.srcCol
	title := lang.L("What changed in the {{.Language}} since this was translated", languageForms(src.lang, nil))
	var d dialog.Dialog
	still := widget.NewButtonWithIcon(lang.L("Still correct"), theme.ConfirmIcon(), func() {
		d.Hide()
		k.silence(b.shown)
	})
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), still), nil, nil, container.NewVScroll(text))
	d = dialog.NewCustom(title, lang.L("Close"), content, b.c.ed.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}
