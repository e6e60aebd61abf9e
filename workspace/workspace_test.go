package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/bug"
	"tandem/check"
	"tandem/check/stale"
	"tandem/git"
	"tandem/markup"
	"tandem/memory"
	"tandem/model"
	"tandem/model/sitegen"
)

// sites are the fixture sites the workspace is tried on, and the shared
// sample when it is there.
func sites(t *testing.T) []string {
	out := []string{
		filepath.Join("..", "testdata", "hugo-wordpress"),
		filepath.Join("..", "testdata", "jekyll"),
		filepath.Join("..", "testdata", "hugo-localized"),
		filepath.Join("..", "testdata", "hugo-filenames"),
		filepath.Join("..", "testdata", "hugo"),
		filepath.Join("..", "testdata", "custom"),
	}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "samples", "jekyll-site")); err == nil {
		out = append(out, filepath.Join("..", "..", "shared", "samples", "jekyll-site"))
	}
	return out
}

// plainLint is every finding of s, lint's and the checks', each pair
// checked in turn and the whole sorted: the plain reference Lint is held
// to.
func plainLint(s *model.Site) []model.Finding {
	out := append(s.Lint(), check.FileFindings(s)...)
	cx, st, ratio := check.NewContext(s), check.SettingOf(s), check.SiteRatio(s)
	for _, pr := range s.Pairs {
		out = append(out, cx.Scan(check.PairTextOf(s, pr, nil), st, ratio, nil, nil)...)
	}
	model.SortFindings(out)
	return out
}

