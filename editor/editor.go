// Package editor is Tandem's window: the site's posts as pairs in a
// library, and the open pair's English and French posts side by side, each
// with its front-matter form above its body. All edits and saves go through
// package model.
package editor

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/bug"
	"tandem/model"
	"tandem/preview"
	"tandem/task"
	"tandem/workspace"
)

// Editor is the main window and what it shows.
type Editor struct {
	app fyne.App
	win fyne.Window

	// ws is the open site the window is a view of (its Model nil until
	// one is shown): its model, findings, memory, history and publish
	// states.
	ws *workspace.Site
	// view is the open pair, nil when none is; showing counts the pairs
	// asked for (a pair read off the UI thread is shown if it is still
	// the last one asked for).
	view    *pairView
	showing int
	// saving is true while a save's files are written (off the UI
	// thread); saveNext are the saves asked for meanwhile.
	saving   bool
	saveNext []func()

	library  *library
	pairArea *fyne.Container
	status   *widget.Label
	libSplit *container.Split

	watcher   *model.Watcher
	watchMode string            // how the site is watched, when not by the system
	recovered map[string]string // recovery file → text last written
	// recoveryMu keeps the timer's copy and the copy written at exit
	// apart (once the app's loop has ended, Fyne runs fyne.Do's work on
	// the calling goroutine). It is never held while waiting for the UI
	// thread.
	recoveryMu sync.Mutex
}

// New builds the window of app, empty until a site is opened.
func New(app fyne.App) *Editor {
	// The preview's heading sizes come from the app's theme.
	app.Settings().SetTheme(preview.Theme(app.Settings().Theme()))
	e := &Editor{app: app, win: app.NewWindow("Tandem"), ws: workspace.New(), recovered: map[string]string{}}
	e.status = widget.NewLabel("")
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.library = newLibrary(e)
	e.pairArea = container.NewStack(e.placeholder(lang.L("Choose a post in the library, or create one with File ▸ New post…")))
	e.libSplit = container.NewHSplit(e.library.box, e.pairArea)
	e.libSplit.SetOffset(prefLibSplit.get(app))
	e.win.SetContent(container.NewBorder(nil, e.status, nil, nil, e.libSplit))
	e.win.SetMainMenu(e.mainMenu())
	e.win.SetCloseIntercept(func() { e.confirmDiscard(e.quit) })
	e.win.Resize(fyne.NewSize(
		float32(prefWidth.get(app)),
		float32(prefHeight.get(app))))
	e.updateTitle()
	task.OnBug(e.reportBug)
	return e
}

// reportBug shows a bug in Tandem that background work ran into (see
// task.Go): the post it concerns gets an internal-error finding, the
// status bar says where the details are, and the rest carries on.
func (e *Editor) reportBug(post string, err *bug.Error) {
	trace("internal-error %s: %v", post, err.Value)
	log := err.Log
	if log == "" {
		log = fmt.Sprint(err.Value)
	}
	e.setStatus(lang.L("A bug in Tandem stopped some work; your posts are unchanged. Details: {{.Log}}", map[string]any{"Log": log}))
	if post == "" || e.ws.Model == nil {
		return
	}
	e.ws.AddBug(post, err)
	e.library.refresh()
}

// Window is the editor's window.
func (e *Editor) Window() fyne.Window { return e.win }

func (e *Editor) placeholder(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignCenter
	l.Wrapping = fyne.TextWrapWord
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 80), l))
}

// OpenSite reads the site in folder root off the UI thread, then shows it.
func (e *Editor) OpenSite(root string) {
	e.load(root, func() (*workspace.Site, *model.Post, error) {
		w, err := workspace.Open(root)
		return w, nil, err
	})
}

// OpenFile opens the site a post file belongs to and that post's pair,
// with the keyboard in the post's body.
func (e *Editor) OpenFile(file string) {
	e.load(file, func() (*workspace.Site, *model.Post, error) { return workspace.OpenFile(file) })
}

