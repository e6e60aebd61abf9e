// Package stale finds the translation blocks whose source changed after
// they were last translated, paragraph by paragraph, from the site's git
// history (read with go-git): a translation block is stale when the
// source text it was aligned with at the commit that last changed it
// differs from the source text now. Uncommitted edits are the newest
// change (the texts compared are the posts as they are now); a commit
// that changes both blocks leaves them in step; an edit to another
// paragraph of the translation changes nothing for this one.
package stale

import (
	"context"
	"errors"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"tandem/check"
	"tandem/model"
	"tandem/model/publish"
	"tandem/preview/markup"
	"tandem/preview/markup/align"
)

// Rule is the stale finding's id.
const Rule = "translation-stale"

// History is what the commits of the site's repository say of its posts:
// for each post file (by its path in the site), the commits that changed
// it, oldest first, through renames. It is read once per HEAD and is
// safe for one goroutine at a time.
type History struct {
	repo   *git.Repository
	Head   plumbing.Hash
	prefix string // the site's folder in the repository ("" at its root), with /
	// changes are the commits that changed each file (repository path),
	// newest first as read; renames maps a file to its earlier name.
	changes map[string][]version
	renames map[string]rename

	mu    sync.Mutex
	pairs map[[2]string]Baseline
	docs  map[plumbing.Hash]*rendered // a blob's render, by blob hash
}

type version struct {
	commit *object.Commit
	seq    int // the walk's order: a later commit has a greater one
}

type rename struct {
	from string
	at   int // the seq of the commit that renamed it
}

type rendered struct {
	blocks []markup.Block
	text   string
}

// ErrNoRepository is Open's error for a site that is not in a git
// repository (or one without commits): there is no history to read.
var ErrNoRepository = errors.New("the site has no git history")

