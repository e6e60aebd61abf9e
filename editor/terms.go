package editor

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
	"tandem/check/terms"
)

// termsDialog is Translate ▸ Terms…: the site's termbase
// (.tandem-terms.tbx) listed, a pair of terms added, a TBX or CSV
// glossary imported; read and saved off the UI thread.
func (e *Editor) termsDialog() {
	if e.ws.Model == nil {
		return
	}
	site, gen := e.ws.Model, e.ws.Generation()
	var tb *terms.Termbase
	var err error
	offUI("", func() { tb, err = check.Terms(site) }, func() {
		if e.ws.Generation() != gen {
			return // another site shown since
		}
		if err != nil {
			e.showError(lang.L("The site's terms could not be read"), err)
			return
		}
		e.showTerms(tb)
	})
}

func (e *Editor) showTerms(tb *terms.Termbase) {
	langs := e.ws.Model.Languages
	src := e.ws.Model.SourceLang()
	tgt := ""
	for _, l := range langs {
		if l != src {
			tgt = l
			break
		}
	}
	line := func(c terms.Concept) string {
		var parts []string
		for _, l := range []string{src, tgt} {
			var ts []string
			for _, t := range c.Terms[l] {
				w := t.Text
				if t.Forbidden() {
					w = lang.L("not {{.Term}}", map[string]any{"Term": w})
				}
				ts = append(ts, w)
			}
			parts = append(parts, strings.Join(ts, ", "))
		}
		return strings.Join(parts, " → ")
	}
	list := widget.NewList(func() int { return len(tb.Concepts) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(line(tb.Concepts[i])) })
	count := widget.NewLabel("")
	update := func() {
		count.SetText(plural("{{.Count}} terms", len(tb.Concepts), nil))
		list.Refresh()
	}
	update()
	save := func() {
		root, srcLang := e.ws.Model.Root, src
		var err error
		offUI("", func() { err = tb.Save(root, srcLang) }, func() {
			if err != nil {
				e.showError(lang.L("The site's terms could not be saved"), err)
				return
			}
			if e.view != nil && e.view.checks != nil {
				e.view.checks.run() // translation-term, with the new terms
			}
		})
	}
	srcTerm, tgtTerm := widget.NewEntry(), widget.NewEntry()
	srcTerm.SetPlaceHolder(languageName(src))
	tgtTerm.SetPlaceHolder(languageName(tgt))
	add := widget.NewButton(lang.L("Add"), func() {
		s, t := strings.TrimSpace(srcTerm.Text), strings.TrimSpace(tgtTerm.Text)
		if s == "" || t == "" {
			return
		}
		n := tb.Merge(&terms.Termbase{Concepts: []terms.Concept{{Terms: map[string][]terms.Term{
			src: {{Text: s, Status: terms.Preferred}}, tgt: {{Text: t, Status: terms.Preferred}}}}}})
		if n == 0 {
			e.setStatus(lang.L("The terms have this term already"))
			return
		}
		srcTerm.SetText("")
		tgtTerm.SetText("")
		update()
		save()
	})
	importBtn := widget.NewButton(lang.L("Import TBX or CSV…"), func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			var in *terms.Termbase
			offUI("", func() {
				f, ferr := os.Open(path)
				if ferr != nil {
					err = ferr
					return
				}
				defer f.Close()
				if strings.HasSuffix(strings.ToLower(path), ".csv") {
					in, err = terms.ReadCSV(f, langs)
				} else {
					in, err = terms.ReadTBX(f)
				}
			}, func() {
				if err != nil {
					e.showError(lang.L("The glossary could not be read"), fmt.Errorf("%s: %w", path, err))
					return
				}
				e.setStatus(plural("{{.Count}} terms imported", tb.Merge(in), nil))
				update()
				save()
			})
		}, e.win)
	})
	// Names the site's pairs translate the same way every time, from the
	// memory's aligned blocks, offered to add.
	proposeBtn := widget.NewButton(lang.L("Propose terms from the site's pairs"), func() {
		m := e.ws.Memory()
		if m == nil {
			e.setStatus(lang.L("The translation memory is not ready yet"))
			return
		}
		var proposed []terms.Concept
		offUI("", func() {
			var texts [][2]string
			for _, u := range m.Units() {
				if !u.Sentence {
					texts = append(texts, [2]string{u.Source, u.Target})
				}
			}
			proposed = tb.Propose(texts, src, tgt)
		}, func() {
			if len(proposed) == 0 {
				e.setStatus(lang.L("No term found that the site's pairs translate the same way every time"))
				return
			}
			var lines []string
			for _, c := range proposed {
				lines = append(lines, line(c))
			}
			dialog.ShowConfirm(lang.L("Propose terms from the site's pairs"),
				lang.L("Add these terms?")+"\n\n"+strings.Join(lines, "\n"), func(ok bool) {
					if ok {
						e.setStatus(plural("{{.Count}} terms imported", tb.Merge(&terms.Termbase{Concepts: proposed}), nil))
						update()
						save()
					}
				}, e.win)
		})
	})
	form := container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(2, srcTerm, tgtTerm))
	body := container.NewBorder(container.NewVBox(count, form), container.NewHBox(importBtn, proposeBtn), nil, nil, list)
	d := dialog.NewCustom(lang.L("Terms"), lang.L("Close"), body, e.win)
	d.Resize(fyne.NewSize(620, 480))
	d.Show()
}
