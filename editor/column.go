package editor

import (
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
	"tandem/editor/textarea"
	"tandem/markup"
	"tandem/model"
	"tandem/preview"
	"tandem/spell"
	"tandem/task"
)

// column is one language's post: its form above its body editor.
type column struct {
	ed   *Editor
	view *pairView // the open pair the column is part of
	lang string
	post *model.Post // nil when the pair has no post in lang

	fields  map[string]*fieldUI
	form    fyne.CanvasObject // the front-matter form
	path    *widget.Label
	bar     *fyne.Container // changed or deleted on disk
	body    *textarea.TextArea
	find    *findBar
	tabs    *container.AppTabs
	prev    *preview.View
	live    *preview.Live
	header  markup.Header
	counts  *widget.Label
	issue   *issueBar
	suggest *suggestPanel
	bottom  *fyne.Container // under the editor: the issue bar, suggestions, counts
	box     fyne.CanvasObject
	// loading is true while widgets are filled from the model, so that
	// their change callbacks do not write back.
	loading bool
	// typed is true when the body changed since the preview last
	// rendered: the preview then follows the caret.
	typed bool
}

// fieldUI is one front-matter field's widgets.
type fieldUI struct {
	set  func(string) // shows a value from the model
	obj  fyne.CanvasObject
	hint *widget.Label
}

var langNames = map[string]string{"en": "English", "fr": "French"}

// fieldLabels name the usual fields in words; other fields show their key.
var fieldLabels = map[string]string{
	"title": "Title", "description": "Post description", "summary": "Summary", "author": "Author",
	"date": "Date", "lastmod": "Last modified", "image": "Image", "thumb": "Thumbnail",
	"image-alt": "Image description", "lang": "Language", "layout": "Layout",
	"trans_url": "Translation link", "translationKey": "Translation key", "tags": "Tags",
	"categories": "Categories", "slug": "Slug", "draft": "Draft",
}

func fieldLabel(key string) string {
	if l, ok := fieldLabels[key]; ok {
		return lang.L(l)
	}
	return key
}

func languageName(l string) string {
	if n, ok := langNames[l]; ok {
		return lang.L(n)
	}
	return strings.ToUpper(l)
}

