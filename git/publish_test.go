package git

import (
	"context"
	"errors"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"tandem/git/gittest"
	"tandem/model"
)

// repoSetup is a clone of a bare repository on disk (the remote), holding
// a copy of a fixture site, committed and pushed to main.
type repoSetup struct {
	t            *testing.T
	remote, work string
}

// git runs git in dir and returns its output.
func (r *repoSetup) git(dir string, args ...string) string {
	r.t.Helper()
	return gittest.Git(r.t, dir, args...)
}

func newRepo(t *testing.T, fixture string) *repoSetup {
	home := gittest.Home(t)
	r := &repoSetup{t: t, work: filepath.Join(home, "work")}
	if err := os.CopyFS(r.work, os.DirFS(filepath.Join("..", "testdata", fixture))); err != nil {
		t.Fatal(err)
	}
	r.remote = gittest.Site(t, home, r.work)
	return r
}

// state is what publishing must not change: HEAD, the index and the
// working tree's status.
func (r *repoSetup) state() [3]string {
	return [3]string{r.git(r.work, "rev-parse", "HEAD"), r.git(r.work, "ls-files", "-s"), r.git(r.work, "status", "--porcelain", "--untracked-files=all")}
}

func openPairAt(t *testing.T, root, rel string) *model.Pair {
	t.Helper()
	_, p, err := model.FindPost(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return p.Pair
}

const gardens = "_posts/en/2024-03-05-community-gardens.md"

func TestPublishCommitsExactlyThePair(t *testing.T) {
	r := newRepo(t, "jekyll")
	// The user's own work in progress: an edit to another post and an
	// untracked file. Neither may be committed or changed.
	other := filepath.Join(r.work, "_posts", "en", "2024-04-10-open-data-day.md")
	appendTo(t, other, "Work in progress.\n")
	os.WriteFile(filepath.Join(r.work, "notes.txt"), []byte("mine"), 0o644)
	// And an edit to the pair itself, to publish.
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "A new paragraph.\n")
	before := r.state()

	res, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Branch != "tandem/growing-community-gardens-one-plot-at-a-time" || len(res.Commit) != 40 {
		t.Errorf("result %+v", res)
	}
	if !reflect.DeepEqual(res.Files, []string{gardens}) {
		t.Errorf("committed %v: only the changed post goes in", res.Files)
	}
	if got := r.state(); got != before {
		t.Errorf("the checkout changed:\nbefore %q\nafter  %q", before, got)
	}
	// On the remote: the branch, its parent main, exactly the pair's file.
	if got := r.git(r.remote, "rev-parse", "refs/heads/"+res.Branch); got != res.Commit {
		t.Errorf("remote branch at %s, want %s", got, res.Commit)
	}
	if got := r.git(r.remote, "rev-parse", res.Commit+"^"); got != r.git(r.remote, "rev-parse", "main") {
		t.Errorf("parent %s is not main", got)
	}
	if got := r.git(r.remote, "diff", "--name-only", "main", res.Commit); got != gardens {
		t.Errorf("the commit changes %q", got)
	}
	if got := r.git(r.remote, "show", res.Commit+":"+gardens); got+"\n" != string(mustRead(t, en)) {
		t.Errorf("the committed post is not the file:\n%s", got)
	}
	msg := r.git(r.remote, "log", "-1", "--format=%s%n%an <%ae>", res.Commit)
	if !strings.Contains(msg, "Add post: Growing community gardens, one plot at a time / Ajout du billet : Cultiver des jardins") || !strings.Contains(msg, "Ajout du billet : ") || !strings.Contains(msg, "Tess Writer <tess@example.org>") {
		t.Errorf("message and author:\n%s", msg)
	}

	// Published again after another edit: the branch moves forward.
	appendTo(t, en, "One more.\n")
	res2, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "rev-parse", res2.Commit+"^"); got != res.Commit {
		t.Errorf("the second publish is not on the first: parent %s", got)
	}
	if msg := r.git(r.remote, "log", "-1", "--format=%s", res2.Commit); !strings.HasPrefix(msg, "Update post: ") {
		t.Errorf("second message %q", msg)
	}
	// Nothing new: said so, nothing pushed.
	_, err = Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != NothingToPublish || pe.French() == "" {
		t.Errorf("nothing to publish: %v", err)
	}
	if got := r.state(); got != before {
		t.Errorf("the checkout changed after three publishes")
	}
}

