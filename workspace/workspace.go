// Package workspace is a site open in Tandem, for the window and the
// headless commands alike: the site model read once (each post's file
// read one time, its front matter kept, its body linted and surveyed for
// the checks, and kept a while for the checks' first pass when the site
// is small enough), then the site's findings (lint's and the checks'),
// its translation memory and its git history, made in one pass over its
// pairs that reads, renders and aligns each pair once. It imports
// nothing from Fyne: the window's packages are views of it.
package workspace

import (
	"bytes"
	"sync"

	"tandem/bug"
	"tandem/check"
	"tandem/check/stale"
	"tandem/git"
	"tandem/memory"
	"tandem/model"
)

// KeepBodies is how many bytes of post bodies an open site keeps for its
// first pass over the pairs (Scan, Lint): a site whose bodies fit is read
// once; in a larger one, the posts past it are read again by that pass.
const KeepBodies = 48 << 20

// Site is an open site, and the one owner of what Tandem knows of it:
// its model, its findings (lint's, the checks', the bugs'), its
// translation memory, its history and its pairs' states in the
// repository. It belongs to one goroutine (the window's UI thread, or a
// command's); work done elsewhere comes back through its methods, which
// drop what was started for an older generation (a site shown since).
type Site struct {
	// Model is the site's model: set when the site is shown (Show);
	// read, and its open pair's posts edited, by the window.
	Model *model.Site

	gen      uint64 // the site shown: one more each time Show shows one
	findings *Findings
	memory   *memory.Memory
	history  *stale.History
	status   *git.SiteStatus
	live     *Live // the open pair's live checks

	mu     sync.Mutex
	bodies map[*model.Post][]byte // kept from the reading, until taken
	keep   int                    // how many bytes of bodies may be kept

	largest int // the size of the largest body read as the site was opened
	// folded is true for a site opened by OpenFolded: lint lets a pair's
	// front matter go once its first turn has read it.
	folded bool
	start  *lintStart // what LetFrontMatterGo read for Lint
}

// New is a workspace showing no site yet (a window's, before it opens
// one).
func New() *Site { return &Site{findings: NewFindings(), bodies: map[*model.Post][]byte{}} }

// Generation is the number of the site shown: work started for it gives
// its results with this number, and a newer one drops them.
func (w *Site) Generation() uint64 { return w.gen }

// Show makes s the site shown (nil: none), with lint its lint findings:
// a new generation, with no checks, memory, history or states yet.
func (w *Site) Show(s *model.Site, lint []model.Finding) {
	w.gen++
	w.Model, w.findings = s, NewFindings()
	w.memory, w.history, w.status, w.live = nil, nil, nil, nil
	w.Drop()
	w.Relint(lint)
}

// Relint replaces the site's lint findings with lint (the site's, all
// of them), and forgets the bugs met (the work is done again).
func (w *Site) Relint(lint []model.Finding) {
	w.findings.SetAll(Lint, ByPath(lint), nil)
	w.findings.Clear(Bugs)
}

// RelintPost lints post p again (edited), and reports whether its
// findings changed.
func (w *Site) RelintPost(p *model.Post) bool {
	return w.findings.Set(p.Path, Lint, w.Model.LintPost(p))
}

// SetChecks replaces a post's checks' findings (the open pair's live
// checks), and reports whether they changed.
func (w *Site) SetChecks(path string, list []model.Finding) bool {
	return w.findings.Set(path, Checks, list)
}

// AddBug adds the internal-error finding of a bug met on post path.
func (w *Site) AddBug(path string, err *bug.Error) {
	if w.Model != nil {
		w.findings.Add(path, Bugs, model.InternalError(path, err))
	}
}

// FindingsOf is post path's findings: lint's, the checks', the bugs'.
func (w *Site) FindingsOf(path string) []model.Finding { return w.findings.Of(path) }

// FirstPass keeps what the first pass over the site's pairs found (Pass,
// Run), when it was started for generation gen: the checks' findings of
// every post but those live says are checked live (theirs are newer),
// the memory and the history. It reports whether it kept them.
func (w *Site) FirstPass(gen uint64, found Scanned, live func(path string) bool) bool {
	if gen != w.gen {
		return false
	}
	w.memory, w.history = found.Memory, found.History
	w.findings.SetAll(Checks, found.Checks, live)
	return true
}

// Memory is the site's translation memory, nil until the first pass.
func (w *Site) Memory() *memory.Memory { return w.memory }

