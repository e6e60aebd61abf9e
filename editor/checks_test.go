package editor

import (
	"fyne.io/fyne/v2/theme"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/check"
	"tandem/check/stale"
	"tandem/editor/textarea"
	"tandem/git/gittest"
	"tandem/model"
	"tandem/spell"
)

// openChecked opens a pair of the checks' fixture site.
func openChecked(t *testing.T, rel string) (*Editor, *model.Post) {
	t.Helper()
	return openPairIn(t, copyOf(t, filepath.Join("..", "check", "testdata", "site")), rel)
}

func rulesOf(fs []model.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return strings.Join(out, " ")
}

// TestChecksInTheWindow: the translation's findings reach the library and
// the French editor (underlined on their lines), and the structure map
// has one mark per match, coloured by its state.
func TestChecksInTheWindow(t *testing.T) {
	e, _ := openChecked(t, "content/fr/blog/posts/donnees-ouvertes.md")
	fr := e.column("fr")
	got := rulesOf(e.ws.FindingsOf(fr.post.Path))
	for _, r := range []string{check.RuleNumber, check.RuleStructure, check.RuleSame} {
		if !strings.Contains(got, r) {
			t.Errorf("no %s in %s", r, got)
		}
	}
	marked := map[int]bool{}
	for _, m := range fr.body.Marks() {
		marked[m.Start.Line] = true
	}
	base := fr.post.Doc.BodyLine()
	for _, f := range e.view.checks.live.Found(fr.post.Path) {
		if !marked[f.Line-base] {
			t.Errorf("finding on line %d not marked (marks on %v)", f.Line, marked)
		}
	}
	sm := e.view.checks.sm
	matches, _, _ := e.view.checks.live.Matches()
	if len(sm.marks) != len(matches) || len(sm.marks) < 6 {
		t.Fatalf("%d marks for %d matches", len(sm.marks), len(matches))
	}
	states := map[markState]int{}
	for _, m := range sm.marks {
		states[m.state]++
	}
	if states[markMissing] != 2 || states[markFinding] < 2 || states[markFine] < 1 {
		t.Errorf("states %v", states)
	}
	// A click on a missing block's mark brings the English caret to it.
	for i, m := range sm.marks {
		if m.state == markMissing {
			e.view.checks.showMatch(i)
			en := e.column("en")
			line := en.body.Line(en.body.Cursor().Line)
			if !strings.HasPrefix(line, "We asked") && !strings.HasPrefix(line, "- Snow") {
				t.Errorf("caret on %q", line)
			}
			break
		}
	}
}

// TestChecksFollowTyping: fixing the number in the French clears its
// finding once the preview renders, and breaking it again brings it back.
func TestChecksFollowTyping(t *testing.T) {
	e, _ := openChecked(t, "content/fr/blog/posts/donnees-ouvertes.md")
	fr := e.column("fr")
	count := func() int { return strings.Count(rulesOf(e.ws.FindingsOf(fr.post.Path)), check.RuleNumber) }
	if count() != 1 {
		t.Fatalf("%d number findings", count())
	}
	l := 0
	for ; !strings.Contains(fr.body.Line(l), "45"); l++ {
	}
	at := len([]rune(fr.body.Line(l)[:strings.Index(fr.body.Line(l), "45")]))
	fr.body.Select(textarea.Range{Start: textarea.Pos{Line: l, Col: at}, End: textarea.Pos{Line: l, Col: at + 2}})
	fr.body.ReplaceSelection("40")
	flushPreviews(e)
	if count() != 0 {
		t.Errorf("still %d number findings: %v", count(), e.ws.FindingsOf(fr.post.Path))
	}
	fr.body.Undo()
	flushPreviews(e)
	if count() != 1 {
		t.Errorf("%d number findings after undo", count())
	}
}

