package editor

import (
	"context"
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"tandem/check"
	"tandem/editor/textarea"
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

// draftEngine is the engine the site's configuration names (its key in
// TANDEM_MT_KEY), nil when none is set or it cannot be made.
func (e *Editor) draftEngine() (translate.Engine, error) {
	conf := e.site.Translation()
	if conf.Engine == "" {
		return nil, nil
	}
	return translate.NewEngine(translate.Config{Engine: conf.Engine, Endpoint: conf.Endpoint, Key: os.Getenv("TANDEM_MT_KEY"),
		Region: os.Getenv("TANDEM_MT_REGION"), Formality: conf.Formality})
}

// draftTranslation drafts the open pair's translation, asking first when
// text is to leave the machine (naming the service that receives it).
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
		e.setStatus(engineErrorText(err))
		eng = nil
	}
	if eng == nil {
		e.runDraft(src, tgt, nil)
		return
	}
	dialog.ShowConfirm(lang.L("Draft translation"),
		lang.L("The blocks the translation memory does not have are sent to {{.Service}} ({{.Host}}) to be translated. Draft?",
			map[string]any{"Service": eng.Name(), "Host": eng.Host()}),
		func(ok bool) {
			if ok {
				e.runDraft(src, tgt, eng)
			}
		}, e.win)
}

// runDraft makes the draft off the UI thread and puts it in tgt's editor.
func (e *Editor) runDraft(src, tgt *column, eng translate.Engine) {
	job := translate.NewJob(e.site, src.post, tgt.post)
	before, version := tgt.body.Text(), tgt.body.Version()
	opt := translate.Options{Memory: e.memory, Engine: eng, Threshold: e.site.Translation().Fuzzy}
	var body string
	var blocks []translate.Block
	var engErr error
	e.setStatus(lang.L("Drafting the translation…"))
	offUI(tgt.post.Path, func() { body, blocks, engErr = job.Run(context.Background(), opt) }, func() {
		if e.view == nil || tgt.view != e.view || tgt.body.Version() != version {
			e.setStatus(lang.L("The translation changed while it was drafted: draft it again"))
			return
		}
		if body != before {
			last := tgt.body.Lines() - 1
			whole := textarea.Range{End: textarea.Pos{Line: last, Col: tgt.body.LineLen(last)}}
			tgt.body.ReplaceRanges([]textarea.Range{whole}, []string{body}) // one undo step
		}
		blocks = job.Keys(e.site, tgt.post, blocks)
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
			status += " · " + engineErrorText(engErr)
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
	for _, f := range e.findings.Of(tgt.post.Path) {
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
	for _, m := range k.matches {
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
	root := e.site.Root
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

// engineErrorText is an engine's failure in the interface's language.
func engineErrorText(err error) string {
	var ee *translate.Error
	if errors.As(err, &ee) && lang.X("tandem.language", "en") == "fr" {
		return ee.French()
	}
	return strings.TrimSpace(err.Error())
}
