package editor

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/model"
	"tandem/task"
)

// Version and Commit are shown in Help ▸ About.
var Version, Commit = "dev", ""

func shortcut(key fyne.KeyName, mod fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | mod}
}

// mainMenu holds every action, each with its keyboard shortcut: a menu
// item's shortcut works even while an Entry has the focus.
func (e *Editor) mainMenu() *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		return it
	}
	recent := fyne.NewMenuItem(lang.L("Open recent"), nil)
	for _, r := range prefRecent.get(e.app) {
		r := r
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(r, func() {
			e.confirmDiscard(func() { e.OpenSite(r) })
		}))
	}
	if recent.ChildMenu == nil {
		recent.Disabled = true
	}
	quit := item(lang.L("Quit"), shortcut(fyne.KeyQ, 0), func() { e.confirmDiscard(e.quit) })
	quit.IsQuit = true
	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("Open site…"), shortcut(fyne.KeyO, 0), e.openSiteDialog),
		recent,
		item(lang.L("Get a site…"), nil, e.getSiteDialog),
		fyne.NewMenuItemSeparator(),
		item(lang.L("New post…"), shortcut(fyne.KeyN, 0), e.newPostDialog),
		item(lang.L("Save"), shortcut(fyne.KeyS, 0), e.Save),
		item(lang.L("Save all"), shortcut(fyne.KeyS, fyne.KeyModifierShift), e.Save),
		item(lang.L("Open preview in browser"), shortcut(fyne.KeyB, fyne.KeyModifierShift), e.openInBrowser),
		item(lang.L("Publish…"), shortcut(fyne.KeyU, fyne.KeyModifierShift), e.publishDialog),
		item(lang.L("Get latest"), shortcut(fyne.KeyG, fyne.KeyModifierShift), e.getLatest),
		item(lang.L("Close"), shortcut(fyne.KeyW, 0), e.ClosePair),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	focused := func(s fyne.Shortcut) func() {
		return func() {
			if f, ok := e.win.Canvas().Focused().(fyne.Shortcutable); ok {
				f.TypedShortcut(s)
			}
		}
	}
	edit := fyne.NewMenu(lang.L("Edit"),
		item(lang.L("Undo"), shortcut(fyne.KeyZ, 0), focused(&fyne.ShortcutUndo{})),
		item(lang.L("Redo"), shortcut(fyne.KeyZ, fyne.KeyModifierShift), focused(&fyne.ShortcutRedo{})),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Cut"), shortcut(fyne.KeyX, 0), focused(&fyne.ShortcutCut{Clipboard: e.app.Clipboard()})),
		item(lang.L("Copy"), shortcut(fyne.KeyC, 0), focused(&fyne.ShortcutCopy{Clipboard: e.app.Clipboard()})),
		item(lang.L("Paste"), shortcut(fyne.KeyV, 0), focused(&fyne.ShortcutPaste{Clipboard: e.app.Clipboard()})),
		item(lang.L("Select all"), shortcut(fyne.KeyA, 0), focused(&fyne.ShortcutSelectAll{})),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Find and replace…"), shortcut(fyne.KeyF, 0), e.showFind),
		fyne.NewMenuItemSeparator(),
	)
	edit.Items = append(edit.Items, e.formatMenuItems()...)
	edit.Items = append(edit.Items, fyne.NewMenuItemSeparator(),
		item(lang.L("Fix all typography"), shortcut(fyne.KeyT, fyne.KeyModifierShift), e.fixAllTypography),
		item(lang.L("Spelling suggestions"), shortcut(fyne.KeyPeriod, 0), e.spellingAtCaret))
	invisible := item(lang.L("Show invisible characters"), shortcut(fyne.KeyI, fyne.KeyModifierShift), nil)
	invisible.Checked = prefInvisible.get(e.app)
	together := item(lang.L("Scroll previews together"), nil, nil)
	together.Checked = prefScrollSync.get(e.app)
	var view *fyne.Menu
	invisible.Action = func() {
		invisible.Checked = !invisible.Checked
		e.setInvisible(invisible.Checked)
		view.Refresh()
	}
	together.Action = func() {
		together.Checked = !together.Checked
		prefScrollSync.set(e.app, together.Checked)
		view.Refresh()
	}
	view = fyne.NewMenu(lang.L("View"),
		item(lang.L("Library"), shortcut(fyne.KeyL, fyne.KeyModifierShift), e.toggleLibrary),
		item(lang.L("Preview or fields"), shortcut(fyne.KeyP, fyne.KeyModifierShift), e.togglePreview),
		invisible,
		together,
		fyne.NewMenuItemSeparator(),
		item(lang.L("Preferences…"), shortcut(fyne.KeyComma, 0), e.preferencesDialog),
	)
	translateMenu := fyne.NewMenu(lang.L("Translate"),
		item(lang.L("Draft translation"), shortcut(fyne.KeyD, fyne.KeyModifierShift), e.draftTranslation),
		item(lang.L("Confirm all drafted blocks"), nil, e.confirmDrafts),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Terms…"), nil, e.termsDialog))
	help := fyne.NewMenu(lang.L("Help"), fyne.NewMenuItem(lang.L("About Tandem"), e.aboutDialog))
	menus := []*fyne.Menu{file, edit, view, translateMenu, help}
	for _, m := range menus {
		guardItems(m)
	}
	return fyne.NewMainMenu(menus...)
}