// TestLintStreamsWhatIsFound: the findings Lint gives one by one, with
// nothing kept and with everything kept, each pair read once or its
// translation read again at its turn, are plainLint's, in its order.
func TestLintStreamsWhatIsFound(t *testing.T) {
	for _, root := range sites(t) {
		s, err := model.OpenFrontMatter(root)
		if err != nil {
			t.Fatal(err)
		}
		want := plainLint(s)
		for _, way := range []string{"nothing kept", "bodies kept", "folded", "folded, nothing held", "folded, let go", "folded, let go, nothing held"} {
			var w *Site
			switch way {
			case "nothing kept":
				w, err = OpenKeeping(root, 0)
			case "bodies kept":
				w, err = OpenKeeping(root, KeepBodies)
			default:
				w, err = OpenFolded(root) // as tandem lint opens it
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(way, "let go") {
				w.LetFrontMatterGo() // as tandem lint does
			}
			var got []model.Finding
			if strings.HasSuffix(way, "nothing held") {
				// Every translation read again with its source.
				w.lint(nil, func(f model.Finding) { got = append(got, f) }, -1)
			} else {
				w.Lint(nil, func(f model.Finding) { got = append(got, f) })
			}
			if !sameFindings(got, want) {
				t.Errorf("%s (%s): %d findings streamed, %d found pair by pair\n%s", root, way, len(got), len(want), firstDiff(got, want))
			}
			evicted := 0
			for _, p := range w.Model.Posts {
				if p.Doc != nil && p.Partial() && p.Doc.Folded() != strings.HasPrefix(way, "folded") {
					t.Errorf("%s (%s): %s folded %v after the lint", root, way, p.Path, p.Doc.Folded())
				}
				if p.Doc != nil && frontMatterGone(p.Doc) {
					evicted++
				}
			}
			// Folded, a pair's front matter goes once its turn has read
			// it; else it stays.
			if strings.HasPrefix(way, "folded") != (evicted > 0) {
				t.Errorf("%s (%s): %d posts' front matter let go", root, way, evicted)
			}
		}
	}
}

// frontMatterGone reports whether d let its front matter go (reading a
// field then panics).
func frontMatterGone(d *model.Doc) (gone bool) {
	defer func() { gone = recover() != nil }()
	d.Get("title")
	return false
}

func sameFindings(a, b []model.Finding) bool {
	return slices.EqualFunc(a, b, func(x, y model.Finding) bool {
		jx, _ := json.Marshal(x)
		jy, _ := json.Marshal(y)
		return bytes.Equal(jx, jy) || x.Path == y.Path && x.Line == y.Line && x.Rule == y.Rule && x.Message == y.Message
	})
}

func firstDiff(a, b []model.Finding) string {
	for i := range min(len(a), len(b)) {
		if a[i].Path != b[i].Path || a[i].Line != b[i].Line || a[i].Rule != b[i].Rule || a[i].Message != b[i].Message {
			return "at " + a[i].String() + "\n vs " + b[i].String()
		}
	}
	return "one is the other's start"
}

// TestOpenReadsEachPostOnce: opening a site and its first pass (the
// checks, the memory, the history) read each post file once, and give
// what lint's checks and a memory built the old way give.
func TestOpenReadsEachPostOnce(t *testing.T) {
	for _, root := range sites(t) {
		before := model.PostReads()
		w, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		found := w.Pass().Run()
		reads := model.PostReads() - before
		if posts := int64(len(w.Model.Posts)); reads != posts {
			t.Errorf("%s: %d readings of %d posts", root, reads, posts)
		}
		// The same as the checks and memory made apart.
		s, _ := model.OpenFrontMatter(root)
		byPath := map[string][]model.Finding{}
		for _, f := range plainLint(s) {
			if f.Rule != "" && (slices.Contains(check.Rules, f.Rule) || f.Rule == model.RuleInternal) {
				byPath[f.Path] = append(byPath[f.Path], f)
			}
		}
		for path, fs := range byPath {
			if !sameFindings(found.Checks[path], fs) {
				t.Errorf("%s %s: first pass %v, lint %v", root, path, found.Checks[path], fs)
			}
		}
		m := memory.Build(s)
		if found.Memory.Len() != m.Len() || len(found.Memory.Units()) != len(m.Units()) {
			t.Errorf("%s: memory of %d units, built apart %d", root, found.Memory.Len(), m.Len())
		}
	}
}

// TestEveryRuleIsRegistered: each finding lint and the checks give on
// the fixture sites has a rule the registry knows, and the registry
// holds every package's rules.
func TestEveryRuleIsRegistered(t *testing.T) {
	for _, r := range append(append(slices.Clone(model.Rules), check.Rules...), model.RuleInternal) {
		if _, ok := Rules[r]; !ok {
			t.Errorf("rule %s is not registered", r)
		}
	}
	for _, root := range sites(t) {
		w, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		w.Lint(nil, func(f model.Finding) {
			if _, ok := Rules[f.Rule]; !ok {
				t.Errorf("%s: %s has a rule the registry does not know", root, f)
			}
		})
	}
}

// TestFindingsStore: a post's findings are its sources' in order; a
// source set again replaces its own only; SetAll leaves the posts it is
// told to keep; a bug met twice is one finding.
func TestFindingsStore(t *testing.T) {
	fs := NewFindings()
	lint := model.Finding{Path: "a.md", Line: 3, Rule: model.RuleEmptyBody, Message: "empty"}
	chk := model.Finding{Path: "a.md", Line: 9, Rule: check.RuleNumber, Message: "number"}
	if !fs.Set("a.md", Checks, []model.Finding{chk}) || !fs.Set("a.md", Lint, []model.Finding{lint}) {
		t.Error("a new finding is no change")
	}
	if fs.Set("a.md", Lint, []model.Finding{lint}) {
		t.Error("the same findings are a change")
	}
	if got := fs.Of("a.md"); len(got) != 2 || got[0].Rule != model.RuleEmptyBody || got[1].Rule != check.RuleNumber {
		t.Errorf("merged %v", got)
	}
	bug := model.Finding{Path: "a.md", Rule: model.RuleInternal, Message: "bug"}
	fs.Add("a.md", Bugs, bug)
	fs.Add("a.md", Bugs, bug)
	if len(fs.Of("a.md")) != 3 {
		t.Errorf("a bug twice: %v", fs.Of("a.md"))
	}
	fs.SetAll(Checks, map[string][]model.Finding{"b.md": {chk}}, func(p string) bool { return p == "a.md" })
	if len(fs.Of("a.md")) != 3 || len(fs.Of("b.md")) != 1 {
		t.Errorf("SetAll kept %v and set %v", fs.Of("a.md"), fs.Of("b.md"))
	}
	fs.SetAll(Checks, nil, nil)
	fs.Clear(Bugs)
	if got := fs.Of("a.md"); len(got) != 1 || got[0].Rule != lint.Rule || len(fs.Of("b.md")) != 0 {
		t.Errorf("after clearing: %v %v", got, fs.Of("b.md"))
	}
	if SourceOf(check.RuleTypography) != Checks || SourceOf(model.RuleRequired) != Lint || SourceOf(model.RuleInternal) != Bugs {
		t.Error("sources of rules")
	}
}

// BenchmarkLint is `tandem lint` (every check but the history's) of
// generated Hugo sites of 1,000 and 10,000 pairs, streamed: the time, the
// findings, and the peak of the live heap while it runs (the memory a
// streamed lint needs: the front matter and a few posts).
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		root := b.TempDir()
		if err := sitegen.Hugo(root, n); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("pairs=%d", n), func(b *testing.B) {
			peak, found := lintLoop(b, root)
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(float64(found), "findings")
		})
	}
}

