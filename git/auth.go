package git

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/zalando/go-keyring"
)

// Keychain keeps sign-in tokens, one per host.
type Keychain interface {
	Get(host string) (string, error)
	Set(host, token string) error
}

// keychainService names Tandem's entries in the system's keychain.
const keychainService = "Tandem git token"

// osKeychain is the operating system's keychain (Keychain on macOS, the
// Credential Manager on Windows, the Secret Service on Linux).
type osKeychain struct{}

func (osKeychain) Get(host string) (string, error) { return keyring.Get(keychainService, host) }
func (osKeychain) Set(host, token string) error    { return keyring.Set(keychainService, host, token) }

// SystemKeychain is the keychain Tandem uses; tests put their own.
var SystemKeychain Keychain = osKeychain{}

// authFor signs in to an HTTPS remote, never asking: TANDEM_GIT_TOKEN
// (and TANDEM_GIT_USERNAME), else the user's git credential helper (when
// git is installed), else the keychain. SSH remotes go through the SSH
// agent (go-git's default); nil where nothing is known.
func authFor(repoDir, remoteURL string, kc Keychain) transport.AuthMethod {
	if !strings.HasPrefix(remoteURL, "http") {
		return nil
	}
	if a := envAuth(remoteURL); a != nil {
		return a
	}
	if user, pass := credentialHelper(repoDir, remoteURL); pass != "" {
		return &http.BasicAuth{Username: user, Password: pass}
	}
	host, _ := hostPath(remoteURL)
	if kc != nil {
		if tok, err := kc.Get(host); err == nil && tok != "" {
			return &http.BasicAuth{Username: "tandem", Password: tok}
		}
	}
	return nil
}

// credentialHelper asks git's credential helpers (as the repository in
// repoDir is set up) for the remote's credentials, with prompts off: "",
// "" when git is absent or knows none.
func credentialHelper(repoDir, remoteURL string) (string, string) {
	u, err := url.Parse(remoteURL)
	if err != nil || u.Host == "" {
		return "", ""
	}
	bin, err := exec.LookPath("git")
	if err != nil {
		return "", ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "credential", "fill")
	cmd.Dir = repoDir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=")
	cmd.Stdin = strings.NewReader("protocol=" + u.Scheme + "\nhost=" + u.Host + "\npath=" + strings.TrimPrefix(u.Path, "/") + "\n\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	if cmd.Run() != nil {
		return "", ""
	}
	var user, pass string
	for _, l := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(l, "username="); ok {
			user = v
		}
		if v, ok := strings.CutPrefix(l, "password="); ok {
			pass = v
		}
	}
	return user, pass
}

// SaveToken keeps a token for the remote's host in the keychain (the
// window asks for one once, when the host refuses the sign-in). It is
// never written anywhere else.
func SaveToken(kc Keychain, remoteURL, token string) error {
	host, _ := hostPath(remoteURL)
	return kc.Set(host, token)
}

// TokenPage is where a host's users make a personal access token, "" for
// a host Tandem does not know.
func TokenPage(remoteURL string) string {
	host, _ := hostPath(remoteURL)
	switch {
	case host == "github.com":
		return "https://github.com/settings/tokens/new?scopes=repo&description=Tandem"
	case host == "gitlab.com" || strings.HasPrefix(host, "gitlab."):
		return "https://" + host + "/-/user_settings/personal_access_tokens?name=Tandem&scopes=write_repository"
	}
	return ""
}
