// Package git is Tandem's one way into the site's git repository:
// opening it, reading its history (History), the pairs' states
// (Status), Get latest (Pull) and publishing.
//
// Publish puts a pair of posts on a branch of the site's remote
// for review, without touching the user's checkout: the commit is built
// from git objects (the base branch's tree plus the pair's files, with the
// line endings the repository stores), then pushed to the pair's own
// branch, never forced. It uses go-git, so that it works where git is not
// installed, and knows nothing of Fyne.
package git

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitattributes"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage"

	"tandem/model"
)

// Options say how a pair is published.
type Options struct {
	// Remote is the remote's name; "" is origin.
	Remote string
	// Branch is the branch the pair goes on; "" is tandem/ and the slug
	// of the pair's title in the site's first language.
	Branch string
	// Message is the commit message; "" is Message's.
	Message string
	// Files are the other files that go in with the posts (the images
	// they show), absolute; only those new or changed are committed.
	Files []string
	// Auth signs in to the remote; nil signs in as authFor says
	// (TANDEM_GIT_TOKEN, git's credential helper, the keychain).
	Auth transport.AuthMethod
	// Keychain is where tokens are kept; nil is SystemKeychain.
	Keychain Keychain
	// Token, when set, signs in to an HTTPS remote (one the user just
	// typed).
	Token string
	// Name and Email are the commit's author when git knows none (the
	// window asks them once).
	Name, Email string
	// Records are files of the site (paths relative to it, with /) that
	// hold lines about many pairs: each goes in as Merge makes it from
	// the branch's version (nil when it has none), so that only the
	// pair's own lines are published (see check.PairRecords).
	Records map[string]func(base []byte) []byte
	// Drafted is how many drafted blocks of the pair no one has read
	// yet: the commit message says so.
	Drafted int
}

// DraftNote is what a commit message says of the drafted blocks not read
// yet, in English and French ("" for none).
func DraftNote(n int) string {
	switch {
	case n == 1:
		return "\n\n1 drafted block not read yet / 1 bloc ébauché pas encore relu"
	case n > 1:
		return fmt.Sprintf("\n\n%d drafted blocks not read yet / %d blocs ébauchés pas encore relus", n, n)
	}
	return ""
}

// Result is what a publish made.
type Result struct {
	Branch string
	Commit string
	// Review is the page where the review request is opened, "" when the
	// host is not known.
	Review string
	// Files are the files committed, relative to the repository.
	Files []string
}

// Publish commits the pair's posts (and opt.Files) on top of the pair's
// branch on the remote, or of the remote's default branch when the branch
// does not exist yet, and pushes it there. The working tree, the index,
// HEAD and the local branches are left as they were. It is Prepare then
// Run.
func Publish(ctx context.Context, pr *model.Pair, opt Options) (Result, error) {
	j, err := Prepare(pr, opt)
	if err != nil {
		return Result{}, err
	}
	return j.Run(ctx)
}

// Job is a publish read from the model, ready to run away from it (off
// the UI thread, while the model may change).
type Job struct {
	siteRoot string
	files    []string // absolute: the posts, then opt.Files
	opt      Options
	// messages are the default commit messages: adding, updating.
	messages [2]string
	// named: the branch is Tandem's default name, made unique (-2, -3...)
	// when another pair's branch has it.
	named bool
}

// Prepare reads what a publish of pr needs from the model.
func Prepare(pr *model.Pair, opt Options) (*Job, error) {
	posts := pairPosts(pr)
	if len(posts) == 0 {
		return nil, &Error{Kind: NothingToPublish}
	}
	site := posts[0].Site()
	j := &Job{siteRoot: site.Root, opt: opt,
		messages: [2]string{Message(pr, site.Languages, false) + DraftNote(opt.Drafted), Message(pr, site.Languages, true) + DraftNote(opt.Drafted)}}
	if j.opt.Branch == "" {
		j.opt.Branch = BranchName(pr, site.Languages)
		j.named = true
	}
	for _, p := range posts {
		j.files = append(j.files, p.Abs())
	}
	j.files = append(j.files, opt.Files...)
	return j, nil
}

