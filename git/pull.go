package git

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"tandem/model"
)

// PullResult is what Get latest did.
type PullResult struct {
	// Updated are the files brought up to date, relative to the
	// repository.
	Updated []string
	// Kept are the files changed both here and upstream: left as they
	// are here, for the user to settle.
	Kept []string
	// UpToDate: there was nothing to get.
	UpToDate bool
}

// Pull is Get latest: it fetches, then brings the checkout's branch up to
// its upstream when that is a fast-forward, writing only the files the
// upstream changed. A file the user changed here too is never
// overwritten: it stays as it is and is listed in Kept (its index entry
// and the branch follow the upstream, so that git shows the user's edit
// as a change to the new version). A branch that has commits of its own
// is not merged: Pull says so.
func Pull(ctx context.Context, siteRoot string, opt Options) (PullResult, error) {
	repo, root, err := open(siteRoot)
	if err != nil {
		return PullResult{}, err
	}
	head, err := repo.Head()
	if err != nil || !head.Name().IsBranch() {
		return PullResult{}, &Error{Kind: Detached}
	}
	remoteName, upName := opt.Remote, head.Name().Short()
	if b, ok := branchConfig(repo, upName); ok {
		if remoteName == "" {
			remoteName = b[0]
		}
		upName = b[1]
	}
	if remoteName == "" {
		remoteName = "origin"
	}
	remote, err := repo.Remote(remoteName)
	if err != nil {
		return PullResult{}, &Error{Kind: NoRemote, Detail: remoteName}
	}
	auth := opt.signIn(root, remote.Config().URLs[0])
	if err := fetch(ctx, remote, auth); err != nil {
		return PullResult{}, err
	}
	upRef, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, upName), true)
	if err != nil || upRef.Hash() == head.Hash() {
		return PullResult{UpToDate: true}, nil
	}
	local, err1 := repo.CommitObject(head.Hash())
	up, err2 := repo.CommitObject(upRef.Hash())
	if err1 != nil || err2 != nil {
		return PullResult{}, &Error{Kind: Failed, Err: errors.Join(err1, err2)}
	}
	if ahead, _ := up.IsAncestor(local); ahead {
		return PullResult{UpToDate: true}, nil // the branch is ahead: nothing to get
	}
	if ff, _ := local.IsAncestor(up); !ff {
		return PullResult{}, &Error{Kind: Diverged, Detail: upName}
	}
	localTree, err1 := local.Tree()
	upTree, err2 := up.Tree()
	if err1 != nil || err2 != nil {
		return PullResult{}, &Error{Kind: Failed, Err: errors.Join(err1, err2)}
	}
	changes, err := object.DiffTreeWithOptions(ctx, localTree, upTree, object.DefaultDiffTreeOptions)
	if err != nil {
		return PullResult{}, &Error{Kind: Failed, Err: err}
	}
	idx, err := repo.Storer.Index()
	if err != nil {
		return PullResult{}, &Error{Kind: Failed, Err: err}
	}
	attrs := lineEndings(repo, root)
	var res PullResult
	for _, ch := range changes {
		for _, p := range changedPaths(ch) {
			was, _ := fileHash(localTree, p)
			now, mode := fileHash(upTree, p)
			abs := filepath.Join(root, filepath.FromSlash(p))
			if edited(abs, p, was, attrs) {
				res.Kept = append(res.Kept, p)
				setEntry(idx, p, now, mode, nil)
				continue
			}
			if now.IsZero() {
				if err := os.Remove(abs); err != nil && !os.IsNotExist(err) {
					return res, &Error{Kind: Failed, Err: err}
				}
				idx.Remove(p)
			} else {
				data, err := blobData(repo, now)
				if err != nil {
					return res, &Error{Kind: Failed, Err: err}
				}
				if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
					return res, &Error{Kind: Failed, Err: err}
				}
				if err := model.WriteFileAtomic(abs, attrs.toWorktree(p, data)); err != nil {
					return res, &Error{Kind: Failed, Err: err}
				}
				st, _ := os.Stat(abs)
				setEntry(idx, p, now, mode, st)
			}
			res.Updated = append(res.Updated, p)
		}
	}
	if err := repo.Storer.SetIndex(idx); err != nil {
		return res, &Error{Kind: Failed, Err: err}
	}
	if err := repo.Storer.SetReference(plumbing.NewHashReference(head.Name(), up.Hash)); err != nil {
		return res, &Error{Kind: Failed, Err: err}
	}
	sort.Strings(res.Updated)
	sort.Strings(res.Kept)
	return res, nil
}

