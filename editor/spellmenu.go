package editor

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/disk"
	"tandem/editor/textarea"
	"tandem/model"
	"tandem/spell"
)

// Spelling in the window: each column's text is checked in its own
// language with the checks (off the UI thread; the dictionaries read the
// first time), misspelled words underlined in red. A right click on one,
// or Edit ▸ Spelling suggestions (Ctrl+.) at the caret, opens a menu: the
// suggestions (one replaces the word, one undo step), Add to the site's
// dictionary (its .tandem-dictionary.LANG.txt, shared through git) and
// Ignore (while the pair is open).

// misspelledAt is the underlined word at p in column c: its range and
// text; ok is false when there is none.
func misspelledAt(c *column, p textarea.Pos) (textarea.Range, string, bool) {
	i := c.body.MarkAt(p, theme.ColorNameError)
	if i < 0 {
		return textarea.Range{}, "", false
	}
	r := c.body.Marks()[i].Range
	if r.Start.Line != r.End.Line {
		return textarea.Range{}, "", false
	}
	line := []rune(c.body.Line(r.Start.Line))
	if r.End.Col > len(line) || r.Start.Col >= r.End.Col {
		return textarea.Range{}, "", false
	}
	return r, string(line[r.Start.Col:r.End.Col]), true
}

// spellMenu opens the spelling menu for the word at p in column c, at
// canvas position pos.
func (k *checks) spellMenu(c *column, p textarea.Pos, pos fyne.Position) {
	r, word, ok := misspelledAt(c, p)
	if !ok {
		return
	}
	d, err := spell.ForLanguage(c.lang)
	if err != nil {
		return
	}
	var sugg []string
	offUI("", func() { sugg = d.Suggest(word, 6) }, func() {
		if k.e.view != k.v {
			return
		}
		var items []*fyne.MenuItem
		for _, sg := range sugg {
			sg := sg
			items = append(items, fyne.NewMenuItem(sg, func() {
				c.body.ReplaceRanges([]textarea.Range{r}, []string{sg})
			}))
		}
		if len(items) == 0 {
			none := fyne.NewMenuItem(lang.L("No suggestions"), nil)
			none.Disabled = true
			items = append(items, none)
		}
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Add “{{.Word}}” to the site's dictionary", map[string]any{"Word": word}), func() { k.addWord(c.lang, word) }),
			fyne.NewMenuItem(lang.L("Ignore “{{.Word}}”", map[string]any{"Word": word}), func() {
				k.live.Ignore(word)
				k.run()
			}))
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), k.e.win.Canvas(), pos)
	})
}

// addWord adds word to the site's word list for language l (the file
// read and written off the UI thread) and checks again.
func (k *checks) addWord(l, word string) {
	site, gen := k.e.ws.Model, k.e.ws.Generation()
	name := filepath.Join(site.Root, spell.SiteFile(l))
	var err error
	offUI("", func() { err = appendWord(name, word) }, func() {
		if err != nil {
			k.e.showError(lang.L("The word could not be added"), err)
			return
		}
		k.e.setStatus(lang.L("“{{.Word}}” added to {{.File}} (commit it to share it with the team)", map[string]any{"Word": word, "File": spell.SiteFile(l)}))
		if k.e.ws.Generation() == gen {
			k.run()
		}
	})
}

// appendWord adds word to the word list in file name, atomically (the
// list is made, with its header line, when there is none).
func appendWord(name, word string) error {
	disk.Touch("read", name)
	b, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if len(b) == 0 {
		b = []byte("# Words the site's spelling accepts, one a line (Tandem).\n")
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	b = append(b, strings.TrimSpace(word)+"\n"...)
	return model.WriteFileAtomic(name, b)
}

// spellingAtCaret opens the spelling menu at the caret of the column
// with the keyboard.
func (e *Editor) spellingAtCaret() {
	if e.view == nil || e.view.checks == nil {
		return
	}
	for _, c := range e.columns() {
		if c.body != nil && e.win.Canvas().Focused() == c.body {
			at := c.body.Cursor()
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.body).Add(c.body.PointOf(at))
			e.view.checks.spellMenu(c, at, pos)
		}
	}
}