// load runs open (disk work) off the UI thread and shows what it read:
// the site is read once (workspace.Open), and its first pass's texts
// taken there, before the site is the UI thread's.
func (e *Editor) load(what string, open func() (*workspace.Site, *model.Post, error)) {
	e.setStatus(lang.L("Opening {{.Path}}…", map[string]any{"Path": what}))
	var w *workspace.Site
	var pass *workspace.Pass
	var p *model.Post
	var lint []model.Finding
	var found []recoveryEntry
	var watcher *model.Watcher
	var err error
	task.Go("", "open "+what, func() {
		w, p, err = open()
		if err == nil {
			// All that reads the disk for showing the site, here.
			pass = w.Pass()
			lint = w.Model.Lint() // and the image folders listed
			found = e.pendingRecovery(w.Model)
			watcher = e.startWatch(w.Model)
		}
	}, func() {
		if err != nil {
			e.setStatus("")
			e.showError(lang.L("The site could not be opened"), err)
			return
		}
		e.showSite(w.Model, siteReading{pass, lint, found, watcher})
		if p != nil {
			e.OpenPair(p.Pair, p.Lang)
		}
	})
}

// ShowSite makes s the site shown, dropping the open pair.
// (Tests call it on the UI thread with a site they opened: it reads
// there what load reads off it.)
func (e *Editor) ShowSite(s *model.Site) {
	e.showSite(s, siteReading{workspace.Of(s).Pass(), s.Lint(), e.pendingRecovery(s), e.startWatch(s)})
}

// siteReading is what showing a site needs from the disk, read off the
// UI thread (see load): the first pass's texts (the checks, the memory,
// the history, run off it too), the lint's findings, the unsaved text
// recovered from a crash, the watcher started.
type siteReading struct {
	pass    *workspace.Pass
	lint    []model.Finding
	found   []recoveryEntry
	watcher *model.Watcher
}

// showSite makes s the site shown, with what was read of it.
func (e *Editor) showSite(s *model.Site, rd siteReading) {
	e.closeView()
	e.ws.Show(s, rd.lint)
	e.buildMemory(rd.pass)
	e.library.reset()
	e.rememberSite(s.Root)
	e.useWatcher(rd.watcher)
	trace("site %s: %s", s.Root, e.watcher.Mode())
	e.setStatus(e.siteStatusText())
	e.updateTitle()
	e.offerRecovery(s, rd.found)
	e.refreshPubStatus()
}

// siteStatusText is the status bar's account of the site: its layout,
// posts and pairs, the renderer the preview follows, the checkout's branch
// and how it is watched.
func (e *Editor) siteStatusText() string {
	s := e.ws.Model
	paired := 0
	for _, p := range s.Pairs {
		if len(p.Posts) > 1 {
			paired++
		}
	}
	status := lang.L("{{.Layout}} site {{.Path}}: {{.Posts}}, {{.Pairs}}", map[string]any{
		"Layout": layoutName(s.Layout), "Path": s.Root, "Posts": plural("{{.Count}} posts", len(s.Posts), nil),
		"Pairs": plural("{{.Count}} pairs", paired, nil)})
	status += " · " + rendererText(s.Renderer)
	if b := branchText(e.ws.Status()); b != "" {
		status += " · " + b
	}
	if e.watchMode != "" {
		status += " · " + e.watchMode
	}
	return status
}

// relint lints the whole site again (after saving; its folders listed
// already, this reads no disk); the bugs met before are forgotten: the
// work is done again.
func (e *Editor) relint() {
	if e.ws.Model != nil {
		e.ws.Relint(e.ws.Model.Lint())
	}
}

// OpenPair shows pr, asking first what to do with unsaved edits of the pair
// open now. The keyboard goes to the body of the post in focusLang.
func (e *Editor) OpenPair(pr *model.Pair, focusLang string) {
	if pr == e.pair() {
		e.focusBody(focusLang)
		return
	}
	e.confirmDiscard(func() { e.showPair(pr, focusLang) })
}

