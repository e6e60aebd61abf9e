package git

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/http"

	"tandem/disk"
)

// Getting a site: a newcomer without git (or without a clone) gets the
// site's repository from its address, as GitHub Desktop's "Clone a
// repository" does, into a folder of their choosing. The clone is made in
// a folder of its own beside the one asked for and renamed into place
// once whole: a failure, or Cancel, leaves nothing behind.

// GetOptions say how to get a site.
type GetOptions struct {
	// Token signs in to an HTTPS host (else TANDEM_GIT_TOKEN, git's
	// credential helper, the keychain's token for the host); an SSH
	// address uses the SSH agent.
	Token    string
	Keychain Keychain // nil: SystemKeychain
	// Depth > 0 makes a shallow clone of that many commits (a large
	// history: the latest is what a writer needs).
	Depth int
	// Progress hears the host's progress lines, as git prints them.
	Progress io.Writer
}

// Get clones the repository at address (an HTTPS or SSH address, or a
// repository's folder on this machine) into folder, which must not exist
// or be empty; it returns the folder's absolute path. The token is kept
// in the keychain for the host when the clone succeeds with it.
func Get(ctx context.Context, address, folder string, opt GetOptions) (string, error) {
	address = strings.TrimSpace(address)
	if address == "" || strings.ContainsAny(address, "\n\r") {
		return "", &Error{Kind: BadAddress, Detail: address}
	}
	if folder == "" {
		folder = FolderFor(address)
	}
	abs, err := filepath.Abs(folder)
	if err != nil {
		return "", &Error{Kind: GetFailed, Detail: err.Error(), Err: err}
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return "", &Error{Kind: FolderTaken, Detail: abs}
	} else if err == nil {
		defer func() { // an empty folder the user chose stays theirs
			if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
				os.Mkdir(abs, 0o755)
			}
		}()
		os.Remove(abs)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", getError(err, address)
	}
	tmp, err := os.MkdirTemp(parent, ".tandem-get-")
	if err != nil {
		return "", getError(err, address)
	}
	disk.Touch("write", tmp)
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp) // nothing half-made left behind
		}
	}()
	kc := opt.Keychain
	if kc == nil {
		kc = SystemKeychain
	}
	var auth transport.AuthMethod
	switch {
	case opt.Token != "" && strings.HasPrefix(address, "http"):
		auth = &http.BasicAuth{Username: "tandem", Password: opt.Token}
	default:
		auth = authFor("", address, kc)
	}
	co := &gogit.CloneOptions{URL: address, Auth: auth, Progress: opt.Progress, Depth: opt.Depth, Tags: gogit.NoTags}
	if opt.Depth > 0 {
		co.SingleBranch = true
	}
	if _, err := gogit.PlainCloneContext(ctx, tmp, false, co); err != nil {
		if ctx.Err() != nil {
			return "", &Error{Kind: GetCancelled, Err: ctx.Err()}
		}
		return "", getError(err, address)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return "", getError(err, address)
	}
	done = true
	if opt.Token != "" && strings.HasPrefix(address, "http") {
		SaveToken(kc, address, opt.Token) // a keychain that refuses: the clone is there all the same
	}
	return abs, nil
}

// FolderFor is the folder a site's address is got into by default: the
// repository's name (cds-snc/digital-canada-ca.git → digital-canada-ca),
// in the current folder.
func FolderFor(address string) string {
	a := strings.TrimSuffix(strings.TrimRight(strings.TrimSpace(address), "/"), ".git")
	if i := strings.LastIndexAny(a, "/:"); i >= 0 {
		a = a[i+1:]
	}
	if a == "" || a == "." || a == ".." {
		a = "site"
	}
	return path.Clean(a)
}

// getError says what went wrong with a clone of address in the user's words.
func getError(err error, address string) *Error {
	var ne net.Error
	var oe *net.OpError
	msg := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return &Error{Kind: DiskFull, Err: err}
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed),
		strings.Contains(msg, "authentication required"), strings.Contains(msg, "authorization failed"), strings.Contains(msg, "permission denied"):
		return &Error{Kind: NoAccessToGet, Err: err}
	case errors.Is(err, transport.ErrRepositoryNotFound), strings.Contains(msg, "repository not found"), strings.Contains(msg, "not found"):
		return &Error{Kind: NotFound, Err: err}
	case errors.Is(err, transport.ErrInvalidAuthMethod), strings.Contains(msg, "unsupported scheme"), strings.Contains(msg, "invalid url"),
		strings.Contains(msg, "malformed"), strings.Contains(msg, "first path segment in url"):
		return &Error{Kind: BadAddress, Detail: address, Err: err}
	case errors.As(err, &oe), errors.As(err, &ne), strings.Contains(msg, "no such host"), strings.Contains(msg, "connection refused"):
		return &Error{Kind: OfflineGet, Err: err}
	}
	return &Error{Kind: GetFailed, Detail: err.Error(), Err: err}
}
