package editor

import (
	"context"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
	"tandem/editor/textarea"
	"tandem/git"
	"tandem/markup"
	"tandem/model"
	"tandem/translate"
)

// The draft in the window (Translate ▸ Draft translation): the open
// pair's translation gets a first draft of every source block it lacks
// (see package translate), made off the UI thread and put in its editor
// as one undo step; the drafted blocks are marked beside the silences
// until read (translation-draft findings), and Translate ▸ Confirm all
// drafted blocks says they have been.

// route is where drafts go: the translation engine the user chose in
// Preferences (with its address), else the one the site's .tandem.yml
// names (translate.Plan: a site's address is a suggestion the user
// approves once, and the key from TANDEM_MT_KEY goes only to the
// service's own host or to the user's address); an address that is not
// secure is an error. Its key comes, off the UI thread, from the keychain
// entry of its engine and host, or TANDEM_MT_KEY where the route allows
// it. Whether the site's address is approved is asked off the UI thread
// too (draftTranslation).
func (e *Editor) route() (translate.Route, error) {
	site := e.ws.Model.Translation()
	user := translate.Config{Region: os.Getenv("TANDEM_MT_REGION")}
	if en := prefMTEngine.get(e.app); en != "" {
		user.Engine, user.Endpoint = en, prefMTEndpoint.get(e.app)
		if r := prefMTRegion.get(e.app); r != "" {
			user.Region = r
		}
		site = model.TranslationConfig{Formality: site.Formality} // the user's choice, whole
	}
	return translate.Plan(user, user.Endpoint != "", site, func(string) bool { return true })
}

// engineConfig is route's, no engine where the address is not secure
// (nothing leaves: draftEngine says why).
func (e *Editor) engineConfig() translate.Route {
	r, err := e.route()
	if err != nil {
		r.Engine = ""
	}
	return r
}

// threshold is the least score of a fuzzy match a draft takes.
func (e *Editor) threshold() int {
	if f := int(prefMTFuzzy.get(e.app)); f > 0 {
		return f
	}
	return e.ws.Model.Translation().Fuzzy
}

// draftEngine is the engine to draft with (made without its key, to say
// where text goes), nil when none is set; an address that is not secure
// is an error.
func (e *Editor) draftEngine() (translate.Engine, error) {
	r, err := e.route()
	if err != nil || r.Engine == "" {
		return nil, err
	}
	return translate.NewEngine(r.Config)
}

// draftTranslation drafts the open pair's translation, asking first when
// text is to leave the machine (naming the service that receives it);
// an address only the site's configuration names is approved first, once
// for the site and host.
func (e *Editor) draftTranslation() {
	if e.view == nil || e.view.checks == nil {
		e.setStatus(lang.L("Open a pair to draft its translation"))
		return
	}
	src, tgt := e.view.checks.columns()
	if src == nil || tgt == nil {
		e.setStatus(lang.L("Create the translation first, then draft it"))
		return
	}
	eng, err := e.draftEngine()
	if err != nil {
		e.setStatus(errorText(err))
		eng = nil
	}
	if eng == nil {
		e.runDraft(src, tgt, nil)
		return
	}
	c := e.engineConfig()
	ask := func() {
		dialog.ShowConfirm(lang.L("Draft translation"),
			lang.L("The blocks the translation memory does not have are sent to {{.Service}} ({{.Host}}) to be translated. Draft?",
				map[string]any{"Service": eng.Name(), "Host": eng.Host()}),
			func(ok bool) {
				if ok {
					e.runDraft(src, tgt, &c)
				}
			}, e.win)
	}
	if !c.Site || translate.Official(c.Engine, c.Endpoint) {
		ask()
		return
	}
	root, host := e.ws.Model.Root, c.Host()
	approved := false
	offUI("", func() { approved = e.approvals().Approved(root, host) }, func() {
		if approved {
			ask()
			return
		}
		dialog.ShowConfirm(lang.L("Approve a translation server"),
			lang.L("This site's configuration (.tandem.yml) chose {{.Host}} to translate drafts. Tandem sends it nothing until you approve it, once for this site; your translation key is not sent to it. Send this post's untranslated blocks to {{.Host}}?",
				map[string]any{"Host": host}),
			func(ok bool) {
				if !ok {
					e.setStatus(lang.L("Nothing was sent: the site's translation server is not approved"))
					return
				}
				var err error
				offUI("", func() { err = e.approvals().Approve(root, host) }, func() {
					if err != nil {
						e.showError(lang.L("The approval could not be kept"), err)
						return
					}
					e.runDraft(src, tgt, &c)
				})
			}, e.win)
	})
}

