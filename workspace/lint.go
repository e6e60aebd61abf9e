package workspace

import (
	"slices"
	"sort"
	"unsafe"

	"tandem/bug"
	"tandem/check"
	"tandem/model"
)

// Lint gives emit every finding of the site, lint's and the checks' (more
// for checks beside the package's, such as the stale check), in the
// order model.SortFindings sorts them (by path, then line; lint's first), as
// they are found: each pair is read, rendered once and checked at the
// first of its posts' turns, on as many goroutines as there are CPUs,
// and let go; the findings of its later turns (a translation's, which
// are its own beside its source's) wait for theirs. The memory this
// takes is the site's index and front matter (on a site opened by
// OpenFolded: folded, each pair's fields read at its turn and let go, or
// all of it let go before, LetFrontMatterGo), a few pairs and the
// findings waiting for their turn (packed, HeldBytes at most), whatever
// the size of the site.
func (w *Site) Lint(more check.More, emit func(model.Finding)) {
	w.lint(more, emit, HeldBytes)
}

// lintStart is what Lint reads of the whole site before the posts' turns.
type lintStart struct {
	site  siteLint
	cx    *check.Context
	st    check.Setting
	ratio float64
}

func (w *Site) lintStart() *lintStart {
	s := w.Model
	ls := &lintStart{cx: check.NewContext(s), st: check.SettingOf(s), ratio: check.SiteRatio(s)}
	ls.site.before, ls.site.after = s.SiteFindings()
	ls.site.after = append(ls.site.after, check.FileFindings(s)...)
	model.SortFindings(ls.site.before)
	model.SortFindings(ls.site.after)
	return ls
}

// LetFrontMatterGo readies a site opened by OpenFolded for Lint, which
// needs its posts' front matter no more until their turns: what lint
// reads of the whole site is read now, and the front matter of every
// post checked with its pair is let go, read again from its file at its
// pair's turn (with the body, which the checks read then anyway). Lint's
// memory is then the site's index and a few pairs, not its front matter.
// Call it once, right before Lint; on another site, it does nothing.
func (w *Site) LetFrontMatterGo() {
	if !w.folded {
		return
	}
	w.start = w.lintStart()
	w.evict(w.Model.Posts...)
}

// lint is Lint holding at most about budget bytes of findings for later
// turns.
func (w *Site) lint(more check.More, emit func(model.Finding), budget int) {
	s := w.Model
	start := w.start
	if start == nil {
		start = w.lintStart()
	}
	w.start = nil
	site, cx, st, ratio := start.site, start.cx, start.st, start.ratio
	posts := append([]*model.Post(nil), s.Posts...)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].Path < posts[j].Path })

	h := holding{held: map[string]heldFindings{}, lints: map[string]heldFindings{}, alone: map[*model.Pair]bool{}, budget: budget}
	ordered(len(posts), func(i int) turn {
		return w.caughtTurn(posts[i], &h)
	}, func(t turn) turn {
		if len(t.pt.Posts) > 0 {
			t.found = map[string][]model.Finding{}
			for x, fs := range cx.Turns(t.pt, st, ratio, more, nil) {
				t.found[x.Path] = fs
			}
		}
		t.pt = check.PairText{}
		return t
	}, func(i int, t turn) {
		p := posts[i]
		for path, fs := range t.lints {
			h.hold(h.lints, path, fs)
		}
		found := t.found[p.Path]
		for path, fs := range t.found {
			if path != p.Path {
				h.hold(h.held, path, fs)
			}
		}
		if t.later {
			t.own, found = h.take(h.lints, p.Path), h.take(h.held, p.Path)
		}
		site.upTo(p.Path, emit)
		lint := site.of(p.Path, t.own)
		// Merge by line, lint's first on a tie, as a stable sort does.
		next := 0
		var late []model.Finding
		for _, f := range found {
			if f.Path != p.Path {
				late = append(late, f)
				continue
			}
			for next < len(lint) && lint[next].Line <= f.Line {
				emit(lint[next])
				next++
			}
			emit(f)
		}
		for _, f := range lint[next:] {
			emit(f)
		}
		for _, f := range late {
			emit(f)
		}
	})
	site.rest(emit)
}

