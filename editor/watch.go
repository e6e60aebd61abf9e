package editor

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/editor/textarea"
	"tandem/model"
	"tandem/task"
	"tandem/workspace"
)

// startWatch follows the site's files: each batch is read off the UI thread and
// applied on it with one fyne.Do.
func (e *Editor) startWatch(s *model.Site) *model.Watcher {
	return s.Watch(func(paths []string) {
		var pd *model.Pending
		task.Go("", "read changes on disk", func() { pd = s.ReadChanges(paths) }, func() {
			if e.ws.Model == s {
				e.applyChanges(s.Apply(pd))
			}
		})
	})
}

// useWatcher makes w (startWatch's, off the UI thread: it lists the
// site's folders) the site's watcher.
func (e *Editor) useWatcher(w *model.Watcher) {
	if e.watcher != nil {
		e.watcher.Close()
	}
	e.watcher = w
	e.watchMode = ""
	if m := e.watcher.Mode(); m != "watching" {
		e.watchMode = lang.L("Following changes by polling: {{.Why}}", map[string]any{"Why": m})
	}
}

// applyChanges shows what a batch of outside changes did: the library, and
// the open pair's columns (reloaded, in conflict, deleted, renamed).
func (e *Editor) applyChanges(ch *model.Changes) {
	trace("changes: %d added, %d removed, %d reloaded, %d conflicts, %d deleted, %d renamed, config %v; %d posts",
		len(ch.Added), len(ch.Removed), len(ch.Reloaded), len(ch.Conflicts), len(ch.Deleted), len(ch.Renamed), ch.Config, len(e.ws.Model.Posts))
	if ch.Empty() {
		return
	}
	if ch.Config && len(e.dirty()) == 0 {
		e.reopenSite()
		return
	}
	if ch.PostsTouched > 0 {
		e.relint()
		e.library.refresh()
	}
	if ch.Config {
		e.setStatus(lang.L("The site's configuration changed: save, then reopen the site to apply it"))
	} else if ch.PostsTouched > 0 {
		e.setStatus(plural("{{.Count}} posts changed on disk", ch.PostsTouched+len(ch.Conflicts), nil))
	}
	if e.view == nil {
		e.updateTitle()
		return
	}
	// Pairs were rebuilt: follow the open posts into their new pair.
	if ch.PostsTouched > 0 && !e.samePair() {
		e.reshowPair()
		return
	}
	for _, c := range e.columns() {
		if c.post == nil {
			continue
		}
		switch {
		case contains(ch.Reloaded, c.post):
			c.reloadFromModel()
			trace("reloaded %s", c.post.Path)
		case c.post.DiskChange != nil:
			c.showConflict()
			trace("conflict %s", c.post.Path)
		case c.post.Deleted:
			c.showDeleted()
			trace("deleted %s", c.post.Path)
		}
		c.path.SetText(c.post.Path)
	}
	e.updateTitle()
}

func contains(ps []*model.Post, p *model.Post) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// samePair is whether the open columns still show exactly their posts'
// pair (no post joined or left it).
func (e *Editor) samePair() bool {
	var pr *model.Pair
	for _, c := range e.columns() {
		if c.post != nil {
			if c.post.Site() != e.ws.Model || e.ws.Model.PostAt(c.post.Path) != c.post {
				return false // removed from the site
			}
			pr = c.post.Pair
		}
	}
	if pr == nil {
		return false
	}
	for _, c := range e.columns() {
		if pr.Post(c.lang) != c.post {
			return false
		}
	}
	return true
}

// reshowPair shows the pair the open posts now belong to, without asking:
// their edits live in the model and are kept.
func (e *Editor) reshowPair() {
	var next *model.Pair
	focus := ""
	for _, c := range e.columns() {
		if c.post != nil && e.ws.Model.PostAt(c.post.Path) == c.post {
			next, focus = c.post.Pair, c.lang
			break
		}
	}
	if next == nil {
		e.closePairNow()
		return
	}
	e.showPair(next, focus)
}

// reopenSite reads the site again after its configuration changed,
// keeping the open pair open.
func (e *Editor) reopenSite() {
	root := e.ws.Model.Root
	var path string
	for _, c := range e.columns() {
		if c.post != nil {
			path = c.post.Path
			break
		}
	}
	e.load(root, func() (*workspace.Site, *model.Post, error) {
		w, err := workspace.Open(root)
		if err != nil || path == "" {
			return w, nil, err
		}
		p := w.Model.PostAt(path)
		if p != nil {
			p.Pair.Load() // read whole here, off the UI thread
		}
		return w, p, nil
	})
}

// reloadFromModel shows the post's text and fields again after the file
// changed on disk, keeping the caret as near as possible. The text is
// replaced as one undoable edit (the lines that differ only): Undo brings
// back what the editor showed before, the undo history kept.
func (c *column) reloadFromModel() {
	if c.body == nil || c.post.Doc == nil {
		return
	}
	caret := c.body.Cursor()
	c.loading = true
	if r, text, ok := changedLines(c.body, c.post.Doc.BodyText()); ok {
		c.body.ReplaceRanges([]textarea.Range{r}, []string{text})
	}
	c.body.SetCursor(caret)
	c.loading = false
	c.reloadFields()
	c.updateCounts()
	c.refreshHeader()
	c.hideBar()
}