func TestPublishFromADetachedHead(t *testing.T) {
	r := newRepo(t, "jekyll")
	r.git(r.work, "checkout", "-q", "--detach")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "Detached.\n")
	before := r.state()
	if _, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Branch: "review/gardens", Message: "Gardens"}); err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "log", "-1", "--format=%s", "review/gardens"); got != "Gardens" {
		t.Errorf("message %q", got)
	}
	if r.state() != before {
		t.Error("the checkout changed")
	}
	if _, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Branch: "bad name"}); err == nil {
		t.Error("a branch name with a space was taken")
	}
}

// TestPublishAfterSomeoneElse: another clone pushes to the pair's branch.
// A change to another file is built on; a change to the pair's own file
// stops the publish, nothing pushed.
func TestPublishAfterSomeoneElse(t *testing.T) {
	r := newRepo(t, "jekyll")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "Mine.\n")
	res, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other")
	r.git(filepath.Dir(other), "clone", "-q", "-b", res.Branch, r.remote, other)
	os.WriteFile(filepath.Join(other, "README.txt"), []byte("a reviewer's note\n"), 0o644)
	r.git(other, "add", "README.txt")
	r.git(other, "commit", "-q", "-m", "Note")
	r.git(other, "push", "-q", "origin", res.Branch)
	theirs := r.git(other, "rev-parse", "HEAD")

	appendTo(t, en, "Again.\n")
	res2, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "rev-parse", res2.Commit+"^"); got != theirs {
		t.Errorf("not built on their commit: parent %s, theirs %s", got, theirs)
	}
	if got := r.git(r.remote, "show", res2.Commit+":README.txt"); got != "a reviewer's note" {
		t.Errorf("their file lost: %q", got)
	}
	// Now they change the English post itself.
	r.git(other, "pull", "-q", "origin", res.Branch)
	p := filepath.Join(other, filepath.FromSlash(gardens))
	appendTo(t, p, "A reviewer's edit.\n")
	r.git(other, "commit", "-q", "-am", "Edit")
	r.git(other, "push", "-q", "origin", res.Branch)
	tip := r.git(r.remote, "rev-parse", res.Branch)
	appendTo(t, en, "Mine again.\n")
	_, err = Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != TheirChange || !strings.Contains(err.Error(), gardens) {
		t.Fatalf("their change to the post: %v", err)
	}
	if got := r.git(r.remote, "rev-parse", res.Branch); got != tip {
		t.Error("something was pushed")
	}
}

// TestPublishStoresLineEndingsAsTheRepository: a post checked out with
// CRLF (core.autocrlf true, as Git for Windows does) is committed with LF:
// the commit's diff is the edited line only.
func TestPublishStoresLineEndingsAsTheRepository(t *testing.T) {
	r := newRepo(t, "jekyll")
	r.git(r.work, "config", "core.autocrlf", "true")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	crlf := strings.ReplaceAll(string(mustRead(t, en)), "\n", "\r\n") + "An edit.\r\n"
	os.WriteFile(en, []byte(crlf), 0o644)
	res, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	diff := r.git(r.remote, "diff", "--numstat", "main", res.Commit)
	if !strings.HasPrefix(diff, "1\t0\t") {
		t.Errorf("the diff should be one added line: %q", diff)
	}
	// A file marked -text keeps its bytes.
	os.WriteFile(filepath.Join(r.work, ".gitattributes"), []byte("*.md -text\n"), 0o644)
	os.WriteFile(en, []byte(crlf+"More.\r\n"), 0o644)
	res, err = Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "cat-file", "-p", res.Commit+":"+gardens); !strings.Contains(got, "An edit.\r\nMore.") {
		t.Error("a -text file lost its CRLF")
	}
}

func TestPublishErrorsSaySo(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "jekyll"))); err != nil {
		t.Fatal(err)
	}
	_, err := Publish(context.Background(), openPairAt(t, dir, gardens), Options{})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != NotARepo || !strings.Contains(err.Error(), "git clone") || !strings.Contains(pe.French(), "git clone") {
		t.Errorf("not a repository: %v", err)
	}
	r := newRepo(t, "jekyll")
	_, err = Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Remote: "upstream"})
	if !errors.As(err, &pe) || pe.Kind != NoRemote {
		t.Errorf("no remote: %v", err)
	}
	// Offline: a remote on a closed port.
	r.git(r.work, "remote", "set-url", "origin", "http://127.0.0.1:9/site.git")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "Offline.\n")
	_, err = Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if !errors.As(err, &pe) || pe.Kind != Offline {
		t.Errorf("offline: %v", err)
	}
	if got := string(mustRead(t, en)); !strings.HasSuffix(got, "Offline.\n") {
		t.Error("the edit was lost")
	}
}

