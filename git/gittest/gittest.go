// Package gittest sets up git repositories on disk for tests: a bare
// repository as the remote and a clone holding a fixture site, with the
// real git program (tests skip where it is absent).
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Identity is the git user the repositories' commits are made as.
const Identity = "[user]\n\tname = Tess Writer\n\temail = tess@example.org\n[init]\n\tdefaultBranch = main\n"

// Git runs git in dir and returns its output, trimmed; a failure fails
// the test.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Home gives the test a home folder of its own with Identity as its git
// config (go-git reads the user's global config), and returns it.
func Home(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	if err := os.WriteFile(filepath.Join(dir, ".gitconfig"), []byte(Identity), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Site makes a bare repository (the remote) and, in work, a repository
// holding the files already there, committed and pushed to its main
// branch, with origin's refs fetched. It returns the remote's folder.
func Site(t testing.TB, home, work string) string {
	t.Helper()
	remote := filepath.Join(home, "remote.git")
	Git(t, home, "init", "-q", "--bare", "-b", "main", remote)
	Git(t, work, "init", "-q", "-b", "main")
	Git(t, work, "add", "-A")
	Git(t, work, "commit", "-q", "-m", "The site")
	Git(t, work, "remote", "add", "origin", remote)
	Git(t, work, "push", "-q", "origin", "main")
	Git(t, work, "fetch", "-q", "origin")
	return remote
}

// SiteOf copies the fixture site at fixture into a work tree in a fresh
// home (Home) and makes it a repository with a remote (Site): the work
// tree and the remote's folder.
func SiteOf(t testing.TB, fixture string) (work, remote string) {
	t.Helper()
	home := Home(t)
	work = filepath.Join(home, "work")
	if err := os.CopyFS(work, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return work, Site(t, home, work)
}