// languageForms are the ways a message names language l, for the
// interface's translations to take the one their grammar wants: Language
// ("French", "Français": a label), LanguageInText ("French", "français":
// in a sentence), and the adjective after a feminine or a masculine noun
// ("la version française", "le billet anglais"; English: "French").
func languageForms(l string, more map[string]any) map[string]any {
	out := map[string]any{"Language": languageName(l), "LanguageInText": strings.ToLower(languageName(l)),
		"Feminine": lang.L(langAdjectives[l][0]), "Masculine": lang.L(langAdjectives[l][1])}
	if _, ok := langAdjectives[l]; !ok {
		out["Feminine"], out["Masculine"] = languageName(l), languageName(l)
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// langAdjectives are each language's adjective as a feminine and a
// masculine noun takes it, in English (the translations give the French:
// "française", "français").
var langAdjectives = map[string][2]string{"en": {"English (feminine)", "English (masculine)"}, "fr": {"French (feminine)", "French (masculine)"}}

func newColumn(e *Editor, v *pairView, pr *model.Pair, l string) *column {
	c := &column{ed: e, view: v, lang: l, post: pr.Post(l), fields: map[string]*fieldUI{}}
	heading := widget.NewLabelWithStyle(languageName(l), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if c.post == nil {
		msg := widget.NewLabel(lang.L("There is no {{.Language}} version of this post yet.", languageForms(l, nil)))
		msg.Alignment = fyne.TextAlignCenter
		create := widget.NewButtonWithIcon(lang.L("Create {{.Language}} version", languageForms(l, nil)),
			theme.ContentAddIcon(), func() { e.createTranslation(v.Pair(), l) })
		create.Importance = widget.HighImportance
		// Or created with a first draft of its text (see draft.go).
		draft := widget.NewButtonWithIcon(lang.L("Create and draft the translation"), theme.DocumentCreateIcon(),
			func() { e.createTranslationThen(v.Pair(), l, e.draftTranslation) })
		c.box = container.NewBorder(heading, nil, nil, nil, container.NewCenter(container.NewVBox(msg, create, draft)))
		return c
	}
	path := widget.NewLabel(c.post.Path)
	path.Truncation = fyne.TextTruncateEllipsis
	path.Importance = widget.LowImportance
	c.path = path
	if c.post.Doc == nil {
		c.box = container.NewBorder(container.NewVBox(heading, path), nil, nil, nil,
			e.placeholder(lang.L("This post cannot be edited: {{.Error}}", map[string]any{"Error": c.post.Err.Error()})))
		return c
	}
	c.body = textarea.New()
	c.body.OnChanged = func() {
		if c.loading {
			c.body.Edits() // the model has the text already
			return
		}
		c.typed = true
		c.learnEdits()
		c.post.Untranslated = false
		// What follows an edit only reads it: a bug there is the post's
		// finding, and the text typed is kept.
		task.Guard(c.post.Path, "react to an edit of", func() {
			c.queueBody()
			e.changed(c.post)
		})
	}
	c.body.OnSecondaryTap = func(at textarea.Pos, pos fyne.Position) {
		if k := c.view.checks; k != nil {
			k.spellMenu(c, at, pos)
		}
	}
	c.body.OnCursorChanged = func() {
		c.followCaret()
		c.showIssue()
		if k := c.view.checks; k != nil {
			k.suggestAt(c)
		}
	}
	c.counts = widget.NewLabel("")
	c.counts.Importance = widget.LowImportance
	c.form = c.buildForm()
	form := container.NewVScroll(c.form)
	c.find = newFindBar(c)
	c.issue = newIssueBar(c)
	c.suggest = newSuggestPanel(c)
	c.bottom = container.NewVBox(c.issue.box, c.suggest.box, c.counts)
	editor := container.NewBorder(container.NewVBox(c.toolbar(), c.find.box), c.bottom, nil, nil, c.body)
	split := container.NewVSplit(c.previewPane(form), editor)
	split.SetOffset(0.5)
	c.bar = container.NewStack()
	c.bar.Hide()
	c.box = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, heading, nil, path), c.bar), nil, nil, nil, split)
	c.showFindings()
	return c
}

// learnEdits gives the model the editor's edits since the last time, as
// edits (model.Doc.EditBody: the lines they touch, not a copy of the
// whole text); the whole text when they cannot say it (replaced whole, or
// a body whose lines are not the editor's).
func (c *column) learnEdits() { learnEdits(c.body, c.post.Doc) }

func learnEdits(body *textarea.TextArea, d *model.Doc) {
	edits, whole := body.Edits()
	if !whole {
		bes := make([]model.BodyEdit, len(edits))
		for i, ed := range edits {
			r := ed.Range
			bes[i] = model.BodyEdit{Line: r.Start.Line, Col: r.Start.Col, EndLine: r.End.Line, EndCol: r.End.Col, Text: ed.Text}
		}
		if d.EditBody(bes) {
			return
		}
	}
	d.SetBody(body.AppendText)
}

// syncBody makes sure the model's body is the editor's text (before it is
// written): a no-op when it is, which the edits it learned make it.
func (c *column) syncBody() {
	if c.body != nil && c.post != nil && c.post.Doc != nil && !c.loading {
		c.body.Edits()
		c.post.Doc.SetBody(c.body.AppendText)
	}
}

// loadBody puts the body text in its editor.
func (c *column) loadBody() {
	if c.body == nil {
		return
	}
	c.loading = true
	c.body.SetText(c.post.Doc.BodyText())
	c.loading = false
	c.updateCounts()
	c.refreshHeader()
}

