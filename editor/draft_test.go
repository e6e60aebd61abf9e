package editor

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
	"tandem/editor/textarea"
	"tandem/model"
	"tandem/task"
)

// TestDraftInTheWindow: Translate ▸ Draft translation fills the open
// pair's empty translation from the site's memory as one undo step; the
// drafted blocks have translation-draft findings until Confirm all.
func TestDraftInTheWindow(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	en := s.PostAt("_posts/en/2024-03-10-park-hours.md")
	en.Pair.Load()
	if _, err := s.AddTranslation(en.Pair, "fr", "Heures des parcs"); err != nil {
		t.Fatal(err)
	}
	if err := en.Save(); err != nil {
		t.Fatal(err)
	}
	e, _ := openPairIn(t, root, "_posts/en/2024-03-10-park-hours.md")
	fr := e.column("fr")
	before := fr.body.Text()
	e.draftTranslation()
	flushPreviews(e)
	e.view.checks.run()
	after := fr.body.Text()
	if !strings.Contains(after, "La ville a ouvert deux nouvelles pistes cyclables ce printemps.") || !strings.Contains(after, "```\nhours: 6-22\n```") {
		t.Fatalf("the draft:\n%s", after)
	}
	if !strings.Contains(e.status.Text, "5 blocks drafted") {
		t.Errorf("status %q", e.status.Text)
	}
	drafts := func() int {
		n := 0
		for _, f := range e.ws.FindingsOf(fr.post.Path) {
			if f.Rule == check.RuleDraft {
				n++
			}
		}
		return n
	}
	n := drafts()
	if n == 0 {
		t.Fatalf("no translation-draft finding: %v", e.ws.FindingsOf(fr.post.Path))
	}
	// The caret on a drafted block: the bar under the editor offers
	// Confirm, which says this block is read.
	var first model.Finding
	for _, f := range e.ws.FindingsOf(fr.post.Path) {
		if f.Rule == check.RuleDraft {
			first = f
			break
		}
	}
	fr.body.SetCursor(textarea.Pos{Line: first.Line - fr.post.Doc.BodyLine()})
	fr.issue.show()
	if !fr.issue.confirm.Visible() || fr.issue.silence.Visible() {
		t.Fatalf("the bar for a drafted block: confirm %v, silence %v", fr.issue.confirm.Visible(), fr.issue.silence.Visible())
	}
	test.Tap(fr.issue.confirm)
	flushPreviews(e)
	e.view.checks.run()
	if got := drafts(); got != n-1 {
		t.Errorf("after Confirm: %d drafted blocks, want %d", got, n-1)
	}
	e.confirmDrafts()
	flushPreviews(e)
	e.view.checks.run()
	if n := drafts(); n != 0 {
		t.Errorf("%d drafted blocks after Confirm all", n)
	}
	fr.body.TypedShortcut(&fyne.ShortcutUndo{})
	if fr.body.Text() != before {
		t.Errorf("one undo does not take the draft back:\n%s", fr.body.Text())
	}
}