func TestReviewURL(t *testing.T) {
	for remote, want := range map[string]string{
		"https://github.com/cds-snc/site.git": "https://github.com/cds-snc/site/compare/main...tandem/a-post?quick_pull=1&title=Add+post%3A+A",
		"git@github.com:cds-snc/site.git":     "https://github.com/cds-snc/site/compare/main...tandem/a-post?quick_pull=1&title=Add+post%3A+A",
		"https://gitlab.com/team/site":        "https://gitlab.com/team/site/-/merge_requests/new?merge_request[source_branch]=tandem%2Fa-post&merge_request[target_branch]=main&merge_request[title]=Add+post%3A+A",
		"/srv/git/site.git":                   "",
	} {
		if got := ReviewURL(remote, "main", "tandem/a-post", "Add post: A"); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", remote, got, want)
		}
	}
}

// appendTo adds text at the end of file p.
func appendTo(t *testing.T, p, text string) {
	t.Helper()
	if err := os.WriteFile(p, append(mustRead(t, p), text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPublishOverHTTPWithAToken: the remote behind git http-backend (the
// real one, through net/http/cgi) with Basic auth: the right token
// publishes, a wrong one is told apart and pushes nothing.
func TestPublishOverHTTPWithAToken(t *testing.T) {
	r := newRepo(t, "jekyll")
	srv := httpRemote(t, r, "right-token")
	r.git(r.work, "remote", "set-url", "origin", srv.URL+"/remote.git")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "Over HTTP.\n")

	t.Setenv("TANDEM_GIT_TOKEN", "wrong-token")
	_, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Branch: "review/http"})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != AuthFailed {
		t.Fatalf("a wrong token: %v", err)
	}
	if out, _ := exec.Command("git", "-C", r.remote, "branch", "--list", "review/http").Output(); len(out) != 0 {
		t.Error("something was pushed with a wrong token")
	}
	t.Setenv("TANDEM_GIT_TOKEN", "right-token")
	res, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Branch: "review/http"})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "rev-parse", "review/http"); got != res.Commit {
		t.Errorf("remote branch %s, want %s", got, res.Commit)
	}
	// The token is not written anywhere in the repository's config.
	if cfg := string(mustRead(t, filepath.Join(r.work, ".git", "config"))); strings.Contains(cfg, "right-token") {
		t.Error("the token was written into .git/config")
	}
}

// TestPublishRefusedByAHook: the server's own words come back.
func TestPublishRefusedByAHook(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the hook is a shell script")
	}
	r := newRepo(t, "jekyll")
	hook := filepath.Join(r.remote, "hooks", "pre-receive")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho 'branch names must start with review/' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "Hooked.\n")
	_, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != Refused || !strings.Contains(err.Error(), "branch names must start with review/") {
		t.Fatalf("refused by a hook, in the server's words: %v", err)
	}
	if out, _ := exec.Command("git", "-C", r.remote, "branch", "--list", "tandem/*").Output(); len(out) != 0 {
		t.Error("a branch was created despite the hook")
	}
	t.Logf("the user reads: %s", err)
}