// TestSilenceFromTheIssueBar: with the caret on a translation finding's
// line, the bar under the editor says it and Silence keeps it quiet, in
// the site's file.
func TestSilenceFromTheIssueBar(t *testing.T) {
	e, _ := openChecked(t, "content/fr/blog/posts/donnees-ouvertes.md")
	fr := e.column("fr")
	var f model.Finding
	for _, g := range e.view.checks.live.Found(fr.post.Path) {
		if g.Rule == check.RuleSame {
			f = g
		}
	}
	fr.body.SetCursor(textarea.Pos{Line: f.Line - fr.post.Doc.BodyLine()})
	if !fr.issue.box.Visible() || !strings.Contains(fr.issue.text.Text, "still in the source's language") {
		t.Fatalf("issue bar: %v %q", fr.issue.box.Visible(), fr.issue.text.Text)
	}
	tapButton(t, fr.issue.box, "Silence")
	if strings.Contains(rulesOf(e.ws.FindingsOf(fr.post.Path)), check.RuleSame) {
		t.Error("still found after Silence")
	}
	b, err := os.ReadFile(filepath.Join(e.ws.Model.Root, check.SilenceFile))
	if err != nil || !strings.Contains(string(b), f.Block) {
		t.Errorf("silence file: %v\n%s", err, b)
	}
	if fr.issue.box.Visible() && strings.Contains(fr.issue.text.Text, "still in the source's language") {
		t.Error("the bar still shows it")
	}
}

// TestFixAllTypography: the French typography is underlined; Fix all
// typography fixes the body (one undo step) and the title; the English is
// not touched.
func TestFixAllTypography(t *testing.T) {
	e, _ := openChecked(t, "content/fr/blog/posts/seance-du-conseil.md")
	fr, en := e.column("fr"), e.column("en")
	before, enBefore := fr.body.Text(), en.body.Text()
	if len(fr.body.Marks()) < 6 || len(en.body.Marks()) != 0 {
		t.Fatalf("marks: %d French, %d English", len(fr.body.Marks()), len(en.body.Marks()))
	}
	// One line's fix from the bar under the editor.
	l := 0
	for ; !strings.Contains(fr.body.Line(l), "19h"); l++ {
	}
	fr.body.SetCursor(textarea.Pos{Line: l})
	tapButton(t, fr.issue.box, "Fix")
	if !strings.Contains(fr.body.Line(l), "19&nbsp;h et 40&nbsp;%") {
		t.Errorf("line fixed: %q", fr.body.Line(l))
	}
	fr.body.Undo()
	e.win.Canvas().Focus(fr.body)
	e.fixAllTypography()
	flushPreviews(e)
	after := fr.body.Text()
	if after == before || strings.Contains(after, " :") || !strings.Contains(after, "«&nbsp;un café") {
		t.Errorf("not fixed:\n%s", after)
	}
	if got := fr.post.Doc.Get("title"); got != "Notes de la séance du conseil\u00a0: ce que nous avons entendu" {
		t.Errorf("title %q", got)
	}
	if len(fr.body.Marks()) != 0 {
		t.Errorf("%d marks after the fix", len(fr.body.Marks()))
	}
	fr.body.Undo()
	if fr.body.Text() != before {
		t.Errorf("one undo did not restore the text:\n%s", fr.body.Text())
	}
	if en.body.Text() != enBefore {
		t.Error("the English changed")
	}
}

// TestScrollTogetherFollowsTheAlignment: scrolling the English preview to
// a block brings the French to its counterpart, not to the same index.
func TestScrollTogetherFollowsTheAlignment(t *testing.T) {
	e, _ := openChecked(t, "content/fr/blog/posts/donnees-ouvertes.md")
	k := e.view.checks
	en := e.column("en")
	d := en.prev.Doc()
	// The English list's last item has no counterpart; the block after
	// the list (the last) is the French's last.
	last := len(d.Blocks) - 1
	if j := k.counterpart(en, last); j != len(e.column("fr").prev.Doc().Blocks)-1 {
		t.Errorf("English block %d ↦ French %d", last, j)
	}
	if j := k.counterpart(en, 0); j != 0 {
		t.Errorf("first ↦ %d", j)
	}
}