// approvals are the user's approved translation hosts (outside every
// site).
func (e *Editor) approvals() *translate.Approvals {
	a, _ := translate.UserApprovals()
	return a
}

// runDraft makes the draft off the UI thread (with the engine c names,
// its key read there from the keychain when not given) and puts it in
// tgt's editor.
func (e *Editor) runDraft(src, tgt *column, c *translate.Route) {
	job := translate.NewJob(e.ws.Model, src.post, tgt.post)
	before, version := tgt.body.Text(), tgt.body.Version()
	opt := translate.Options{Memory: e.ws.Memory(), Threshold: e.threshold(), Terms: e.view.checks.live.Termbase()}
	var body string
	var blocks []translate.Block
	var engErr error
	e.setStatus(lang.L("Drafting the translation…"))
	// With an engine, requests over the network: progress, and Cancel.
	ctx, cancel := context.WithCancel(context.Background())
	var wait *dialog.CustomDialog
	finished := false // the dialog closed by the draft, not by Cancel
	if c != nil {
		bar := widget.NewProgressBarInfinite()
		wait = dialog.NewCustom(lang.L("Draft translation"), lang.L("Cancel"),
			container.NewVBox(widget.NewLabel(lang.L("Drafting the translation…")), bar), e.win)
		wait.SetOnClosed(func() {
			if !finished {
				cancel()
			}
		})
		wait.Show()
	}
	offUI(tgt.post.Path, func() {
		if c != nil {
			// The key kept for this engine and host, else the
			// environment's where the route allows it.
			c.Key, _ = git.SystemKeychain.Get(translate.KeyName(c.Engine, c.Endpoint))
			if c.Key == "" && c.EnvKey {
				c.Key = os.Getenv("TANDEM_MT_KEY")
			}
			if opt.Engine, engErr = translate.NewEngine(c.Config); engErr != nil {
				opt.Engine = nil
			}
		}
		var err error
		body, blocks, err = job.Run(ctx, opt)
		if err != nil {
			engErr = err
		}
	}, func() {
		cancelled := ctx.Err() != nil
		finished = true
		if wait != nil {
			wait.Hide()
		}
		cancel()
		if cancelled {
			e.setStatus(lang.L("The draft was cancelled: nothing changed"))
			return
		}
		if e.view == nil || tgt.view != e.view || tgt.body.Version() != version {
			e.setStatus(lang.L("The translation changed while it was drafted: draft it again"))
			return
		}
		if body != before {
			last := tgt.body.Lines() - 1
			whole := textarea.Range{End: textarea.Pos{Line: last, Col: tgt.body.LineLen(last)}}
			tgt.body.ReplaceRanges([]textarea.Range{whole}, []string{body}) // one undo step
		}
		var marks []check.DraftMark
		counts := map[string]int{}
		for _, b := range blocks {
			counts[b.From]++
			for _, k := range b.DraftKeys() {
				marks = append(marks, check.DraftMark{Path: tgt.post.Path, Key: k, From: b.From})
			}
		}
		status := plural("{{.Count}} blocks drafted", len(blocks), nil) + " · " +
			lang.L("memory {{.Memory}}, fuzzy {{.Fuzzy}}, engine {{.Engine}}, untranslated {{.Untranslated}}",
				map[string]any{"Memory": counts[translate.FromMemory], "Fuzzy": counts[translate.FromFuzzy], "Engine": counts[translate.FromEngine], "Untranslated": counts[translate.FromUntranslated]})
		if engErr != nil {
			status += " · " + errorText(engErr)
		}
		e.setStatus(status)
		e.writeMarks(marks, "", nil)
	})
}

// confirmDrafts says every drafted block of the open pair's translation
// has been read: its marks go.
func (e *Editor) confirmDrafts() {
	if e.view == nil || e.view.checks == nil {
		return
	}
	_, tgt := e.view.checks.columns()
	if tgt == nil {
		return
	}
	var keys []string
	for _, f := range e.ws.FindingsOf(tgt.post.Path) {
		if f.Rule == check.RuleDraft {
			keys = append(keys, f.Block)
		}
	}
	var all []string // every block of the translation as it is: all read
	if doc := tgt.prev.Doc(); doc != nil {
		for _, b := range doc.Blocks {
			all = append(all, check.DraftKey([]markup.Block{b}))
		}
	}
	e.writeMarks(nil, tgt.post.Path, all)
	e.setStatus(plural("{{.Count}} drafted blocks confirmed", len(keys), nil))
}