// TestStatusFollowsThePair: not published, in review once published,
// edited since published after an edit, published once merged.
func TestStatusFollowsThePair(t *testing.T) {
	r := newRepo(t, "jekyll")
	stateOf := func() PairStatus {
		t.Helper()
		s, err := model.OpenFrontMatter(r.work)
		if err != nil {
			t.Fatal(err)
		}
		st, err := Status(s, "")
		if err != nil {
			t.Fatal(err)
		}
		if st.Branch != "main" {
			t.Errorf("branch %q", st.Branch)
		}
		return st.Pairs[s.PostAt(gardens).Pair]
	}
	if got := stateOf(); got.State != Published {
		t.Errorf("a pair on main as on disk: %+v", got)
	}
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "Edited.\n")
	if got := stateOf(); got.State != Edited {
		t.Errorf("edited: %+v", got)
	}
	res, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := stateOf(); got.State != InReview || got.Branch != res.Branch {
		t.Errorf("after publishing: %+v", got)
	}
	// Another pair, edited here but never published: not on that branch.
	summer := "_posts/en/2024-07-20-summer-hours.md"
	sp := filepath.Join(r.work, filepath.FromSlash(summer))
	appendTo(t, sp, "Local only.\n")
	if s, err := model.OpenFrontMatter(r.work); err == nil {
		if st, err := Status(s, ""); err == nil {
			if got := st.Pairs[s.PostAt(summer).Pair]; got.State != Edited || got.Branch != "" {
				t.Errorf("a pair edited here, on no branch: %+v", got)
			}
		}
	}
	r.git(r.work, "checkout", "-q", "--", summer)
	appendTo(t, en, "And again.\n")
	if got := stateOf(); got.State != Edited || got.Branch != res.Branch {
		t.Errorf("edited after publishing: %+v", got)
	}
	// The reviewer merges; the user fetches.
	other := filepath.Join(t.TempDir(), "other")
	r.git(filepath.Dir(other), "clone", "-q", r.remote, other)
	r.git(other, "merge", "-q", "--ff-only", "origin/"+res.Branch)
	r.git(other, "push", "-q", "origin", "main")
	r.git(r.work, "fetch", "-q", "origin")
	r.git(r.work, "checkout", "-q", gardens) // drop the last edit
	r.git(r.work, "checkout", "-q", "origin/"+res.Branch, "--", gardens)
	r.git(r.work, "reset", "-q") // the index as it was
	if got := stateOf(); got.State != Published {
		t.Errorf("after the merge: %+v", got)
	}
}

// fakeKeychain is a keychain in memory.
type fakeKeychain map[string]string

func (k fakeKeychain) Get(host string) (string, error) {
	if t, ok := k[host]; ok {
		return t, nil
	}
	return "", errors.New("no token")
}
func (k fakeKeychain) Set(host, token string) error { k[host] = token; return nil }

// TestSignInWithoutAToken: with no TANDEM_GIT_TOKEN, the token comes from
// the keychain, else from git's credential helper.
func TestSignInWithoutAToken(t *testing.T) {
	r := newRepo(t, "jekyll")
	srv := httpRemote(t, r, "right-token")
	url := srv.URL + "/remote.git"
	r.git(r.work, "remote", "set-url", "origin", url)
	t.Setenv("TANDEM_GIT_TOKEN", "")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))

	appendTo(t, en, "Keychain.\n")
	kc := fakeKeychain{}
	_, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Keychain: kc})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != AuthFailed {
		t.Fatalf("no token anywhere: %v", err)
	}
	if err := SaveToken(kc, url, "right-token"); err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Keychain: kc}); err != nil {
		t.Fatalf("with the keychain's token: %v", err)
	}
	if runtime.GOOS == "windows" {
		return // the helper below is a shell function
	}
	// git's credential helper, which the user set up for git itself.
	r.git(r.work, "config", "credential.helper", "!f() { echo username=tess; echo password=right-token; }; f")
	appendTo(t, en, "Helper.\n")
	if _, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Keychain: fakeKeychain{}}); err != nil {
		t.Fatalf("with git's credential helper: %v", err)
	}
}

// TestPublishRefusesAFileTooLarge: a file over the host's limit stops the
// publish before anything is sent.
func TestPublishRefusesAFileTooLarge(t *testing.T) {
	r := newRepo(t, "jekyll")
	old := maxFile
	maxFile = 1 << 10
	defer func() { maxFile = old }()
	big := filepath.Join(r.work, "img", "huge.png")
	os.WriteFile(big, make([]byte, 2<<10), 0o644)
	_, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Files: []string{big}})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != TooLarge || !strings.Contains(err.Error(), "img/huge.png") {
		t.Fatalf("too large: %v", err)
	}
	if out := r.git(r.remote, "branch", "--list", "tandem/*"); out != "" {
		t.Error("something was pushed")
	}
}

// TestPublishAfterMainMovedOn: another clone pushes to the default branch
// between two publishes; the pair's branch goes on from its own tip, and a
// new pair's branch starts from the new main.
func TestPublishAfterMainMovedOn(t *testing.T) {
	r := newRepo(t, "jekyll")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "First.\n")
	first, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other")
	r.git(filepath.Dir(other), "clone", "-q", r.remote, other)
	os.WriteFile(filepath.Join(other, "CHANGES.txt"), []byte("main moved on\n"), 0o644)
	r.git(other, "add", "CHANGES.txt")
	r.git(other, "commit", "-q", "-m", "Main moves on")
	r.git(other, "push", "-q", "origin", "main")
	newMain := r.git(other, "rev-parse", "HEAD")

	appendTo(t, en, "Second.\n")
	second, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "rev-parse", second.Commit+"^"); got != first.Commit {
		t.Errorf("the pair's branch did not go on from its tip: parent %s", got)
	}
	summer := "_posts/en/2024-07-20-summer-hours.md"
	p := filepath.Join(r.work, filepath.FromSlash(summer))
	appendTo(t, p, "Open later.\n")
	third, err := Publish(context.Background(), openPairAt(t, r.work, summer), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "rev-parse", third.Commit+"^"); got != newMain {
		t.Errorf("a new branch does not start from the new main: parent %s, main %s", got, newMain)
	}
}