// Run publishes: fetch, build the commit, push.
func (j *Job) Run(ctx context.Context) (Result, error) {
	opt := j.opt
	repo, root, err := open(j.siteRoot)
	if err != nil {
		return Result{}, err
	}
	if opt.Remote == "" {
		opt.Remote = "origin"
	}
	remote, err := repo.Remote(opt.Remote)
	if err != nil {
		return Result{}, &Error{Kind: NoRemote, Detail: opt.Remote}
	}
	auth := opt.signIn(root, remote.Config().URLs[0])
	if !plumbing.ReferenceName("refs/heads/"+opt.Branch).IsBranch() || strings.ContainsAny(opt.Branch, " ~^:?*[\\") {
		return Result{}, &Error{Kind: BadBranch, Detail: opt.Branch}
	}
	// What goes in: the posts and the files they show, read now.
	files := map[string][]byte{}
	for _, a := range j.files {
		rel, err := filepath.Rel(root, a)
		if err != nil || strings.HasPrefix(rel, "..") {
			return Result{}, &Error{Kind: OutsideRepo, Detail: a}
		}
		data, err := os.ReadFile(a)
		if err != nil {
			return Result{}, &Error{Kind: Unreadable, Detail: a, Err: err}
		}
		if len(data) > maxFile {
			return Result{}, &Error{Kind: TooLarge, Detail: filepath.ToSlash(rel)}
		}
		files[filepath.ToSlash(rel)] = data
	}
	attrs := lineEndings(repo, root)
	for rel, data := range files {
		if attrs.lfs(rel) {
			return Result{}, &Error{Kind: LFS, Detail: rel}
		}
		files[rel] = attrs.toRepo(rel, data)
	}
	if err := fetch(ctx, remote, auth); err != nil {
		return Result{}, err
	}
	// The remote's default branch: asked once (a round trip to the host).
	def := defaultBranch(repo, opt.Remote, remote, auth)
	if j.named {
		opt.Branch = uniqueBranch(repo, opt.Remote, opt.Branch, def, files)
	}
	base, onBranch, err := baseCommit(repo, opt.Remote, opt.Branch, def)
	if err != nil {
		return Result{}, err
	}
	if onBranch {
		if err := checkOthers(repo, opt.Branch, base, files); err != nil {
			return Result{}, err
		}
	}
	var baseTree *object.Tree
	if base != nil {
		if baseTree, err = base.Tree(); err != nil {
			return Result{}, &Error{Kind: Failed, Err: err}
		}
	}
	// Records: the branch's version with the pair's own lines.
	siteRel, _ := filepath.Rel(root, j.siteRoot)
	for name, merge := range opt.Records {
		rel := path.Join(filepath.ToSlash(siteRel), name)
		var was []byte
		if baseTree != nil {
			if f, err := baseTree.File(rel); err == nil {
				if r, err := f.Reader(); err == nil {
					was, _ = io.ReadAll(r)
					r.Close()
				}
			}
		}
		if data := merge(was); data != nil && !bytes.Equal(data, was) {
			files[rel] = data
		}
	}
	tree, changed, err := buildTree(repo.Storer, baseTree, files)
	if err != nil {
		return Result{}, &Error{Kind: Failed, Err: err}
	}
	if len(changed) == 0 {
		return Result{}, &Error{Kind: NothingToPublish}
	}
	who, err := author(repo)
	if err != nil && opt.Name != "" && opt.Email != "" {
		who, err = object.Signature{Name: opt.Name, Email: opt.Email, When: time.Now()}, nil
	}
	if err != nil {
		return Result{}, err
	}
	msg := opt.Message
	if msg == "" {
		msg = j.messages[0]
		if onBranch {
			msg = j.messages[1]
		}
	}
	c := &object.Commit{Author: who, Committer: who, Message: msg, TreeHash: tree}
	if base != nil {
		c.ParentHashes = []plumbing.Hash{base.Hash}
	}
	obj := repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return Result{}, &Error{Kind: Failed, Err: err}
	}
	hash, err := repo.Storer.SetEncodedObject(obj)
	if err != nil {
		return Result{}, &Error{Kind: Failed, Err: err}
	}
	spec := config.RefSpec(hash.String() + ":refs/heads/" + opt.Branch)
	var said bytes.Buffer // what the server prints (its hooks' words, links)
	push := &gogit.PushOptions{RemoteName: opt.Remote, RefSpecs: []config.RefSpec{spec}, Auth: auth, Progress: &said}
	if host, _ := hostPath(remote.Config().URLs[0]); host == "gitlab.com" || strings.HasPrefix(host, "gitlab.") {
		// GitLab opens the merge request itself when asked to.
		push.Options = map[string]string{"merge_request.create": "", "merge_request.target": def,
			"merge_request.title": strings.SplitN(msg, "\n", 2)[0]}
	}
	err = remote.PushContext(ctx, push)
	if err != nil && !errors.Is(err, gogit.NoErrAlreadyUpToDate) {
		pe := pushError(err)
		if e, ok := pe.(*Error); ok && e.Kind == Refused {
			if s := serverWords(said.String()); s != "" {
				e.Detail = s
			}
		}
		return Result{}, pe
	}
	// Remember what was published, to tell someone else's later push to
	// the branch from ours (a ref of Tandem's own: no branch, HEAD or
	// file of the user's changes).
	repo.Storer.SetReference(plumbing.NewHashReference(publishedRef(opt.Branch), hash))
	res := Result{Branch: opt.Branch, Commit: hash.String(), Files: changed}
	res.Review = ReviewURL(remote.Config().URLs[0], def, opt.Branch, msg)
	if res.Review == "" {
		res.Review = serverLink(said.String())
	}
	return res, nil
}