// confirmDraft says the drafted block of finding f (on column c, the
// translation) has been read: its blocks' marks go.
func (e *Editor) confirmDraft(c *column, f model.Finding) {
	k := e.view.checks
	doc := c.prev.Doc()
	if k == nil || doc == nil {
		return
	}
	base := c.post.Doc.BodyLine() - 1
	var keys []string
	matches, _, _ := k.live.Matches()
	for _, m := range matches {
		if m.Tgt == nil || m.Tgt[1] >= len(doc.Blocks) || base+doc.Blocks[m.Tgt[0]].Line != f.Line {
			continue
		}
		for _, b := range doc.Blocks[m.Tgt[0] : m.Tgt[1]+1] {
			keys = append(keys, check.DraftKey([]markup.Block{b}))
		}
	}
	e.writeMarks(nil, c.post.Path, keys)
}

// writeMarks writes draft marks off the UI thread, then checks the pair
// again (its translation-draft findings).
func (e *Editor) writeMarks(marks []check.DraftMark, path string, confirmed []string) {
	root := e.ws.Model.Root
	var err error
	offUI(path, func() { err = check.MarkDrafts(root, marks, path, confirmed) }, func() {
		if err != nil {
			e.showError(lang.L("The draft marks could not be written"), err)
			return
		}
		if e.view != nil && e.view.checks != nil {
			e.view.checks.run()
		}
	})
}

// mtPrefs is the translation part of Preferences.
type mtPrefs struct {
	e                     *Editor
	box                   *fyne.Container
	engine                *widget.Select
	endpoint, region, key *widget.Entry
	fuzzy                 *widget.Entry
	names                 []string
}

// translationPrefs builds the translation engine's preferences: the
// engine (none: no text leaves the machine), its address, Azure's
// region, the key (kept in the system keychain, never in the site) and
// the fuzzy matches' threshold.
func (e *Editor) translationPrefs() *mtPrefs {
	p := &mtPrefs{e: e, names: append([]string{""}, translate.Engines...)}
	labels := []string{lang.L("None: no text leaves this computer"), "DeepL", "Azure Translator", "LibreTranslate"}
	p.engine = widget.NewSelect(labels, nil)
	cur := prefMTEngine.get(e.app)
	p.engine.SetSelectedIndex(0)
	for i, n := range p.names {
		if n == cur {
			p.engine.SetSelectedIndex(i)
		}
	}
	p.endpoint, p.region, p.key, p.fuzzy = widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry(), widget.NewEntry()
	p.endpoint.SetText(prefMTEndpoint.get(e.app))
	p.endpoint.SetPlaceHolder(lang.L("The service's own address (LibreTranslate: your server's)"))
	p.region.SetText(prefMTRegion.get(e.app))
	p.region.SetPlaceHolder(lang.L("Azure: the resource's region, if it has one"))
	p.key.SetPlaceHolder(lang.L("Key (kept in the system keychain)"))
	if f := int(prefMTFuzzy.get(e.app)); f > 0 {
		p.fuzzy.SetText(strconv.Itoa(f))
	}
	p.fuzzy.SetPlaceHolder(strconv.Itoa(translate.DefaultThreshold))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Translation engine"), p.engine),
		widget.NewFormItem(lang.L("Address"), p.endpoint),
		widget.NewFormItem(lang.L("Region"), p.region),
		widget.NewFormItem(lang.L("Key"), p.key),
		widget.NewFormItem(lang.L("Fuzzy matches from"), p.fuzzy))
	p.box = container.NewVBox(widget.NewLabel(lang.L("Drafting translations")), form)
	return p
}

// save keeps the preferences; the key goes to the keychain off the UI
// thread.
func (p *mtPrefs) save() {
	a := p.e.app
	engine := ""
	if i := p.engine.SelectedIndex(); i > 0 {
		engine = p.names[i]
	}
	prefMTEngine.set(a, engine)
	prefMTEndpoint.set(a, strings.TrimSpace(p.endpoint.Text))
	prefMTRegion.set(a, strings.TrimSpace(p.region.Text))
	f, _ := strconv.Atoi(strings.TrimSpace(p.fuzzy.Text))
	prefMTFuzzy.set(a, float64(min(max(f, 0), 100)))
	if key := strings.TrimSpace(p.key.Text); key != "" && engine != "" {
		var err error
		endpoint := strings.TrimSpace(p.endpoint.Text)
		offUI("", func() { err = git.SystemKeychain.Set(translate.KeyName(engine, endpoint), key) }, func() {
			if err != nil {
				p.e.showError(lang.L("The key could not be kept in the system keychain"), err)
			}
		})
	}
}
