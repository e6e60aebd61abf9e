package workspace

import (
	"sort"

	"tandem/check"
	"tandem/model"
)

// Lint gives emit every finding of the site, lint's and the checks' (more
// for checks beside the package's, such as the stale check), in the
// order check.LintWith sorts them (by path, then line; lint's first), as
// they are found: each post is read, rendered and checked when its turn
// comes, on as many goroutines as there are CPUs, and let go. A
// translation is checked with its source at its own turn (its findings
// are its own); a source post's turn has its typography. The memory this
// takes is the site's front matter and a few posts, whatever the size of
// the site. One finding may come out of order: a bug in checking a pair
// is the internal-error finding of both posts, and the source's turn may
// have passed.
func (w *Site) Lint(more check.More, emit func(model.Finding)) {
	s := w.Model
	lint := s.Lint()
	cx, st, ratio := check.NewContext(s), check.SettingOf(s), check.SiteRatio(s)
	posts := append([]*model.Post(nil), s.Posts...)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].Path < posts[j].Path })

	// Lint's findings of paths before p's go out first, then p's, then
	// its checks'.
	next := 0
	lintUpTo := func(path string, inclusive bool) {
		for next < len(lint) && (lint[next].Path < path || inclusive && lint[next].Path == path) {
			emit(lint[next])
			next++
		}
	}
	ordered(len(posts), func(i int) check.PairText {
		return w.postText(posts[i])
	}, func(pt check.PairText) []model.Finding {
		return cx.Scan(pt, st, ratio, more, nil)
	}, func(i int, found []model.Finding) {
		p := posts[i]
		lintUpTo(p.Path, false)
		// Merge by line, lint's first on a tie, as a stable sort does.
		var late []model.Finding
		for _, f := range found {
			if f.Path != p.Path {
				late = append(late, f)
				continue
			}
			for next < len(lint) && lint[next].Path == p.Path && lint[next].Line <= f.Line {
				emit(lint[next])
				next++
			}
			emit(f)
		}
		lintUpTo(p.Path, true)
		for _, f := range late {
			emit(f)
		}
	})
	for ; next < len(lint); next++ {
		emit(lint[next])
	}
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
	ahead := 4 * workers
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