// uniqueBranch is name, or name-2, name-3... when a branch of that name on
// the remote holds another pair: one whose changes from the default
// branch touch none of this pair's files.
func uniqueBranch(repo *gogit.Repository, remoteName, name, def string, files map[string][]byte) string {
	var defTree *object.Tree
	if ref, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, def), true); err == nil {
		if c, err := repo.CommitObject(ref.Hash()); err == nil {
			defTree, _ = c.Tree()
		}
	}
	for n := 1; ; n++ {
		b := name
		if n > 1 {
			b = fmt.Sprintf("%s-%d", name, n)
		}
		ref, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, b), true)
		if err != nil {
			return b // free
		}
		c, err := repo.CommitObject(ref.Hash())
		if err != nil {
			return b
		}
		t, err := c.Tree()
		if err != nil {
			return b
		}
		var paths []string
		for p := range files {
			paths = append(paths, p)
		}
		if changes(t, defTree, paths) {
			return b // the branch changes this pair's files: it is the pair's
		}
		if n > 50 {
			return b
		}
	}
}

// publishedRef records the commit Tandem last pushed to a branch.
func publishedRef(branch string) plumbing.ReferenceName {
	return plumbing.ReferenceName("refs/tandem/published/" + branch)
}

// checkOthers stops a publish on the pair's branch when someone else
// pushed to it since Tandem did and changed one of the pair's files: the
// branch would lose their change. A change to other files is kept (the
// commit goes on top of it).
func checkOthers(repo *gogit.Repository, branch string, tip *object.Commit, files map[string][]byte) error {
	ref, err := repo.Reference(publishedRef(branch), true)
	if err != nil || ref.Hash() == tip.Hash {
		return nil // never published from here, or nobody pushed since
	}
	ours, err := repo.CommitObject(ref.Hash())
	if err != nil {
		return nil
	}
	ourTree, err1 := ours.Tree()
	tipTree, err2 := tip.Tree()
	if err1 != nil || err2 != nil {
		return nil
	}
	for p := range files {
		a, errA := ourTree.File(p)
		b, errB := tipTree.File(p)
		if (errA == nil) != (errB == nil) || errA == nil && a.Hash != b.Hash {
			return &Error{Kind: TheirChange, Detail: p}
		}
	}
	return nil
}

// RemoteURL is the URL of the remote of the repository the site is in
// ("" when there is none).
func RemoteURL(siteRoot, remoteName string) string {
	repo, _, err := open(siteRoot)
	if err != nil {
		return ""
	}
	if remoteName == "" {
		remoteName = "origin"
	}
	r, err := repo.Remote(remoteName)
	if err != nil || len(r.Config().URLs) == 0 {
		return ""
	}
	return r.Config().URLs[0]
}

// maxFile is the largest file a host takes (GitHub refuses over 100 MB).
var maxFile = 100 << 20

// pairPosts are the pair's posts that exist on disk, in the site's order.
func pairPosts(pr *model.Pair) []*model.Post {
	var site *model.Site
	for _, p := range pr.Posts {
		site = p.Site()
	}
	if site == nil {
		return nil
	}
	var out []*model.Post
	for _, l := range site.Languages {
		if p := pr.Post(l); p != nil && p.Doc != nil && !p.Deleted {
			out = append(out, p)
		}
	}
	return out
}

