package git

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/model"
)

// leftovers are the folders a get may leave in dir: none but the site's.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tandem-get-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestGetFromAFolder: a site got from a repository's folder (a bare one,
// as a shared drive holds it) is a whole clone that opens as a site, and
// nothing else is left beside it; a folder that holds files is refused,
// and an empty one is used.
func TestGetFromAFolder(t *testing.T) {
	r := newRepo(t, "jekyll")
	dir := t.TempDir()
	got, err := Get(context.Background(), r.remote, filepath.Join(dir, "site"), GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Open(got)
	if err != nil || len(s.Pairs) < 5 || s.PostAt(gardens) == nil {
		t.Fatalf("the site got does not open: %v", err)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
	if _, err := Get(context.Background(), r.remote, got, GetOptions{}); !isGet(err, FolderTaken) {
		t.Errorf("a folder with files: %v", err)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := Get(context.Background(), r.remote, empty, GetOptions{Depth: 1}); err != nil {
		t.Errorf("an empty folder, shallow: %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, filepath.FromSlash(gardens))); err != nil {
		t.Error("the shallow clone has not the posts")
	}
}

func isGet(err error, k Kind) bool {
	var ge *Error
	return errors.As(err, &ge) && ge.Kind == k
}

// TestGetOverHTTPWithAToken: a site behind git http-backend (through
// net/http/cgi) with Basic auth: without the token, or with a wrong one,
// the host's refusal is said and no folder is left; with the right one
// the site is got, and the token kept in the keychain for the host, not
// in the clone's configuration.
func TestGetOverHTTPWithAToken(t *testing.T) {
	r := newRepo(t, "jekyll")
	srv := httpRemote(t, r, "right-token")
	dir := t.TempDir()
	target := filepath.Join(dir, "site")
	kc := fakeKeychain{}
	for _, tok := range []string{"", "wrong-token"} {
		_, err := Get(context.Background(), srv.URL+"/remote.git", target, GetOptions{Token: tok, Keychain: kc})
		if !isGet(err, NoAccessToGet) {
			t.Errorf("token %q: %v", tok, err)
		}
		if _, err := os.Stat(target); err == nil || len(leftovers(t, dir)) > 0 {
			t.Errorf("token %q: a folder was left", tok)
		}
	}
	got, err := Get(context.Background(), srv.URL+"/remote.git", target, GetOptions{Token: "right-token", Keychain: kc})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(got, filepath.FromSlash(gardens))); err != nil {
		t.Error("the clone has not the posts")
	}
	if len(kc) != 1 {
		t.Errorf("the token was not kept for the host: %v", kc)
	}
	if cfg, _ := os.ReadFile(filepath.Join(got, ".git", "config")); strings.Contains(string(cfg), "right-token") {
		t.Error("the token was written into .git/config")
	}
}

// TestGetCancelled: Cancel while the host is sending the repository
// leaves no folder behind, and says so.
func TestGetCancelled(t *testing.T) {
	r := newRepo(t, "jekyll")
	inner := httpRemote(t, r, "tok")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasSuffix(req.URL.Path, "git-upload-pack") && req.Method == http.MethodPost {
			cancel() // the user presses Cancel as the pack comes
			select { // the client goes away, or the pack never comes
			case <-req.Context().Done():
			case <-time.After(5 * time.Second):
			}
			http.Error(w, "gone", http.StatusServiceUnavailable)
			return
		}
		resp, err := http.DefaultClient.Do(mustProxy(t, req, inner.URL))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		copyBody(w, resp)
	}))
	defer srv.Close()
	dir := t.TempDir()
	_, err := Get(ctx, srv.URL+"/remote.git", filepath.Join(dir, "site"), GetOptions{Token: "tok", Keychain: fakeKeychain{}})
	if !isGet(err, GetCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestGetFailures: an address that is none, a host that does not answer,
// each one sentence in each language; nothing left.
func TestGetFailures(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		address string
		kind    Kind
	}{
		{"", BadAddress},
		{"http://127.0.0.1:1/site.git", OfflineGet},
		{filepath.Join(dir, "no-such-repository"), NotFound},
	} {
		_, err := Get(context.Background(), c.address, filepath.Join(dir, "site"), GetOptions{Keychain: fakeKeychain{}})
		var ge *Error
		if !errors.As(err, &ge) || ge.Kind != c.kind || ge.French() == "" || strings.Contains(ge.French(), "%!") {
			t.Errorf("%q: %v (%T)", c.address, err, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%q: left behind %v", c.address, entries)
		}
	}
	if FolderFor("https://github.com/cds-snc/digital-canada-ca.git") != "digital-canada-ca" || FolderFor("git@gitlab.com:team/blog") != "blog" {
		t.Error("the folder's name from the address")
	}
}

// mustProxy is req sent on to base.
func mustProxy(t *testing.T, req *http.Request, base string) *http.Request {
	out, err := http.NewRequestWithContext(req.Context(), req.Method, base+req.URL.RequestURI(), req.Body)
	if err != nil {
		t.Fatal(err)
	}
	out.Header = req.Header.Clone()
	return out
}

func copyBody(w http.ResponseWriter, resp *http.Response) {
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		w.Write(buf[:n])
		if err != nil {
			return
		}
	}
}
