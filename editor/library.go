package editor

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/model"
	"tandem/task"
)

// library lists the site's posts as pairs, newest first, with a filter and
// the site's lint findings below.
type library struct {
	ed       *Editor
	filter   *widget.Entry
	list     *widget.List
	shown    []*model.Pair
	problems *widget.List
	rows     []problemRow
	expanded map[string]bool // the problems' groups opened
	severity *widget.Select  // the problems' filter
	header   *widget.Label
	box      fyne.CanvasObject
	selected *model.Pair
}

func newLibrary(e *Editor) *library {
	lb := &library{ed: e}
	lb.filter = widget.NewEntry()
	lb.filter.SetPlaceHolder(lang.L("Filter by title or file name"))
	lb.filter.OnChanged = func(string) { lb.refresh() }
	lb.list = widget.NewList(
		func() int { return len(lb.shown) },
		newLibraryRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(lb.shown) {
				lb.fillRow(o, lb.shown[i])
			}
		})
	lb.list.OnSelected = func(i widget.ListItemID) {
		if i < len(lb.shown) && lb.shown[i] != lb.selected {
			pr := lb.shown[i]
			task.Guard(pairPath(pr), "open the pair of", func() { lb.ed.OpenPair(pr, lb.ed.firstLang(pr)) })
			if lb.ed.pair() != pr { // the user cancelled
				lb.selectPair(lb.ed.pair())
			}
		}
	}
	lb.header = widget.NewLabelWithStyle(lang.L("Problems"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lb.expanded = map[string]bool{}
	lb.severity = widget.NewSelect([]string{lang.L("Everything"), lang.L("No notes")}, func(string) { lb.refresh() })
	lb.severity.SetSelectedIndex(severityAll)
	lb.problems = widget.NewList(
		func() int { return len(lb.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(lb.rows) {
				r := lb.rows[i]
				l := o.(*widget.Label)
				l.TextStyle = fyne.TextStyle{Bold: r.heading != ""}
				l.SetText(r.text())
			}
		})
	lb.problems.OnSelected = func(i widget.ListItemID) {
		lb.problems.UnselectAll()
		if i >= len(lb.rows) {
			return
		}
		switch r := lb.rows[i]; {
		case r.group != "":
			lb.expanded[r.group] = !lb.expanded[r.group]
			lb.refresh()
		case r.finding != nil:
			if p := lb.ed.ws.Model.PostAt(r.finding.Path); p != nil {
				lb.ed.OpenPair(p.Pair, p.Lang)
			}
		}
	}
	split := container.NewVSplit(lb.list, container.NewBorder(container.NewBorder(nil, nil, nil, lb.severity, lb.header), nil, nil, nil, lb.problems))
	split.SetOffset(0.72)
	lb.box = container.NewBorder(lb.filter, nil, nil, nil, split)
	return lb
}

// newLibraryRow makes the widgets of one library row: both titles, the
// date and the badge.
func newLibraryRow() fyne.CanvasObject {
	first := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	first.Truncation = fyne.TextTruncateEllipsis
	second := widget.NewLabel("")
	second.Truncation = fyne.TextTruncateEllipsis
	date := widget.NewLabel("")
	date.Importance = widget.LowImportance
	badge := widget.NewLabel("")
	badge.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(first, second, container.NewBorder(nil, nil, date, nil, badge))
}

// fillRow shows pair pr in a row made by newLibraryRow.
func (lb *library) fillRow(o fyne.CanvasObject, pr *model.Pair) {
	box := o.(*fyne.Container)
	titles := lb.titles(pr)
	box.Objects[0].(*widget.Label).SetText(titles[0])
	box.Objects[1].(*widget.Label).SetText(titles[1])
	row := box.Objects[2].(*fyne.Container)
	row.Objects[1].(*widget.Label).SetText(shortDate(pr.Date()))
	badge := row.Objects[0].(*widget.Label)
	text, imp := lb.badge(pr)
	badge.SetText(text)
	badge.Importance = imp
	badge.Refresh()
}

// rowFor is a library row showing pr.
func (lb *library) rowFor(pr *model.Pair) fyne.CanvasObject {
	o := newLibraryRow()
	lb.fillRow(o, pr)
	return o
}

func severityMark(s model.Severity) string {
	switch s {
	case model.Error:
		return "⛔"
	case model.Warning:
		return "⚠"
	}
	return "ℹ"
}

// shortDate shows the day part of a front-matter date.
func shortDate(d string) string {
	if len(d) >= 10 {
		return d[:10]
	}
	return d
}

func (e *Editor) firstLang(pr *model.Pair) string {
	for _, l := range e.ws.Model.Languages {
		if pr.Post(l) != nil {
			return l
		}
	}
	return ""
}

// titles are the pair's titles in the site's first two languages; a
// missing post shows its file name or a dash.
func (lb *library) titles(pr *model.Pair) [2]string {
	var t [2]string
	for i, l := range lb.ed.ws.Model.Languages {
		if i > 1 {
			break
		}
		switch p := pr.Post(l); {
		case p == nil:
			t[i] = "—"
		case p.Title() != "":
			t[i] = plainTitle(p.Title())
		default:
			t[i] = path.Base(p.Path)
		}
	}
	return t
}

// badge says whether the pair is complete and how many problems it has.
func (lb *library) badge(pr *model.Pair) (string, widget.Importance) {
	langs := lb.ed.ws.Model.Languages
	var status string
	imp := widget.SuccessImportance
	switch {
	case len(pr.Posts) >= len(langs):
		status = lang.L("Paired")
	default:
		for _, l := range langs {
			if pr.Post(l) != nil {
				status = lang.L("{{.Language}} only", languageForms(l, nil))
			}
		}
		imp = widget.WarningImportance
	}
	if isPage(lb.ed.ws.Model, pr) {
		status = lang.L("Page") + " · " + status
	}
	for _, l := range langs {
		if p := pr.Post(l); p != nil && p.Untranslated {
			status += " · " + lang.L("{{.Language}} untranslated", languageForms(l, nil))
			imp = widget.WarningImportance
		}
	}
	errs, warns := 0, 0
	for _, p := range pr.Posts {
		for _, f := range lb.ed.ws.FindingsOf(p.Path) {
			switch f.Severity {
			case model.Error:
				errs++
			case model.Warning:
				warns++
			}
		}
	}
	if lb.ed.ws.Status() != nil {
		status += " · " + stateText(lb.ed.pubStatus(pr))
	}
	if errs > 0 {
		status += " · " + plural("{{.Count}} errors", errs, nil)
		imp = widget.DangerImportance
	}
	if warns > 0 {
		status += " · " + plural("{{.Count}} warnings", warns, nil)
		if imp == widget.SuccessImportance {
			imp = widget.WarningImportance
		}
	}
	return status, imp
}

// isPage reports whether a pair is one of the site's pages (an about
// page, a product's) rather than a post.
func isPage(s *model.Site, pr *model.Pair) bool {
	for _, p := range pr.Posts {
		if !s.IsPage(p) {
			return false
		}
	}
	return len(pr.Posts) > 0
}

// pairPath is the path of a pair's first post, for reports.
func pairPath(pr *model.Pair) string {
	first := ""
	for _, p := range pr.Posts {
		if first == "" || p.Path < first {
			first = p.Path
		}
	}
	return first
}

// plural is a message that counts something, in the plural form the
// interface's language gives count (French says "1 billet", and "0
// billet" too): key is the English plural form, with {{.Count}}; the
// translation files give each language's forms ("one", "other"). data
// holds the message's other values, if any.
func plural(key string, count int, data map[string]any) string {
	d := map[string]any{"Count": count}
	for k, v := range data {
		d[k] = v
	}
	return lang.N(key, count, d)
}

// plainTitle shows a title that holds HTML (<em>, &nbsp;) as its text.
func plainTitle(t string) string {
	return strings.TrimSpace(html.UnescapeString(htmlTag.ReplaceAllString(t, "")))
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// reset forgets the selection, for a newly opened site.
func (lb *library) reset() {
	lb.selected = nil
	lb.list.UnselectAll()
	lb.refresh()
}

// refresh applies the filter and shows the findings again.
func (lb *library) refresh() {
	s := lb.ed.ws.Model
	if s == nil {
		return
	}
	q := strings.ToLower(strings.TrimSpace(lb.filter.Text))
	lb.shown = lb.shown[:0]
	var pages []*model.Pair // listed apart, after the posts
	for _, pr := range s.Pairs {
		switch {
		case q != "" && !lb.matches(pr, q):
		case isPage(s, pr):
			pages = append(pages, pr)
		default:
			lb.shown = append(lb.shown, pr)
		}
	}
	lb.shown = append(lb.shown, pages...)
	open := map[*model.Post]bool{}
	if pr := lb.ed.pair(); pr != nil {
		for _, p := range pr.Posts {
			open[p] = true
		}
	}
	st := lb.ed.ws.Status()
	var todo int
	lb.rows, todo = problemRows(s.Posts, lb.ed.ws.FindingsOf, open, func(p *model.Post) bool { return toDo(st, p) }, lb.expanded, lb.severity.SelectedIndex())
	lb.header.SetText(lang.L("Problems") + fmt.Sprintf(" (%d)", todo))
	lb.list.Refresh()
	lb.problems.Refresh()
	lb.selectPair(lb.selected)
}

func (lb *library) matches(pr *model.Pair, q string) bool {
	for _, p := range pr.Posts {
		if strings.Contains(strings.ToLower(p.Title()), q) || strings.Contains(strings.ToLower(p.Path), q) {
			return true
		}
	}
	return false
}

// selectPair highlights pr in the list without opening it again.
func (lb *library) selectPair(pr *model.Pair) {
	lb.selected = pr
	for i, p := range lb.shown {
		if p == pr {
			lb.list.Select(i)
			return
		}
	}
	lb.list.UnselectAll()
}

// findingText is a lint finding's message in the interface language.
func findingText(f model.Finding) string {
	return f.Text(func(format string) string { return lang.L(format) })
}