// branchConfig is a branch's upstream: its remote and the remote's branch.
func branchConfig(repo *gogit.Repository, name string) ([2]string, bool) {
	cfg, err := repo.Config()
	if err != nil {
		return [2]string{}, false
	}
	b, ok := cfg.Branches[name]
	if !ok || b.Remote == "" || b.Merge == "" {
		return [2]string{}, false
	}
	return [2]string{b.Remote, b.Merge.Short()}, true
}

// changedPaths are the paths a tree change touches.
func changedPaths(ch *object.Change) []string {
	from, to := ch.From.Name, ch.To.Name
	switch {
	case from == "":
		return []string{to}
	case to == "" || from == to:
		return []string{from}
	}
	return []string{from, to}
}

// fileHash is the blob and mode of path in tree t, zero when it has none.
func fileHash(t *object.Tree, path string) (plumbing.Hash, filemode.FileMode) {
	f, err := t.File(path)
	if err != nil {
		return plumbing.ZeroHash, filemode.Regular
	}
	return f.Hash, f.Mode
}

// edited reports whether the working file differs from the version the
// branch had (was; zero when it had none).
func edited(abs, rel string, was plumbing.Hash, attrs endings) bool {
	data, err := os.ReadFile(abs)
	if os.IsNotExist(err) {
		return !was.IsZero() // deleted here
	}
	if err != nil {
		return true // unreadable: not touched
	}
	if was.IsZero() {
		return true // a file of the user's in the way
	}
	return plumbing.ComputeHash(plumbing.BlobObject, attrs.toRepo(rel, data)) != was
}

func blobData(repo *gogit.Repository, h plumbing.Hash) ([]byte, error) {
	b, err := repo.BlobObject(h)
	if err != nil {
		return nil, err
	}
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// setEntry points path's index entry at blob h (removing it for a zero
// h), with the file's stat when known (else git hashes the file again).
func setEntry(idx *index.Index, path string, h plumbing.Hash, mode filemode.FileMode, st os.FileInfo) {
	if h.IsZero() {
		idx.Remove(path)
		return
	}
	e, err := idx.Entry(path)
	if err != nil {
		e = idx.Add(path)
	}
	*e = index.Entry{Name: path, Hash: h, Mode: mode}
	if st != nil {
		e.Size, e.ModifiedAt = uint32(st.Size()), st.ModTime()
	}
}

// toWorktree is data as git checkout would write it: LF line endings
// made CRLF where the repository says so (core.autocrlf true, eol=crlf).
func (e endings) toWorktree(rel string, data []byte) []byte {
	crlf := e.autocrlf == "true"
	if e.attrs != nil {
		res, _ := e.attrs.Match(splitPath(rel), []string{"text", "eol", "binary"})
		if a, ok := res["binary"]; ok && a.IsSet() {
			return data
		}
		if a, ok := res["text"]; ok && a.IsUnset() {
			return data
		}
		if a, ok := res["eol"]; ok && a.IsValueSet() {
			crlf = a.Value() == "crlf"
		}
	}
	if !crlf || bytes.IndexByte(data, 0) >= 0 {
		return data
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

func splitPath(p string) []string { return strings.Split(p, "/") }