// open opens the repository the site is in and returns its working
// tree's root.
func open(siteRoot string) (*gogit.Repository, string, error) {
	repo, err := gogit.PlainOpenWithOptions(siteRoot, &gogit.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return nil, "", &Error{Kind: NotARepo, Detail: siteRoot, Err: err}
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, "", &Error{Kind: NotARepo, Detail: siteRoot, Err: err}
	}
	root, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		root = wt.Filesystem.Root()
	}
	return repo, root, nil
}

// signIn is how opt signs in to remoteURL: opt.Auth, else a token just
// typed, else as authFor finds (the environment, git's credential helper,
// the keychain).
func (opt Options) signIn(repoDir, remoteURL string) transport.AuthMethod {
	switch {
	case opt.Auth != nil:
		return opt.Auth
	case opt.Token != "":
		return &http.BasicAuth{Username: "tandem", Password: opt.Token}
	}
	kc := opt.Keychain
	if kc == nil {
		kc = SystemKeychain
	}
	return authFor(repoDir, remoteURL, kc)
}

// envAuth signs in with TANDEM_GIT_TOKEN on an HTTPS remote.
func envAuth(remoteURL string) transport.AuthMethod {
	tok := os.Getenv("TANDEM_GIT_TOKEN")
	if tok == "" || !strings.HasPrefix(remoteURL, "http") {
		return nil
	}
	user := os.Getenv("TANDEM_GIT_USERNAME")
	if user == "" {
		user = "tandem" // hosts take any name with a token
	}
	return &http.BasicAuth{Username: user, Password: tok}
}

// fetch brings the remote's branches into its remote-tracking refs (the
// user's own branches are not touched).
func fetch(ctx context.Context, remote *gogit.Remote, auth transport.AuthMethod) error {
	name := remote.Config().Name
	err := remote.FetchContext(ctx, &gogit.FetchOptions{
		RemoteName: name, Auth: auth,
		RefSpecs: []config.RefSpec{config.RefSpec("+refs/heads/*:refs/remotes/" + name + "/*")},
	})
	if err != nil && !errors.Is(err, gogit.NoErrAlreadyUpToDate) && !errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return pushError(err)
	}
	return nil
}

// defaultBranch is the remote's default branch: what its HEAD names, else
// main or master as the remote has them.
func defaultBranch(repo *gogit.Repository, remoteName string, remote *gogit.Remote, auth transport.AuthMethod) string {
	if refs, err := remote.List(&gogit.ListOptions{Auth: auth}); err == nil {
		for _, r := range refs {
			if r.Name() == plumbing.HEAD && r.Type() == plumbing.SymbolicReference {
				return r.Target().Short()
			}
		}
	}
	for _, b := range []string{"main", "master"} {
		if _, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, b), true); err == nil {
			return b
		}
	}
	return "main"
}

// baseCommit is the commit the pair's commit goes on: the tip of its
// branch on the remote, else the remote's default branch def; nil for an
// empty remote. onBranch says it is the pair's branch.
func baseCommit(repo *gogit.Repository, remoteName, branch, def string) (*object.Commit, bool, error) {
	for i, b := range []string{branch, def} {
		ref, err := repo.Reference(plumbing.NewRemoteReferenceName(remoteName, b), true)
		if err != nil {
			continue
		}
		c, err := repo.CommitObject(ref.Hash())
		if err != nil {
			return nil, false, &Error{Kind: Failed, Err: err}
		}
		return c, i == 0, nil
	}
	return nil, false, nil
}

// buildTree writes the trees of base with files (paths relative to the
// repository) in place, and returns the new root tree and the files that
// differ from base.
func buildTree(s storage.Storer, base *object.Tree, files map[string][]byte) (plumbing.Hash, []string, error) {
	var changed []string
	blobs := map[string]plumbing.Hash{}
	for p, data := range files {
		if base != nil {
			if f, err := base.File(p); err == nil && f.Hash == plumbing.ComputeHash(plumbing.BlobObject, data) {
				continue // as it is on the base
			}
		}
		obj := s.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, err := obj.Writer()
		if err != nil {
			return plumbing.ZeroHash, nil, err
		}
		w.Write(data)
		w.Close()
		h, err := s.SetEncodedObject(obj)
		if err != nil {
			return plumbing.ZeroHash, nil, err
		}
		blobs[p] = h
		changed = append(changed, p)
	}
	sort.Strings(changed)
	if len(changed) == 0 {
		return plumbing.ZeroHash, nil, nil
	}
	h, err := writeTree(s, base, blobs)
	return h, changed, err
}

