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

// Site is an open site.
type Site struct {
	Model *model.Site
	// Findings are its posts' findings (lint's, the checks', the bugs'):
	// the one store every view reads.
	Findings *Findings
	// Memory is its translation memory, nil until built; History its
	// repository's history, nil until read (or for a site outside git);
	// Status its pairs' states in the repository, nil until read (or
	// outside git). A window fills them off its UI thread (Pass, Run).
	Memory  *memory.Memory
	History *stale.History
	Status  *git.SiteStatus

	mu     sync.Mutex
	bodies map[*model.Post][]byte // kept from the reading, until taken
	keep   int                    // how many bytes of bodies may be kept
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
// their front matter as written, not as read.
func OpenFolded(root string) (*Site, error) {
	w, sv := reading(0)
	s, err := model.OpenWith(root, model.Reading{Body: w.read(sv), Fold: true})
	if err != nil {
		return nil, err
	}
	s.Pages() // made once, from every post's fields
	return w.opened(s, sv), nil
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
	return &Site{Findings: NewFindings(), bodies: map[*model.Post][]byte{}, keep: keep}, check.NewSurveyor()
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
