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
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

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

	mu    sync.Mutex // for pairs
	pairs map[[2]string]Baseline
	git   sync.Mutex                  // for the repository, docs and trees
	docs  map[plumbing.Hash]*rendered // a blob's render, by blob hash
	trees *treeCache
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
// compared with its parent in the site's post folders (folders, relative
// to the site, with /; all of the site's files when there are none).
func Open(siteRoot string, folders []string) (*History, error) {
	repo, root, err := publish.OpenRepo(siteRoot)
	if err != nil {
		return nil, ErrNoRepository
	}
	// The walk reads thousands of trees: keep the pack files open and a
	// larger cache of objects than go-git's default.
	if dot := filepath.Join(root, ".git"); isDir(dot) {
		st := filesystem.NewStorageWithOptions(osfs.New(dot), cache.NewObjectLRU(64*cache.MiByte), filesystem.Options{KeepDescriptors: true})
		if r, err := git.Open(st, osfs.New(root)); err == nil {
			repo = r
		}
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
	h.trees = &treeCache{repo: repo, m: map[plumbing.Hash]*object.Tree{}}
	if rel != "." {
		h.prefix = filepath.ToSlash(rel) + "/"
	}
	// The walk goes from HEAD to the first commit, parents after their
	// children: seq counts down.
	iter, err := repo.Log(&git.LogOptions{From: head.Hash()})
	if err != nil {
		return nil, err
	}
	// First the commits, newest first: each one's tree and first parent.
	type node struct {
		c      *object.Commit
		parent plumbing.Hash
		merge  bool
	}
	var nodes []node
	treeOf := map[plumbing.Hash]plumbing.Hash{}
	err = iter.ForEach(func(c *object.Commit) error {
		n := node{c: c, merge: c.NumParents() > 1}
		if c.NumParents() > 0 {
			n.parent = c.ParentHashes[0]
		}
		nodes = append(nodes, n)
		treeOf[c.Hash] = c.TreeHash
		return nil
	})
	if err != nil {
		return nil, err
	}
	trees := h.trees
	var inside []string // the post folders in the repository, with /
	for _, f := range folders {
		inside = append(inside, h.prefix+strings.Trim(f, "/")+"/")
	}
	trees.keep = func(dir string) bool { // dir ends with /
		if len(inside) == 0 {
			return true
		}
		for _, f := range inside {
			if strings.HasPrefix(f, dir) || strings.HasPrefix(dir, f) {
				return true
			}
		}
		return false
	}
	for k, n := range nodes {
		seq := -k - 1
		c := n.c
		if n.merge {
			continue
		}
		var parent plumbing.Hash
		if !n.parent.IsZero() {
			pt, ok := treeOf[n.parent]
			if !ok { // a parent the walk did not reach (a shallow clone)
				continue
			}
			parent = pt
		}
		var added, deleted []fileAt
		err := trees.diff(parent, c.TreeHash, "", func(name string, from, to plumbing.Hash) {
			if !strings.HasPrefix(name, h.prefix) || !post(name) {
				return
			}
			switch {
			case to.IsZero():
				deleted = append(deleted, fileAt{name, from})
			case from.IsZero():
				added = append(added, fileAt{name, to})
				h.changes[name] = append(h.changes[name], version{c, seq})
			default:
				h.changes[name] = append(h.changes[name], version{c, seq})
			}
		})
		if err != nil {
			return nil, err
		}
		// Renames: a post deleted and one added with the same content,
		// or the only post deleted and added in one folder.
		for _, a := range added {
			for _, d := range deleted {
				if a.hash == d.hash || len(added) == 1 && len(deleted) == 1 && path.Dir(a.name) == path.Dir(d.name) {
					h.renames[a.name] = rename{d.name, seq}
					break
				}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return h, nil
}

type fileAt struct {
	name string
	hash plumbing.Hash
}

// treeCache reads trees once each (a walk meets the same subtrees in
// every commit that leaves them unchanged).
type treeCache struct {
	repo *git.Repository
	m    map[plumbing.Hash]*object.Tree
	// keep says whether diff reads a folder (its path, with /).
	keep func(dir string) bool
}

func (tc *treeCache) get(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := tc.m[h]; ok {
		return t, nil
	}
	t, err := tc.repo.TreeObject(h)
	if err != nil {
		return nil, err
	}
	tc.m[h] = t
	return t, nil
}

// file is the blob of the file at name (with /) in tree root.
func (tc *treeCache) file(root plumbing.Hash, name string) (plumbing.Hash, bool, error) {
	t, err := tc.get(root)
	if err != nil {
		return plumbing.ZeroHash, false, err
	}
	parts := strings.Split(name, "/")
	for i, part := range parts {
		found := false
		for _, e := range t.Entries {
			if e.Name != part {
				continue
			}
			if i == len(parts)-1 {
				return e.Hash, e.Mode != filemode.Dir, nil
			}
			if e.Mode != filemode.Dir {
				return plumbing.ZeroHash, false, nil
			}
			if t, err = tc.get(e.Hash); err != nil {
				return plumbing.ZeroHash, false, err
			}
			found = true
			break
		}
		if !found {
			return plumbing.ZeroHash, false, nil
		}
	}
	return plumbing.ZeroHash, false, nil
}

// diff calls f with each file that differs between trees a and b (zero
// for none: the first commit), under dir, with its blob in each (zero
// where it is not): only the subtrees whose hashes differ are read.
func (tc *treeCache) diff(a, b plumbing.Hash, dir string, f func(name string, from, to plumbing.Hash)) error {
	if a == b {
		return nil
	}
	var ta, tb *object.Tree
	var err error
	if !a.IsZero() {
		if ta, err = tc.get(a); err != nil {
			return err
		}
	}
	if !b.IsZero() {
		if tb, err = tc.get(b); err != nil {
			return err
		}
	}
	// Git sorts a tree's entries: the two lists merge in one pass.
	var xs, ys []object.TreeEntry
	if ta != nil {
		xs = ta.Entries
	}
	if tb != nil {
		ys = tb.Entries
	}
	for i, j := 0, 0; i < len(xs) || j < len(ys); {
		var x, y object.TreeEntry
		switch {
		case j >= len(ys) || i < len(xs) && xs[i].Name < ys[j].Name:
			x = xs[i]
			i++
		case i >= len(xs) || ys[j].Name < xs[i].Name:
			y = ys[j]
			j++
		default:
			x, y = xs[i], ys[j]
			i, j = i+1, j+1
		}
		if x.Hash == y.Hash && x.Mode == y.Mode {
			continue
		}
		name := x.Name
		if name == "" {
			name = y.Name
		}
		full := dir + name
		xDir, yDir := x.Mode == filemode.Dir, y.Mode == filemode.Dir
		var xh, yh plumbing.Hash
		if xDir {
			xh = x.Hash
		}
		if yDir {
			yh = y.Hash
		}
		if (xDir || yDir) && (tc.keep == nil || tc.keep(full+"/")) {
			if err := tc.diff(xh, yh, full+"/", f); err != nil {
				return err
			}
		}
		var xf, yf plumbing.Hash
		if !xDir && x.Name != "" {
			xf = x.Hash
		}
		if !yDir && y.Name != "" {
			yf = y.Hash
		}
		if xf != yf {
			f(full, xf, yf)
		}
	}
	return nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
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
	key := [2]string{src, tgt}
	h.mu.Lock()
	b, ok := h.pairs[key]
	h.mu.Unlock()
	if ok {
		return b, nil
	}
	h.git.Lock()
	ss, ts := h.steps(src), h.steps(tgt)
	h.git.Unlock()
	// Both files' commits, in order, each once.
	type at struct {
		c        *object.Commit
		src, tgt string // each file's name then ("" before it exists)
	}
	var all []at
	i, j := 0, 0
	srcName, tgtName := "", ""
	// Only the translation's commits: a commit that changes only the
	// source makes no translation block new, and the baseline of the
	// others stands (the source is read as it is in each commit).
	for i < len(ss) || j < len(ts) {
		if j >= len(ts) || i < len(ss) && ss[i].seq < ts[j].seq {
			srcName = ss[i].name
			i++
			continue
		}
		s := ts[j]
		tgtName = s.name
		j++
		if i < len(ss) && ss[i].commit.Hash == s.commit.Hash {
			srcName = ss[i].name
			i++
		}
		all = append(all, at{s.commit, srcName, tgtName})
	}
	base := Baseline{}
	var prevTgt map[uint64]bool
	// Each version is rendered from the one before (only the blocks
	// around an edit again), and aligned from the one before too.
	srcCache, tgtCache := markup.NewCache(), markup.NewCache()
	var prevMs []align.Match
	var prevS, prevT []uint64
	for _, a := range all {
		sd, err := h.render(a.c, a.src, srcOpt, srcCache)
		if err != nil {
			return nil, err
		}
		td, err := h.render(a.c, a.tgt, tgtOpt, tgtCache)
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
		if sd == nil || td == nil {
			prevMs = nil
		}
		if sd != nil && td != nil {
			ms := align.Update(prevMs, prevS, prevT, sd.blocks, td.blocks, ratio)
			prevMs, prevS, prevT = ms, align.Keys(sd.blocks), align.Keys(td.blocks)
			for _, m := range ms {
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
	h.mu.Lock()
	h.pairs[key] = base
	h.mu.Unlock()
	return base, nil
}

// render is the blocks of file name in commit c, nil when it has none
// there (or it is not a post Tandem reads).
func (h *History) render(c *object.Commit, name string, opt markup.Options, cache *markup.Cache) (*rendered, error) {
	if name == "" {
		return nil, nil
	}
	// The repository is read by one goroutine at a time; the renders
	// run on all of them.
	h.git.Lock()
	blob, ok, err := h.trees.file(c.TreeHash, name)
	if err != nil || !ok {
		h.git.Unlock()
		return nil, err // not in this commit
	}
	if r, ok := h.docs[blob]; ok {
		h.git.Unlock()
		return r, nil
	}
	b, err := h.blob(blob)
	h.git.Unlock()
	if err != nil {
		return nil, err
	}
	doc, err := model.Parse(b)
	if err != nil {
		return nil, nil // a version that did not parse: nothing to compare
	}
	r := &rendered{blocks: cache.Render([]byte(doc.BodyText()), opt).Blocks}
	h.git.Lock()
	h.docs[blob] = r
	h.git.Unlock()
	return r, nil
}

func (h *History) blob(hash plumbing.Hash) ([]byte, error) {
	obj, err := h.repo.BlobObject(hash)
	if err != nil {
		return nil, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(rd)
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

// PostFolders are the folders of the site's posts, for Open.
func PostFolders(s *model.Site) []string {
	var out []string
	for _, fs := range s.Folders {
		out = append(out, fs...)
	}
	return out
}

// Lint is the stale findings of every pair of the site (loaded), or nil
// when the site has no history.
func Lint(s *model.Site) []model.Finding {
	h, err := Open(s.Root, PostFolders(s))
	if err != nil {
		return nil
	}
	cx := check.NewContext(s)
	ratio := check.SiteRatio(s)
	per := make([][]model.Finding, len(s.Pairs))
	model.Parallel(len(s.Pairs), func(i int) {
		src, tgt := s.SourceAndTarget(s.Pairs[i])
		if src == nil || tgt == nil || src.Doc == nil || tgt.Doc == nil {
			return
		}
		so, to := markup.ForPost(s, src), markup.ForPost(s, tgt)
		base, err := h.Pair(src.Path, tgt.Path, so, to, ratio)
		if err != nil || len(base) == 0 {
			return
		}
		ds := markup.Render([]byte(src.Doc.BodyText()), so)
		dt := markup.Render([]byte(tgt.Doc.BodyText()), to)
		ss, ts := check.SideOf(src, ds), check.SideOf(tgt, dt)
		per[i] = Findings(cx, base, ss, ts, align.BlocksWith(ds.Blocks, dt.Blocks, ratio))
	})
	var out []model.Finding
	for _, f := range per {
		out = append(out, f...)
	}
	return out
}