// TestSuggestionsInTheWindow: with the caret in an English block that an
// earlier pair translated, the French column lists the translation;
// Insert puts it at the French caret, one undo step.
func TestSuggestionsInTheWindow(t *testing.T) {
	e, _ := openPairIn(t, copyOf(t, filepath.Join("..", "check", "testdata", "memory")), "content/en/blog/posts/open-code.md")
	en, fr := e.column("en"), e.column("fr")
	if e.ws.Memory() == nil || e.ws.Memory().Len() == 0 {
		t.Fatal("no memory")
	}
	l := 0
	for ; !strings.HasPrefix(en.body.Line(l), "We will test"); l++ {
	}
	en.body.SetCursor(textarea.Pos{Line: l})
	if !fr.suggest.box.Visible() || !strings.Contains(fr.suggest.title.Text, "line 11") {
		t.Fatalf("panel: %v %q", fr.suggest.box.Visible(), fr.suggest.title.Text)
	}
	// The earlier translation, with this block's number (50, not 30).
	if !strings.Contains(labelsIn(fr.suggest.rows), "Nous avons mis le formulaire à l’essai avec 50 résidents.") {
		t.Errorf("rows: %s", labelsIn(fr.suggest.rows))
	}
	before := fr.body.Text()
	fr.body.SetCursor(textarea.Pos{Line: fr.body.Lines() - 1})
	tapButton(t, fr.suggest.rows, "Insert")
	if !strings.Contains(fr.body.Text(), "Nous avons mis le formulaire à l’essai avec 50 résidents.") || fr.body.Text() == before {
		t.Errorf("not inserted:\n%s", fr.body.Text())
	}
	fr.body.Undo()
	if fr.body.Text() != before {
		t.Error("the insertion is not one undo step")
	}
	// A block nobody translated before: no list.
	en.body.SetCursor(textarea.Pos{Line: 0})
	if fr.suggest.box.Visible() {
		t.Errorf("panel for a new block: %s", labelsIn(fr.suggest.rows))
	}
}