// TestGetLatest: a fast-forward writes what changed upstream; a file the
// user changed here too is kept as it is and listed; an edit to another
// file is untouched; a branch with commits of its own is not merged.
func TestGetLatest(t *testing.T) {
	r := newRepo(t, "jekyll")
	other := filepath.Join(t.TempDir(), "other")
	r.git(filepath.Dir(other), "clone", "-q", r.remote, other)
	change := func(rel, text string) { appendTo(t, filepath.Join(other, filepath.FromSlash(rel)), text) }
	summer := "_posts/en/2024-07-20-summer-hours.md"
	change(summer, "Upstream edit.\n")
	os.WriteFile(filepath.Join(other, "img", "new.png"), []byte("png"), 0o644)
	r.git(other, "add", "-A")
	r.git(other, "commit", "-q", "-m", "Upstream")
	r.git(other, "push", "-q", "origin", "main")

	res, err := Pull(context.Background(), r.work, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Updated, " ") != "_posts/en/2024-07-20-summer-hours.md img/new.png" || len(res.Kept) != 0 {
		t.Errorf("result %+v", res)
	}
	if r.git(r.work, "rev-parse", "HEAD") != r.git(other, "rev-parse", "HEAD") {
		t.Error("the branch did not move")
	}
	if st := r.git(r.work, "status", "--porcelain"); st != "" {
		t.Errorf("not clean after a clean fast-forward:\n%s", st)
	}
	if got := string(mustRead(t, filepath.Join(r.work, filepath.FromSlash(summer)))); !strings.HasSuffix(got, "Upstream edit.\n") {
		t.Errorf("not updated:\n%s", got)
	}

	// Edited here and upstream: kept and listed; another local edit stays.
	mine := filepath.Join(r.work, filepath.FromSlash(summer))
	appendTo(t, mine, "My edit.\n")
	otherPost := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, otherPost, "Mine too.\n")
	change(summer, "Another upstream edit.\n")
	change("_posts/fr/2024-07-02-langage-clair.md", "Modifié en amont.\n")
	r.git(other, "commit", "-q", "-am", "Upstream again")
	r.git(other, "push", "-q", "origin", "main")
	mineBefore := string(mustRead(t, mine))
	res, err = Pull(context.Background(), r.work, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Kept, " ") != summer || strings.Join(res.Updated, " ") != "_posts/fr/2024-07-02-langage-clair.md" {
		t.Errorf("result %+v", res)
	}
	if string(mustRead(t, mine)) != mineBefore {
		t.Error("the user's edit was overwritten")
	}
	if !strings.HasSuffix(string(mustRead(t, otherPost)), "Mine too.\n") {
		t.Error("the other local edit was lost")
	}
	st := r.git(r.work, "status", "--porcelain")
	if !strings.Contains(st, "M "+summer) || !strings.Contains(st, "M "+gardens) || strings.Contains(st, "langage-clair") {
		t.Errorf("status after keeping an edit:\n%s", st)
	}

	// Commits of its own on both sides: not merged, nothing changed.
	r.git(r.work, "commit", "-q", "-am", "Local work")
	os.WriteFile(filepath.Join(other, "README-upstream.txt"), []byte("x\n"), 0o644)
	r.git(other, "add", "-A")
	r.git(other, "commit", "-q", "-m", "More upstream")
	r.git(other, "push", "-q", "origin", "main")
	headBefore := r.git(r.work, "rev-parse", "HEAD")
	_, err = Pull(context.Background(), r.work, Options{})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != Diverged {
		t.Errorf("diverged: %v", err)
	}
	if r.git(r.work, "rev-parse", "HEAD") != headBefore {
		t.Error("a diverged branch moved")
	}
}

