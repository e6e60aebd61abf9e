package git

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
	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// History is what the commits of the site's repository say of its posts:
// for each post file (by its path in the site), the commits that changed
// it, oldest first, through renames. It is read once per HEAD and is
// safe for one goroutine at a time.
type History struct {
	repo   *gogit.Repository
	Head   plumbing.Hash
	prefix string // the site's folder in the repository ("" at its root), with /
	// changes are the commits that changed each file (repository path),
	// newest first as read; renames maps a file to its earlier name.
	changes map[string][]version
	renames map[string]rename

	git   sync.Mutex // for the repository and trees
	read  func(raw []byte) string
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

// OpenHistory reads the history of the repository siteRoot is in: one
// walk over its commits (merges aside: their changes are their parents'),
// each compared with its parent in the site's post folders (folders,
// relative to the site, with /; all of the site's files when there are
// none). read is how a file's text is kept once read from a commit (the
// body, say): each blob is read once.
func OpenHistory(siteRoot string, folders []string, read func(raw []byte) string) (*History, error) {
	repo, root, err := open(siteRoot)
	if err != nil {
		return nil, ErrNoRepository
	}
	// The walk reads thousands of trees: keep the pack files open and a
	// larger cache of objects than go-git's default.
	if dot := filepath.Join(root, ".git"); isDir(dot) {
		st := filesystem.NewStorageWithOptions(osfs.New(dot), cache.NewObjectLRU(4*cache.MiByte), filesystem.Options{KeepDescriptors: true})
		if r, err := gogit.Open(st, osfs.New(root)); err == nil {
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
		read: read}
	h.trees = &treeCache{repo: repo, m: map[plumbing.Hash]*object.Tree{}}
	if rel != "." {
		h.prefix = filepath.ToSlash(rel) + "/"
	}
	// The walk goes from HEAD to the first commit, parents after their
	// children: seq counts down.
	iter, err := repo.Log(&gogit.LogOptions{From: head.Hash()})
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
	repo *gogit.Repository
	m    map[plumbing.Hash]*object.Tree
	// names index the entries of the last large trees file looked in (a
	// posts folder of thousands), by name.
	names map[*object.Tree]map[string]int
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
		for _, e := range tc.entries(t, part) {
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

// entries are the entries of t that may be named name: all of a small
// tree's, the one so named of a large one (none when there is none).
func (tc *treeCache) entries(t *object.Tree, name string) []object.TreeEntry {
	if len(t.Entries) < 32 {
		return t.Entries
	}
	idx, ok := tc.names[t]
	if !ok {
		if tc.names == nil || len(tc.names) >= 16 {
			// The last few only: a long history's folders are many trees.
			tc.names = map[*object.Tree]map[string]int{}
		}
		idx = make(map[string]int, len(t.Entries))
		for i, e := range t.Entries {
			if _, dup := idx[e.Name]; !dup {
				idx[e.Name] = i // the first, as a scan finds it
			}
		}
		tc.names[t] = idx
	}
	if i, ok := idx[name]; ok {
		return t.Entries[i : i+1]
	}
	return nil
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

// Version is one committed version of a pair's translation: its file's
// blob and the source's in the same commit (zero where a file did not
// exist), read with Text.
type Version struct{ Tgt, Src plumbing.Hash }

// Versions are the committed versions of file tgt (a site path), oldest
// first, each with file src as it was in the same commit: only tgt's
// commits are read, a commit that changes only src making none. No blob
// is read: a version's texts are read when asked for (Text).
func (h *History) Versions(src, tgt string) ([]Version, error) {
	h.git.Lock()
	defer h.git.Unlock()
	ss, ts := h.steps(src), h.steps(tgt)
	var out []Version
	srcName := ""
	for i, j := 0, 0; j < len(ts); {
		if i < len(ss) && ss[i].seq <= ts[j].seq {
			srcName = ss[i].name
			i++
			continue
		}
		tb, err := h.file(ts[j].commit, ts[j].name)
		if err != nil {
			return nil, err
		}
		sb, err := h.file(ts[j].commit, srcName)
		if err != nil {
			return nil, err
		}
		out = append(out, Version{tb, sb})
		j++
	}
	return out, nil
}

// file is the blob of file name in commit c (zero when it is not there).
func (h *History) file(c *object.Commit, name string) (plumbing.Hash, error) {
	if name == "" {
		return plumbing.ZeroHash, nil
	}
	blob, ok, err := h.trees.file(c.TreeHash, name)
	if err != nil || !ok {
		return plumbing.ZeroHash, err
	}
	return blob, nil
}

// Text is the text of a blob as OpenHistory's read gives it ("" for the
// zero hash: no file).
func (h *History) Text(blob plumbing.Hash) (string, error) {
	if blob.IsZero() {
		return "", nil
	}
	h.git.Lock()
	defer h.git.Unlock()
	raw, err := h.blob(blob)
	if err != nil {
		return "", err
	}
	return h.read(raw), nil
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
