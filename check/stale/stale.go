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
	"tandem/markup/align"
	"tandem/model"
	"tandem/model/bug"
	"tandem/model/publish"
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

	mu     sync.Mutex // for pairs
	pairs  map[[2]string]*Baseline
	git    sync.Mutex               // for the repository, bodies and trees
	bodies map[plumbing.Hash]string // a blob's body, by blob hash
	trees  *treeCache
}

type version struct {
	commit *object.Commit
	seq    int // the walk's order: a later commit has a greater one
}

type rename struct {
	from string
	at   int // the seq of the commit that renamed it
}

// Moved reports whether the repository's HEAD is no longer the commit
// the history was read at (new commits, another branch): read it again.
func (h *History) Moved() bool {
	h.git.Lock()
	defer h.git.Unlock()
	head, err := h.repo.Head()
	return err != nil || head.Hash() != h.Head
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
		pairs: map[[2]string]*Baseline{}, bodies: map[plumbing.Hash]string{}}
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

// Baseline is what a pair's history says of it: the translation's
// committed versions, newest first, each with the source as it was in
// the same commit (bodies, lines trimmed; "" where a post did not exist).
type Baseline struct {
	versions []pairVersion
}

type pairVersion struct{ tgt, src string }

// Pair reads the baseline of the pair src (the source post's path in the
// site) and tgt (its translation's) from the history, once per HEAD:
// only the translation's commits are read (a commit that changes only
// the source makes no translation block new).
func (h *History) Pair(src, tgt string) (*Baseline, error) {
	key := [2]string{src, tgt}
	h.mu.Lock()
	b, ok := h.pairs[key]
	h.mu.Unlock()
	if ok {
		return b, nil
	}
	h.git.Lock()
	defer h.git.Unlock()
	ss, ts := h.steps(src), h.steps(tgt)
	base := &Baseline{}
	srcName := ""
	for i, j := 0, 0; j < len(ts); {
		if i < len(ss) && ss[i].seq <= ts[j].seq {
			srcName = ss[i].name
			i++
			continue
		}
		tb, err := h.body(ts[j].commit, ts[j].name)
		if err != nil {
			return nil, err
		}
		sb, err := h.body(ts[j].commit, srcName)
		if err != nil {
			return nil, err
		}
		base.versions = append(base.versions, pairVersion{tb, sb})
		j++
	}
	for l, r := 0, len(base.versions)-1; l < r; l, r = l+1, r-1 {
		base.versions[l], base.versions[r] = base.versions[r], base.versions[l]
	}
	h.mu.Lock()
	h.pairs[key] = base
	h.mu.Unlock()
	return base, nil
}

// body is the body of file name in commit c, its lines trimmed; "" when
// it is not there (or does not parse).
func (h *History) body(c *object.Commit, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	blob, ok, err := h.trees.file(c.TreeHash, name)
	if err != nil || !ok {
		return "", err
	}
	if b, ok := h.bodies[blob]; ok {
		return b, nil
	}
	raw, err := h.blob(blob)
	if err != nil {
		return "", err
	}
	body, ok := model.Body(raw)
	if !ok {
		return "", nil // a version that did not parse: nothing to compare
	}
	b := trimLines(strings.ReplaceAll(string(body), "\r\n", "\n"))
	h.bodies[blob] = b
	return b, nil
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

// trimLines is text with each line's surrounding spaces removed, so that
// a block's text is found wherever it is indented.
func trimLines(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for len(text) > 0 {
		l := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
			b.WriteString(strings.TrimSpace(l))
			b.WriteByte('\n')
			continue
		}
		b.WriteString(strings.TrimSpace(l))
		text = ""
	}
	return b.String()
}

// lines are a body's lines (for raw), split once.
type lines []string

func linesOf(sd check.Side) lines { return strings.Split(string(sd.Body), "\n") }

// raw is a group of blocks as written in its side's body: their lines,
// trimmed.
func (ls lines) raw(sd check.Side, r *[2]int) string {
	from, to := sd.Doc.Blocks[r[0]].Line-1, sd.Doc.Blocks[r[1]].End
	if from < 0 || to > len(ls) || from >= to {
		return ""
	}
	var b strings.Builder
	for i, l := range ls[from:to] {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimSpace(l))
	}
	return b.String()
}

