package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// findBar is a column's find and replace bar, shown above its text.
type findBar struct {
	c         *column
	box       *fyne.Container
	query     *widget.Entry
	with      *widget.Entry
	count     *widget.Label
	matchCase *widget.Check
}

func newFindBar(c *column) *findBar {
	f := &findBar{c: c, query: widget.NewEntry(), with: widget.NewEntry(), count: widget.NewLabel("")}
	f.query.SetPlaceHolder(lang.L("Find"))
	f.with.SetPlaceHolder(lang.L("Replace with"))
	f.count.Importance = widget.LowImportance
	f.matchCase = widget.NewCheck(lang.L("Match case"), func(bool) { f.search() })
	f.query.OnChanged = func(string) { f.search() }
	f.query.OnSubmitted = func(string) { f.next(1) }
	f.with.OnSubmitted = func(string) { f.replace() }
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { f.next(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { f.next(1) })
	replace := widget.NewButton(lang.L("Replace"), f.replace)
	all := widget.NewButton(lang.L("Replace all"), f.replaceAll)
	closeB := widget.NewButtonWithIcon("", theme.CancelIcon(), f.hide)
	row1 := container.NewBorder(nil, nil, nil, container.NewHBox(f.count, prev, next, closeB), f.query)
	row2 := container.NewBorder(nil, nil, nil, container.NewHBox(f.matchCase, replace, all), f.with)
	f.box = container.NewVBox(row1, row2)
	f.box.Hide()
	return f
}

// show opens the bar with the selected text as the query.
func (f *findBar) show() {
	if s := f.c.body.SelectedText(); s != "" && len([]rune(s)) < 200 {
		f.query.SetText(s)
	}
	f.box.Show()
	f.search()
	f.c.ed.win.Canvas().Focus(f.query)
}

func (f *findBar) hide() {
	f.box.Hide()
	f.c.body.Find("", false)
	f.c.ed.win.Canvas().Focus(f.c.body)
}

func (f *findBar) search() {
	n := f.c.body.Find(f.query.Text, f.matchCase.Checked)
	f.showCount(n)
}

func (f *findBar) showCount(n int) {
	switch {
	case f.query.Text == "":
		f.count.SetText("")
	case n == 0:
		f.count.SetText(lang.L("No match"))
	default:
		f.count.SetText(plural("{{.Count}} found", n, nil))
	}
}

func (f *findBar) next(dir int) {
	if len(f.c.body.Matches()) == 0 {
		f.search()
	}
	f.c.body.FindNext(dir)
}

func (f *findBar) replace() {
	if !f.c.body.ReplaceCurrent(f.query.Text, f.with.Text, f.matchCase.Checked) {
		f.next(1)
	}
	f.showCount(len(f.c.body.Matches()))
}

func (f *findBar) replaceAll() {
	n := f.c.body.ReplaceAll(f.query.Text, f.with.Text, f.matchCase.Checked)
	f.c.ed.setStatus(plural("{{.Count}} replaced", n, nil))
	f.showCount(0)
}
