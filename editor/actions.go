package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// formatAction is a Markdown action on the body's selection: the one
// table both each column's toolbar and the Edit menu are built from.
type formatAction struct {
	label string        // the menu item's, translated
	icon  fyne.Resource // the toolbar button's
	key   fyne.KeyName  // the shortcut (with Ctrl or ⌘), "" for none
	act   func(c *column)
}

// formatActions are the toolbar's actions in order; a zero action is a
// separator.
func formatActions() []formatAction {
	return []formatAction{
		{lang.L("Bold"), theme.NewThemedResource(boldIcon), fyne.KeyB, func(c *column) { c.wrapSelection("**", "**", lang.L("bold text")) }},
		{lang.L("Italic"), theme.NewThemedResource(italicIcon), fyne.KeyI, func(c *column) { c.wrapSelection("*", "*", lang.L("italic text")) }},
		{lang.L("Link"), theme.NewThemedResource(linkIcon), fyne.KeyK, func(c *column) { c.wrapSelection("[", "](https://)", lang.L("link text")) }},
		{},
		{lang.L("Heading"), theme.NewThemedResource(headingIcon), "", func(c *column) { c.prefixLine("## ") }},
		{lang.L("Bulleted list"), theme.NewThemedResource(listIcon), "", func(c *column) { c.prefixLine("- ") }},
		{lang.L("Image"), theme.FileImageIcon(), "", func(c *column) { c.wrapSelection("![", "](image.png)", lang.L("image description")) }},
	}
}

// toolbar is the column's row of format actions.
func (c *column) toolbar() fyne.CanvasObject {
	var items []widget.ToolbarItem
	for _, a := range formatActions() {
		if a.act == nil {
			items = append(items, widget.NewToolbarSeparator())
			continue
		}
		items = append(items, widget.NewToolbarAction(a.icon, func() { a.act(c) }))
	}
	if c.ed.ws.Model != nil && c.lang != c.ed.ws.Model.SourceLang() {
		// A translation: draft what it lacks (Translate ▸ Draft translation).
		items = append(items, widget.NewToolbarSeparator(), widget.NewToolbarAction(theme.DocumentCreateIcon(), c.ed.draftTranslation))
	}
	return widget.NewToolbar(items...)
}

// formatMenuItems are the format actions as Edit menu items, acting on the
// column whose body has the keyboard.
func (e *Editor) formatMenuItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, a := range formatActions() {
		if a.act == nil {
			items = append(items, fyne.NewMenuItemSeparator())
			continue
		}
		it := fyne.NewMenuItem(a.label, func() {
			for _, c := range e.columns() {
				if c.body != nil && e.win.Canvas().Focused() == c.body {
					a.act(c)
					return
				}
			}
		})
		if a.key != "" {
			it.Shortcut = shortcut(a.key, 0)
		}
		items = append(items, it)
	}
	return items
}