// pair is the open pair, nil when none is.
func (e *Editor) pair() *model.Pair {
	if e.view == nil {
		return nil
	}
	return e.view.Pair()
}

// columns are the open pair's columns.
func (e *Editor) columns() []*column {
	if e.view == nil {
		return nil
	}
	return e.view.columns
}

// showPair shows pr's posts side by side, without asking: the one way to
// show a pair, and to show the open one again once the model has changed
// it (a post created, renamed or restored; the edits live in the model).
// What was said about the pair shown (see pairView.follow) holds while it
// stays the same pair.
func (e *Editor) showPair(pr *model.Pair, focusLang string) {
	// The library holds front matter only: the pair shown is read whole
	// first (two small files), off the UI thread.
	e.showing++
	if rd := pr.Reading(); !rd.Empty() {
		seq := e.showing
		offUI("", rd.Read, func() {
			if err := rd.Take(); err != nil {
				e.showError(lang.L("The post could not be read"), err)
			}
			// Shown unless another pair was asked for meanwhile.
			if seq == e.showing && e.ws.Model != nil && pr.Site() == e.ws.Model {
				e.showWhole(pr, focusLang)
			}
		})
		return
	}
	e.showWhole(pr, focusLang)
}

// showWhole is showPair once the pair is read.
func (e *Editor) showWhole(pr *model.Pair, focusLang string) {
	old := e.view
	if old != nil {
		old.stop()
	}
	e.view = newPairView(e, pr)
	if old != nil && old.Pair() == pr {
		e.view.follow = old.follow
	}
	e.pairArea.Objects = []fyne.CanvasObject{e.view.box}
	e.pairArea.Refresh()
	// Bodies get their text once the columns have their size: a
	// word-wrapped Entry filled before it is laid out is slow to show.
	for _, c := range e.view.columns {
		c.loadBody()
		if c.post != nil && c.post.DiskChange != nil {
			c.showConflict()
		} else if c.post != nil && c.post.Deleted {
			c.showDeleted()
		}
	}
	e.library.selectPair(pr)
	e.updateTitle()
	e.focusBody(focusLang)
	e.view.checks.readHistory()
}

func (e *Editor) focusBody(l string) {
	for _, c := range e.columns() {
		if c.lang == l && c.body != nil {
			e.win.Canvas().Focus(c.body)
		}
	}
}

// dirty lists the open pair's posts with unsaved edits.
func (e *Editor) dirty() []*model.Post {
	var out []*model.Post
	pr := e.pair()
	if pr == nil {
		return nil
	}
	for _, l := range e.ws.Model.Languages {
		if p := pr.Post(l); p != nil && p.Dirty() {
			out = append(out, p)
		}
	}
	return out
}

// updateTitle shows "Tandem — title" and • for unsaved edits.
func (e *Editor) updateTitle() {
	t := "Tandem"
	if pr := e.pair(); pr != nil {
		t += " — " + plainTitle(pr.Title())
		if len(e.dirty()) > 0 {
			t += " •"
		}
	} else if e.ws.Model != nil {
		t += " — " + filepath.Base(e.ws.Model.Root)
	}
	if t != e.win.Title() { // a keystroke seldom changes it: no call to the window system
		e.win.SetTitle(t)
	}
}

// changed is called after any edit of the open pair.
func (e *Editor) changed(p *model.Post) {
	// Most keystrokes change no finding: the library is left alone then.
	changed := e.ws.RelintPost(p)
	for _, c := range e.columns() {
		if c.post == p && e.view.checks != nil {
			changed = e.ws.SetChecks(p.Path, e.view.checks.findingsOf(c)) || changed
		}
	}
	if changed {
		e.library.refresh()
	}
	e.updateTitle()
}

// Save writes the open pair's edited posts (off the UI thread).
func (e *Editor) Save() {
	e.savePosts(e.dirty(), nil)
}

