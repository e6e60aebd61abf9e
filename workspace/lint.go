package workspace

import (
	"sort"

	"tandem/bug"
	"tandem/check"
	"tandem/model"
)

// Lint gives emit every finding of the site, lint's and the checks' (more
// for checks beside the package's, such as the stale check), in the
// order check.LintWith sorts them (by path, then line; lint's first), as
// they are found: each post is linted, read, rendered and checked when
// its turn comes, on as many goroutines as there are CPUs, and let go.
// A translation is checked with its source at its own turn (its findings
// are its own); a source post's turn has its typography. The memory this
// takes is the site's front matter (folded, when opened by OpenFolded:
// each post's fields are read at its turn and let go) and a few posts,
// whatever the size of the site. One finding may come out of order: a
// bug in checking a pair is the internal-error finding of both posts,
// and the source's turn may have passed.
func (w *Site) Lint(more check.More, emit func(model.Finding)) {
	s := w.Model
	var site siteLint
	site.before, site.after = s.SiteFindings()
	site.after = append(site.after, check.FileFindings(s)...)
	model.SortFindings(site.before)
	model.SortFindings(site.after)
	cx, st, ratio := check.NewContext(s), check.SettingOf(s), check.SiteRatio(s)
	posts := append([]*model.Post(nil), s.Posts...)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].Path < posts[j].Path })

	ordered(len(posts), func(i int) turn {
		return w.turn(posts[i])
	}, func(t turn) turn {
		t.found = cx.Scan(t.pt, st, ratio, more, nil)
		t.pt = check.PairText{}
		return t
	}, func(i int, t turn) {
		p := posts[i]
		site.upTo(p.Path, emit)
		lint := site.of(p.Path, t.own)
		// Merge by line, lint's first on a tie, as a stable sort does.
		next := 0
		var late []model.Finding
		for _, f := range t.found {
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
	own   []model.Finding // lint's findings of the post
	pt    check.PairText  // its text, for the checks
	found []model.Finding // the checks'
}

// turn takes post p's turn on the goroutine that owns the site: its lint
// findings and its text (with its source's, for a translation). The
// fields of a folded post are read for it and let go again.
func (w *Site) turn(p *model.Post) (t turn) {
	s := w.Model
	src, _ := s.SourceAndTarget(p.Pair)
	for _, q := range []*model.Post{p, src} {
		if q != nil && q.Doc != nil && q.Doc.Folded() {
			q.Doc.Unfold()
			defer q.Doc.Fold()
		}
	}
	if err := bug.Catch("lint "+p.Path, func() { t.own = s.LintPost(p) }); err != nil {
		t.own = []model.Finding{model.InternalError(p.Path, err)}
	}
	t.pt = w.postText(p)
	return t
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

// postText is what Lint checks at p's turn: the translation with its
// source, or the post alone.
func (w *Site) postText(p *model.Post) check.PairText {
	s := w.Model
	if p.Doc == nil {
		return check.PairText{}
	}
	// A kept body is let go at the last turn that reads it: a source's
	// is read at its turn and at its translation's.
	src, tgt := s.SourceAndTarget(p.Pair)
	body := w.takeBody
	if p == src && tgt != nil && tgt.Doc != nil && tgt.Path > p.Path {
		body = w.peekBody
	}
	t := check.TextOf(s, p, body(p))
	pt := check.PairText{Posts: []*check.Text{t}}
	switch {
	case p == tgt && src != nil && src.Doc != nil:
		body = w.takeBody
		if src.Path > p.Path {
			body = w.peekBody
		}
		pt.Source, pt.Target = check.TextOf(s, src, body(src)), t
	}
	return pt
}

// ordered runs work on the values take gives for 0 to n-1, on as many
// goroutines as there are CPUs, and gives their results to give in
// order; take and give run on the caller's goroutine, take a few items
// ahead of give.
func ordered[T, R any](n int, take func(i int) T, work func(T) R, give func(i int, r R)) {
	workers := max(1, min(model.CPUs(), n))
	ahead := 8 * workers // slack: a translation's turn costs many a source's
	type result struct {
		i int
		r R
	}
	jobs := make(chan struct {
		i int
		t T
	}, ahead)
	done := make(chan result, ahead)
	for range workers {
		go func() {
			for j := range jobs {
				done <- result{j.i, work(j.t)}
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
