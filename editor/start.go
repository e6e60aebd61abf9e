package editor

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/git"
)

// The start screen, when no site is open (the first start, a last site
// gone): a newcomer's way in without git, as GitHub Desktop's first
// screen. Their site from its address (pasted, then Enter), a folder they
// have, the sites opened lately, or the built-in sample to try Tandem on.

// showStart shows the start screen in the pair's area.
func (e *Editor) showStart() {
	address := widget.NewEntry()
	address.SetPlaceHolder(lang.L("https://github.com/organization/site"))
	into := widget.NewLabel("")
	into.Importance = widget.LowImportance
	into.Wrapping = fyne.TextWrapWord
	showInto := func(a string) {
		into.SetText(lang.L("Into {{.Folder}}", map[string]any{"Folder": siteFolder("", a)}))
	}
	showInto("")
	address.OnChanged = showInto
	get := func() {
		if a := strings.TrimSpace(address.Text); a != "" {
			e.getSite(a, siteFolder("", a), git.GetOptions{})
		}
	}
	address.OnSubmitted = func(string) { get() }
	getBtn := widget.NewButtonWithIcon(lang.L("Get"), theme.DownloadIcon(), get)
	getBtn.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(lang.L("Start with your site"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(lang.L("Paste your site's address from its repository's page on GitHub or GitLab, then press Enter. A private site asks for an access token."))
	intro.Wrapping = fyne.TextWrapWord
	more := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Get a site…"), theme.DownloadIcon(), e.getSiteDialog),
		widget.NewButtonWithIcon(lang.L("Open a folder…"), theme.FolderOpenIcon(), e.openSiteDialog),
		widget.NewButtonWithIcon(lang.L("Try the sample site"), theme.HomeIcon(), e.openSample))
	box := container.NewVBox(heading, intro, container.NewBorder(nil, nil, nil, getBtn, address), into, widget.NewSeparator(), more)
	if recent := prefRecent.get(e.app); len(recent) > 0 {
		box.Add(widget.NewSeparator())
		box.Add(widget.NewLabelWithStyle(lang.L("Open recent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, r := range recent { // one gone since says so when opened
			box.Add(widget.NewButton(r, func() { e.OpenSite(r) }))
		}
	}
	e.pairArea.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(620, 360), box))}
	e.pairArea.Refresh()
	e.win.Canvas().Focus(address)
	trace("start screen")
}

// openSample copies the built-in sample site to the user's folder, when it
// is not there yet, off the UI thread, and opens it.
func (e *Editor) openSample() {
	var root string
	var err error
	offUI("", func() { root, err = firstStart() }, func() {
		if err != nil {
			e.showError(lang.L("The sample site could not be made"), err)
			return
		}
		e.OpenSite(root)
	})
}

// siteFolder is where a site got from address goes: parent (the user's
// Documents folder when "") and the repository's name.
func siteFolder(parent, address string) string {
	if parent == "" {
		home, _ := os.UserHomeDir()
		parent = filepath.Join(home, "Documents")
	}
	return filepath.Join(parent, git.FolderFor(address))
}