// buildForm makes a widget for each field of the site's schema that the
// post has, and for the required ones it lacks.
func (c *column) buildForm() fyne.CanvasObject {
	form := widget.NewForm()
	for _, spec := range c.ed.ws.Model.Schema.Fields {
		if !c.post.Doc.Has(spec.Key) && !spec.Required {
			continue
		}
		if f := c.post.Doc.Lookup(spec.Key); f != nil && f.Kind == model.Map {
			continue
		}
		label := fieldLabel(spec.Key)
		if spec.Required {
			label += " *"
		}
		obj, ui := c.fieldWidget(spec)
		ui.obj = obj
		ui.hint = widget.NewLabel("")
		ui.hint.Importance = widget.DangerImportance
		ui.hint.Wrapping = fyne.TextWrapWord
		ui.hint.Hide()
		c.fields[spec.Key] = ui
		if b := c.scopeBadge(spec); b != nil {
			obj = container.NewBorder(nil, nil, nil, container.NewVBox(b), obj)
		}
		form.Append(label, container.NewVBox(obj, ui.hint))
	}
	return form
}

// edit sets a field through the model and shows what it changed, in this
// column and, for a shared field, in the other. When the other post has a
// value of its own, only this post changes and the window asks, once per
// field while the pair is open, whether to change the other too.
func (c *column) edit(key, value string) {
	if c.loading {
		return
	}
	follow, asked := c.view.follow[key]
	var own []*model.Post
	if !asked {
		follow = model.FollowAgreeing
		if own = c.post.Pair.OwnValues(c.lang, key); len(own) > 0 {
			follow = model.FollowNone
		}
	}
	changed, err := c.post.Pair.SetFieldFollow(c.lang, key, value, follow)
	c.showEdit(changed, err)
	if len(own) > 0 && len(changed) > 0 {
		c.askFollow(key, own[0])
	}
}

// showEdit shows the posts an edit changed.
func (c *column) showEdit(changed []*model.Post, err error) {
	if len(changed) > 0 {
		c.post.Untranslated = false
	}
	if err != nil {
		c.ed.setStatus(err.Error())
		return
	}
	for _, p := range changed {
		for _, other := range c.view.columns {
			if other.post == p && other != c {
				other.reloadFields()
			}
			if other.post == p {
				other.refreshHeader()
			}
		}
		c.ed.changed(p)
	}
	for _, other := range c.view.columns {
		other.showFindings()
	}
}

// askFollow asks whether other, which had its own value of the shared
// field key, should take this post's new value too. The answer holds for
// the field until another pair is shown.
func (c *column) askFollow(key string, other *model.Post) {
	c.view.follow[key] = model.FollowNone // asked: no second question
	msg := lang.L("The {{.Language}} post has its own {{.Field}}: “{{.Value}}”.", map[string]any{
		"Language": languageName(other.Lang), "LanguageInText": strings.ToLower(languageName(other.Lang)),
		"Field": strings.ToLower(fieldLabel(key)), "Value": other.Doc.Get(key)}) + "\n" + lang.L("Change it too?")
	d := dialog.NewConfirm(fieldLabel(key), msg, func(yes bool) {
		if !yes {
			return
		}
		c.view.follow[key] = model.FollowAll
		changed, err := c.post.Pair.SetFieldFollow(c.lang, key, c.post.Doc.Get(key), model.FollowAll)
		c.showEdit(changed, err)
	}, c.ed.win)
	d.Show()
}