// turn is a post's turn in Lint.
type turn struct {
	own   []model.Finding            // lint's findings of the post
	pt    check.PairText             // the text to check at this turn
	later bool                       // its lint and checks were found at its pair's first turn
	found map[string][]model.Finding // the checks', by the turn (post path) they are in
	lints map[string][]model.Finding // the later turns' lint findings, by path
}

// caughtTurn is turn with a bug in it said on its post (an internal-error
// finding) and the lint going on; the post's pair's other posts then take
// their turns alone.
func (w *Site) caughtTurn(p *model.Post, h *holding) (t turn) {
	if err := bug.Catch("lint "+p.Path, func() { t = w.turn(p, h) }); err != nil {
		if p.Pair != nil {
			h.alone[p.Pair] = true
		}
		t = turn{own: []model.Finding{model.InternalError(p.Path, err)}}
	}
	return t
}

// turn takes post p's turn on the goroutine that owns the site: its lint
// findings and, at the first turn of its pair, the pair's text: each post
// is read and rendered once, at that turn, and the findings of the
// pair's later turns are held until theirs (h). While h holds more than
// HeldBytes, a pair's first turn takes its post alone and a translation
// is read and rendered again with its source at its own turn: lint's
// memory stays bounded on a site of many findings. The fields of a
// folded post are read for it and let go again.
func (w *Site) turn(p *model.Post, h *holding) (t turn) {
	bug.HookIn("turn", []byte(p.Path))
	s := w.Model
	lint := func(q *model.Post) (own []model.Finding) {
		if err := bug.Catch("lint "+q.Path, func() { own = s.LintPost(q) }); err != nil {
			own = []model.Finding{model.InternalError(q.Path, err)}
		}
		return own
	}
	if p.Doc == nil {
		t.own = lint(p)
		return t // lint has said the file could not be read
	}
	alone := func() check.PairText {
		return check.PairText{Posts: []*check.Text{check.TextOf(s, p, w.takeBody(p))}}
	}
	if !w.inPairText(p) {
		defer unfolded(p)()
		t.own, t.pt = lint(p), alone()
		return t
	}
	first := true
	for _, q := range p.Pair.Posts {
		if q != p && w.inPairText(q) && q.Path < p.Path {
			first = false
		}
	}
	if !first && !h.alone[p.Pair] {
		t.later = true // its lint and its checks are held
		return t
	}
	// The pair's front matter is read for this turn (after
	// LetFrontMatterGo, again from the posts' files), and a folded
	// site's is let go with it (deferred first, so done last, once
	// folded again): the later turns read none, and lint's room grows as
	// it goes (20,000 pairs of real posts: 27 MB by the middle).
	defer w.evict(p.Pair.Posts...)
	if !w.restorePair(p) {
		// Its file cannot be read now: lint says so, and the pair's
		// other posts take their turns alone.
		if first {
			h.alone[p.Pair] = true
		}
		t.own = lint(p)
		return t
	}
	for _, q := range p.Pair.Posts {
		defer unfolded(q)()
	}
	switch {
	case first && h.bytes > h.budget:
		// Its lint reads its pair's other posts' front matter too.
		h.alone[p.Pair] = true
		t.own, t.pt = lint(p), alone()
	case first:
		// The pair's posts' fields are read once, here: each post's
		// lint too, the later ones' held for their turns.
		t.own = lint(p)
		for _, q := range p.Pair.Posts {
			if q != p && w.inPairText(q) {
				if t.lints == nil {
					t.lints = map[string][]model.Finding{}
				}
				t.lints[q.Path] = lint(q)
			}
		}
		t.pt = check.PairTextOf(s, p.Pair, w.takeBody)
	default:
		// Its pair's first turn took its post alone: a translation
		// is checked with its source now, at its own turn.
		t.own, t.pt = lint(p), alone()
		if src, tgt := s.SourceAndTarget(p.Pair); p == tgt && src != nil && src.Doc != nil {
			t.pt.Source, t.pt.Target = check.TextOf(s, src, w.takeBody(src)), t.pt.Posts[0]
		}
	}
	return t
}

