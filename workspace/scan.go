package workspace

import (
	"tandem/bug"
	"tandem/check"
	"tandem/check/stale"
	"tandem/memory"
	"tandem/model"
)

// Pass is what the first pass over an open site's pairs reads, taken on
// the goroutine that owns the site (Pass) and run on another (Run): the
// pairs' texts (with the bodies the site's reading kept), the checks'
// context and the site's languages.
type Pass struct {
	root, src, tgt string
	folders        []string
	texts          []check.PairText
	cx             *check.Context
	st             check.Setting
	ratio          float64
}

// Pass takes the first pass's texts on the goroutine that owns the site
// (no disk: the silences are read by Run). The kept bodies go with it.
func (w *Site) Pass() *Pass {
	s := w.Model
	ps := &Pass{root: s.Root, src: s.SourceLang(), folders: stale.PostFolders(s),
		cx: check.ContextOf(s), st: check.SettingOf(s), ratio: check.SiteRatio(s)}
	for _, l := range s.Languages {
		if l != ps.src {
			ps.tgt = l
			break
		}
	}
	for _, pr := range s.Pairs {
		ps.texts = append(ps.texts, check.PairTextOf(s, pr, w.takeBody))
	}
	w.Drop()
	return ps
}

// Scanned is what the first pass found: the checks' findings of every
// post (by path), the translation memory and the git history (nil for a
// site outside git).
type Scanned struct {
	Checks  map[string][]model.Finding
	Memory  *memory.Memory
	History *stale.History
}

// Run makes the pass, off the UI thread: the history is read, then each
// pair (its kept bodies, or its files) is rendered and aligned once for
// the checks, the stale check and the memory.
func (ps *Pass) Run() Scanned {
	out := Scanned{Checks: map[string][]model.Finding{}, Memory: memory.New(ps.src, ps.tgt)}
	ps.cx.ReadSilences()
	_ = bug.Catch("read the history of "+ps.root, func() { out.History, _ = stale.Open(ps.root, ps.folders) })
	var more check.More
	if out.History != nil {
		more = out.History.More()
	}
	// The same pass as Lint's (ordered): each pair read, rendered and
	// checked once, on as many goroutines as there are CPUs.
	type scanned struct {
		found []model.Finding
		units []*memory.Unit
	}
	ordered(len(ps.texts), func(i int) check.PairText {
		pt := ps.texts[i]
		ps.texts[i] = check.PairText{} // its bodies let go once checked
		return pt
	}, func(pt check.PairText) (r scanned) {
		r.found = ps.cx.Scan(pt, ps.st, ps.ratio, more, func(a check.Aligned) {
			// A pair the memory cannot index adds nothing (logged).
			_ = bug.Catch("index a pair for the memory", func() { r.units = memory.Units(a) })
		})
		return r
	}, func(_ int, r scanned) {
		for _, f := range r.found {
			out.Checks[f.Path] = append(out.Checks[f.Path], f)
		}
		if len(r.units) > 0 {
			out.Memory.Add(r.units[0].Path, r.units)
		}
	})
	return out
}

// Of is an open site as the window shows one read before (a test's, or
// one reopened): nothing kept; its survey read now when it has none.
func Of(s *model.Site) *Site {
	check.SiteRatio(s) // surveyed, if it was not
	w := New()
	w.Model = s
	return w
}