// writeTree writes tree t (nil for a new one) with blobs (by path below
// t) in place, and returns its hash.
func writeTree(s storage.Storer, t *object.Tree, blobs map[string]plumbing.Hash) (plumbing.Hash, error) {
	entries := map[string]object.TreeEntry{}
	if t != nil {
		for _, e := range t.Entries {
			entries[e.Name] = e
		}
	}
	sub := map[string]map[string]plumbing.Hash{}
	for p, h := range blobs {
		dir, rest, nested := strings.Cut(p, "/")
		if nested {
			if sub[dir] == nil {
				sub[dir] = map[string]plumbing.Hash{}
			}
			sub[dir][rest] = h
			continue
		}
		mode := filemode.Regular
		if e, ok := entries[p]; ok && e.Mode == filemode.Executable {
			mode = filemode.Executable
		}
		entries[p] = object.TreeEntry{Name: p, Mode: mode, Hash: h}
	}
	for dir, b := range sub {
		var st *object.Tree
		if e, ok := entries[dir]; ok && e.Mode == filemode.Dir && t != nil {
			var err error
			if st, err = t.Tree(dir); err != nil {
				return plumbing.ZeroHash, err
			}
		}
		h, err := writeTree(s, st, b)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries[dir] = object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: h}
	}
	nt := &object.Tree{}
	for _, e := range entries {
		nt.Entries = append(nt.Entries, e)
	}
	// Git's order: by name, a folder's as if followed by "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(nt.Entries, func(i, j int) bool { return key(nt.Entries[i]) < key(nt.Entries[j]) })
	obj := s.NewEncodedObject()
	if err := nt.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.SetEncodedObject(obj)
}

// author is the user's git identity, as git commit would use it.
func author(repo *gogit.Repository) (object.Signature, error) {
	cfg, err := repo.ConfigScoped(config.GlobalScope)
	if err != nil {
		return object.Signature{}, &Error{Kind: Failed, Err: err}
	}
	name, email := cfg.User.Name, cfg.User.Email
	if cfg.Author.Name != "" {
		name = cfg.Author.Name
	}
	if cfg.Author.Email != "" {
		email = cfg.Author.Email
	}
	if name == "" || email == "" {
		return object.Signature{}, &Error{Kind: NoIdentity}
	}
	return object.Signature{Name: name, Email: email, When: time.Now()}, nil
}

// endings says how files are stored in the repository: core.autocrlf and
// the text, eol and binary attributes of .gitattributes.
type endings struct {
	autocrlf string
	attrs    gitattributes.Matcher
}

func lineEndings(repo *gogit.Repository, root string) endings {
	e := endings{}
	if cfg, err := repo.ConfigScoped(config.GlobalScope); err == nil {
		e.autocrlf = strings.ToLower(cfg.Raw.Section("core").Option("autocrlf"))
	}
	if wt, err := repo.Worktree(); err == nil {
		if ps, err := gitattributes.ReadPatterns(wt.Filesystem, nil); err == nil {
			e.attrs = gitattributes.NewMatcher(ps)
		}
	}
	return e
}

// lfs reports whether Git LFS keeps the file (filter=lfs): its content
// is not in the repository, and Tandem does not speak LFS.
func (e endings) lfs(rel string) bool {
	if e.attrs == nil {
		return false
	}
	res, _ := e.attrs.Match(strings.Split(rel, "/"), []string{"filter"})
	a, ok := res["filter"]
	return ok && a.IsValueSet() && a.Value() == "lfs"
}

// toRepo is data as git add would store it: CRLF line endings made LF
// when the file is text and the repository normalizes it.
func (e endings) toRepo(rel string, data []byte) []byte {
	normalize := e.autocrlf == "true" || e.autocrlf == "input"
	binary := bytes.IndexByte(data, 0) >= 0
	if e.attrs != nil {
		res, _ := e.attrs.Match(strings.Split(rel, "/"), []string{"text", "eol", "binary"})
		if a, ok := res["binary"]; ok && a.IsSet() {
			return data
		}
		if a, ok := res["text"]; ok {
			switch {
			case a.IsUnset():
				return data
			case a.IsSet():
				normalize, binary = true, false
			case a.IsValueSet() && a.Value() == "auto":
				normalize = true
			}
		} else if a, ok := res["eol"]; ok && a.IsValueSet() {
			normalize = true // eol sets text
		}
	}
	if !normalize || binary || !bytes.Contains(data, []byte("\r\n")) {
		return data
	}
	return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
}

