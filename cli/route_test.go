package cli

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"tandem/assets"
	"tandem/git/gittest"
)

func TestMain(m *testing.M) {
	// Approvals of translation hosts are kept in the user's
	// configuration folder: the tests keep theirs in a folder of their
	// own, never the user's.
	dir, err := os.MkdirTemp("", "tandem-cli-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Setenv("HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// recorder is a LibreTranslate server on loopback that keeps what it
// was sent: the texts, and the keys.
type recorder struct {
	mu          sync.Mutex
	texts, keys []string
	srv         *httptest.Server
}

func newRecorder(t *testing.T) *recorder {
	rc := &recorder{}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Q      []string `json:"q"`
			APIKey string   `json:"api_key"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		rc.mu.Lock()
		rc.texts = append(rc.texts, body.Q...)
		if body.APIKey != "" {
			rc.keys = append(rc.keys, body.APIKey)
		}
		rc.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"translatedText": body.Q})
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *recorder) sent() (int, []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.texts), append([]string(nil), rc.keys...)
}

// TestSiteEndpointIsASuggestion: a site whose .tandem.yml names an
// endpoint gets no text and no key there until the user approves it
// (--endpoint), is told how, on standard error, before anything leaves;
// the approval is kept outside the site, per site and host, and lasts;
// even approved, the site's endpoint never gets TANDEM_MT_KEY, which goes
// only where the user said.
func TestSiteEndpointIsASuggestion(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	site := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	rc := newRecorder(t)
	conf := "translation:\n  engine: libretranslate\n  endpoint: " + rc.srv.URL + "/steal\n"
	if err := os.WriteFile(filepath.Join(site, ".tandem.yml"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TANDEM_MT_KEY", "user-secret-key")
	post := filepath.Join(site, "_posts", "en", "2024-03-10-park-hours.md")
	code, _, errOut := run("draft", "--dry-run", post)
	if n, keys := rc.sent(); code != 2 || n != 0 || len(keys) != 0 {
		t.Fatalf("unapproved: exit %d, %d texts and keys %v sent", code, n, keys)
	}
	host := strings.TrimPrefix(rc.srv.URL, "http://")
	host = host[:strings.LastIndex(host, ":")]
	if !strings.Contains(errOut, host) || !strings.Contains(errOut, "--endpoint") || !strings.Contains(errOut, ".tandem.yml") {
		t.Errorf("the refusal does not say which host, why, or how to approve it: %s", errOut)
	}
	// Approved by the user's own --endpoint: the text goes, and the key
	// the user gave along with it.
	code, _, errOut = run("draft", "--dry-run", "--endpoint", rc.srv.URL+"/steal", post)
	if n, keys := rc.sent(); code != 0 || n == 0 || len(keys) == 0 {
		t.Fatalf("the user's endpoint: exit %d, %d texts, keys %v: %s", code, n, keys, errOut)
	}
	if !strings.Contains(errOut, "go to LibreTranslate ("+strings.TrimPrefix(rc.srv.URL, "http://")+")") {
		t.Errorf("where the text goes is not said: %s", errOut)
	}
	// From now on the site's endpoint is approved (a later run, another
	// process: the file), but the site's naming it sends no key.
	n0, k0 := rc.sent()
	code, _, errOut = run("draft", "--dry-run", post)
	if n, keys := rc.sent(); code != 0 || n == n0 || len(keys) != len(k0) {
		t.Fatalf("approved site endpoint: exit %d, %d new texts, keys %v: %s", code, n-n0, keys[len(k0):], errOut)
	}
	// Nothing of it in the site.
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if b, err := os.ReadFile(p); err == nil && d.Type().IsRegular() && strings.Contains(string(b), host+"\t") {
			t.Errorf("the approval is in the site: %s", p)
		}
		return nil
	})
	cfg, _ := os.ReadFile(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "Tandem", "approved-translation-hosts.tsv"))
	if !strings.Contains(string(cfg), host) {
		t.Errorf("the approval is not kept in the user's folder: %q", cfg)
	}
	// Another site with the same endpoint is not approved by this one.
	other := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	os.WriteFile(filepath.Join(other, ".tandem.yml"), []byte(conf), 0o644)
	if code, _, _ := run("draft", "--dry-run", filepath.Join(other, "_posts", "en", "2024-03-10-park-hours.md")); code != 2 {
		t.Errorf("another site's approval counted here: exit %d", code)
	}
}

// TestPlainHTTPIsRefused: an http:// endpoint that is not this machine is
// refused with a sentence, before anything is sent; the site's or the
// user's.
func TestPlainHTTPIsRefused(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	site := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	post := filepath.Join(site, "_posts", "en", "2024-03-10-park-hours.md")
	code, _, errOut := run("draft", "--dry-run", "--engine", "libretranslate", "--endpoint", "http://translate.example.invalid/", post)
	if code != 2 || !strings.Contains(errOut, "https://") || !strings.Contains(errOut, "http://") {
		t.Errorf("plain http to another host: exit %d: %s", code, errOut)
	}
	os.WriteFile(filepath.Join(site, ".tandem.yml"), []byte("translation:\n  engine: libretranslate\n  endpoint: http://10.1.2.3:5000\n"), 0o644)
	if code, _, errOut := run("draft", "--dry-run", post); code != 2 || !strings.Contains(errOut, "https://") {
		t.Errorf("the site's plain http endpoint: exit %d: %s", code, errOut)
	}
}

// TestTheBuiltInSampleIsClean: the sample site a newcomer first sees has
// no finding at all: it shows what Tandem finds by finding nothing.
func TestTheBuiltInSampleIsClean(t *testing.T) {
	sub, err := fs.Sub(assets.Sample, "sample")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sample")
	if err := os.CopyFS(dir, sub); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run("lint", dir)
	if code != 0 || !strings.Contains(out, "0 errors, 0 warnings, 0 notes") {
		t.Errorf("lint of the built-in sample: exit %d\n%s%s", code, out, errOut)
	}
}

// TestGetCommand: tandem get ADDRESS FOLDER clones a site (here from a
// repository's folder), prints the folder on stdout and the site opens;
// an address that is none is one sentence in each language, exit 1, and
// no folder.
func TestGetCommand(t *testing.T) {
	_, remote := gittest.SiteOf(t, filepath.Join("..", "testdata", "jekyll"))
	dir := t.TempDir()
	code, out, errOut := run("get", "--shallow", remote, filepath.Join(dir, "mine"))
	if code != 0 || strings.TrimSpace(out) != filepath.Join(dir, "mine") {
		t.Fatalf("get: exit %d, %q, %s", code, out, errOut)
	}
	if code, out, _ := run("lint", filepath.Join(dir, "mine")); code > 1 || !strings.Contains(out, "jekyll site") {
		t.Errorf("the site got does not open: %s", out)
	}
	code, out, errOut = run("get", filepath.Join(dir, "no-such-repository"), filepath.Join(dir, "other"))
	if code != 1 || out != "" || strings.Count(errOut, "\n") != 2 || !strings.Contains(errOut, "tandem : ") {
		t.Errorf("a wrong address: exit %d, %q, %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "other")); err == nil {
		t.Error("a folder was left")
	}
}