// guardItems makes a bug in a menu item's action (and its shortcut's) a
// report, not the end of the window (see task.Guard).
func guardItems(m *fyne.Menu) {
	if m == nil {
		return
	}
	for _, it := range m.Items {
		if act := it.Action; act != nil {
			label := it.Label
			it.Action = func() { task.Guard("", "menu item "+label, act) }
		}
		guardItems(it.ChildMenu)
	}
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", it)
	}
	m.Items = append(m.Items, it)
	return m
}

func (e *Editor) toggleLibrary() {
	if e.libSplit.Offset > 0.01 {
		prefLibSplit.set(e.app, e.libSplit.Offset)
		e.libSplit.SetOffset(0)
	} else {
		e.libSplit.SetOffset(prefLibSplit.get(e.app))
	}
}

func (e *Editor) openSiteDialog() {
	e.confirmDiscard(func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				e.OpenSite(u.Path())
			}
		}, e.win)
	})
}

// newPostDialog asks for the titles, date and author, and creates the pair
// through the model.
func (e *Editor) newPostDialog() {
	if e.ws.Model == nil {
		return
	}
	titles := map[string]*widget.Entry{}
	var items []*widget.FormItem
	for _, l := range e.ws.Model.Languages {
		en := widget.NewEntry()
		titles[l] = en
		items = append(items, widget.NewFormItem(lang.L("Title ({{.Language}})", map[string]any{"Language": languageName(l)}), en))
	}
	date := widget.NewDateEntry()
	now := time.Now()
	date.SetDate(&now)
	author := widget.NewEntry()
	items = append(items, widget.NewFormItem(lang.L("Date"), date), widget.NewFormItem(lang.L("Author"), author))
	d := dialog.NewForm(lang.L("New post"), lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		day := time.Now()
		if date.Date != nil {
			day = *date.Date
		}
		in := model.NewPairInput{Titles: map[string]string{}, Author: author.Text, Date: model.PostTime(day, time.Now())}
		for l, en := range titles {
			in.Titles[l] = en.Text
		}
		e.confirmDiscard(func() {
			pr, err := e.ws.Model.NewPair(in)
			if err != nil {
				e.showError(lang.L("The post could not be created"), err)
				return
			}
			e.relint()
			e.library.refresh()
			e.OpenPair(pr, e.ws.Model.Languages[0])
		})
	}, e.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func (e *Editor) preferencesDialog() {
	choice := widget.NewRadioGroup([]string{lang.L("Automatic (system language)"), "English", "Français"}, nil)
	codes := []string{"", "en", "fr"}
	cur := prefUILanguage.get(e.app)
	for i, c := range codes {
		if c == cur {
			choice.SetSelected(choice.Options[i])
		}
	}
	note := widget.NewLabel(lang.L("The new language applies the next time Tandem starts."))
	note.Wrapping = fyne.TextWrapWord
	mt := e.translationPrefs()
	capitals := widget.NewCheck(lang.L("Check the spelling of words in capitals (ISC, GC2025)"), nil)
	capitals.SetChecked(prefSpellCapitals.get(e.app))
	d := dialog.NewCustomConfirm(lang.L("Preferences"), lang.L("Save"), lang.L("Cancel"),
		container.NewVBox(widget.NewLabel(lang.L("Language of the interface")), choice, note, widget.NewSeparator(),
			widget.NewLabel(lang.L("Spelling")), capitals, widget.NewSeparator(), mt.box), func(ok bool) {
			if !ok {
				return
			}
			for i, o := range choice.Options {
				if o == choice.Selected {
					prefUILanguage.set(e.app, codes[i])
				}
			}
			if capitals.Checked != prefSpellCapitals.get(e.app) {
				prefSpellCapitals.set(e.app, capitals.Checked)
				if e.view != nil && e.view.checks != nil {
					e.view.checks.run() // the underlines as the setting says
				}
			}
			mt.save()
		}, e.win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

func (e *Editor) aboutDialog() {
	v := Version
	if Commit != "" {
		v += " (" + Commit + ")"
	}
	text := widget.NewLabel(lang.L("Tandem {{.Version}}", map[string]any{"Version": v}) + "\n" +
		lang.L("Write a blog post in English and French side by side."))
	dialog.ShowCustom(lang.L("About Tandem"), lang.L("Close"), text, e.win)
}

// showFind opens the find bar of the column with the keyboard (or the
// first one).
func (e *Editor) showFind() {
	var target *column
	for _, c := range e.columns() {
		if c.find == nil {
			continue
		}
		if target == nil || e.win.Canvas().Focused() == c.body {
			target = c
		}
	}
	if target != nil {
		target.find.show()
	}
}
