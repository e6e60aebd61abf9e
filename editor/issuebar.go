package editor

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
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
	silence *widget.Button
	shown   model.Finding
}

func newIssueBar(c *column) *issueBar {
	b := &issueBar{c: c, icon: widget.NewIcon(theme.WarningIcon()), text: widget.NewLabel("")}
	b.text.Wrapping = fyne.TextWrapWord
	b.fix = widget.NewButtonWithIcon(lang.L("Fix"), theme.ConfirmIcon(), func() {
		if k := c.view.checks; k != nil {
			k.fixTypography(c, c.body.Cursor().Line)
		}
	})
	b.fix.Importance = widget.HighImportance
	b.fixAll = widget.NewButton(lang.L("Fix all typography"), func() {
		if k := c.view.checks; k != nil {
			k.fixTypography(c, -1)
		}
	})
	b.source = widget.NewButtonWithIcon(lang.L("Show source"), theme.NavigateBackIcon(), func() { b.showSource() })
	b.silence = widget.NewButtonWithIcon(lang.L("Silence"), theme.VisibilityOffIcon(), func() {
		if k := c.view.checks; k != nil {
			k.silence(b.shown)
		}
	})
	buttons := container.NewHBox(layout.NewSpacer(), b.fix, b.fixAll, b.source, b.silence)
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
	for _, f := range c.ed.findings[c.post.Path] {
		if f.Line == line && f.Field == "" {
			here = append(here, f)
		}
	}
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
	show(b.fix, typography)
	show(b.fixAll, typography)
	show(b.source, f.SourceLine > 0)
	show(b.silence, f.Block != "")
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
