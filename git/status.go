package git

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"tandem/model"
)

// State is where a pair stands in the site's repository.
type State string

// Pair states, in the library's words.
const (
	NotPublished State = "not published"
	// Edited: in review or published, and edited since.
	Edited    State = "edited since published"
	InReview  State = "in review"
	Published State = "published"
)

// PairStatus is a pair's state and, in review, its branch and link.
type PairStatus struct {
	State  State
	Branch string // the review branch, when in review
	Review string // its review page, when the host is known
}

// SiteStatus is the state of every pair, and the checkout's branch and
// how far it is from its remote.
type SiteStatus struct {
	Pairs map[*model.Pair]PairStatus
	// Branch is the checkout's branch ("" when detached); Ahead and Behind
	// count its commits against its upstream (as last fetched).
	Branch        string
	Ahead, Behind int
}

// PairFiles is a pair as Status needs it: its post files (absolute) and
// the title of its review request.
type PairFiles struct {
	Pair  *model.Pair
	Files []string
	Title string
}

// Snapshot reads from the model what StatusOf needs of each pair.
func Snapshot(s *model.Site) []PairFiles {
	var out []PairFiles
	for _, pr := range s.Pairs {
		pf := PairFiles{Pair: pr, Title: Message(pr, s.Languages, false)}
		for _, p := range pairPosts(pr) {
			pf.Files = append(pf.Files, p.Abs())
		}
		out = append(out, pf)
	}
	return out
}

// Status reads, without fetching, where each pair of the site stands:
// published when the remote's default branch has its posts as they are on
// disk; in review when a branch of the remote (as last fetched) has them
// and the default branch does not; edited since published when the files
// on disk differ from both; not published otherwise.
func Status(s *model.Site, remoteName string) (*SiteStatus, error) {
	return StatusOf(s.Root, Snapshot(s), remoteName)
}

// StatusOf is Status of a snapshot of the site's pairs (see Snapshot): it
// reads only the disk and the repository, so it may run off the UI
// thread while the model changes.
func StatusOf(siteRoot string, pairs []PairFiles, remoteName string) (*SiteStatus, error) {
	repo, root, err := open(siteRoot)
	if err != nil {
		return nil, err
	}
	if remoteName == "" {
		remoteName = "origin"
	}
	st := &SiteStatus{Pairs: map[*model.Pair]PairStatus{}}
	if head, err := repo.Head(); err == nil && head.Name().IsBranch() {
		st.Branch = head.Name().Short()
		st.Ahead, st.Behind = aheadBehind(repo, head.Hash(), plumbing.NewRemoteReferenceName(remoteName, st.Branch))
	}
	remoteURL := ""
	if r, err := repo.Remote(remoteName); err == nil && len(r.Config().URLs) > 0 {
		remoteURL = r.Config().URLs[0]
	}
	def := localDefaultBranch(repo, remoteName)
	var defTree *object.Tree
	if ref, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, def), true); err == nil {
		if c, err := repo.CommitObject(ref.Hash()); err == nil {
			defTree, _ = c.Tree()
		}
	}
	// The remote's other branches, newest first: review branches.
	type branch struct {
		name string
		tree *object.Tree
		when int64
	}
	var branches []branch
	refs, _ := repo.References()
	prefix := "refs/remotes/" + remoteName + "/"
	refs.ForEach(func(r *plumbing.Reference) error {
		n := r.Name().String()
		if r.Type() != plumbing.HashReference || !strings.HasPrefix(n, prefix) || n == prefix+def || n == prefix+"HEAD" {
			return nil
		}
		if c, err := repo.CommitObject(r.Hash()); err == nil {
			if t, err := c.Tree(); err == nil {
				branches = append(branches, branch{strings.TrimPrefix(n, prefix), t, c.Committer.When.Unix()})
			}
		}
		return nil
	})
	sort.Slice(branches, func(i, j int) bool { return branches[i].when > branches[j].when })
	attrs := lineEndings(repo, root)
	for _, pf := range pairs {
		var paths []string
		disk := map[string]plumbing.Hash{}
		for _, abs := range pf.Files {
			rel, err := filepath.Rel(root, abs)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			data, err := os.ReadFile(abs)
			if err != nil {
				continue
			}
			paths = append(paths, rel)
			disk[rel] = plumbing.ComputeHash(plumbing.BlobObject, attrs.toRepo(rel, data))
		}
		has := func(t *object.Tree) (all, same bool) {
			if t == nil {
				return false, false // no such branch (a repository without a remote)
			}
			all, same = true, true
			for _, p := range paths {
				f, err := t.File(p)
				if err != nil {
					return false, false
				}
				if f.Hash != disk[p] {
					same = false
				}
			}
			return all, same
		}
		ps := PairStatus{State: NotPublished}
		if all, same := has(defTree); all && same {
			ps.State = Published
		} else {
			for _, b := range branches {
				// A branch is the pair's when it changes one of the pair's
				// files from the default branch (other pairs' branches
				// hold this pair's files too, as on the default branch).
				if !changes(b.tree, defTree, paths) {
					continue
				}
				if all, same := has(b.tree); all {
					ps = PairStatus{State: InReview, Branch: b.name, Review: ReviewURL(remoteURL, def, b.name, pf.Title)}
					if !same {
						ps.State = Edited
					}
					break
				}
			}
			if ps.State == NotPublished && defTree != nil {
				if all, _ := has(defTree); all {
					ps.State = Edited // on the default branch, edited since
				}
			}
		}
		st.Pairs[pf.Pair] = ps
	}
	return st, nil
}

// localDefaultBranch is the remote's default branch as last fetched: what
// refs/remotes/NAME/HEAD names, else main or master.
func localDefaultBranch(repo *gogit.Repository, remoteName string) string {
	if ref, err := repo.Reference(plumbing.NewRemoteHEADReferenceName(remoteName), false); err == nil && ref.Type() == plumbing.SymbolicReference {
		return strings.TrimPrefix(ref.Target().String(), "refs/remotes/"+remoteName+"/")
	}
	for _, b := range []string{"main", "master"} {
		if _, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, b), true); err == nil {
			return b
		}
	}
	return "main"
}

// aheadBehind counts the commits of local not in the upstream ref, and of
// the upstream not in local (0, 0 when there is no upstream).
func aheadBehind(repo *gogit.Repository, local plumbing.Hash, upstream plumbing.ReferenceName) (int, int) {
	ref, err := repo.Reference(upstream, true)
	if err != nil {
		return 0, 0
	}
	reach := func(from plumbing.Hash) map[plumbing.Hash]bool {
		seen := map[plumbing.Hash]bool{}
		stack := []plumbing.Hash{from}
		for len(stack) > 0 && len(seen) < 100000 {
			h := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[h] {
				continue
			}
			seen[h] = true
			if c, err := repo.CommitObject(h); err == nil {
				stack = append(stack, c.ParentHashes...)
			}
		}
		return seen
	}
	a, b := reach(local), reach(ref.Hash())
	ahead, behind := 0, 0
	for h := range a {
		if !b[h] {
			ahead++
		}
	}
	for h := range b {
		if !a[h] {
			behind++
		}
	}
	return ahead, behind
}

// changes reports whether tree t has one of paths other than base has it.
func changes(t, base *object.Tree, paths []string) bool {
	for _, p := range paths {
		a, errA := t.File(p)
		if errA != nil {
			continue
		}
		if base == nil {
			return true
		}
		if b, errB := base.File(p); errB != nil || a.Hash != b.Hash {
			return true
		}
	}
	return false
}