// scopeBadge marks a field the site shares between the two posts of a pair,
// or one its pairs localize: hovering shows why in the status bar, a tap
// in a pop-up.
func (c *column) scopeBadge(spec *model.FieldSpec) fyne.CanvasObject {
	var icon fyne.Resource
	var text string
	other := ""
	if q := c.post.Counterpart(); q != nil {
		other = languageName(q.Lang)
	}
	switch {
	case spec.Scope == model.Shared:
		icon = theme.NewThemedResource(linkIcon)
		text = lang.L("Shared by both posts of a pair: a change here goes to the {{.Language}} post too, unless it has its own value.", map[string]any{"Language": other, "LanguageInText": strings.ToLower(other)})
	case spec.Scope == model.PerLanguage && spec.Why.From != model.FromKnown:
		icon = theme.NewThemedResource(ownIcon)
		text = lang.L("Each language has its own value.")
	default:
		return nil
	}
	return newTip(icon, text+" "+scopeReason(spec.Why), c.ed)
}

// scopeReason says in the interface language why a field has its scope.
func scopeReason(r model.ScopeReason) string {
	args := map[string]any{"Pairs": r.Pairs, "Differ": r.Differ, "Value": r.Named, "Path": r.Path, "File": model.ConfigFile}
	switch {
	case r.From == model.FromConfig:
		return lang.L("Set in the site's {{.File}}.", args)
	case r.Named != "":
		return lang.L("{{.Path}} has “{{.Value}}”, which names its language.", args)
	case r.From == model.FromPairs && r.Differ > 0:
		return lang.L("The posts differ in {{.Differ}} of the {{.Pairs}} pairs that both have it.", args)
	case r.From == model.FromPairs:
		return lang.L("The posts agree in all {{.Pairs}} pairs that both have it.", args)
	}
	return lang.L("Usual for this field.")
}

// reloadFields shows the model's values again (after a shared edit).
func (c *column) reloadFields() {
	c.loading = true
	defer func() { c.loading = false }()
	for key, ui := range c.fields {
		ui.set(c.post.Doc.Get(key))
	}
}

// showIssue says what was found on the caret's line.
func (c *column) showIssue() {
	if c.issue != nil {
		c.issue.show()
	}
}

// showFindings puts each lint finding under the field it concerns.
func (c *column) showFindings() {
	if c.post == nil || c.post.Doc == nil {
		return
	}
	msgs := map[string][]string{}
	for _, f := range c.ed.ws.FindingsOf(c.post.Path) {
		if f.Field != "" && (f.Severity != model.Info || f.Rule == check.RuleTypography || f.Rule == spell.Rule) {
			msgs[f.Field] = append(msgs[f.Field], findingText(f))
		}
	}
	for key, ui := range c.fields {
		if m := msgs[key]; len(m) > 0 {
			ui.hint.SetText(strings.Join(m, "\n"))
			ui.hint.Show()
		} else {
			ui.hint.Hide()
		}
	}
}

func (c *column) fieldWidget(spec *model.FieldSpec) (fyne.CanvasObject, *fieldUI) {
	key := spec.Key
	value := c.post.Doc.Get(key)
	switch {
	case spec.Scope == model.Computed:
		l := widget.NewLabel(value)
		l.Truncation = fyne.TextTruncateEllipsis
		l.Importance = widget.LowImportance
		return l, &fieldUI{set: l.SetText}
	case spec.Kind == model.KindDate:
		return c.dateWidget(key, value)
	case spec.Kind == model.KindChoice:
		s := widget.NewSelectEntry(spec.Choices)
		s.SetText(value)
		s.OnChanged = func(v string) { c.edit(key, v) }
		return s, &fieldUI{set: s.SetText}
	case spec.Kind == model.KindImage:
		return c.imageWidget(key, value)
	}
	en := widget.NewEntry()
	if spec.Kind == model.KindLongText {
		en = widget.NewMultiLineEntry()
		en.Wrapping = fyne.TextWrapWord
		en.SetMinRowsVisible(2)
	}
	if spec.Kind == model.KindList {
		en.SetPlaceHolder(lang.L("items, separated by commas"))
	}
	en.SetText(value)
	en.OnChanged = func(v string) { c.edit(key, v) }
	return en, &fieldUI{set: en.SetText}
}