// savePosts writes posts, their files off the UI thread, then calls then
// (when set) with whether all were saved. A save asked for while another
// is being written follows it.
func (e *Editor) savePosts(posts []*model.Post, then func(ok bool)) {
	if e.saving {
		e.saveNext = append(e.saveNext, func() { e.savePosts(e.dirty(), then) })
		return
	}
	ok := true
	var saves []*model.Saving
	for _, c := range e.columns() {
		if slices.Contains(posts, c.post) {
			c.syncBody() // what is written is what the editor shows
		}
	}
	for _, p := range posts {
		sv, err := p.StartSave(false)
		if err != nil {
			ok = false
			if !e.savingBlocked(p, err) {
				e.showError(lang.L("Not saved"), err)
			}
			continue
		}
		if sv != nil {
			saves = append(saves, sv)
		}
	}
	errs := make([]error, len(saves))
	names, files := make([]string, len(saves)), make([]string, len(saves))
	for i, sv := range saves {
		names[i], files[i] = sv.Post().Path, sv.Post().Abs()
	}
	// A file another program changed meanwhile is read there too, for the
	// conflict bar.
	changed := make([]*model.Pending, len(saves))
	site, gen := e.ws.Model, e.ws.Generation()
	e.saving = true
	offUI("", func() {
		// A bug in writing is that save's error: the saves end, and the
		// next ones can start.
		for i, sv := range saves {
			if err := bug.Catch("save "+names[i], func() { errs[i] = sv.Write() }); err != nil {
				errs[i] = err
			}
			if errors.Is(errs[i], model.ErrChangedOnDisk) {
				changed[i] = site.ReadChanges([]string{files[i]})
			}
		}
	}, func() {
		e.saving = false
		for i, sv := range saves {
			p := sv.Post()
			sv.Done(errs[i])
			if changed[i] != nil && p.DiskChange == nil && e.ws.Generation() == gen {
				e.applyChanges(site.Apply(changed[i]))
			}
			if errs[i] != nil {
				ok = false
				if !e.savingBlocked(p, errs[i]) {
					e.showError(lang.L("Not saved"), errs[i])
				}
				continue
			}
			e.forgetRecovery(p)
			trace("saved %s", p.Path)
			for _, c := range e.columns() {
				if c.post == p {
					c.hideBar()
				}
			}
		}
		if len(posts) > 0 && e.ws.Model != nil {
			e.ws.UpdateMemory(e.pair())
			e.relint()
			e.library.refresh()
			if ok {
				e.setStatus(lang.L("Saved"))
			}
		}
		e.updateTitle()
		if then != nil {
			then(ok)
		}
		if next := e.saveNext; len(next) > 0 {
			e.saveNext = nil
			for _, f := range next {
				f()
			}
		}
	})
}

