package editor

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/git"
	"tandem/task"
)

// getSiteDialog is File ▸ Get a site…: a site got from its address (the
// repository's page's https://… or git@… address, or a folder), into a
// folder the user picks, then opened: for staff without git or without a
// clone, as GitHub Desktop's "Clone a repository". Off the UI thread,
// with the host's progress and Cancel; a failure is one sentence, and
// leaves nothing on disk.
func (e *Editor) getSiteDialog() {
	address := widget.NewEntry()
	address.SetPlaceHolder(lang.L("https://github.com/organization/site"))
	address.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Paste the site's address"))
		}
		return nil
	}
	folder := widget.NewEntry()
	folder.SetPlaceHolder(filepath.Dir(siteFolder("", "")))
	choose := widget.NewButton(lang.L("Choose…"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, e.win)
	})
	token := widget.NewPasswordEntry()
	token.SetPlaceHolder(lang.L("Only if the site is private (kept in your system's keychain)"))
	shallow := widget.NewCheck(lang.L("Only the latest version (faster for a site with a long history)"), nil)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Address"), address),
		widget.NewFormItem(lang.L("Into the folder"), container.NewBorder(nil, nil, nil, choose, folder)),
		widget.NewFormItem(lang.L("Access token"), token),
		widget.NewFormItem("", shallow),
	}
	d := dialog.NewForm(lang.L("Get a site"), lang.L("Get"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		target := siteFolder(strings.TrimSpace(folder.Text), address.Text)
		opt := git.GetOptions{Token: strings.TrimSpace(token.Text)}
		if shallow.Checked {
			opt.Depth = 1
		}
		e.confirmDiscard(func() { e.getSite(strings.TrimSpace(address.Text), target, opt) })
	}, e.win)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

// getSite gets the site at address into target off the UI thread, showing
// the host's progress with Cancel, then opens it.
func (e *Editor) getSite(address, target string, opt git.GetOptions) {
	ctx, cancel := context.WithCancel(context.Background())
	line := widget.NewLabel(lang.L("Asking the host…"))
	line.Truncation = fyne.TextTruncateEllipsis
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustom(lang.L("Getting the site…"), lang.L("Cancel"), container.NewVBox(widget.NewLabel(address), bar, line), e.win)
	finished := false
	wait.SetOnClosed(func() {
		if !finished {
			cancel()
			line.SetText(lang.L("Cancelling…"))
		}
	})
	wait.Resize(fyne.NewSize(560, 0))
	wait.Show()
	prog := &progressLine{show: func(s string) { task.Do("", "show progress", func() { line.SetText(s) }) }}
	opt.Progress = prog
	var got string
	var err error
	offUI("", func() { got, err = git.Get(ctx, address, target, opt) }, func() {
		finished = true
		wait.Hide()
		cancel()
		if err != nil {
			e.showError(lang.L("The site could not be got"), err)
			return
		}
		e.OpenSite(got)
	})
}

// progressLine hands the last line of the host's progress to show.
type progressLine struct {
	mu   sync.Mutex
	buf  []byte
	show func(string)
}

func (p *progressLine) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf = append(p.buf, b...)
	// The host ends a line with \r while it counts, \n when it is done.
	if i := strings.LastIndexAny(string(p.buf), "\r\n"); i >= 0 {
		s := strings.TrimSpace(string(p.buf[:i]))
		if j := strings.LastIndexAny(s, "\r\n"); j >= 0 {
			s = strings.TrimSpace(s[j+1:])
		}
		p.buf = append([]byte(nil), p.buf[i+1:]...)
		if s != "" {
			p.show(s)
		}
	}
	return len(b), nil
}