// TestDraftWithTheEngineOfPreferences: the engine chosen in Preferences
// (a LibreTranslate server on loopback) drafts what the memory lacks;
// the window asks first, naming the service.
func TestDraftWithTheEngineOfPreferences(t *testing.T) {
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Q []string `json:"q"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		sent = append(sent, body.Q...)
		out := make([]string, len(body.Q))
		for i, q := range body.Q {
			out[i] = strings.ReplaceAll(q, "Parks now close", "Les parcs ferment")
		}
		json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	}))
	defer srv.Close()
	t.Setenv("TANDEM_MT_KEY", "k")
	e := parkHours(t, "")
	prefMTEngine.set(e.app, "libretranslate")
	prefMTEndpoint.set(e.app, srv.URL)
	eng, err := e.draftEngine()
	if err != nil || eng == nil || eng.Name() != "LibreTranslate" {
		t.Fatalf("engine %v, %v", eng, err)
	}
	e.draftTranslation()
	if e.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no question before text leaves the machine")
	}
	c := e.engineConfig()
	src, tgt := e.view.checks.columns()
	e.runDraft(src, tgt, &c)
	if body := e.column("fr").body.Text(); !strings.Contains(body, "Les parcs ferment") || len(sent) == 0 {
		t.Errorf("the engine's draft is not in the translation (%d texts sent):\n%s", len(sent), body)
	}
	if !strings.Contains(e.status.Text, "engine 2") {
		t.Errorf("status %q", e.status.Text)
	}
}

// TestCreateAndDraft: the missing translation's column offers to create
// it with a first draft: the title asked, the post created, its text
// drafted from the memory.
func TestCreateAndDraft(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	e, en := openPairIn(t, root, "_posts/en/2024-03-10-park-hours.md")
	tapButton(t, e.column("fr").box, "Create and draft the translation")
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no dialog asks for the title")
	}
	test.Type(findEntry(t, d), "Heures des parcs")
	tapButton(t, d, "Create")
	fr := en.Counterpart()
	if fr == nil || e.column("fr").post != fr {
		t.Fatal("the French post is not created and shown")
	}
	if body := e.column("fr").body.Text(); !strings.Contains(body, "La ville a ouvert deux nouvelles pistes cyclables ce printemps.") {
		t.Errorf("not drafted:\n%s", body)
	}
}

// TestTermsUnderTheEditor: the caret in a source block that holds a term
// of the site's termbase: its translation shows under the translation's
// editor.
func TestTermsUnderTheEditor(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	tbx := `<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>bike lanes</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>voies cyclables</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>bandes cyclables</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>
</body></text></tbx>`
	if err := os.WriteFile(filepath.Join(root, ".tandem-terms.tbx"), []byte(tbx), 0o644); err != nil {
		t.Fatal(err)
	}
	e, _ := openPairIn(t, root, "_posts/en/2024-02-01-bike-lanes.md")
	e.view.checks.run()
	en, fr := e.column("en"), e.column("fr")
	en.body.SetCursor(textarea.Pos{Line: 1})
	e.view.checks.suggestAt(en)
	if !fr.suggest.terms.Visible() || !strings.Contains(fr.suggest.terms.Text, "bike lanes → voies cyclables") || !strings.Contains(fr.suggest.terms.Text, "bandes cyclables") {
		t.Errorf("terms under the editor: %v %q", fr.suggest.terms.Visible(), fr.suggest.terms.Text)
	}
	// The French post writes "pistes cyclables": a translation-term finding.
	found := false
	for _, f := range e.ws.FindingsOf(fr.post.Path) {
		found = found || f.Rule == check.RuleTerm
	}
	if !found {
		t.Errorf("no translation-term finding: %v", e.ws.FindingsOf(fr.post.Path))
	}
}

// TestTermsDialog: Translate ▸ Terms… lists the site's terms, adds a
// pair and saves it in the site's termbase.
func TestTermsDialog(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	e, _ := openPairIn(t, root, "_posts/en/2024-02-01-bike-lanes.md")
	e.termsDialog()
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no dialog")
	}
	entries := 0
	var src, tgt *widget.Entry
	findIn(d, func(en *widget.Entry) bool {
		entries++
		if src == nil {
			src = en
		} else if tgt == nil {
			tgt = en
		}
		return false
	})
	if src == nil || tgt == nil {
		t.Fatalf("%d entries", entries)
	}
	test.Type(src, "bike lanes")
	test.Type(tgt, "voies cyclables")
	tapButton(t, d, "Add")
	b, err := os.ReadFile(filepath.Join(root, ".tandem-terms.tbx"))
	if err != nil || !strings.Contains(string(b), "voies cyclables") {
		t.Fatalf("the termbase: %v\n%s", err, b)
	}
}

// TestDraftCancelled: Cancel while the engine works: nothing changes.
func TestDraftCancelled(t *testing.T) {
	started, stop := make(chan struct{}, 1), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		select { // until the request is given up
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer srv.Close()
	defer close(stop)
	t.Setenv("TANDEM_MT_KEY", "k")
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	name := filepath.Join(root, "_posts", "fr", "2024-02-01-pistes-cyclables.md")
	b, _ := os.ReadFile(name)
	os.WriteFile(name, []byte(strings.Replace(string(b), "Les travaux commencent lundi et se terminent en juin.", "Work starts on Monday and ends in June, then we all ride.", 1)), 0o644)
	e, _ := openPairIn(t, root, "_posts/en/2024-02-01-bike-lanes.md")
	fr := e.column("fr")
	before := fr.body.Text()
	prefMTEngine.set(e.app, "libretranslate")
	prefMTEndpoint.set(e.app, srv.URL)
	c := e.engineConfig()
	src, tgt := e.view.checks.columns()
	task.Inline(false) // the engine's requests on a goroutine of their own
	defer task.Inline(true)
	e.runDraft(src, tgt, &c)
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the engine was not asked")
	}
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no progress while the engine works")
	}
	tapButton(t, d, "Cancel")
	task.Wait()
	if fr.body.Text() != before || !strings.Contains(e.status.Text, "cancelled") {
		t.Errorf("after Cancel: status %q, text changed %v", e.status.Text, fr.body.Text() != before)
	}
}

// TestTermsProposedInTheDialog: Terms… ▸ Propose: a name three pairs
// translate the same way is offered, and added once accepted.
func TestTermsProposedInTheDialog(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	for i, day := range []string{"03", "04", "05"} {
		head := func(lang, other string) string {
			return fmt.Sprintf("---\ntitle: \"Day %d %s\"\nlang: %s\nlayout: post\ntrans_url: \"/2023/01/%s/day-%s\"\n---\n\n", i, lang, lang, day, other)
		}
		os.WriteFile(filepath.Join(root, "_posts", "en", "2023-01-"+day+"-day-en.md"), []byte(head("en", "fr")+fmt.Sprintf("We met %d teams at Open Data Day this year.\n", i+2)), 0o644)
		os.WriteFile(filepath.Join(root, "_posts", "fr", "2023-01-"+day+"-day-fr.md"), []byte(head("fr", "en")+fmt.Sprintf("Nous avons rencontré %d équipes à la Journée des données ouvertes cette année.\n", i+2)), 0o644)
	}
	e, _ := openPairIn(t, root, "_posts/en/2024-02-01-bike-lanes.md")
	e.termsDialog()
	tapButton(t, e.win.Canvas().Overlays().Top(), "Propose terms from the site's pairs")
	confirm := e.win.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatalf("nothing proposed: %q", e.status.Text)
	}
	if _, ok := findIn(confirm, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "Open Data Day → Journée des données ouvertes")
	}); !ok {
		t.Fatal("the proposal does not name the term")
	}
	tapButton(t, confirm, "Yes")
	b, err := os.ReadFile(filepath.Join(root, ".tandem-terms.tbx"))
	if err != nil || !strings.Contains(string(b), "Journée des données ouvertes") {
		t.Errorf("not added: %v %s", err, b)
	}
}

// TestSiteServerIsApprovedFirst: a translation server only the site's
// .tandem.yml names gets nothing until the user approves it in the
// window (which names the host and says the site chose it); refused,
// nothing is sent; approved, the post's blocks go but not the user's
// key; the approval is kept outside the site and asked once.
func TestSiteServerIsApprovedFirst(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var mu sync.Mutex
	var sent, keys []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Q      []string `json:"q"`
			APIKey string   `json:"api_key"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		sent = append(sent, body.Q...)
		if body.APIKey != "" {
			keys = append(keys, body.APIKey)
		}
		mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"translatedText": body.Q})
	}))
	defer srv.Close()
	t.Setenv("TANDEM_MT_KEY", "user-secret")
	e := parkHours(t, "translation:\n  engine: libretranslate\n  endpoint: "+srv.URL+"\n")
	e.draftTranslation()
	d := e.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no question before text goes to the site's server")
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	host = host[:strings.LastIndex(host, ":")]
	if _, ok := findIn(d, func(l *widget.Label) bool {
		return strings.Contains(l.Text, host) && strings.Contains(l.Text, ".tandem.yml")
	}); !ok {
		t.Error("the question does not name the host and the site's configuration")
	}
	tapButton(t, d, "No")
	if len(sent) != 0 || !strings.Contains(e.status.Text, "not approved") {
		t.Fatalf("refused: %d texts sent, status %q", len(sent), e.status.Text)
	}
	e.draftTranslation()
	tapButton(t, e.win.Canvas().Overlays().Top(), "Yes")
	task.Wait()
	if len(sent) == 0 || len(keys) != 0 {
		t.Fatalf("approved: %d texts sent, keys %v", len(sent), keys)
	}
	if b, _ := os.ReadFile(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "Tandem", "approved-translation-hosts.tsv")); !strings.Contains(string(b), host) {
		t.Errorf("the approval is not kept: %q", b)
	}
	// Asked once: next time, the usual question, naming the service.
	e.draftTranslation()
	d = e.win.Canvas().Overlays().Top()
	if _, ok := findIn(d, func(l *widget.Label) bool { return strings.Contains(l.Text, "LibreTranslate") }); !ok {
		t.Error("the approved server is asked for again, or not named")
	}
}

// parkHours opens the drafting fixture's park hours pair, its French
// just created (empty), in a window; conf, when set, is the site's
// .tandem.yml.
func parkHours(t *testing.T, conf string) *Editor {
	t.Helper()
	root := copyOf(t, filepath.Join("..", "translate", "testdata", "site"))
	if conf != "" {
		if err := os.WriteFile(filepath.Join(root, ".tandem.yml"), []byte(conf), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := model.OpenFrontMatter(root)
	en := s.PostAt("_posts/en/2024-03-10-park-hours.md")
	en.Pair.Load()
	if _, err := s.AddTranslation(en.Pair, "fr", "Heures des parcs"); err != nil {
		t.Fatal(err)
	}
	en.Save()
	e, _ := openPairIn(t, root, "_posts/en/2024-03-10-park-hours.md")
	return e
}