// TestStaleInTheWindow: a French paragraph whose English changed in a
// later commit is marked; Show the change says what changed; Still
// correct clears it, recorded in the site.
func TestStaleInTheWindow(t *testing.T) {
	gittest.Home(t)
	root := t.TempDir()
	writeFile := func(rel, text string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	post := func(title, body string) string {
		return "---\ntitle: \"" + title + "\"\ntranslationKey: council\n---\n\n" + body + "\n"
	}
	writeFile("hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n")
	writeFile("content/en/blog/posts/council.md", post("Council", "The council met on Monday.\n\nIt approved the budget."))
	writeFile("content/fr/blog/posts/conseil.md", post("Conseil", "Le conseil s’est réuni lundi.\n\nIl a approuvé le budget."))
	gittest.Git(t, root, "init", "-q", "-b", "main")
	gittest.Git(t, root, "add", "-A")
	gittest.Git(t, root, "commit", "-q", "-m", "The pair")
	writeFile("content/en/blog/posts/council.md", post("Council", "The council met on Monday evening.\n\nIt approved the budget."))
	gittest.Git(t, root, "commit", "-q", "-am", "English changed")

	e, _ := openPairIn(t, root, "content/fr/blog/posts/conseil.md")
	fr := e.column("fr")
	var f model.Finding
	for _, g := range e.ws.FindingsOf(fr.post.Path) {
		if g.Rule == stale.Rule {
			f = g
		}
	}
	if f.Line != 6 || f.SourceLine != 6 {
		t.Fatalf("stale finding %+v in %v", f, e.ws.FindingsOf(fr.post.Path))
	}
	fr.body.SetCursor(textarea.Pos{Line: f.Line - fr.post.Doc.BodyLine()})
	if !fr.issue.change.Visible() || fr.issue.silence.Text != "Still correct" {
		t.Fatalf("bar: change %v, %q", fr.issue.change.Visible(), fr.issue.silence.Text)
	}
	ch, _ := e.view.checks.live.Change(f.Block)
	if ch[0] != "The council met on Monday." || ch[1] != "The council met on Monday evening." {
		t.Errorf("change %q", ch)
	}
	tapButton(t, fr.issue.box, "Still correct")
	for _, g := range e.ws.FindingsOf(fr.post.Path) {
		if g.Rule == stale.Rule {
			t.Errorf("still stale: %v", g)
		}
	}
	if b, err := os.ReadFile(filepath.Join(root, check.SilenceFile)); err != nil || !strings.Contains(string(b), stale.Rule) {
		t.Errorf("not recorded: %v %s", err, b)
	}
}

// TestSpellingInTheWindow: a misspelled French word is underlined in
// red; Ignore and Add to the site's dictionary clear it, the latter in
// the site's word list.
func TestSpellingInTheWindow(t *testing.T) {
	root := copyOf(t, filepath.Join("..", "check", "testdata", "memory"))
	fr := filepath.Join(root, "content", "fr", "blog", "posts", "premier-sprint.md")
	b, _ := os.ReadFile(fr)
	text := strings.Replace(string(b), "deux semaines", "deux semianes", 1)
	os.WriteFile(fr, []byte(strings.Replace(text, "Notre premier sprint", "Notre premeir sprint", 1)), 0o644)
	e, _ := openPairIn(t, root, "content/fr/blog/posts/premier-sprint.md")
	c := e.column("fr")
	// The title, under its field.
	var field []string
	for _, f := range e.ws.FindingsOf(c.post.Path) {
		if f.Rule == spell.Rule {
			field = append(field, f.Field+":"+f.Message)
		}
	}
	if len(field) != 1 || field[0] != "title:“premeir” is not in the dictionary" {
		t.Errorf("field findings %v", field)
	}
	if !c.fields["title"].hint.Visible() || !strings.Contains(c.fields["title"].hint.Text, "premeir") {
		t.Errorf("title hint %q", c.fields["title"].hint.Text)
	}
	red := func() []string {
		var out []string
		for _, m := range c.body.Marks() {
			if m.Color == theme.ColorNameError {
				_, w, _ := misspelledAt(c, m.Start)
				out = append(out, w)
			}
		}
		return out
	}
	if got := red(); len(got) != 1 || got[0] != "semianes" {
		t.Fatalf("red marks %v", got)
	}
	if got := e.column("en").body.Marks(); len(got) != 0 {
		t.Errorf("English marks %v", got)
	}
	k := e.view.checks
	k.live.Ignore("semianes")
	k.run()
	if got := red(); len(got) != 0 {
		t.Errorf("after Ignore: %v", got)
	}
	k.live = e.ws.OpenLive() // as when the pair is opened again: nothing ignored
	k.run()
	k.addWord("fr", "semianes")
	if got := red(); len(got) != 0 {
		t.Errorf("after Add: %v", got)
	}
	if b, err := os.ReadFile(filepath.Join(root, ".tandem-dictionary.fr.txt")); err != nil || !strings.Contains(string(b), "\nsemianes\n") {
		t.Errorf("word list: %v %q", err, b)
	}
}

// TestSiteChecksInTheLibrary: the translation findings of pairs not open
// are read when the site opens, for the library; a save keeps them.
func TestSiteChecksInTheLibrary(t *testing.T) {
	e, _ := openChecked(t, "content/fr/blog/posts/seance-du-conseil.md")
	other := "content/fr/blog/posts/donnees-ouvertes.md"
	has := func() bool {
		for _, f := range e.ws.FindingsOf(other) {
			if f.Rule == check.RuleNumber {
				return true
			}
		}
		return false
	}
	if !has() {
		t.Fatalf("no translation finding for the pair not open: %v", e.ws.FindingsOf(other))
	}
	listed := false
	for _, r := range e.library.rows { // the problems' rows (the list shows those in view)
		listed = listed || strings.Contains(r.text(), "45 here, where the source (line 7) has 40")
	}
	if !listed {
		t.Errorf("the library does not list it")
	}
	e.relint() // as after a save
	if !has() {
		t.Error("lost after a lint")
	}
}