// BranchName is the pair's default branch: tandem/ and the slug of its
// title in the first language it has.
func BranchName(pr *model.Pair, langs []string) string {
	for _, l := range langs {
		if p := pr.Post(l); p != nil && p.Title() != "" {
			if s := model.Slugify(p.Title()); s != "" {
				return "tandem/" + s
			}
		}
	}
	return "tandem/post"
}

// Message is the commit message of a pair, in both languages: "Add post:
// <English title> / Ajout du billet : <titre français>", or Update / Mise
// à jour when the pair's branch exists already.
func Message(pr *model.Pair, langs []string, update bool) string {
	en, fr := "Add post", "Ajout du billet"
	if update {
		en, fr = "Update post", "Mise à jour du billet"
	}
	var parts []string
	for _, l := range langs {
		p := pr.Post(l)
		if p == nil {
			continue
		}
		switch l {
		case "fr":
			parts = append(parts, fr+" : "+p.Title())
		default:
			parts = append(parts, en+": "+p.Title())
		}
	}
	return strings.Join(parts, " / ")
}

// ReviewURL is the page that opens a review request for branch into base
// on the remote's host, "" for a host Tandem does not know: GitHub's
// compare page with the title (the message's first line) and the body
// (the rest) filled in, GitLab's new merge request.
func ReviewURL(remoteURL, base, branch, title string) string {
	host, repoPath := hostPath(remoteURL)
	switch {
	case host == "github.com":
		t, body, _ := strings.Cut(title, "\n")
		u := "https://github.com/" + repoPath + "/compare/" + base + "..." + strings.ReplaceAll(url.PathEscape(branch), "%2F", "/") +
			"?quick_pull=1&title=" + url.QueryEscape(t)
		if body = strings.TrimSpace(body); body != "" {
			u += "&body=" + url.QueryEscape(body)
		}
		return u
	case host == "gitlab.com" || strings.HasPrefix(host, "gitlab."):
		return "https://" + host + "/" + repoPath + "/-/merge_requests/new?merge_request[source_branch]=" +
			url.QueryEscape(branch) + "&merge_request[target_branch]=" + url.QueryEscape(base) +
			"&merge_request[title]=" + url.QueryEscape(title)
	}
	return ""
}

// hostPath reads the host and the repository's path (owner/name) of a
// remote URL: https://host/owner/name(.git), git@host:owner/name(.git).
func hostPath(remoteURL string) (string, string) {
	if u, err := url.Parse(remoteURL); err == nil && u.Host != "" {
		return strings.ToLower(u.Hostname()), strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
	}
	if at := strings.Index(remoteURL, "@"); at >= 0 {
		if host, p, ok := strings.Cut(remoteURL[at+1:], ":"); ok {
			return strings.ToLower(host), strings.TrimSuffix(strings.Trim(p, "/"), ".git")
		}
	}
	return "", path.Clean(remoteURL)
}

// serverLink is the first web link the server printed (the page to open
// a review request, on hosts that print one), "".
func serverLink(out string) string {
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, "https://") || strings.HasPrefix(f, "http://") {
			return strings.TrimRight(f, ".,)")
		}
	}
	return ""
}

// serverWords are the lines a server printed, without the progress
// counters git prints beside them.
func serverWords(out string) string {
	var lines []string
	for _, l := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "remote:"))
		if l == "" || strings.Contains(l, "objects:") || strings.HasPrefix(l, "Total ") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, " ")
}

// pushError makes a transport error one of Publish's.
func pushError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, transport.ErrAuthenticationRequired):
		return &Error{Kind: AuthFailed, Err: err}
	case errors.Is(err, transport.ErrAuthorizationFailed), errors.Is(err, transport.ErrRepositoryNotFound):
		return &Error{Kind: NoAccess, Err: err}
	case errors.Is(err, gogit.ErrForceNeeded) || strings.Contains(msg, "non-fast-forward"):
		return &Error{Kind: MovedOn, Err: err}
	case strings.Contains(msg, "connection refused") || strings.Contains(msg, "no such host") ||
		strings.Contains(msg, "network is unreachable") || strings.Contains(msg, "i/o timeout"):
		return &Error{Kind: Offline, Err: err}
	case strings.Contains(msg, "rejected") || strings.Contains(msg, "hook declined") || strings.Contains(msg, "pre-receive"):
		return &Error{Kind: Refused, Detail: msg, Err: err}
	}
	return &Error{Kind: Failed, Err: err}
}