// BenchmarkLintScale is `tandem lint` of generated Hugo sites whose
// pairs each have links of their own (sitegen.HugoLinked: the links the
// checks learn grow with the site, as on a real one), at 1,000, 5,000 and
// 20,000 pairs: the time per pair must not grow with the site.
func BenchmarkLintScale(b *testing.B) {
	for _, n := range []int{1000, 5000, 20000} {
		b.Run(fmt.Sprintf("pairs=%d", n), func(b *testing.B) {
			root := b.TempDir()
			if err := sitegen.HugoLinked(root, n); err != nil {
				b.Fatal(err)
			}
			peak, found := lintLoop(b, root)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/pair")
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(float64(found), "findings")
		})
	}
}

// lintLoop lints the site at root as tandem lint does (OpenFolded, then
// Lint, streamed) for each round of b: the live heap's peak in MB, and
// the findings of the last round.
func lintLoop(b *testing.B, root string) (peak float64, found int) {
	for b.Loop() {
		runtime.GC()
		stop, done := peakHeap()
		w, err := OpenFolded(root)
		if err != nil {
			b.Fatal(err)
		}
		found = 0
		w.Lint(nil, func(model.Finding) { found++ })
		close(stop)
		peak = max(peak, <-done)
	}
	return peak, found
}