// changedLines is the range of body's lines that text has otherwise (its
// common first and last lines left out) and what text puts there; false
// when they are the same.
func changedLines(body *textarea.TextArea, text string) (textarea.Range, string, bool) {
	old := strings.Split(body.Text(), "\n")
	now := strings.Split(text, "\n")
	first := 0
	for first < len(old) && first < len(now) && old[first] == now[first] {
		first++
	}
	if first == len(old) && first == len(now) {
		return textarea.Range{}, "", false
	}
	lo, ln := len(old), len(now)
	for lo > first && ln > first && old[lo-1] == now[ln-1] {
		lo, ln = lo-1, ln-1
	}
	// Lines [first, lo) of the body become lines [first, ln) of text: as
	// a range from the start of line first to the end of line lo-1 (a
	// range of no line: an insertion at the start of line first, or after
	// the body's last line).
	switch {
	case lo > first && ln == first && lo < len(old):
		// Lines taken out: with their line breaks.
		return textarea.Range{Start: textarea.Pos{Line: first}, End: textarea.Pos{Line: lo}}, "", true
	case lo > first && ln == first:
		// The last lines taken out: with the break before them.
		return textarea.Range{Start: textarea.Pos{Line: first - 1, Col: body.LineLen(first - 1)}, End: textarea.Pos{Line: lo - 1, Col: body.LineLen(lo - 1)}}, "", true
	case lo > first:
		r := textarea.Range{Start: textarea.Pos{Line: first}, End: textarea.Pos{Line: lo - 1, Col: body.LineLen(lo - 1)}}
		return r, strings.Join(now[first:ln], "\n"), true
	case first < len(old):
		return textarea.Range{Start: textarea.Pos{Line: first}, End: textarea.Pos{Line: first}}, strings.Join(now[first:ln], "\n") + "\n", true
	}
	end := textarea.Pos{Line: len(old) - 1, Col: body.LineLen(len(old) - 1)}
	return textarea.Range{Start: end, End: end}, "\n" + strings.Join(now[first:ln], "\n"), true
}

// showConflict shows the non-modal bar of a file changed on disk while
// the post has unsaved edits.
func (c *column) showConflict() {
	msg := lang.L("{{.Path}} changed on disk while you were editing it.", map[string]any{"Path": c.post.Path})
	reload := widget.NewButton(lang.L("Reload (discard mine)"), func() {
		c.post.TakeDiskChange()
		c.reloadFromModel()
		c.ed.forgetRecovery(c.post)
		c.ed.updateTitle()
	})
	keep := widget.NewButton(lang.L("Keep mine"), func() {
		c.post.KeepMine()
		c.hideBar()
		c.ed.setStatus(lang.L("Your version will replace the file when you save"))
		c.ed.updateTitle()
	})
	compare := widget.NewButton(lang.L("Compare"), func() { c.ed.compare(c.post) })
	c.showBar(msg, theme.WarningIcon(), compare, keep, reload)
}

// showDeleted marks a post whose file was deleted while it had unsaved
// edits.
func (c *column) showDeleted() {
	msg := lang.L("{{.Path}} was deleted on disk. Your text is kept here; Save writes the file again.", map[string]any{"Path": c.post.Path})
	c.showBar(msg, theme.WarningIcon(), widget.NewButton(lang.L("OK"), c.hideBar))
}

func (c *column) showBar(msg string, icon fyne.Resource, buttons ...fyne.CanvasObject) {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	label.Importance = widget.WarningImportance
	bg := barBackground()
	// The message on its own row: beside the buttons it was squeezed into a
	// few characters a line in a narrow column.
	c.bar.Objects = []fyne.CanvasObject{container.NewStack(bg, container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(icon), nil, label),
		container.NewHBox(layout.NewSpacer(), container.NewHBox(buttons...))))}
	c.bar.Show()
	c.bar.Refresh()
}

func (c *column) hideBar() {
	if c.bar != nil {
		c.bar.Objects = nil
		c.bar.Hide()
	}
}

// savingBlocked says why a post cannot be saved yet: its file changed on
// disk and the user has not chosen what to keep.
func (e *Editor) savingBlocked(p *model.Post, err error) bool {
	if !errors.Is(err, model.ErrChangedOnDisk) {
		return false
	}
	// The file as it is now was read with the save's work, off the UI
	// thread (savePosts), or the watcher tells of it soon.
	for _, c := range e.columns() {
		if c.post == p {
			c.showConflict()
		}
	}
	e.setStatus(lang.L("{{.Path}} was not saved: it changed on disk. Choose Reload, Keep mine or Compare.", map[string]any{"Path": p.Path}))
	trace("save refused %s: changed on disk", p.Path)
	return true
}

// compare shows the file's version and the editor's side by side, the
// lines that differ marked.
func (e *Editor) compare(p *model.Post) {
	var disk string
	if p.DiskChange != nil {
		disk = string(p.DiskChange.Data)
	}
	e.showDiff(lang.L("Compare {{.Path}}", map[string]any{"Path": p.Path}), disk, lang.L("In Tandem (unsaved)"), string(p.Doc.Bytes()))
}

// showDiff shows a file's text on disk beside another version of it, the
// lines that differ marked.
func (e *Editor) showDiff(title, disk, otherLabel, other string) {
	left, right := diffViews(disk, other)
	bold := fyne.TextStyle{Bold: true}
	content := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabelWithStyle(lang.L("On disk"), fyne.TextAlignLeading, bold), nil, nil, nil, container.NewScroll(left)),
		container.NewBorder(widget.NewLabelWithStyle(otherLabel, fyne.TextAlignLeading, bold), nil, nil, nil, container.NewScroll(right)))
	d := dialog.NewCustom(title, lang.L("Close"), content, e.win)
	d.Resize(fyne.NewSize(e.win.Canvas().Size().Width*0.9, e.win.Canvas().Size().Height*0.85))
	d.Show()
}

// barBackground is a faint warning colour behind the bar.
func barBackground() fyne.CanvasObject {
	r, g, b, _ := theme.Color(theme.ColorNameWarning).RGBA()
	return canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x30})
}