// restorePair restores (restore) the front matter of p's pair's posts in
// its text, and reports whether p's could be; a body read and not taken
// by the turn's texts goes with the turn (evict).
func (w *Site) restorePair(p *model.Post) bool {
	for _, q := range p.Pair.Posts {
		if w.inPairText(q) {
			w.restore(q) // one that cannot be read is linted so
		}
	}
	return p.Doc != nil
}

// restore reads post p's front matter again from its file, with its body
// for its checks, when LetFrontMatterGo let it go: false when p has no
// front matter to read (a file that cannot be read now is then said as
// one that could not be read).
func (w *Site) restore(p *model.Post) bool {
	if p == nil || p.Doc == nil {
		return false
	}
	if !p.Doc.Evicted() {
		return true
	}
	raw, err := model.ReadPostFile(p.Abs())
	var body []byte
	if err == nil {
		p.Doc, body, err = p.Doc.Restore(raw)
	}
	if err != nil {
		p.Doc, p.Err = nil, err
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bodies[p] = body
	return true
}

// HeldBytes is about how many bytes of findings Lint holds for the later
// turns of pairs before it reads pairs again at their later turns.
const HeldBytes = 16 << 20

// holding is the findings Lint holds for later turns, by path, packed
// (model.Packer): on a site whose translations come after all their
// sources, a translation's wait for half the site's turns.
type holding struct {
	held   map[string]heldFindings
	lints  map[string]heldFindings // the later turns' lint findings
	bytes  int                     // about how many they take
	budget int                     // how many they may take before pairs are read again
	alone  map[*model.Pair]bool    // pairs whose first turn took its post alone
	packer model.Packer
}

// heldFindings are a turn's findings held: packed, or as they are when
// they cannot be.
type heldFindings struct {
	packed []byte
	fs     []model.Finding
}

// heldEntry is about what a held list takes beside its findings: its
// entry in the map and its path.
const heldEntry = 64

// size is about how many bytes hf takes.
func (hf heldFindings) size() int {
	if hf.packed != nil {
		return heldEntry + cap(hf.packed)
	}
	return heldEntry + findingBytes(hf.fs)
}

// hold keeps fs, packed when they can be, for path's turn, in m (held or
// lints).
func (h *holding) hold(m map[string]heldFindings, path string, fs []model.Finding) {
	var hf heldFindings
	if b, ok := h.packer.Pack(fs); ok && len(fs) > 0 {
		hf.packed = b
	} else {
		hf.fs = fs
	}
	m[path] = hf
	h.bytes += hf.size()
}

// take gives back the findings m holds for path, and lets them go.
func (h *holding) take(m map[string]heldFindings, path string) []model.Finding {
	hf, ok := m[path]
	if !ok {
		return nil
	}
	delete(m, path)
	h.bytes -= hf.size()
	if hf.packed != nil {
		return h.packer.Unpack(hf.packed)
	}
	return hf.fs
}

// findingBytes is about how many bytes fs takes in memory.
func findingBytes(fs []model.Finding) int {
	n := 0
	for _, f := range fs {
		n += int(unsafe.Sizeof(f)) + len(f.Message) + len(f.Block) + len(f.Replace[0]) + len(f.Replace[1])
	}
	return n
}

// inPairText reports whether post p is one of its pair's texts
// (check.PairTextOf: a post read, in one of the site's languages).
func (w *Site) inPairText(p *model.Post) bool {
	return p.Doc != nil && p.Pair != nil && p.Pair.Post(p.Lang) == p && slices.Contains(w.Model.Languages, p.Lang)
}

// evict lets the front matter of posts in their pair's text go, on a
// folded site (OpenFolded).
func (w *Site) evict(posts ...*model.Post) {
	if !w.folded {
		return
	}
	for _, q := range posts {
		if q != nil && w.inPairText(q) {
			q.Doc = q.Doc.Evict()
			w.takeBody(q) // read again with it, and not checked at this turn
		}
	}
}

// unfolded unfolds a folded post's fields, and gives what folds them
// again.
func unfolded(p *model.Post) func() {
	if p == nil || p.Doc == nil || !p.Doc.Folded() {
		return func() {}
	}
	p.Doc.Unfold()
	return p.Doc.Fold
}

// siteLint are the site's findings that are not a post's own
// (model.Site.SiteFindings), each sorted, given out in Lint's order as
// the posts' turns pass.
type siteLint struct {
	before, after []model.Finding
	nb, na        int // how many of each are given out
}

// upTo gives emit the findings of paths before path, in Lint's order (by
// path, then line; before's first on a tie).
func (sl *siteLint) upTo(path string, emit func(model.Finding)) {
	sl.give(func(p string) bool { return p < path }, emit)
}

// rest gives emit the findings not given out yet, in Lint's order.
func (sl *siteLint) rest(emit func(model.Finding)) {
	sl.give(func(string) bool { return true }, emit)
}

func (sl *siteLint) give(before func(path string) bool, emit func(model.Finding)) {
	for {
		b := sl.nb < len(sl.before) && before(sl.before[sl.nb].Path)
		a := sl.na < len(sl.after) && before(sl.after[sl.na].Path)
		switch {
		case b && (!a || !placedBefore(sl.after[sl.na], sl.before[sl.nb])):
			emit(sl.before[sl.nb])
			sl.nb++
		case a:
			emit(sl.after[sl.na])
			sl.na++
		default:
			return
		}
	}
}

// of is lint's findings of post path, in Lint's order: the site's before
// its own on a line, then its own, then the site's after them (upTo path
// given out already).
func (sl *siteLint) of(path string, own []model.Finding) []model.Finding {
	var out []model.Finding
	for ; sl.nb < len(sl.before) && sl.before[sl.nb].Path == path; sl.nb++ {
		out = append(out, sl.before[sl.nb])
	}
	out = append(out, own...)
	for ; sl.na < len(sl.after) && sl.after[sl.na].Path == path; sl.na++ {
		out = append(out, sl.after[sl.na])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

func placedBefore(x, y model.Finding) bool {
	return x.Path < y.Path || x.Path == y.Path && x.Line < y.Line
}

// ordered runs work on the values take gives for 0 to n-1, on as many
// goroutines as there are CPUs, and gives their results to give in
// order; take and give run on the caller's goroutine, take a few items
// ahead of give.
func ordered[T, R any](n int, take func(i int) T, work func(T) R, give func(i int, r R)) {
	workers := max(1, min(model.CPUs(), n))
	// Slack: turns cost more or less (a pair's first many times its
	// later ones), and a turn slower than those queued behind it stops
	// the queue until it is given. A queued turn holds its texts'
	// metadata, not their bodies (read by work), and a given one its
	// findings: 8 a worker left a core idle a fifth of the time (a site
	// of 10,000 pairs: 1.92 s; 64 a worker: 1.67 s).
	ahead := 64 * workers
	type result struct {
		i   int
		r   R
		err *bug.Error
	}
	jobs := make(chan struct {
		i int
		t T
	}, ahead)
	done := make(chan result, ahead)
	for range workers {
		go func() {
			for j := range jobs {
				var r R
				// A bug in work is said on the caller's goroutine (whose
				// bug.Catch, or the process's, takes it), as a loop there
				// would say it, not in a goroutine of its own that ends the
				// process.
				err := bug.Catch("lint", func() { r = work(j.t) })
				done <- result{j.i, r, err}
			}
		}()
	}
	pending := map[int]R{}
	sent, given := 0, 0
	for given < n {
		for sent < n && sent-given < ahead {
			jobs <- struct {
				i int
				t T
			}{sent, take(sent)}
			sent++
		}
		r := <-done
		if r.err != nil {
			close(jobs) // the workers end (done holds what they finish)
			panic(r.err)
		}
		pending[r.i] = r.r
		for {
			v, ok := pending[given]
			if !ok {
				break
			}
			delete(pending, given)
			give(given, v)
			given++
		}
	}
	close(jobs)
}
