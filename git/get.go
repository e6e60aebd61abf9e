package git

import (
	"context"
	"errors"
	"fmt"
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
		return "", &GetError{Kind: BadAddress, Detail: address}
	}
	if folder == "" {
		folder = FolderFor(address)
	}
	abs, err := filepath.Abs(folder)
	if err != nil {
		return "", &GetError{Kind: GetFailed, Detail: err.Error(), Err: err}
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return "", &GetError{Kind: FolderTaken, Detail: abs}
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
		return "", getError(err)
	}
	tmp, err := os.MkdirTemp(parent, ".tandem-get-")
	if err != nil {
		return "", getError(err)
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
			return "", &GetError{Kind: GetCancelled, Err: ctx.Err()}
		}
		return "", getError(err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return "", getError(err)
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

// GetKind is what went wrong getting a site.
type GetKind int

// The ways getting a site fails.
const (
	GetFailed GetKind = iota
	BadAddress
	NotFound
	NoAccessToGet
	OfflineGet
	DiskFull
	FolderTaken
	GetCancelled
)

// GetError is a site that could not be got, said in a sentence in English
// (Error) and French (French). Nothing of it was left on disk.
type GetError struct {
	Kind   GetKind
	Detail string
	Err    error
}

func (e *GetError) Unwrap() error { return e.Err }

var getSentences = map[GetKind][2]string{
	GetFailed:     {"The site could not be got: %s. Nothing was left on disk.", "Le site n’a pas pu être obtenu : %s. Rien n’a été laissé sur le disque."},
	BadAddress:    {"%q is not a site's address: copy the address from the repository's page (https://… or git@…).", "« %s » n’est pas l’adresse d’un site : copiez l’adresse depuis la page du dépôt (https://… ou git@…)."},
	NotFound:      {"There is no repository at that address: check it on the repository's page.", "Il n’y a pas de dépôt à cette adresse : vérifiez-la sur la page du dépôt."},
	NoAccessToGet: {"The host refused the sign-in, or you may not read this repository: sign in with a personal access token.", "L’hébergeur a refusé la connexion, ou vous n’avez pas accès à ce dépôt : connectez-vous avec un jeton d’accès personnel."},
	OfflineGet:    {"The host cannot be reached: you may be offline. Nothing was left on disk; try again later.", "L’hébergeur est injoignable : vous êtes peut-être hors ligne. Rien n’a été laissé sur le disque; réessayez plus tard."},
	DiskFull:      {"The disk is full: free some space, then get the site again. Nothing was left on disk.", "Le disque est plein : libérez de l’espace, puis obtenez le site de nouveau. Rien n’a été laissé sur le disque."},
	FolderTaken:   {"%s already holds files: choose an empty folder, or a new one.", "%s contient déjà des fichiers : choisissez un dossier vide, ou un nouveau."},
	GetCancelled:  {"Getting the site was cancelled: nothing was left on disk.", "L’obtention du site a été annulée : rien n’a été laissé sur le disque."},
}

func (e *GetError) sentence(i int) string {
	s := getSentences[e.Kind][i]
	if strings.Contains(s, "%") {
		return fmt.Sprintf(s, e.Detail)
	}
	return s
}

func (e *GetError) Error() string { return e.sentence(0) }

// French is the error in French.
func (e *GetError) French() string { return e.sentence(1) }

// getError says what went wrong with a clone in the user's words.
func getError(err error) *GetError {
	var ne net.Error
	var oe *net.OpError
	msg := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return &GetError{Kind: DiskFull, Err: err}
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed),
		strings.Contains(msg, "authentication required"), strings.Contains(msg, "authorization failed"), strings.Contains(msg, "permission denied"):
		return &GetError{Kind: NoAccessToGet, Err: err}
	case errors.Is(err, transport.ErrRepositoryNotFound), strings.Contains(msg, "repository not found"), strings.Contains(msg, "not found"):
		return &GetError{Kind: NotFound, Err: err}
	case errors.Is(err, transport.ErrInvalidAuthMethod), strings.Contains(msg, "unsupported scheme"), strings.Contains(msg, "invalid url"),
		strings.Contains(msg, "malformed"), strings.Contains(msg, "first path segment in url"):
		return &GetError{Kind: BadAddress, Err: err}
	case errors.As(err, &oe), errors.As(err, &ne), strings.Contains(msg, "no such host"), strings.Contains(msg, "connection refused"):
		return &GetError{Kind: OfflineGet, Err: err}
	}
	return &GetError{Kind: GetFailed, Detail: err.Error(), Err: err}
}
