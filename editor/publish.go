package editor

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"tandem/check"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/git"
	"tandem/markup"
	"tandem/model"
	"tandem/task"
)

// publishDialog is File ▸ Publish…: the open pair's unsaved edits saved,
// then the files that will go in (nothing else), the commit message in
// both languages and the branch; Publish runs in the background with
// progress and Cancel; the review link comes back with Open and Copy.
func (e *Editor) publishDialog() {
	pr := e.pair()
	if pr == nil {
		e.setStatus(lang.L("Open a post to publish it."))
		return
	}
	e.savePosts(e.dirty(), func(ok bool) {
		if ok && e.pair() == pr {
			e.showPublish(pr)
		}
	})
}

// showPublish shows the publish dialog of pr, its posts saved.
func (e *Editor) showPublish(pr *model.Pair) {
	files := markup.ImagesOf(e.shownPosts()) // the images the previews show
	var names []string
	for _, l := range e.ws.Model.Languages {
		if p := pr.Post(l); p != nil {
			names = append(names, p.Path)
		}
	}
	for _, f := range files {
		if rel, err := filepath.Rel(e.ws.Model.Root, f); err == nil {
			names = append(names, filepath.ToSlash(rel))
		}
	}
	update := e.pubStatus(pr).State != git.NotPublished && e.pubStatus(pr).State != git.Published
	branch := widget.NewEntry()
	branch.SetText(git.BranchName(pr, e.ws.Model.Languages))
	if b := e.pubStatus(pr).Branch; b != "" {
		branch.SetText(b)
	}
	msg := widget.NewMultiLineEntry()
	msg.Wrapping = fyne.TextWrapWord
	// The drafted blocks no one has read yet (their findings): said
	// before publishing, and in the commit message.
	drafted := 0
	for _, p := range pr.Posts {
		for _, f := range e.ws.FindingsOf(p.Path) {
			if f.Rule == check.RuleDraft {
				drafted++
			}
		}
	}
	msg.SetText(git.Message(pr, e.ws.Model.Languages, update) + git.DraftNote(drafted))
	msg.SetMinRowsVisible(2)
	list := widget.NewLabel(strings.Join(names, "\n"))
	hint := widget.NewLabel(lang.L("Only the files new or changed since the branch go in."))
	hint.Importance = widget.LowImportance
	hint.SizeName = theme.SizeNameCaptionText
	progress := widget.NewProgressBarInfinite()
	progress.Hide()
	progress.Stop()
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	result.Hide()
	links := container.NewHBox()
	files2 := container.NewVBox(list, hint)
	if drafted > 0 {
		warn := widget.NewLabel(plural("{{.Count}} drafted blocks are not read yet", drafted, nil))
		warn.Importance = widget.WarningImportance
		files2.Add(warn)
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Files"), files2),
		widget.NewFormItem(lang.L("Message"), msg),
		widget.NewFormItem(lang.L("Branch"), branch),
	)
	// Signing in, when the host refuses: a token, kept in the keychain.
	token := widget.NewPasswordEntry()
	token.SetPlaceHolder(lang.L("Personal access token"))
	// The author, when git knows none: asked once, kept in preferences.
	name, email := widget.NewEntry(), widget.NewEntry()
	name.SetPlaceHolder(lang.L("Your name"))
	email.SetPlaceHolder(lang.L("Your email"))
	name.SetText(prefGitName.get(e.app))
	email.SetText(prefGitEmail.get(e.app))
	signIn := container.NewVBox()
	signIn.Hide()
	var d *dialog.CustomDialog
	var cancel context.CancelFunc
	publishBtn := widget.NewButton(lang.L("Publish"), nil)
	publishBtn.Importance = widget.HighImportance
	closeBtn := widget.NewButton(lang.L("Cancel"), nil)
	closeBtn.OnTapped = func() {
		if cancel != nil {
			cancel() // the publish stops; the dialog stays for its answer
			return
		}
		d.Hide()
	}
	publishBtn.OnTapped = func() {
		ctx, stop := context.WithCancel(context.Background())
		cancel = stop
		publishBtn.Disable()
		progress.Show()
		progress.Start()
		result.Hide()
		// What to publish is read from the model here, on the UI thread;
		// the work runs beside it.
		tok := strings.TrimSpace(token.Text)
		if tok != "" {
			// Kept in the system's keychain; where there is none, used for
			// this publish only (and asked again next time).
			git.SaveToken(git.SystemKeychain, git.RemoteURL(e.ws.Model.Root, ""), tok)
		}
		signIn.Hide()
		if n, m := strings.TrimSpace(name.Text), strings.TrimSpace(email.Text); n != "" && m != "" {
			prefGitName.set(e.app, n)
			prefGitEmail.set(e.app, m)
		}
		// done shows the outcome, on the UI thread.
		done := func(res git.Result, err error) {
			stop()
			cancel = nil
			progress.Stop()
			progress.Hide()
			publishBtn.Enable()
			e.showPublished(res, err, result, links, closeBtn)
		}
		job, err := git.Prepare(pr, git.Options{Branch: strings.TrimSpace(branch.Text), Message: msg.Text, Files: files,
			Token: tok, Name: prefGitName.get(e.app), Email: prefGitEmail.get(e.app), Records: check.PairRecords(e.ws.Model, pr)})
		if err != nil {
			done(git.Result{}, err)
			return
		}
		gitWork(func() {
			res, err := job.Run(ctx)
			task.Do("", "publish", func() {
				done(res, err)
				var pe *git.Error
				if errors.As(err, &pe) && pe.Kind == git.AuthFailed {
					e.askToken(signIn, token)
				}
				if errors.As(err, &pe) && pe.Kind == git.NoIdentity {
					signIn.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Your name and email go in the commit, as its author:")), name, email}
					signIn.Show()
					signIn.Refresh()
				}
				if err == nil {
					publishBtn.Disable()
					e.refreshPubStatus()
				}
			})
		})
	}
	content := container.NewVBox(form, progress, result, signIn, links)
	d = dialog.NewCustomWithoutButtons(lang.L("Publish for review"), content, e.win)
	d.SetButtons([]fyne.CanvasObject{closeBtn, publishBtn})
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// showPublished shows a publish's outcome in the dialog: the branch and
// the review link with Open and Copy, or what went wrong, in the
// interface's language.
func (e *Editor) showPublished(res git.Result, err error, result *widget.Label, links *fyne.Container, closeBtn *widget.Button) {
	links.Objects = nil
	result.Importance = widget.MediumImportance
	switch {
	case errors.Is(err, context.Canceled):
		result.SetText(lang.L("Publishing was cancelled: nothing was sent."))
	case err != nil:
		result.Importance = widget.DangerImportance
		result.SetText(errorText(err))
	default:
		closeBtn.SetText(lang.L("Close"))
		result.SetText(lang.L("Published on the branch {{.Branch}}.", map[string]any{"Branch": res.Branch}))
		if res.Review != "" {
			open := widget.NewButton(lang.L("Open the review page"), func() {
				if u, err := url.Parse(res.Review); err == nil {
					e.app.OpenURL(u)
				}
			})
			cp := widget.NewButton(lang.L("Copy the link"), func() { e.app.Clipboard().SetContent(res.Review) })
			links.Objects = []fyne.CanvasObject{open, cp}
		}
	}
	result.Show()
	links.Refresh()
}

// askToken shows the token entry in the dialog, with a link to the host's
// page where one is made; Publish then signs in with it.
func (e *Editor) askToken(box *fyne.Container, token *widget.Entry) {
	box.Objects = nil
	box.Add(widget.NewLabel(lang.L("Sign in with a personal access token: it is kept in your system's keychain, nowhere else.")))
	if page := git.TokenPage(git.RemoteURL(e.ws.Model.Root, "")); page != "" {
		if u, err := url.Parse(page); err == nil {
			box.Add(widget.NewHyperlink(lang.L("Make a token on the host's site"), u))
		}
	}
	box.Add(token)
	box.Show()
	box.Refresh()
}

// errorText is a failure in the interface's language: the French
// sentence of an error that has one (git's, a translation engine's).
func errorText(err error) string {
	var fr interface{ French() string }
	if errors.As(err, &fr) && lang.X("tandem.language", "en") == "fr" {
		return fr.French()
	}
	return strings.TrimSpace(err.Error())
}

// pubStatus is a pair's state in the site's repository, as last read.
func (e *Editor) pubStatus(pr *model.Pair) git.PairStatus {
	if e.ws.Status() == nil {
		return git.PairStatus{State: git.NotPublished}
	}
	return e.ws.Status().Pairs[pr]
}

// refreshPubStatus reads the pairs' states in the repository off the UI
// thread, then shows them in the library and the status bar; then, when
// given, runs on the UI thread after (to say something in the status bar
// over the site's account).
func (e *Editor) refreshPubStatus(then ...func()) {
	s := e.ws.Model
	if s == nil {
		return
	}
	pairs := git.Snapshot(s) // read here, on the UI thread
	gen := e.ws.Generation()
	gitWork(func() {
		st, err := git.StatusOf(s.Root, pairs, "")
		task.Do("", "git", func() {
			if err != nil {
				st = nil // not a repository: nothing to show
			}
			if !e.ws.SetStatus(gen, st) {
				return // another site shown since
			}
			if err != nil {
				for _, f := range then {
					f()
				}
				return
			}
			e.library.refresh()
			e.setStatus(e.siteStatusText())
			for _, f := range then {
				f()
			}
		})
	})
}

// gitWork runs git work beside the UI thread, a panic in it contained
// (see task.Go); it hands its result to the UI thread itself.
func gitWork(f func()) { task.Go("", "git work", f, nil) }

// stateText is a pair's state in the library's words.
func stateText(ps git.PairStatus) string {
	switch ps.State {
	case git.InReview:
		return lang.L("in review ({{.Branch}})", map[string]any{"Branch": ps.Branch})
	case git.Edited:
		return lang.L("edited since published")
	case git.Published:
		return lang.L("published")
	}
	return lang.L("not published")
}

// branchText is the checkout's branch and how far it is behind its
// remote, for the status bar.
func branchText(st *git.SiteStatus) string {
	if st == nil || st.Branch == "" {
		return ""
	}
	if st.Behind > 0 {
		return plural("branch {{.Branch}}, {{.Count}} commits behind its remote", st.Behind, map[string]any{"Branch": st.Branch})
	}
	return lang.L("branch {{.Branch}}", map[string]any{"Branch": st.Branch})
}

// getLatest is File ▸ Get latest: fetch, and bring the checkout's branch
// up to its remote, off the UI thread; the watcher then shows the files
// that changed, as any outside change. A file edited both here and
// upstream is kept as it is here, and named.
func (e *Editor) getLatest() {
	if e.ws.Model == nil {
		return
	}
	root := e.ws.Model.Root
	e.setStatus(lang.L("Getting the latest…"))
	gitWork(func() {
		res, err := git.Pull(context.Background(), root, git.Options{})
		task.Do("", "git", func() {
			say := func() {
				switch {
				case err != nil:
					e.setStatus(errorText(err))
				case res.UpToDate:
					e.setStatus(lang.L("Up to date: nothing new on the remote."))
				case len(res.Kept) > 0:
					dialog.ShowInformation(lang.L("Get latest"), plural("{{.Count}} files updated. These were changed both here and on the remote, and were kept as they are here; compare them before you publish:", len(res.Updated), nil)+"\n"+strings.Join(res.Kept, "\n"), e.win)
				default:
					n := len(res.Updated)
					e.setStatus(plural("Got the latest: {{.Count}} files updated.", n, nil))
				}
			}
			e.refreshPubStatus(say)
		})
	})
}
