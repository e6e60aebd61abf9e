package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/git/gittest"
)

// TestDraftCommand: `tandem draft --json` on a post without translation,
// with a LibreTranslate server on loopback: the report's shape is the
// issue's (paths relative to the site, file lines, from, score), the
// dry run writes nothing, the draft writes the translation and its marks.
func TestDraftCommand(t *testing.T) {
	site := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Q      []string `json:"q"`
			Format string   `json:"format"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		got = append(got, body.Q...)
		json.NewEncoder(w).Encode(map[string]any{"translatedText": body.Q}) // the words as they are
	}))
	defer srv.Close()
	t.Setenv("TANDEM_MT_KEY", "test-key")
	post := filepath.Join(site, "_posts", "en", "2024-03-10-park-hours.md")
	before, _ := os.ReadDir(filepath.Join(site, "_posts", "fr"))
	code, out, errOut := run("draft", "--engine", "libretranslate", "--endpoint", srv.URL, "--dry-run", "--json", post)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Source string `json:"source"`
		Target string `json:"target"`
		Blocks []struct {
			Source []int  `json:"source"`
			Target []int  `json:"target"`
			From   string `json:"from"`
			Score  *int   `json:"score"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Source != "_posts/en/2024-03-10-park-hours.md" || !strings.HasPrefix(rep.Target, "_posts/fr/") || len(rep.Blocks) != 5 {
		t.Fatalf("report %s", out)
	}
	froms := map[string]int{}
	for _, b := range rep.Blocks {
		if len(b.Source) != 2 || len(b.Target) != 2 || b.Source[0] > b.Source[1] || b.Target[0] < 1 || b.Score == nil || *b.Score < 0 || *b.Score > 100 {
			t.Errorf("block %+v", b)
		}
		froms[b.From]++
	}
	if froms["memory"] != 1 || froms["fuzzy"] != 1 || froms["engine"] != 2 || froms["untranslated"] != 1 {
		t.Errorf("from %v", froms)
	}
	for _, q := range got {
		if strings.Contains(q, "https://") || strings.Contains(q, "gates") {
			t.Errorf("sent to the engine: %s", q)
		}
	}
	if after, _ := os.ReadDir(filepath.Join(site, "_posts", "fr")); len(after) != len(before) || exists(filepath.Join(site, ".tandem-drafts.tsv")) {
		t.Errorf("the dry run wrote")
	}
	code, out, errOut = run("draft", "--engine", "libretranslate", "--endpoint", srv.URL, post)
	if code != 0 || !strings.Contains(out, "5 blocks drafted") || !strings.Contains(errOut, "LibreTranslate") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !exists(filepath.Join(site, filepath.FromSlash(rep.Target))) || !exists(filepath.Join(site, ".tandem-drafts.tsv")) {
		t.Errorf("the draft or its marks were not written")
	}
	_, lint, _ := run("lint", "--json", site)
	if !strings.Contains(lint, `"rule": "translation-draft"`) {
		t.Errorf("lint does not report the drafted blocks")
	}
	// A refused key: a sentence in both languages, the draft from the memory.
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	other := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	code, _, errOut = run("draft", "--engine", "libretranslate", "--endpoint", srv.URL, "--dry-run", filepath.Join(other, "_posts", "en", "2024-03-10-park-hours.md"))
	if code != 0 || !strings.Contains(errOut, "refused the key") || !strings.Contains(errOut, "a refusé la clé") {
		t.Errorf("a refused key: exit %d, %s", code, errOut)
	}
}

// TestPublishSaysWhatIsDrafted: a drafted pair published: the command
// says how many drafted blocks are not read, the commit message records
// it, and the pair's draft marks go with it for the reviewer.
func TestPublishSaysWhatIsDrafted(t *testing.T) {
	dir := gittest.Home(t)
	work := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	remote := gittest.Site(t, dir, work)
	post := filepath.Join(work, "_posts", "en", "2024-03-10-park-hours.md")
	if code, _, errOut := run("draft", post); code != 0 {
		t.Fatalf("draft: %s", errOut)
	}
	code, _, errOut := run("publish", "--branch", "review/parks", post)
	if code != 0 || !strings.Contains(errOut, "drafted blocks of this pair are not read yet") {
		t.Fatalf("publish: exit %d %s", code, errOut)
	}
	msg := gittest.Git(t, dir, "--git-dir", remote, "log", "-1", "--format=%B", "review/parks")
	if !strings.Contains(msg, "drafted blocks not read yet / ") || !strings.Contains(msg, "blocs ébauchés pas encore relus") {
		t.Errorf("commit message %q", msg)
	}
	files := gittest.Git(t, dir, "--git-dir", remote, "show", "--name-only", "--format=", "review/parks")
	if !strings.Contains(files, ".tandem-drafts.tsv") || !strings.Contains(files, "_posts/fr/") {
		t.Errorf("published files %q", files)
	}
}