// Open reads the history of the repository siteRoot is in: one walk over
// its commits (merges aside: their changes are their parents'), each
// compared with its parent.
func Open(siteRoot string) (*History, error) {
	repo, root, err := publish.OpenRepo(siteRoot)
	if err != nil {
		return nil, ErrNoRepository
	}
	head, err := repo.Head()
	if err != nil {
		return nil, ErrNoRepository
	}
	abs, err := filepath.EvalSymlinks(siteRoot)
	if err != nil {
		abs = siteRoot
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, ErrNoRepository
	}
	h := &History{repo: repo, Head: head.Hash(), changes: map[string][]version{}, renames: map[string]rename{},
		pairs: map[[2]string]Baseline{}, docs: map[plumbing.Hash]*rendered{}}
	if rel != "." {
		h.prefix = filepath.ToSlash(rel) + "/"
	}
	// The walk goes from HEAD to the first commit, parents after their
	// children: seq counts down.
	iter, err := repo.Log(&git.LogOptions{From: head.Hash()})
	if err != nil {
		return nil, err
	}
	seq := 0
	err = iter.ForEach(func(c *object.Commit) error {
		seq--
		if c.NumParents() > 1 {
			return nil
		}
		tree, err := c.Tree()
		if err != nil {
			return err
		}
		var parent *object.Tree
		if c.NumParents() == 1 {
			p, err := c.Parent(0)
			if err != nil {
				return err
			}
			if parent, err = p.Tree(); err != nil {
				return err
			}
		}
		changes, err := object.DiffTreeWithOptions(context.Background(), parent, tree, &object.DiffTreeOptions{DetectRenames: true, RenameScore: 50})
		if err != nil {
			return err
		}
		for _, ch := range changes {
			to, from := ch.To.Name, ch.From.Name
			if to == "" || !strings.HasPrefix(to, h.prefix) || !post(to) {
				continue
			}
			h.changes[to] = append(h.changes[to], version{c, seq})
			if from != "" && from != to {
				h.renames[to] = rename{from, seq}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

func post(name string) bool {
	switch path.Ext(name) {
	case ".md", ".markdown", ".html", ".htm", ".mdown":
		return true
	}
	return false
}

// step is one commit of a file's history: the commit, the file's name in
// it.
type step struct {
	commit *object.Commit
	seq    int
	name   string
}

// steps are the commits that changed a file (site path), oldest first,
// following it back through its renames.
func (h *History) steps(sitePath string) []step {
	var out []step
	name := h.prefix + sitePath
	before := 1 // only commits before the rename, for an earlier name
	for seen := 0; name != "" && seen < 20; seen++ {
		for _, v := range h.changes[name] {
			if v.seq < before {
				out = append(out, step{v.commit, v.seq, name})
			}
		}
		r, ok := h.renames[name]
		if !ok {
			break
		}
		name, before = r.from, r.at
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// Baseline is what a pair's history says of its translation's blocks:
// for each block as last committed (by its key), the source text it was
// aligned with at the commit that last changed it.
type Baseline map[uint64]string

// Pair reads the baseline of the pair src (the source post) and tgt (its
// translation) from the history, once per HEAD. opt renders both (the
// site's options for each post).
func (h *History) Pair(src, tgt string, srcOpt, tgtOpt markup.Options, ratio float64) (Baseline, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	key := [2]string{src, tgt}
	if b, ok := h.pairs[key]; ok {
		return b, nil
	}
	ss, ts := h.steps(src), h.steps(tgt)
	// Both files' commits, in order, each once.
	type at struct {
		c        *object.Commit
		src, tgt string // each file's name then ("" before it exists)
	}
	var all []at
	i, j := 0, 0
	srcName, tgtName := "", ""
	for i < len(ss) || j < len(ts) {
		var s step
		takeSrc := j >= len(ts) || i < len(ss) && ss[i].seq <= ts[j].seq
		if takeSrc {
			s = ss[i]
			srcName = s.name
			i++
			if j < len(ts) && ts[j].commit.Hash == s.commit.Hash {
				tgtName = ts[j].name
				j++
			}
		} else {
			s = ts[j]
			tgtName = s.name
			j++
		}
		all = append(all, at{s.commit, srcName, tgtName})
	}
	base := Baseline{}
	var prevTgt map[uint64]bool
	for _, a := range all {
		sd, err := h.render(a.c, a.src, srcOpt)
		if err != nil {
			return nil, err
		}
		td, err := h.render(a.c, a.tgt, tgtOpt)
		if err != nil {
			return nil, err
		}
		next := Baseline{}
		keys := map[uint64]bool{}
		if td != nil {
			for _, b := range td.blocks {
				keys[b.Key] = true
			}
		}
		if sd != nil && td != nil {
			for _, m := range align.BlocksWith(sd.blocks, td.blocks, ratio) {
				if m.Src == nil || m.Tgt == nil {
					continue
				}
				text := check.PlainText(sd.blocks[m.Src[0] : m.Src[1]+1])
				for _, b := range td.blocks[m.Tgt[0] : m.Tgt[1]+1] {
					if old, ok := base[b.Key]; ok && prevTgt[b.Key] {
						next[b.Key] = old // unchanged here: translated earlier
					} else {
						next[b.Key] = text
					}
				}
			}
		}
		base, prevTgt = next, keys
	}
	h.pairs[key] = base
	return base, nil
}

// render is the blocks of file name in commit c, nil when it has none
// there (or it is not a post Tandem reads).
func (h *History) render(c *object.Commit, name string, opt markup.Options) (*rendered, error) {
	if name == "" {
		return nil, nil
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	f, err := tree.File(name)
	if err != nil {
		return nil, nil // not in this commit
	}
	if r, ok := h.docs[f.Hash]; ok {
		return r, nil
	}
	rd, err := f.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}
	doc, err := model.Parse(b)
	if err != nil {
		return nil, nil // a version that did not parse: nothing to compare
	}
	r := &rendered{blocks: markup.Render([]byte(doc.BodyText()), opt).Blocks}
	h.docs[f.Hash] = r
	return r, nil
}

// Findings are the stale blocks of target against source now (their
// alignment matches), given the pair's baseline: a finding on each
// translation block whose source text differs from the one it was
// translated from, unless silenced ("Still correct").
func Findings(cx *check.Context, base Baseline, source, target check.Side, matches []align.Match) []model.Finding {
	var out []model.Finding
	for _, m := range matches {
		if m.Src == nil || m.Tgt == nil {
			continue
		}
		tg := target.Doc.Blocks[m.Tgt[0] : m.Tgt[1]+1]
		then, ok := base[tg[0].Key]
		if !ok {
			continue // changed since the last commit: being translated now
		}
		sg := source.Doc.Blocks[m.Src[0] : m.Src[1]+1]
		now := check.PlainText(sg)
		if sameText(then, now) {
			continue
		}
		f := check.NewTranslationFinding(cx, source, target, m, Rule, model.Warning,
			"the source (line %[1]d) changed since this block was translated", source.BodyLine-1+sg[0].Line)
		if f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// Changes are, for each stale finding of Findings (by its Block), the
// source's text when the block was translated and now.
func Changes(base Baseline, source, target check.Side, matches []align.Match, found []model.Finding) map[string][2]string {
	out := map[string][2]string{}
	byLine := map[int]string{}
	for _, f := range found {
		if f.Rule == Rule {
			byLine[f.Line] = f.Block
		}
	}
	for _, m := range matches {
		if m.Src == nil || m.Tgt == nil {
			continue
		}
		tg := target.Doc.Blocks[m.Tgt[0] : m.Tgt[1]+1]
		key, ok := byLine[target.BodyLine-1+tg[0].Line]
		if !ok {
			continue
		}
		out[key] = [2]string{base[tg[0].Key], check.PlainText(source.Doc.Blocks[m.Src[0] : m.Src[1]+1])}
	}
	return out
}

func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// Lint is the stale findings of every pair of the site (loaded), or nil
// when the site has no history.
func Lint(s *model.Site) []model.Finding {
	h, err := Open(s.Root)
	if err != nil {
		return nil
	}
	cx := check.NewContext(s)
	ratio := check.SiteRatio(s)
	var out []model.Finding
	for _, pr := range s.Pairs {
		src, tgt := s.SourceAndTarget(pr)
		if src == nil || tgt == nil || src.Doc == nil || tgt.Doc == nil {
			continue
		}
		so, to := markup.ForPost(s, src), markup.ForPost(s, tgt)
		base, err := h.Pair(src.Path, tgt.Path, so, to, ratio)
		if err != nil || len(base) == 0 {
			continue
		}
		ds := markup.Render([]byte(src.Doc.BodyText()), so)
		dt := markup.Render([]byte(tgt.Doc.BodyText()), to)
		ss, ts := check.SideOf(src, ds), check.SideOf(tgt, dt)
		out = append(out, Findings(cx, base, ss, ts, align.BlocksWith(ds.Blocks, dt.Blocks, ratio))...)
	}
	return out
}