// since is the version a translation block's text (as written) was
// translated in: the oldest of the run of versions, back from the
// newest, that all have it; -1 when the newest does not (it changed
// since the last commit: it is being translated now).
func (b *Baseline) since(text string) int {
	v := -1
	for i, pv := range b.versions {
		if !strings.Contains(pv.tgt, text) {
			break
		}
		v = i
	}
	return v
}

// Findings are the stale blocks of target against source now (their
// alignment matches): a finding on each translation block whose source
// text (as written) is not in the source as it was when the block was
// translated, unless silenced ("Still correct").
func Findings(cx *check.Context, base *Baseline, source, target check.Side, matches []align.Match) []model.Finding {
	var out []model.Finding
	if base == nil || len(base.versions) == 0 {
		return nil
	}
	sl, tl := linesOf(source), linesOf(target)
	for _, m := range matches {
		if m.Src == nil || m.Tgt == nil {
			continue
		}
		t := tl.raw(target, m.Tgt)
		v := base.since(t)
		if t == "" || v < 0 || base.versions[v].src == "" {
			continue
		}
		now := sl.raw(source, m.Src)
		if now == "" || strings.Contains(base.versions[v].src, now) {
			continue
		}
		f := check.NewTranslationFinding(cx, source, target, m, Rule, model.Warning,
			"the source (line %[1]d) changed since this block was translated", source.BodyLine-1+source.Doc.Blocks[m.Src[0]].Line)
		if f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// Changes are, for each stale finding of Findings (by its Block), the
// source's text when the block was translated (its paragraph then most
// like the one now) and now.
func Changes(base *Baseline, source, target check.Side, matches []align.Match, found []model.Finding) map[string][2]string {
	out := map[string][2]string{}
	byLine := map[int]string{}
	for _, f := range found {
		if f.Rule == Rule {
			byLine[f.Line] = f.Block
		}
	}
	sl, tl := linesOf(source), linesOf(target)
	for _, m := range matches {
		if m.Src == nil || m.Tgt == nil {
			continue
		}
		key, ok := byLine[target.BodyLine-1+target.Doc.Blocks[m.Tgt[0]].Line]
		if !ok {
			continue
		}
		now := sl.raw(source, m.Src)
		v := base.since(tl.raw(target, m.Tgt))
		if v < 0 {
			continue
		}
		out[key] = [2]string{closest(base.versions[v].src, now), now}
	}
	return out
}

// closest is the paragraph of text that shares the most words with p.
func closest(text, p string) string {
	want := map[string]bool{}
	for _, w := range strings.Fields(p) {
		want[w] = true
	}
	best, score := "", -1
	for _, para := range strings.Split(text, "\n\n") {
		n := 0
		for _, w := range strings.Fields(para) {
			if want[w] {
				n++
			}
		}
		if n > score {
			best, score = strings.TrimSpace(para), n
		}
	}
	return best
}

// PostFolders are the folders of the site's posts, for Open.
func PostFolders(s *model.Site) []string {
	var out []string
	for _, fs := range s.Folders {
		out = append(out, fs...)
	}
	return out
}

// Check is the stale check of a site's pairs for check.LintWith, from
// its history: read on a goroutine of its own while lint reads and
// renders the posts (a site without history has no stale findings).
func Check(s *model.Site) check.More {
	ready := make(chan *History, 1)
	root, folders := s.Root, PostFolders(s)
	go func() {
		var h *History
		defer func() { ready <- h }() // a bug in Open leaves no history, not a lint waiting
		_ = bug.Catch("read the history of "+root, func() { h, _ = Open(root, folders) })
	}()
	var once sync.Once
	var more check.More
	return func(cx *check.Context, source, target check.Side, ms []align.Match) []model.Finding {
		once.Do(func() {
			if h := <-ready; h != nil {
				more = h.More()
			}
		})
		if more == nil {
			return nil
		}
		return more(cx, source, target, ms)
	}
}

// More is the stale check with this history, for check.LintWith.
func (h *History) More() check.More {
	return func(cx *check.Context, source, target check.Side, ms []align.Match) []model.Finding {
		base, err := h.Pair(source.Path, target.Path)
		if err != nil {
			return nil
		}
		return Findings(cx, base, source, target, ms)
	}
}

// Lint is the stale findings of every pair of the site (loaded), or nil
// when the site has no history.
func Lint(s *model.Site) []model.Finding {
	more := Check(s)
	var out []model.Finding
	for _, f := range check.LintWith(s, more) {
		if f.Rule == Rule {
			out = append(out, f)
		}
	}
	return out
}