// TestPublishRefusesLFSFiles: a file Git LFS keeps is not committed as
// its content.
func TestPublishRefusesLFSFiles(t *testing.T) {
	r := newRepo(t, "jekyll")
	os.WriteFile(filepath.Join(r.work, ".gitattributes"), []byte("*.jpg filter=lfs diff=lfs merge=lfs -text\n"), 0o644)
	img := filepath.Join(r.work, "img", "photo.jpg")
	os.WriteFile(img, []byte("jpeg"), 0o644)
	_, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Files: []string{img}})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != LFS || !strings.Contains(pe.French(), "img/photo.jpg") {
		t.Errorf("LFS: %v", err)
	}
}

// TestBranchNamesAreUnique: two pairs whose titles make the same slug get
// branches of their own.
func TestBranchNamesAreUnique(t *testing.T) {
	r := newRepo(t, "jekyll")
	en := filepath.Join(r.work, filepath.FromSlash(gardens))
	appendTo(t, en, "First pair.\n")
	first, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Another pair titled the same.
	summer := "_posts/en/2024-07-20-summer-hours.md"
	p := filepath.Join(r.work, filepath.FromSlash(summer))
	text := strings.Replace(string(mustRead(t, p)), "title:", "title: \"Growing community gardens, one plot at a time\"\nold-title:", 1)
	os.WriteFile(p, []byte(text), 0o644)
	second, err := Publish(context.Background(), openPairAt(t, r.work, summer), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if second.Branch != first.Branch+"-2" {
		t.Errorf("branches %q and %q", first.Branch, second.Branch)
	}
	// The first pair published again goes on its own branch.
	appendTo(t, en, "Again.\n")
	third, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{})
	if err != nil || third.Branch != first.Branch {
		t.Errorf("the first pair's second publish: %+v %v", third, err)
	}
	if u := ReviewURL("https://github.com/o/r", "main", "b", "Title\n\nThe body"); !strings.HasSuffix(u, "&title=Title&body=The+body") {
		t.Errorf("review link %s", u)
	}
}

// httpRemote serves r's remote through git http-backend (the real one,
// behind net/http/cgi), with Basic auth that takes token as the password.
func httpRemote(t *testing.T, r *repoSetup, token string) *httptest.Server {
	t.Helper()
	backend := "/usr/lib/git-core/git-http-backend"
	if _, err := os.Stat(backend); err != nil {
		t.Skip("git http-backend is not installed")
	}
	r.git(r.remote, "config", "http.receivepack", "true")
	h := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + filepath.Dir(r.remote), "GIT_HTTP_EXPORT_ALL=1"}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if _, pass, ok := req.BasicAuth(); !ok || pass != token {
			w.Header().Set("WWW-Authenticate", `Basic realm="site"`)
			http.Error(w, "sign in", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestStatusWithoutARemote: a site in a repository that has no remote
// yet: every pair is not published, and nothing breaks.
func TestStatusWithoutARemote(t *testing.T) {
	gittest.Home(t)
	work := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(work, os.DirFS(filepath.Join("..", "testdata", "jekyll"))); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, work, "init", "-q", "-b", "main")
	gittest.Git(t, work, "add", "-A")
	gittest.Git(t, work, "commit", "-q", "-m", "The site")
	s, err := model.OpenFrontMatter(work)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Status(s, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Pairs[s.PostAt(gardens).Pair]; got.State != NotPublished {
		t.Errorf("%+v", got)
	}
}

// TestPublishRecords: a records file goes in as its merge makes it from
// the branch's version, and only when that changes it.
func TestPublishRecords(t *testing.T) {
	r := newRepo(t, "jekyll")
	appendTo(t, filepath.Join(r.work, filepath.FromSlash(gardens)), "A new paragraph.\n")
	merge := func(base []byte) []byte { return append(append([]byte{}, base...), "gardens line\n"...) }
	res, err := Publish(context.Background(), openPairAt(t, r.work, gardens), Options{Records: map[string]func([]byte) []byte{".records.tsv": merge}})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.git(r.remote, "show", res.Commit+":.records.tsv"); got != "gardens line" {
		t.Errorf("records %q", got)
	}
	if !reflect.DeepEqual(res.Files, []string{".records.tsv", gardens}) && !reflect.DeepEqual(res.Files, []string{gardens, ".records.tsv"}) {
		t.Errorf("files %v", res.Files)
	}
	if _, err := os.Stat(filepath.Join(r.work, ".records.tsv")); err == nil {
		t.Error("the checkout got the file")
	}
}