// UpdateMemory indexes pair pr again (its posts were saved).
func (w *Site) UpdateMemory(pr *model.Pair) {
	if w.memory != nil && pr != nil {
		w.memory.Update(w.Model, pr)
	}
}

// History is the site's repository history, nil until the first pass
// (or for a site outside git).
func (w *Site) History() *stale.History { return w.history }

// NewHistory keeps h, the history read again for generation gen (commits
// were made since), and reports whether it did.
func (w *Site) NewHistory(gen uint64, h *stale.History) bool {
	if gen != w.gen || h == nil {
		return false
	}
	w.history = h
	return true
}

// Status is the site's pairs' states in its repository, nil until read
// (or outside git).
func (w *Site) Status() *git.SiteStatus { return w.status }

// SetStatus keeps st, the pairs' states read for generation gen (nil:
// not a repository), and reports whether it did.
func (w *Site) SetStatus(gen uint64, st *git.SiteStatus) bool {
	if gen != w.gen {
		return false
	}
	w.status = st
	return true
}

// Open reads the site in folder root, each post once (see package doc).
func Open(root string) (*Site, error) { return OpenKeeping(root, KeepBodies) }

// OpenKeeping is Open keeping at most keep bytes of bodies (0: none, for
// a command whose pass over the pairs reads them again, so that its
// memory does not grow with the site).
func OpenKeeping(root string, keep int) (*Site, error) {
	w, sv := reading(keep)
	s, err := model.OpenWith(root, model.Reading{Body: w.read(sv)})
	if err != nil {
		return nil, err
	}
	return w.opened(s, sv), nil
}

// OpenFolded opens the site for a command that goes through its posts
// one by one (Lint): no body kept, and each post's front matter folded
// as it is read (model.Doc.Fold), its fields read again when asked for:
// the memory this takes grows with the number of posts by the size of
// their front matter as written, not as read. Lint lets a pair's front
// matter go once its turn has read it, and LetFrontMatterGo all of it
// until the pairs' turns.
func OpenFolded(root string) (*Site, error) {
	w, sv := reading(0)
	s, err := model.OpenWith(root, model.Reading{Body: w.read(sv), Fold: true})
	if err != nil {
		return nil, err
	}
	w.opened(s, sv) // the survey let go before the index is made
	s.Pages()       // made once, from every post's fields
	w.folded = true
	return w, nil
}

// OpenFile opens the site post file belongs to (see model.FindPost) as
// Open does, and finds the post; its pair is loaded, for editing.
func OpenFile(file string) (*Site, *model.Post, error) { return OpenFileKeeping(file, KeepBodies) }

// OpenFileKeeping is OpenFile keeping at most keep bytes of bodies.
func OpenFileKeeping(file string, keep int) (*Site, *model.Post, error) {
	w, sv := reading(keep)
	s, p, err := model.FindPostWith(file, model.Reading{Body: w.read(sv)})
	if s == nil {
		return nil, nil, err
	}
	return w.opened(s, sv), p, err
}

func reading(keep int) (*Site, *check.Surveyor) {
	w := New()
	w.keep = keep
	return w, check.NewSurveyor()
}

// read is the model's Body hook: the survey reads each body, and the
// first KeepBodies bytes of bodies are kept.
func (w *Site) read(sv *check.Surveyor) func(p *model.Post, body []byte) {
	kept := 0
	return func(p *model.Post, body []byte) {
		sv.Post(p, body)
		w.mu.Lock()
		defer w.mu.Unlock()
		if kept+len(body) <= w.keep {
			kept += len(body)
			w.bodies[p] = bytes.Clone(body)
		}
	}
}

func (w *Site) opened(s *model.Site, sv *check.Surveyor) *Site {
	sv.Finish(s)
	w.largest = sv.Largest()
	// A post the model read twice (a site probed on the way to a post's
	// folder) keeps the body of the site that was kept.
	for p := range w.bodies {
		if p.Site() != s {
			delete(w.bodies, p)
		}
	}
	w.Model = s
	return w
}

// LargestBody is the size of the largest post body read as the site was
// opened: lint's work on a pair takes memory in proportion.
func (w *Site) LargestBody() int { return w.largest }

// takeBody is the body kept for p, let go once taken (nil: none kept, or
// taken already).
func (w *Site) takeBody(p *model.Post) []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	b := w.bodies[p]
	delete(w.bodies, p)
	return b
}

// Drop lets the kept bodies go (a site shown in the window, once its
// first pass is done, or replaced).
func (w *Site) Drop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bodies = map[*model.Post][]byte{}
}