// confirmDiscard runs then, asking first Save / Don't save / Cancel when the
// open pair has unsaved edits.
func (e *Editor) confirmDiscard(then func()) {
	posts := e.dirty()
	if len(posts) == 0 {
		then()
		return
	}
	var names []string
	for _, p := range posts {
		names = append(names, p.Path)
	}
	msg := widget.NewLabel(lang.L("Save your changes to these posts?") + "\n" + strings.Join(names, "\n"))
	d := dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"), msg, e.win)
	save := widget.NewButton(lang.L("Save"), func() {
		d.Hide()
		e.savePosts(posts, func(ok bool) {
			if ok {
				then()
			}
		})
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton(lang.L("Don't save"), func() {
		d.Hide()
		for _, p := range posts {
			e.forgetRecovery(p)
			if p.Reload() != nil && p.Deleted {
				p.Deleted = false // its file is gone, and so are its edits
			}
		}
		then()
	})
	cancel := widget.NewButton(lang.L("Cancel"), d.Hide)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Show()
}

func (e *Editor) quit() {
	prefWidth.set(e.app, float64(e.win.Canvas().Size().Width))
	prefHeight.set(e.app, float64(e.win.Canvas().Size().Height))
	prefLibSplit.set(e.app, e.libSplit.Offset)
	if e.view != nil && e.view.split != nil {
		prefColSplit.set(e.app, e.view.split.Offset)
	}
	e.app.Quit()
}

// createTranslation asks for the title of pr's missing post in l and
// creates it through the model, then shows the pair with both posts.
func (e *Editor) createTranslation(pr *model.Pair, l string) { e.createTranslationThen(pr, l, nil) }

// createTranslationThen is createTranslation, then then once the pair
// is shown with its new post.
func (e *Editor) createTranslationThen(pr *model.Pair, l string, then func()) {
	title := widget.NewEntry()
	title.SetPlaceHolder(plainTitle(pr.Title())) // a hint: the new title is in the other language
	// Create waits for a title in the new post's language: the hint
	// only looks like one.
	title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Type the title in {{.LanguageInText}}", languageForms(l, nil)))
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Title ({{.Language}})", languageForms(l, nil)), title)}
	d := dialog.NewForm(lang.L("Create {{.Language}} version", languageForms(l, nil)), lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		p, err := e.ws.Model.AddTranslation(pr, l, title.Text)
		if err != nil {
			e.showError(lang.L("The post could not be created"), err)
			return
		}
		e.relint()
		e.library.refresh()
		// The pair now has the new post; the other post's new link is
		// saved with it.
		e.showPair(p.Pair, l)
		if then != nil && e.pair() == p.Pair {
			then()
		}
	}, e.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// ClosePair closes the open pair, asking about unsaved edits.
func (e *Editor) ClosePair() {
	e.confirmDiscard(e.closePairNow)
}

// closePairNow closes the open pair without asking.
func (e *Editor) closePairNow() {
	e.closeView()
	e.library.selectPair(nil)
	e.updateTitle()
}

// closeView drops the open pair's view and shows the placeholder.
func (e *Editor) closeView() {
	e.showing++ // a pair still being read is not shown now
	if e.view != nil {
		e.view.stop()
	}
	e.view = nil
	e.pairArea.Objects = []fyne.CanvasObject{e.placeholder(lang.L("Choose a post in the library, or create one with File ▸ New post…"))}
	e.pairArea.Refresh()
}

func (e *Editor) rememberSite(root string) {
	prefLastSite.set(e.app, root)
	recent := []string{root}
	for _, r := range prefRecent.get(e.app) {
		if r != root && len(recent) < 8 {
			recent = append(recent, r)
		}
	}
	prefRecent.set(e.app, recent)
	e.win.SetMainMenu(e.mainMenu())
}

func layoutName(l model.Layout) string {
	if l == model.Hugo {
		return "Hugo"
	}
	return "Jekyll"
}

func (e *Editor) setStatus(s string) { e.status.SetText(s) }

func (e *Editor) showError(title string, err error) {
	dialog.ShowError(errors.New(errorSentence(title, err)), e.win)
}

// errorSentence is what failed and why, in the interface's language (the
// reason too, where the error has its French) and its punctuation.
func errorSentence(what string, err error) string {
	return lang.L("{{.What}}: {{.Why}}", map[string]any{"What": what, "Why": errorText(err)})
}

// rendererText says what the site publishes with, as the preview renders:
// "rendered with blackfriday (Hugo 0.55.6, from netlify.toml)".
func rendererText(r model.Renderer) string {
	args := map[string]any{"Name": r.Name, "Version": r.Version, "From": r.From}
	switch {
	case r.Version != "" && r.From != "":
		return lang.L("rendered with {{.Name}} (Hugo {{.Version}}, from {{.From}})", args)
	case r.From != "":
		return lang.L("rendered with {{.Name}} (from {{.From}})", args)
	}
	return lang.L("rendered with {{.Name}}", args)
}
