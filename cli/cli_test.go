package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"tandem/git/gittest"
	"tandem/model"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(args, &o, &e)
	return code, o.String(), e.String()
}

func copySite(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func fixture(t *testing.T, name string) string {
	return copySite(t, filepath.Join("..", "testdata", name))
}

func TestLintExitCodes(t *testing.T) {
	if code, out, _ := run("lint", fixture(t, "jekyll")); code != 0 || !strings.Contains(out, "[missing-counterpart]") {
		t.Errorf("warnings only: exit %d\n%s", code, out)
	}
	if code, out, _ := run("lint", fixture(t, "hugo")); code != 1 || !strings.Contains(out, "error: translationKey reading-room") {
		t.Errorf("an error: exit %d\n%s", code, out)
	}
	if code, _, errOut := run("lint", t.TempDir()); code != 2 || !strings.Contains(errOut, "not a Jekyll or Hugo site") {
		t.Errorf("not a site: exit %d %s", code, errOut)
	}
	if code, _, _ := run("lint"); code != 2 {
		t.Errorf("no site: exit %d", code)
	}
	if code, _, _ := run("lint", "--frobnicate", "."); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
}

func TestLintJSON(t *testing.T) {
	code, out, _ := run("lint", "--json", fixture(t, "jekyll"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Layout    string   `json:"layout"`
		Languages []string `json:"languages"`
		Posts     []struct {
			Path        string  `json:"path"`
			Lang        string  `json:"lang"`
			Counterpart *string `json:"counterpart"`
			Title       string  `json:"title"`
		} `json:"posts"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Layout != "jekyll" || strings.Join(rep.Languages, ",") != "en,fr" || len(rep.Posts) != 13 {
		t.Errorf("%s %v %d posts", rep.Layout, rep.Languages, len(rep.Posts))
	}
	for _, p := range rep.Posts {
		alone := strings.Contains(p.Path, "summer-hours")
		if (p.Counterpart == nil) != alone {
			t.Errorf("%s: counterpart %v", p.Path, p.Counterpart)
		}
		if p.Title == "" || strings.Contains(p.Path, `\`) {
			t.Errorf("post %+v", p)
		}
	}
	// The site's own findings, and the translation checks' on the pair
	// whose French leaves blocks out (each naming the source's line).
	var own, translation int
	for _, f := range rep.Findings {
		rule := f["rule"].(string)
		switch {
		case strings.HasPrefix(rule, "translation-"):
			translation++
			if f["source_line"] == nil || f["block"] == nil || !strings.Contains(f["path"].(string), "jardins") {
				t.Errorf("translation finding %v", f)
			}
		case rule == "typography-fr":
		default:
			own++
		}
	}
	if own != 2 || translation == 0 {
		t.Fatalf("findings %v", rep.Findings)
	}
	for _, k := range []string{"path", "line", "rule", "severity", "message"} {
		if _, ok := rep.Findings[0][k]; !ok {
			t.Errorf("finding without %q: %v", k, rep.Findings[0])
		}
	}
	// No findings is an empty list, not null.
	_, out, _ = run("lint", "--json", fixture(t, "hugo-filenames"))
	if !strings.Contains(out, `"findings": []`) {
		t.Errorf("empty findings:\n%s", out)
	}
}

func TestSet(t *testing.T) {
	root := fixture(t, "jekyll")
	en := filepath.Join(root, "_posts", "en", "2024-03-05-community-gardens.md")
	fr := filepath.Join(root, "_posts", "fr", "2024-03-05-jardins-communautaires.md")
	before, _ := os.ReadFile(fr)
	code, out, errOut := run("set", en, "title=Gardens for everyone", "image-alt=Lettuce in a raised bed")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.TrimSpace(out) != en {
		t.Errorf("printed %q", out)
	}
	text, _ := os.ReadFile(en)
	if !strings.Contains(string(text), "title: \"Gardens for everyone\"\n") || !strings.Contains(string(text), "image-alt: \"Lettuce in a raised bed\"\n") {
		t.Errorf("not set:\n%s", text)
	}
	if after, _ := os.ReadFile(fr); !bytes.Equal(after, before) {
		t.Error("a per-language field changed the other post")
	}
	// A shared field goes to both posts.
	if code, out, _ = run("set", en, "date=2024-03-06"); code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("shared field: exit %d, wrote\n%s", code, out)
	}
	if after, _ := os.ReadFile(fr); !strings.Contains(string(after), "date:   2024-03-06 09:00:00 -0500\n") {
		t.Errorf("French date:\n%s", after)
	}
	// The same value again writes nothing.
	st, _ := os.Stat(en)
	if code, out, _ = run("set", en, "title=Gardens for everyone"); code != 0 || out != "" {
		t.Errorf("no-op set: exit %d, wrote %q", code, out)
	}
	if st2, _ := os.Stat(en); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("a no-op set touched the file")
	}
}

// TestSetKeepsTheOtherPostsOwnValue: in a site whose French posts have
// their own image, and dates a day apart on some pairs.
func TestSetKeepsTheOtherPostsOwnValue(t *testing.T) {
	root := fixture(t, "hugo-localized")
	post := func(lang, key string) string { return filepath.Join(root, "content", lang, "blog", "posts", key+".md") }
	read := func(p string) string { b, _ := os.ReadFile(p); return string(b) }
	// image is per-language in this site: only the named post changes.
	frBike := read(post("fr", "bike-lanes"))
	code, out, errOut := run("set", post("en", "bike-lanes"), "image=https://blog.example/images/new.jpg")
	if code != 0 || strings.TrimSpace(out) != post("en", "bike-lanes") || errOut != "" {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if read(post("fr", "bike-lanes")) != frBike {
		t.Error("the French image changed")
	}
	// The date is shared, but the French post of this pair is a day apart:
	// it keeps its date, and stderr says so.
	frBudget := read(post("fr", "open-budget"))
	code, out, errOut = run("set", post("en", "open-budget"), "date=2021-04-12")
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("exit %d, out %q", code, out)
	}
	if !strings.Contains(errOut, "content/fr/blog/posts/open-budget.md has its own date") || !strings.Contains(errOut, "--both") {
		t.Errorf("stderr %q", errOut)
	}
	if read(post("fr", "open-budget")) != frBudget {
		t.Error("the French date changed")
	}
	// --both changes it too, at the French post's own time.
	code, out, errOut = run("set", "--both", post("en", "open-budget"), "date=2021-04-13")
	if code != 0 || strings.Count(out, "\n") != 2 || errOut != "" {
		t.Errorf("--both: exit %d, out %q, err %q", code, out, errOut)
	}
	if got := read(post("fr", "open-budget")); got != strings.Replace(frBudget, "date: 2021-04-08T13:00:00.000Z", "date: 2021-04-13T13:00:00.000Z", 1) {
		t.Errorf("--both:\n%s", got)
	}
	if code, _, _ := run("set", "--all", post("en", "open-budget"), "date=2021-04-13"); code != 2 {
		t.Errorf("unknown option: exit %d", code)
	}
}

func TestSetErrors(t *testing.T) {
	root := fixture(t, "jekyll")
	post := filepath.Join(root, "_posts", "en", "2024-07-20-summer-hours.md")
	if code, _, _ := run("set", post); code != 2 {
		t.Errorf("no KEY=VALUE: exit %d", code)
	}
	if code, _, _ := run("set", post, "novalue"); code != 2 {
		t.Errorf("bad KEY=VALUE: exit %d", code)
	}
	if code, _, _ := run("set", filepath.Join(root, "nope.md"), "a=b"); code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, e := run("set", filepath.Join(root, "_config.yml"), "a=b"); code != 2 || !strings.Contains(e, "not a post") {
		t.Errorf("not a post: exit %d %s", code, e)
	}
	if code, _, e := run("set", post, "bad:key=x"); code != 1 || !strings.Contains(e, "not a usable front-matter key") {
		t.Errorf("bad key: exit %d %s", code, e)
	}
	broken := filepath.Join(root, "_posts", "en", "2024-09-09-broken.md")
	os.WriteFile(broken, []byte("---\ntitle: [x\n---\n"), 0o644)
	code, _, e := run("set", broken, "title=y")
	if code != 1 || !strings.Contains(e, "line 2") {
		t.Errorf("unparsed: exit %d %s", code, e)
	}
	if b, _ := os.ReadFile(broken); string(b) != "---\ntitle: [x\n---\n" {
		t.Error("the unparsed file changed")
	}
}

func TestNew(t *testing.T) {
	root := fixture(t, "jekyll")
	code, out, errOut := run("new", root, "--en-title", "Our new office", "--fr-title=Nos nouveaux bureaux", "--date", "2025-06-01", "--author", "Jo Martin")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	paths := strings.Fields(out)
	if len(paths) != 2 || !strings.HasSuffix(paths[0], "2025-06-01-our-new-office.md") || !strings.HasSuffix(paths[1], "2025-06-01-nos-nouveaux-bureaux.md") {
		t.Fatalf("printed %q", out)
	}
	for _, p := range paths {
		if b, err := os.ReadFile(p); err != nil || !strings.Contains(string(b), "author: Jo Martin") {
			t.Errorf("%s: %v\n%s", p, err, b)
		}
	}
	if code, _, _ := run("new", root, "--en-title", "Only one"); code != 2 {
		t.Errorf("one title: exit %d", code)
	}
	if code, _, _ := run("new", root, "--en-title", "A", "--fr-title", "B", "--date", "June 1"); code != 2 {
		t.Errorf("bad date: exit %d", code)
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := run("--version"); code != 0 || !strings.HasPrefix(out, "tandem ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := run("--help"); code != 0 || !strings.Contains(out, "tandem lint [--json] SITE") {
		t.Errorf("help: %d", code)
	}
}

// TestWindowOrCommand: the window opens for nothing or one path that
// exists; a typo is an unknown command, with the usage, exit 2.
func TestWindowOrCommand(t *testing.T) {
	site := fixture(t, "jekyll")
	for _, c := range []struct {
		args   []string
		window bool
	}{
		{nil, true}, {[]string{site}, true}, {[]string{filepath.Join(site, "_config.yml")}, true},
		{[]string{"lint", site}, false}, {[]string{"lnt", site}, false}, {[]string{"lnt"}, false},
		{[]string{filepath.Join(site, "nope")}, false}, {[]string{"--frobnicate"}, false}, {[]string{site, site}, false},
	} {
		if got := Window(c.args); got != c.window {
			t.Errorf("Window(%q) = %v", c.args, got)
		}
	}
	code, out, errOut := run("lnt", site)
	if code != 2 || out != "" || !strings.Contains(errOut, `"lnt" is not a command`) || !strings.Contains(errOut, "Usage:") {
		t.Errorf("typo: exit %d, out %q, err %q", code, out, errOut)
	}
	if code, _, errOut := run("--frobnicate"); code != 2 || !strings.Contains(errOut, "unknown option --frobnicate") {
		t.Errorf("unknown option: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(site, site); code != 2 || !strings.Contains(errOut, "one site or post at a time") {
		t.Errorf("two paths: exit %d, %q", code, errOut)
	}
}

// TestSampleSiteSetRoundTrip runs `tandem set` on every field of every
// post of the shared sample with the value it has: no file changes.
func TestSampleSiteSetRoundTrip(t *testing.T) {
	src := filepath.Join("..", "..", "shared", "samples", "jekyll-site")
	if _, err := os.Stat(src); err != nil {
		t.Skip("../shared/samples/jekyll-site is not here")
	}
	root := copySite(t, src)
	s, err := model.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Posts {
		before, _ := os.ReadFile(p.Abs())
		args := []string{"set", p.Abs()}
		for _, k := range p.Doc.Keys() {
			args = append(args, k+"="+p.Doc.Get(k))
		}
		if code, out, e := run(args...); code != 0 || out != "" {
			t.Errorf("%s: exit %d, wrote %q %s", p.Path, code, out, e)
		}
		if after, _ := os.ReadFile(p.Abs()); !bytes.Equal(after, before) {
			t.Errorf("%s changed", p.Path)
		}
	}
}

// TestHeadlessWithoutFyne: the headless commands build without Fyne, so
// that they need no display, no cgo toolkit and print nothing of its own.
func TestHeadlessWithoutFyne(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("cli depends on %s", dep)
		}
	}
	if !strings.Contains(string(out), "tandem/markup") {
		t.Error("go list printed no dependency: the check is broken")
	}
}

// rendererFixture puts together a fixture Hugo site of
// testdata/hugo-renderers (see markup's renderer tests).
func rendererFixture(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "hugo-renderers")
	dst := copySite(t, filepath.Join(src, "sites", name))
	for _, l := range []string{"en", "fr"} {
		if err := os.CopyFS(filepath.Join(dst, "content", l, "blog", "posts"), os.DirFS(filepath.Join(src, "posts", l))); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestLintRendererAndRawHTML: lint --json names the renderer and the file
// that decided it; a goldmark site without unsafe gets raw-html-omitted
// on the first line of raw HTML of each post that has some, a site that
// publishes raw HTML none.
func TestLintRendererAndRawHTML(t *testing.T) {
	type report struct {
		Renderer struct {
			Name    string  `json:"name"`
			Version *string `json:"version"`
			From    *string `json:"from"`
		} `json:"renderer"`
		Findings []model.Finding `json:"findings"`
	}
	lintOf := func(site string) report {
		_, out, errOut := run("lint", "--json", site)
		var rep report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %s %s", err, out, errOut)
		}
		return rep
	}
	rep := lintOf(rendererFixture(t, "netlify-055"))
	if r := rep.Renderer; r.Name != "blackfriday" || r.Version == nil || *r.Version != "0.55.6" || r.From == nil || *r.From != "netlify.toml" {
		t.Errorf("renderer %+v", r)
	}
	for _, f := range rep.Findings {
		if f.Rule == model.RuleRawHTMLOmitted {
			t.Errorf("Blackfriday publishes raw HTML: %s", f)
		}
	}
	rep = lintOf(rendererFixture(t, "default"))
	if r := rep.Renderer; r.Name != "goldmark" || r.Version != nil || r.From != nil {
		t.Errorf("renderer %+v", r)
	}
	var got []string
	for _, f := range rep.Findings {
		if f.Rule == model.RuleRawHTMLOmitted {
			got = append(got, fmt.Sprintf("%s:%d", f.Path, f.Line))
		}
	}
	// The raw HTML starts on line 8 of both WordPress exports (after the
	// front matter); the other posts have none.
	want := []string{"content/en/blog/posts/wordpress-export.md:8", "content/fr/blog/posts/wordpress-export.md:8"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("raw-html-omitted on %v, want %v", got, want)
	}
	if code, out, _ := run("lint", rendererFixture(t, "workflow-055")); code != 0 || !strings.Contains(out, "rendered with blackfriday (Hugo 0.55.6, from .github/workflows/deploy.yml)") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestPublishCommand: tandem publish's lines and exit codes, on a clone of
// a bare repository on disk.
func TestPublishCommand(t *testing.T) {
	dir := gittest.Home(t)
	work := fixture(t, "jekyll")
	gittest.Site(t, dir, work)
	post := filepath.Join(work, "_posts", "en", "2024-03-05-community-gardens.md")
	os.WriteFile(post, append(mustReadFile(t, post), "Published from the command line.\n"...), 0o644)

	code, out, errOut := run("publish", "--branch", "review/gardens", "--message", "Gardens for review", post)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || lines[0] != "branch: review/gardens" || !strings.HasPrefix(lines[1], "commit: ") || len(lines[1]) != len("commit: ")+40 {
		t.Errorf("printed %q", out)
	}
	if code, _, errOut := run("publish", "--branch=review/gardens", post); code != 1 || !strings.Contains(errOut, "Nothing to publish") || !strings.Contains(errOut, "Rien à publier") {
		t.Errorf("nothing new: exit %d, %q", code, errOut)
	}
	if code, _, _ := run("publish", "--colour", "x", post); code != 2 {
		t.Errorf("unknown option: exit %d", code)
	}
	if code, _, _ := run("publish"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	code, out, _ = run("status", "--json", work)
	var st struct {
		Branch string `json:"branch"`
		Pairs  []struct {
			Posts  []string `json:"posts"`
			State  string   `json:"state"`
			Branch string   `json:"branch"`
		} `json:"pairs"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 {
		t.Fatalf("status: exit %d, %v\n%s", code, err, out)
	}
	states := map[string]string{}
	for _, p := range st.Pairs {
		states[p.Posts[0]] = p.State + " " + p.Branch
	}
	if got := states["_posts/en/2024-03-05-community-gardens.md"]; got != "in review review/gardens" {
		t.Errorf("the published pair: %q", got)
	}
	if got := states["_posts/en/2024-04-10-open-data-day.md"]; got != "published " {
		t.Errorf("a pair as it is on main: %q", got)
	}
	// Get latest, after someone else's push to main.
	other := filepath.Join(t.TempDir(), "other")
	gittest.Git(t, filepath.Dir(other), "clone", "-q", filepath.Join(dir, "remote.git"), other)
	summer := filepath.Join(other, "_posts", "en", "2024-07-20-summer-hours.md")
	os.WriteFile(summer, append(mustReadFile(t, summer), "Upstream.\n"...), 0o644)
	gittest.Git(t, other, "commit", "-q", "-am", "Upstream")
	gittest.Git(t, other, "push", "-q", "origin", "main")
	if code, out, errOut := run("pull", work); code != 0 || out != "updated: _posts/en/2024-07-20-summer-hours.md\n" {
		t.Errorf("pull: exit %d, %q, %q", code, out, errOut)
	}
	if code, out, _ := run("pull", work); code != 0 || out != "up to date\n" {
		t.Errorf("pull again: exit %d, %q", code, out)
	}
	if code, _, _ := run("pull"); code != 2 {
		t.Errorf("pull without a site: exit %d", code)
	}
	notRepo := fixture(t, "jekyll")
	if code, _, errOut := run("publish", filepath.Join(notRepo, "_posts", "en", "2024-03-05-community-gardens.md")); code != 1 || !strings.Contains(errOut, "git clone") {
		t.Errorf("not a repository: exit %d, %q", code, errOut)
	}
}

func mustReadFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAlignCommand: tandem align --json's shape: the source and target
// paths, and per match the 1-based file lines in each language, or null.
func TestAlignCommand(t *testing.T) {
	root := fixture(t, "jekyll")
	code, out, errOut := run("align", "--json", filepath.Join(root, "_posts", "fr", "2024-03-05-jardins-communautaires.md"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Source string               `json:"source"`
		Target string               `json:"target"`
		Blocks []map[string]*[2]int `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Source != "_posts/en/2024-03-05-community-gardens.md" || rep.Target != "_posts/fr/2024-03-05-jardins-communautaires.md" {
		t.Errorf("paths %q %q", rep.Source, rep.Target)
	}
	// The first paragraphs (lines 13-14 in both files) and the image line.
	if len(rep.Blocks) < 3 || *rep.Blocks[0]["en"] != [2]int{13, 14} || *rep.Blocks[0]["fr"] != [2]int{13, 14} || *rep.Blocks[1]["fr"] != [2]int{16, 16} {
		t.Errorf("blocks %s", out)
	}
	nulls := 0
	for _, b := range rep.Blocks {
		if _, ok := b["fr"]; !ok {
			t.Errorf("a match without a fr key: %v", b)
		}
		if b["fr"] == nil {
			nulls++
		}
	}
	if nulls == 0 {
		t.Error("the English blocks the French post lacks have no null")
	}
	if code, _, _ := run("align", filepath.Join(root, "_posts", "en", "2024-07-20-summer-hours.md")); code != 1 {
		t.Errorf("a post without translation: exit %d", code)
	}
}

// TestFix: --dry-run shows the fixes and writes nothing; fix writes them
// and says what it changed; a second run changes nothing.
func TestFix(t *testing.T) {
	site := copySite(t, filepath.Join("..", "check", "testdata", "site"))
	file := filepath.Join(site, "content", "fr", "blog", "posts", "seance-du-conseil.md")
	before, _ := os.ReadFile(file)
	code, out, errOut := run("fix", "--dry-run", file)
	if code != 0 || !strings.Contains(out, "seance-du-conseil.md:9: a no-break space goes before %, $ and units") ||
		!strings.Contains(out, "(title): a no-break space goes before the colon") || !strings.Contains(out, "nothing was written") {
		t.Errorf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if now, _ := os.ReadFile(file); string(now) != string(before) {
		t.Error("--dry-run wrote")
	}
	if code, out, errOut := run("fix", file); code != 0 || !strings.Contains(out, "fixes written to") {
		t.Errorf("fix: exit %d\n%s%s", code, out, errOut)
	}
	fixed, _ := os.ReadFile(file)
	if string(fixed) == string(before) || !strings.Contains(string(fixed), "19&nbsp;h") {
		t.Errorf("not fixed:\n%s", fixed)
	}
	if code, out, _ := run("fix", file); code != 0 || !strings.Contains(out, "no typography to fix") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
	if again, _ := os.ReadFile(file); string(again) != string(fixed) {
		t.Error("the second run wrote")
	}
	en := filepath.Join(site, "content", "en", "blog", "posts", "council-meeting.md")
	if code, _, errOut := run("fix", en); code != 0 || !strings.Contains(errOut, "not a French post") {
		t.Errorf("English post: exit %d %s", code, errOut)
	}
	if code, _, _ := run("fix"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
}

// TestSuggestAndTM: suggest prints the contract's JSON for a block of the
// memory fixture; tm --tmx writes TMX.
func TestSuggestAndTM(t *testing.T) {
	site := copySite(t, filepath.Join("..", "check", "testdata", "memory"))
	file := filepath.Join(site, "content", "en", "blog", "posts", "open-code.md")
	code, out, errOut := run("suggest", "--json", file, "--line", "12")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	var rep struct {
		Suggestions []map[string]any `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Suggestions) == 0 {
		t.Fatalf("%v\n%s", err, out)
	}
	s := rep.Suggestions[0]
	if len(s) != 4 || s["score"].(float64) < 60 || !strings.Contains(s["target"].(string), "résidents") || !strings.HasPrefix(s["from"].(string), "content/fr/blog/posts/nouveau-formulaire.md:") {
		t.Errorf("suggestion %v", s)
	}
	if code, _, _ := run("suggest", file, "--line", "10"); code != 1 {
		t.Errorf("a blank line: exit %d", code)
	}
	if code, _, _ := run("suggest", file); code != 2 {
		t.Errorf("no line: exit %d", code)
	}
	code, out, _ = run("tm", "--tmx", site)
	if code != 0 || !strings.Contains(out, `<tmx version="1.4">`) || strings.Count(out, "<tu>")+strings.Count(out, `<tu segtype="sentence">`) != 19 {
		t.Errorf("tm: exit %d\n%.600s", code, out)
	}
}

// TestSpell: --lang prints the lines of stdin that hold a misspelled
// word; FILE lists a post's misspellings with lines, columns and
// suggestions, the site's own words accepted, exit 1.
func TestSpell(t *testing.T) {
	Stdin = strings.NewReader("Ths is a sentense.\nThis is fine.\nThe colour of the neighbourhood.\n")
	defer func() { Stdin = os.Stdin }()
	code, out, _ := run("spell", "--lang", "en")
	if code != 0 || out != "Ths is a sentense.\n" {
		t.Errorf("--lang en: exit %d %q", code, out)
	}
	// The editor's rules: French inclusive forms, and a misspelling
	// beside them still found.
	Stdin = strings.NewReader("Les utilisateur·rice·s et les employé(e)s sont inscrit·e·s.\nLes utilisateurs sont inscirts.\n")
	if code, out, _ := run("spell", "--lang", "fr"); code != 0 || out != "Les utilisateurs sont inscirts.\n" {
		t.Errorf("--lang fr: exit %d %q", code, out)
	}
	site := copySite(t, filepath.Join("..", "check", "testdata", "memory"))
	file := filepath.Join(site, "content", "fr", "blog", "posts", "premier-sprint.md")
	os.WriteFile(file, []byte(strings.Replace(string(mustReadFile(t, file)), "deux semaines", "deux semianes", 1)), 0o644)
	code, out, errOut := run("spell", "--json", file)
	var rep struct {
		Misspellings []struct {
			Word        string   `json:"word"`
			Line        int      `json:"line"`
			Column      int      `json:"column"`
			Suggestions []string `json:"suggestions"`
		} `json:"misspellings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 {
		t.Fatalf("exit %d %v %s %s", code, err, out, errOut)
	}
	if len(rep.Misspellings) != 1 || rep.Misspellings[0].Word != "semianes" || rep.Misspellings[0].Line != 7 || rep.Misspellings[0].Column != 23 {
		t.Fatalf("%+v", rep.Misspellings)
	}
	if sg := rep.Misspellings[0].Suggestions; len(sg) == 0 || sg[0] != "semaines" {
		t.Errorf("suggestions %v", sg)
	}
	os.WriteFile(filepath.Join(site, ".tandem-dictionary.fr.txt"), []byte("# the team's words\nsemianes\n"), 0o644)
	if code, out, _ := run("spell", file); code != 0 || out != "" {
		t.Errorf("with the site's word: exit %d %q", code, out)
	}
}

// TestLintJSONIsOneReport: lint --json prints its findings as it finds
// them, and what it prints is byte for byte what encoding the whole
// report at once gives (and valid JSON), with findings and without.
func TestLintJSONIsOneReport(t *testing.T) {
	for _, name := range []string{"hugo-wordpress", "jekyll", "hugo-localized", "custom"} {
		site := fixture(t, name)
		_, out, _ := run("lint", "--json", site)
		var rep jsonReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%s: %v\n%.500s", name, err, out)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(rep)
		if b.String() != out {
			t.Errorf("%s: the streamed report differs from one encoding\n%.800s\n---\n%.800s", name, out, b.String())
		}
	}
	var b bytes.Buffer
	js := newJSONStream(&b, jsonReport{Findings: []model.Finding{}}, nil)
	js.close()
	if !strings.Contains(b.String(), `"findings": []`) || !json.Valid(b.Bytes()) {
		t.Errorf("an empty report: %s", b.String())
	}
}

// FuzzFindingJSON: lint's JSON writes a finding, and a post, as the
// encoder of the whole report does, whatever their text.
func FuzzFindingJSON(f *testing.F) {
	f.Add("content/fr/a.md", 3, "translation-number", "« 1 000 » \"quoted\" \\ <b>&", "title", 7, "k1")
	f.Add("_posts/en/x\x01.md", 0, "r", "bad \xff utf-8 \u2028 and\ttab\nline", "", 0, "")
	f.Fuzz(func(t *testing.T, path string, line int, rule, message, field string, sourceLine int, block string) {
		fd := model.Finding{Path: path, Line: line, Rule: rule, Severity: model.Warning, Message: message, Field: field, SourceLine: sourceLine, Block: block}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("    ", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(fd)
		var js jsonStream
		if got := string(js.finding(nil, fd)) + "\n"; got != want.String() {
			t.Fatalf("%q\nthe encoder: %q", got, want.String())
		}
		// A post of the report, with and without a counterpart.
		for _, cp := range []*string{nil, &block} {
			jp := jsonPost{Path: path, Lang: rule, Counterpart: cp, Title: message}
			want.Reset()
			enc.Encode(jp)
			if got := string(js.post(nil, jp)) + "\n"; got != want.String() {
				t.Fatalf("%q\nthe encoder: %q", got, want.String())
			}
		}
	})
}

// TestLintsRoomIsTheLargestPairs: once the site is open, lint's memory
// cap is what the site holds and a room for the pairs in hand that grows
// with the largest body and the CPUs, not with the number of posts.
func TestLintsRoomIsTheLargestPairs(t *testing.T) {
	small, large := lintLimit(5<<20, 4<<10, 2), lintLimit(40<<20, 4<<10, 2)
	if large-small != 35<<20 {
		t.Errorf("a site holding 35 MB more: a cap %d bytes higher, want 35 MB", large-small)
	}
	if room := small - 5<<20; room < 32<<20 || room > 64<<20 {
		t.Errorf("room for a site of 4 KB posts: %d MB", room>>20)
	}
	if d, want := lintLimit(5<<20, 100<<10, 2)-small, int64(2*pairRoom*(100<<10-4<<10)); d != want {
		t.Errorf("a 100 KB post on each of two CPUs: the room grows %d bytes, want %d", d, want)
	}
	// Large posts take the cap to maxLimit at most, a site holding more
	// keeps minRoom above it.
	if got := lintLimit(5<<20, 1<<20, 2); got != maxLimit {
		t.Errorf("1 MB posts: a cap of %d MB, want %d", got>>20, maxLimit>>20)
	}
	if got := lintLimit(90<<20, 1<<20, 2); got != 90<<20+minRoom {
		t.Errorf("a site holding 90 MB: a cap of %d MB, want %d", got>>20, (90<<20+minRoom)>>20)
	}
	if lintLimit(5<<20, 100<<10, 4) <= lintLimit(5<<20, 100<<10, 2) {
		t.Error("more CPUs, more pairs in hand: no more room")
	}
}

// TestTheOpeningsCapRisesOnlyWhenTheCollectorRunsOverAndOver: lint's cap
// while the site opens is raised when collections in a row leave what
// is live near the next goal (a site of much front matter), to leave
// openRoom above it; a collection or two near it, a site nearing its cap
// as the real-post site does, leaves it where it is; it never falls.
func TestTheOpeningsCapRisesOnlyWhenTheCollectorRunsOverAndOver(t *testing.T) {
	const mb = 1 << 20
	c := openCap{limit: openLimit}
	// Collections with room, then two near the goal, then room again.
	steps := []struct{ cycles, live, goal int64 }{
		{3, 10 * mb, 20 * mb}, {6, 30 * mb, 50 * mb}, {7, 54 * mb, 55 * mb}, {8, 54 * mb, 55 * mb}, {9, 50 * mb, 58 * mb},
		{9, 57 * mb, 58 * mb}, // no collection since: nothing new
		{10, 52 * mb, 58 * mb},
	}
	for _, s := range steps {
		if c.step(s.cycles, s.live, s.goal) {
			t.Fatalf("raised at %+v: %d MB", s, c.limit/mb)
		}
	}
	if c.limit != openLimit {
		t.Fatalf("the cap moved to %d MB", c.limit/mb)
	}
	// Four collections in a row near the goal, seen in two reads.
	c.step(12, 55*mb, 56*mb)
	if !c.step(14, 56*mb, 57*mb) {
		t.Fatal("not raised after four collections in a row near the goal")
	}
	if want := int64(openLimit + 56*mb + openRoom - 57*mb); c.limit != want {
		t.Errorf("raised to %d MB, want %d MB", c.limit/mb, want/mb)
	}
	// The next goal has openRoom above what is live: no raise until it
	// nears it again, and a raise never lowers it.
	raised := c.limit
	if c.step(15, 58*mb, 68*mb) || c.limit != raised {
		t.Errorf("raised again with room: %d MB", c.limit/mb)
	}
	c.step(17, 67*mb, 68*mb)
	if !c.step(19, 68*mb, 67*mb) || c.limit <= raised {
		t.Errorf("a cap of %d MB after more collections near the goal", c.limit/mb)
	}
}

// TestTheOpeningsCapStops: the opening's cap is openLimit, and the watch
// on the collector ends with the opening (stop returns once its
// goroutine has), with the most memory it saw held, GOGC as it was.
func TestTheOpeningsCapStops(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: the cap is the user's")
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(150)) // the opening gives it back
	before := runtime.NumGoroutine()
	stop := capWhileOpening()
	if got := debug.SetMemoryLimit(-1); got != openLimit {
		t.Errorf("the opening's cap is %d MB, want %d MB", got>>20, openLimit>>20)
	}
	held := make([]byte, 16<<20)
	for i := range held {
		held[i] = byte(i) // its pages the program's
	}
	peak := stop()
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines after the opening's cap stopped, %d before", after, before)
	}
	// The opening's peak is at least what is held as it stops, and
	// stays what it was.
	if peak < int64(len(held)) {
		t.Errorf("the opening's peak is %d MB, with %d MB held", peak>>20, len(held)>>20)
	}
	runtime.KeepAlive(held)
	if again := stop(); again != peak {
		t.Errorf("stopped again: a peak of %d MB, then %d MB", peak>>20, again>>20)
	}
	if os.Getenv("GOGC") == "" {
		if got := debug.SetGCPercent(150); got != 150 {
			t.Errorf("GOGC %d after the opening, want 150 as before", got)
		}
	}
}

// TestOpeningGCPercent: while a site opens, the heap grows by
// openHeapRoom before the collector runs, between a quarter of what is
// live and all of it.
func TestOpeningGCPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live int64
		want int
	}{{0, 100}, {4 * mb, 100}, {openHeapRoom, 100}, {2 * openHeapRoom, 50}, {4 * openHeapRoom, 25}, {400 * mb, 25}} {
		if got := openGCPercent(c.live); got != c.want {
			t.Errorf("%d MB live: GOGC %d, want %d", c.live/mb, got, c.want)
		}
	}
}