// dateWidget is a date picker shown in the interface language's
// convention; the time and zone the post writes are kept and shown beside.
func (c *column) dateWidget(key, value string) (fyne.CanvasObject, *fieldUI) {
	de := widget.NewDateEntry()
	kept := widget.NewLabel("") // the time and zone, kept as written
	kept.Importance = widget.LowImportance
	kept.SizeName = theme.SizeNameCaptionText
	set := func(v string) {
		t, layout, ok := model.ParseDate(v)
		if !ok {
			de.SetText(v)
			kept.SetText("")
			return
		}
		de.SetDate(&t)
		kept.SetText("")
		if strings.HasPrefix(v, t.Format("2006-01-02")) && layout != "" {
			kept.SetText(strings.TrimLeft(strings.TrimSpace(v[10:]), "T"))
		}
	}
	set(value)
	de.OnChanged = func(d *time.Time) {
		if d != nil {
			c.edit(key, d.Format("2006-01-02"))
		}
	}
	return container.NewVBox(de, kept), &fieldUI{set: set}
}

// imageWidget is the image name, a thumbnail of the file it names, and
// "Add image…", which copies a file into the site's image folder.
func (c *column) imageWidget(key, value string) (fyne.CanvasObject, *fieldUI) {
	en := widget.NewSelectEntry(c.ed.ws.Model.Images())
	thumb := canvas.NewImageFromResource(nil)
	thumb.FillMode = canvas.ImageFillContain
	thumb.SetMinSize(fyne.NewSize(48, 36))
	showThumb := func(v string) {
		thumb.File, thumb.Resource = c.ed.ws.Model.ImageFile(c.post, v), nil
		thumb.Refresh()
	}
	en.SetText(value)
	showThumb(value)
	en.OnChanged = func(v string) {
		showThumb(v)
		c.edit(key, v)
	}
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { c.addImage(en) })
	add.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, thumb, add, en), &fieldUI{set: func(v string) { en.SetText(v); showThumb(v) }}
}

// addImage copies a chosen file into the site's image folder under a safe
// name, never over an existing file, and puts its name in the field.
func (c *column) addImage(field *widget.SelectEntry) {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		name, err := c.ed.ws.Model.AddImage(r.URI().Name(), r)
		if err != nil {
			c.ed.showError(lang.L("The image could not be added"), err)
			return
		}
		field.SetOptions(c.ed.ws.Model.Images())
		field.SetText(name)
	}, c.ed.win)
}

// wrapSelection puts before and after around the selected text (or around
// placeholder when nothing is selected), as one undoable edit.
func (c *column) wrapSelection(before, after, placeholder string) {
	if c.body == nil {
		return
	}
	sel := c.body.SelectedText()
	if sel == "" {
		sel = placeholder
	}
	c.body.ReplaceSelection(before + sel + after)
	c.ed.win.Canvas().Focus(c.body)
}

// prefixLine starts the caret's line with prefix (once).
func (c *column) prefixLine(prefix string) {
	if c.body == nil {
		return
	}
	p := c.body.Cursor()
	if strings.HasPrefix(c.body.Line(p.Line), prefix) {
		return
	}
	c.body.Insert(textarea.Pos{Line: p.Line}, prefix)
	c.body.SetCursor(textarea.Pos{Line: p.Line, Col: p.Col + len([]rune(prefix))})
	c.ed.win.Canvas().Focus(c.body)
}

// updateCounts shows characters, words and reading time (once typing
// pauses: it reads the whole text).
func (c *column) updateCounts() {
	chars, words := c.body.Counts()
	minutes := max(int(math.Ceil(float64(words)/200)), 1)
	c.counts.SetText(plural("{{.Count}} characters", chars, nil) + " · " + plural("{{.Count}} words", words, nil) + " · " +
		plural("{{.Count}} min read", minutes, nil))
}