// peakHeap samples the live heap until stop closes, then sends its
// peak, in MB, on done.
func peakHeap() (stop chan struct{}, done chan float64) {
	stop, done = make(chan struct{}), make(chan float64)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		high := uint64(0)
		for {
			metrics.Read(sample)
			high = max(high, sample[0].Value.Uint64())
			select {
			case <-stop:
				done <- float64(high) / (1 << 20)
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return stop, done
}

// TestSiteFindingsInLintsOrder: the site's findings given out as the
// posts' turns pass, with each post's own, come in model.Site.Lint's
// order (a stable sort of the site's before, the posts', the site's
// after), ties and paths that are no post's included.
func TestSiteFindingsInLintsOrder(t *testing.T) {
	f := func(path string, line int, msg string) model.Finding {
		return model.Finding{Path: path, Line: line, Message: msg}
	}
	before := []model.Finding{f("a.md", 3, "b1"), f("config.toml", 1, "b2"), f("c.md", 0, "b3"), f("a.md", 3, "b4")}
	after := []model.Finding{f("a.md", 3, "a1"), f("b.md", 1, "a2"), f("config.toml", 1, "a3"), f("z.txt", 2, "a4"), f("a.md", 1, "a5"), f("\xff.md", 1, "a6")}
	own := map[string][]model.Finding{"a.md": {f("a.md", 3, "o1"), f("a.md", 2, "o2")}, "c.md": {f("c.md", 0, "o3")}, "d.md": nil}
	var want []model.Finding
	want = append(want, before...)
	for _, p := range []string{"a.md", "c.md", "d.md"} {
		want = append(want, own[p]...)
	}
	want = append(want, after...)
	model.SortFindings(want)

	sl := siteLint{before: slices.Clone(before), after: slices.Clone(after)}
	model.SortFindings(sl.before)
	model.SortFindings(sl.after)
	var got []model.Finding
	emit := func(f model.Finding) { got = append(got, f) }
	for _, p := range []string{"a.md", "c.md", "d.md"} {
		sl.upTo(p, emit)
		for _, f := range sl.of(p, own[p]) {
			emit(f)
		}
	}
	sl.rest(emit)
	msgs := func(fs []model.Finding) (out []string) {
		for _, f := range fs {
			out = append(out, f.Message)
		}
		return out
	}
	if !slices.Equal(msgs(got), msgs(want)) {
		t.Errorf("given out %v\nLint's order %v", msgs(got), msgs(want))
	}
}

// TestAnOlderGenerationIsDropped: what was started for a site shown
// before (its first pass, its pairs' states, its history read again) is
// dropped once another is shown, even the same folder opened again; what
// was started for the site shown now is kept.
func TestAnOlderGenerationIsDropped(t *testing.T) {
	root := filepath.Join("..", "testdata", "hugo")
	w := New()
	first, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	w.Show(first.Model, first.Model.Lint())
	old := w.Generation()
	found := first.Pass().Run()

	again, err := Open(root) // the same folder, opened again
	if err != nil {
		t.Fatal(err)
	}
	w.Show(again.Model, again.Model.Lint())
	if w.FirstPass(old, found, nil) || w.Memory() != nil {
		t.Fatal("the first pass of the site shown before was kept")
	}
	if w.SetStatus(old, &git.SiteStatus{}) || w.Status() != nil {
		t.Fatal("the states read for the site shown before were kept")
	}
	if w.NewHistory(old, &stale.History{}) || w.History() != nil {
		t.Fatal("the history read for the site shown before was kept")
	}
	now := w.Generation()
	if !w.FirstPass(now, again.Pass().Run(), nil) || w.Memory() == nil {
		t.Fatal("the first pass of the site shown now was dropped")
	}
	if !w.SetStatus(now, &git.SiteStatus{}) || w.Status() == nil {
		t.Fatal("the states read for the site shown now were dropped")
	}
	// Showing a site forgets what was known of the last one.
	w.Show(first.Model, nil)
	if w.Memory() != nil || w.Status() != nil || len(w.FindingsOf(first.Model.Posts[0].Path)) != 0 {
		t.Fatal("a site shown kept what was known of the one before")
	}
}

// TestLiveRunsAreKeptByNumber: the open pair's live checks keep the
// newest run's findings: a run started before one already applied is
// dropped, and so is a run started for a site shown before; a run's
// findings are the post's merged ones (Live.Findings).
func TestLiveRunsAreKeptByNumber(t *testing.T) {
	w, err := Open(filepath.Join("..", "testdata", "hugo"))
	if err != nil {
		t.Fatal(err)
	}
	w.Show(w.Model, w.Model.Lint())
	s := w.Model
	en, fr := s.PostAt("content/en/blog/posts/open-source.md"), s.PostAt("content/fr/blog/posts/code-source-ouvert.md")
	if en == nil || fr == nil || en.Pair.Load() != nil {
		t.Fatal("no pair")
	}
	side := func(p *model.Post, body string) check.Side {
		d := markup.Render([]byte(body), markup.ForText(s, p))
		sd := check.SideOf(p, d)
		sd.Body = []byte(body)
		return sd
	}
	texts := func(frBody string) []*LiveText {
		return []*LiveText{{Path: fr.Path, Lang: "fr", Body: []byte(frBody), BodyLine: fr.Doc.BodyLine(), French: true}}
	}
	start := func(l *Live, frBody string) *LiveRun {
		pair := [2]check.Side{side(en, string(en.Doc.Body())), side(fr, frBody)}
		r := l.Start(s, &pair, texts(frBody))
		r.Do()
		return r
	}
	l := w.OpenLive()
	older := start(l, string(fr.Doc.Body())+"\nUn « guillemet » de plus.\n")
	newer := start(l, string(fr.Doc.Body()))
	if !l.Apply(w, newer) {
		t.Fatal("the newest run was dropped")
	}
	if l.Apply(w, older) {
		t.Fatal("a run started before the one kept was kept after it")
	}
	for _, f := range l.Findings(s, fr, false) {
		if f.Rule == check.RuleTypography && f.Line > 0 && strings.Contains(f.Message, "«") {
			t.Fatalf("the older run's finding is shown: %v", f)
		}
	}
	// The older text's typography is found when its run is the newest.
	again := start(l, string(fr.Doc.Body())+"\nUn « guillemet » de plus.\n")
	if !l.Apply(w, again) || !slices.ContainsFunc(l.Findings(s, fr, false), func(f model.Finding) bool { return f.Rule == check.RuleTypography }) {
		t.Fatalf("no typography finding from the newest run: %v", l.Findings(s, fr, false))
	}
	// Another site shown: a run started before it is dropped.
	late := start(l, string(fr.Doc.Body()))
	w.Show(s, nil)
	if l.Apply(w, late) {
		t.Fatal("a run started for the site shown before was kept")
	}
}

// TestABugInAWorkerIsTheCallers: a bug in the work of one of Lint's turns
// is raised on the goroutine that called it, where its bug.Catch takes
// it, not in a worker of its own that would end the process.
func TestABugInAWorkerIsTheCallers(t *testing.T) {
	var given []int
	err := bug.Catch("lint a site", func() {
		ordered(100, func(i int) int { return i }, func(i int) int {
			if i == 37 {
				panic("a planted bug")
			}
			return i * 2
		}, func(i, r int) { given = append(given, r) })
	})
	if err == nil || !strings.Contains(fmt.Sprint(err.Value), "a planted bug") {
		t.Fatalf("the bug was not raised on the caller: %v", err)
	}
	for i, r := range given {
		if r != 2*i || i >= 37 {
			t.Fatalf("turn %d gave %d", i, r)
		}
	}
}

// TestAPostBrokenWhileLintRuns: a post whose front matter lint let go
// (LetFrontMatterGo) and whose file breaks before its turn is said as a
// file that cannot be read, with its line, not as a bug in Tandem; its
// pair's other post is linted alone.
func TestAPostBrokenWhileLintRuns(t *testing.T) {
	root := filepath.Join(t.TempDir(), "hugo")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("..", "testdata", "hugo"))); err != nil {
		t.Fatal(err)
	}
	// The translation has an image without a text: its own check says so.
	tr := filepath.Join(root, "content/fr/blog/posts/code-source-ouvert.md")
	text, err := os.ReadFile(tr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tr, append(text, "\n![](/images/sans-texte.png)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := OpenFolded(root)
	if err != nil {
		t.Fatal(err)
	}
	w.LetFrontMatterGo()
	broken := "content/en/blog/posts/open-source.md"
	if err := os.WriteFile(filepath.Join(root, broken), []byte("---\ntitle: Open\ndate: [2024\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []model.Finding
	w.Lint(nil, func(f model.Finding) { got = append(got, f) })
	said, other := false, 0
	for _, f := range got {
		if f.Rule == model.RuleInternal {
			t.Errorf("a bug said: %v", f)
		}
		if f.Path == broken && f.Rule == model.RuleUnparseable && f.Line > 0 {
			said = true
		}
		if f.Path == "content/fr/blog/posts/code-source-ouvert.md" && strings.HasPrefix(f.Rule, "accessibility") {
			other++
		}
	}
	if !said {
		t.Errorf("the broken post not said with its line:\n%v", got)
	}
	if other == 0 {
		t.Error("its translation not linted")
	}
}

// TestABugInATurnStaysInItsPost: a bug in a post's turn (the test hook,
// on the goroutine that owns the site) is an internal-error finding on
// that post; the lint goes on, the other pairs' findings as they are.
func TestABugInATurnStaysInItsPost(t *testing.T) {
	bug.SetLog(filepath.Join(t.TempDir(), "errors.log"))
	defer bug.SetLog("")
	root := filepath.Join("..", "testdata", "hugo")
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	want := plainLint(s)
	t.Setenv("TANDEM_INJECT_PANIC", "open-source.md")
	t.Setenv("TANDEM_INJECT_PANIC_IN", "turn")
	w, err := OpenFolded(root)
	if err != nil {
		t.Fatal(err)
	}
	w.LetFrontMatterGo()
	var got []model.Finding
	w.Lint(nil, func(f model.Finding) { got = append(got, f) })
	pair := map[string]bool{"content/en/blog/posts/open-source.md": true, "content/fr/blog/posts/code-source-ouvert.md": true}
	said := false
	for _, f := range got {
		if f.Rule == model.RuleInternal {
			if f.Path != "content/en/blog/posts/open-source.md" {
				t.Errorf("the bug said on another post: %v", f)
			}
			said = true
		}
	}
	if !said {
		t.Error("the bug not said")
	}
	others := func(fs []model.Finding) []model.Finding {
		return slices.DeleteFunc(slices.Clone(fs), func(f model.Finding) bool { return pair[f.Path] })
	}
	if g, w := others(got), others(want); !sameFindings(g, w) {
		t.Errorf("the other posts' findings changed:\n%s", firstDiff(g, w))
	}
}

// TestOnePostsFolderIsSurveyedByLanguage: in a Jekyll site of one _posts
// folder, where each post says its language in `lang:`, the survey reads
// the French posts as French, as it does in a site of a folder a
// language: a site whose French puts a space before ? and ! follows
// France's rules, opened for the window or for lint.
func TestOnePostsFolderIsSurveyedByLanguage(t *testing.T) {
	fr := strings.Repeat("Vraiment ? Oui ! Et ensuite ; voilà.\n\n", 5)
	en := strings.Repeat("Really? Yes! And then; there.\n\n", 5)
	for _, layout := range []string{"_posts", "_posts/%s"} {
		root := t.TempDir()
		for i := range 3 {
			for _, lang := range []string{"en", "fr"} {
				dir := filepath.Join(root, filepath.FromSlash(strings.ReplaceAll(layout, "%s", lang)))
				body := map[string]string{"en": en, "fr": fr}[lang]
				text := fmt.Sprintf("---\ntitle: %s %d\nlang: %s\nref: r%d\n---\n%s", lang, i, lang, i, body)
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("2021-03-0%d-%s-%d.md", i+1, lang, i)), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, open := range map[string]func(string) (*Site, error){"Open": Open, "OpenFolded": OpenFolded} {
			w, err := open(root)
			if err != nil {
				t.Fatal(err)
			}
			if got := check.SiteRules(w.Model); got != "france" {
				t.Errorf("%s, %s: the French posts' rules are %q", layout, name, got)
			}
		}
	}
}
