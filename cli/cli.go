// Package cli runs Tandem's headless commands (lint, set, new) on the same
// model, and the same save path, as the window.
package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"tandem/bug"
	"tandem/check/stale"
	"tandem/model"
	"tandem/workspace"
)

// Version is the app's version, set at build time from FyneApp.toml.
var Version = "dev"

// Commit is the git commit the binary was built from, set at build time.
var Commit = ""

// Stdin is what the commands that read text read (tandem spell --lang).
var Stdin io.Reader = os.Stdin

// Usage is the text of `tandem --help`.
const Usage = `Tandem edits the English and French versions of a blog post side by side
and saves them into a Jekyll or Hugo site, without damaging a byte it did
not mean to change.

Usage:
  tandem [SITE | FILE]        open the window (the last site, a site, or a post's pair)
  tandem lint [--json] SITE   check every post and pair of the site
  tandem set [--both] FILE KEY=VALUE…
                              change front-matter fields, as the window's forms do
  tandem new SITE --en-title T --fr-title T [--date YYYY-MM-DD] [--author A]
                              create a post in each language, linked to each other
  tandem preview FILE -o OUT.html [--pair] [--invisible]
                              write the post (with --pair: both languages side
                              by side) as a standalone HTML page
  tandem preview FILE --segments [--invisible]
                              print the preview's blocks and segments
  tandem publish [--message TEXT] [--branch NAME] [--remote NAME] FILE
                              put FILE's pair (and the images it shows) on a
                              branch of the site's remote, for review
  tandem status [--json] SITE each pair's state in the repository (not published,
                              in review, edited since published, published)
  tandem get [--shallow] ADDRESS [FOLDER]
                              get a site from its address (https://… with a
                              token in TANDEM_GIT_TOKEN or the keychain,
                              git@… with your SSH key, or a repository's
                              folder) into FOLDER (the repository's name);
                              progress on stderr, the folder on stdout
  tandem pull SITE            get the latest: fetch, and bring the checkout's
                              branch up to its remote when that is a
                              fast-forward, never overwriting a local edit
  tandem align [--json] FILE  pair the blocks of FILE's post and its translation
                              (the file lines each match spans in each language)
  tandem draft [--engine NAME] [--endpoint URL] [--dry-run] [--json] FILE
                              draft the translation of FILE's pair: each block
                              without one from the site's memory (exact, then
                              fuzzy), then the engine (deepl, azure,
                              libretranslate; key in TANDEM_MT_KEY), else the
                              source's text; marked until read
  tandem terms [--json] SITE  the site's terms (.tandem-terms.tbx); --tbx prints
                              them as TBX; --import FILE merges a TBX or CSV
                              glossary into them; --propose adds names the
                              site's pairs translate the same way every time
  tandem fix [--dry-run] FILE apply the French typography fixes to FILE (a French
                              post): its body, title, description and image alt
  tandem suggest [--json] FILE --line N
                              earlier translations, from the site's own pairs,
                              of the block at line N of FILE, scored 0-100
  tandem tm --tmx SITE        the site's translation memory as TMX 1.4b
  tandem spell --lang en|fr   print each line of stdin that holds a misspelled
                              word (as hunspell -L)
  tandem spell [--json] FILE  the misspelled words of a post's prose, with
                              their lines, columns and suggestions
  tandem --version            print the version
  tandem --help               print this help

lint exits with 0 when no finding is an error, 1 when one is, 2 when SITE
cannot be read. With --json it prints one JSON object: layout, renderer (name, version,
from), languages, posts (path, lang, counterpart, title) and findings
(path, line, rule, severity, message; field, source_line and block when
they apply).

lint checks each translation against its source, block by aligned block:
translation-number, translation-link, translation-image,
translation-structure and translation-same, on the translation's line and
naming the source's; translation-stale, from the site's git history, finds
the translation blocks whose source changed since they were translated; typography-fr notes the French typography that
tandem fix corrects. A finding silenced in the window (or a stale block
marked still correct) is listed in the site's .tandem-silenced.tsv (commit
it to share it with the team).

suggest prints {"suggestions": [{"score", "source", "target", "from"}]}
with --json: the earlier translations of the block at line N, from the
site's own pairs, best first, scored 60 to 100.

set changes only the lines of the fields it sets. A field the site shares
between the two posts of a pair (date, image, layout... when its pairs agree
on it) is set in the other post too, unless that post has a value of its own
(another image, another day): then only FILE changes, and set says so on
stderr; --both changes the other post too. A date keeps the shape and time
each post writes, and trans_url follows a changed date. Setting a field to
the value it has leaves the file untouched. It refuses to write a file it
cannot read or one that changed since it was read.

new names each post from its own title (Jekyll: YYYY-MM-DD-slug.md; Hugo:
slug.md) with slugs safe on every system, never overwrites a file, and
prints the paths it created. --XX-title gives the title in language XX.

publish commits FILE's pair on a branch of its own on the remote (default
tandem/ and the slug of the first language's title), on top of that branch
or of the remote's default branch, and pushes it, never forced. The
checkout is left as it is: working tree, index, HEAD and other edits. It
prints branch: NAME, commit: SHA and, for GitHub and GitLab remotes,
review: URL. HTTPS remotes take TANDEM_GIT_TOKEN (and TANDEM_GIT_USERNAME).
Exit 1 when it could not publish, the reason on stderr in English and
French.

preview renders the post as its site does (Jekyll: kramdown; Hugo:
goldmark), from the same parse as the window's preview. --segments prints
one block per line (kind, list depth and marker, source lines) followed by
its segments, one per line: kind, style, text.
`

// commands are the headless commands and the words that ask for help or
// the version.
var commands = map[string]bool{
	"lint": true, "set": true, "new": true, "preview": true, "publish": true, "status": true, "pull": true, "get": true, "align": true, "draft": true, "terms": true, "fix": true, "suggest": true, "tm": true, "spell": true,
	"help": true, "-h": true, "--help": true, "-help": true, "--version": true, "-version": true, "version": true,
}

// Window reports whether args (without the program name) ask for the
// window: nothing, or a site folder or post file that exists. Anything
// else is for Run: a command, or a mistake it explains.
func Window(args []string) bool {
	if len(args) == 0 {
		return true
	}
	return !commands[args[0]] && len(args) == 1 && exists(args[0])
}

// Run runs a headless command and returns the process exit code. A bug
// in Tandem that the command's own work did not contain (lint contains
// it per post) ends it with exit code 1 and a sentence, in English and
// French, that says where the details went: never a stack trace.
func Run(args []string, stdout, stderr io.Writer) (code int) {
	if len(args) == 0 {
		return usageError(stderr, "which command? (tandem --help)")
	}
	defer func() {
		if v := recover(); v != nil {
			err := bug.Report("tandem "+strings.Join(args, " "), v, debug.Stack())
			log := err.Log
			if log == "" {
				log = fmt.Sprint(v)
			}
			fmt.Fprintf(stderr, "tandem %s: a bug in Tandem stopped this command; details: %s\n", args[0], log)
			fmt.Fprintf(stderr, "tandem %s : une erreur dans Tandem a interrompu cette commande; détails : %s\n", args[0], log)
			code = 1
		}
	}()
	return dispatch(args, stdout, stderr)
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	switch args[0] {
	case "lint":
		return lint(args[1:], stdout, stderr)
	case "set":
		return set(args[1:], stdout, stderr)
	case "new":
		return newPair(args[1:], stdout, stderr)
	case "preview":
		return previewCmd(args[1:], stdout, stderr)
	case "publish":
		return publishCmd(args[1:], stdout, stderr)
	case "status":
		return statusCmd(args[1:], stdout, stderr)
	case "pull":
		return pullCmd(args[1:], stdout, stderr)
	case "get":
		return getCmd(args[1:], stdout, stderr)
	case "align":
		return alignCmd(args[1:], stdout, stderr)
	case "draft":
		return draftCmd(args[1:], stdout, stderr)
	case "terms":
		return termsCmd(args[1:], stdout, stderr)
	case "fix":
		return fixCmd(args[1:], stdout, stderr)
	case "suggest":
		return suggestCmd(args[1:], stdout, stderr)
	case "tm":
		return tmCmd(args[1:], stdout, stderr)
	case "spell":
		return spellCmd(args[1:], Stdin, stdout, stderr)
	case "--version", "-version", "version":
		v := "tandem " + Version
		if Commit != "" {
			v += " (" + Commit + ")"
		}
		fmt.Fprintln(stdout, v)
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, Usage)
		return 0
	}
	switch {
	case len(args) > 1 && exists(args[0]):
		fmt.Fprintf(stderr, "tandem: the window opens one site or post at a time, not %d\n\n", len(args))
	case strings.HasPrefix(args[0], "-"):
		fmt.Fprintf(stderr, "tandem: unknown option %s\n\n", args[0])
	default:
		fmt.Fprintf(stderr, "tandem: %q is not a command, nor a site folder or post file that exists\n\n", args[0])
	}
	fmt.Fprint(stderr, Usage)
	return 2
}

// jsonAndPath reads the arguments of lint, status and align, `[--json]
// PATH`: whether --json is given, and the path. A usage error is said on
// stderr and its exit code returned. A path may start with - when it
// exists (real posts' names do).
func jsonAndPath(args []string, cmd, one, which string, stderr io.Writer) (asJSON bool, path string, code int) {
	path, code = command{name: cmd, one: one, which: which, flags: jsonFlag(&asJSON)}.parse(args, stderr)
	return asJSON, path, code
}

// openSite opens a site for a command, as the window does (workspace:
// each post read once, the checks' survey fed as it is): front matter
// only, no body kept, so that a command's memory does not grow with the
// site.
func openSite(root string) (*model.Site, error) {
	w, err := workspace.OpenKeeping(root, 0)
	if err != nil {
		return nil, err
	}
	return w.Model, nil
}

// openPost opens the site post file belongs to, as openSite does, and
// finds the post, its pair read whole.
func openPost(file string) (*model.Site, *model.Post, error) {
	w, p, err := workspace.OpenFileKeeping(file, 0)
	if w == nil {
		return nil, nil, err
	}
	return w.Model, p, err
}

// siteArgs reads `[--json] SITE` and opens SITE (front matter only, as
// lint does): exit 2 when it cannot be.
func siteArgs(args []string, cmd string, stderr io.Writer) (bool, *model.Site, int) {
	asJSON, site, code := jsonAndPath(args, cmd, "one site folder", "which site? (tandem "+cmd+" SITE)", stderr)
	if code != 0 {
		return false, nil, code
	}
	s, err := openSite(site)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return false, nil, 2
	}
	return asJSON, s, 0
}

// editablePost finds the post at file and its site, for a command that
// edits it: exit 2 when it cannot be found, 1 when it cannot be read.
func editablePost(file string, stderr io.Writer) (*model.Site, *model.Post, int) {
	s, p, err := openPost(file)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return nil, nil, 2
	}
	if p.Doc == nil {
		fmt.Fprintf(stderr, "tandem: %s: %v; nothing was changed\n", p.Path, p.Err)
		return nil, nil, 1
	}
	return s, p, 0
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func usageError(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "tandem: "+format+"\n", a...)
	fmt.Fprintln(stderr, "Run 'tandem --help' for usage.")
	return 2
}

type jsonPost struct {
	Path        string  `json:"path"`
	Lang        string  `json:"lang"`
	Counterpart *string `json:"counterpart"`
	Title       string  `json:"title"`
}

// jsonRenderer is the renderer the site publishes with: its name, the
// site generator's version it builds with and the file that says so (null
// when none does).
type jsonRenderer struct {
	Name    string  `json:"name"`
	Version *string `json:"version"`
	From    *string `json:"from"`
}

func rendererJSON(r model.Renderer) jsonRenderer {
	j := jsonRenderer{Name: r.Name}
	if r.Version != "" {
		j.Version = &r.Version
	}
	if r.From != "" {
		j.From = &r.From
	}
	return j
}

// RendererText says in words what a site publishes with: "goldmark",
// "blackfriday (Hugo 0.55.6, from netlify.toml)".
func RendererText(r model.Renderer) string {
	var more []string
	if r.Version != "" {
		more = append(more, "Hugo "+r.Version)
	}
	if r.From != "" {
		more = append(more, "from "+r.From)
	}
	if len(more) == 0 {
		return r.Name
	}
	return r.Name + " (" + strings.Join(more, ", ") + ")"
}

type jsonReport struct {
	Layout    model.Layout    `json:"layout"`
	Renderer  jsonRenderer    `json:"renderer"`
	Languages []string        `json:"languages"`
	Posts     []jsonPost      `json:"posts"`
	Findings  []model.Finding `json:"findings"`
}

// Lint's memory is the program's own (its pages and the runtime's:
// about 30 MB), what the open site holds (its folded front matter and
// its index of pages) and a room for the pairs in hand whose size is the
// largest pair's, not the site's. Its soft cap (capWhileOpening, then
// limitMemory) says so to the collector, which otherwise lets its garbage grow with what is live.
const (
	// openLimit caps lint's memory while the site opens: its posts'
	// front matter, its index and the survey's addresses (a site of
	// 20,000 pairs of real posts: 54 MB at most, 28 MB of it front
	// matter).
	openLimit = 66 << 20
	// When the collector runs over and over because what the opening
	// holds nears the cap (openStreak collections in a row each leave it
	// within openSlack of the next one's goal), the cap is raised to give
	// it openRoom again (capWhileOpening): a site of more front matter
	// than the sites above raises the cap instead of making the collector
	// run without end (a site of 20,000 pairs with 62 MB of front matter
	// held 86 MB: 8.5 s instead of 7.1 s). The 20,000 real-post pairs
	// above come within openSlack for two collections at most.
	openSlack  = 2 << 20
	openRoom   = 12 << 20
	openStreak = 4
	// Under the cap, the collector runs once the heap has grown
	// openHeapRoom above what the last collection left live, not twice
	// what is live (capWhileOpening sets GOGC from it at each
	// collection, openGCPercent): a site of small front matters does not
	// take its cap for garbage (20,000 generated pairs: 78–80 MB instead
	// of 84–87 MB at their peak, in the same time; the real-post sites'
	// peaks as they were).
	openHeapRoom = 14 << 20
	// lintRoom is the room beside the open site for the findings waiting
	// for their turn (workspace.HeldBytes at most) and the pairs in hand,
	// plus pairRoom times the largest body for each CPU's pair (a render
	// and its alignment take some fifty times a body).
	//
	// With these two, the site above peaks at 92 MB, 2–3 % slower than
	// with 70 MB and a room of 32 MB (97 MB); the generated site of 20,000
	// pairs, at 92 MB instead of 98 MB, 4 % slower. A room of 24 MB
	// gives the same peak, 3 % slower; with it under 64 MB, 90 MB, 7–11 %
	// slower than with 70 MB and 32 MB.
	lintRoom = workspace.HeldBytes + 26<<20
	pairRoom = 100
	// maxLimit is the most a room takes the cap to: with the program's
	// own 27 MB and what the collector lets through while it runs (about
	// 10 MB), under 150 MB. A room cut short makes the collector run more,
	// not fail: a site of 20,000 pairs of real posts (27 MB of front
	// matter) took 7.1–7.4 s under 100 MB, 6.3–6.5 s with its full room.
	maxLimit = 112 << 20
	// minRoom is the least room left above a site that holds more than
	// maxLimit.
	minRoom = 24 << 20
)

// limitMemory caps lint's memory once the site is open, unless the user
// set GOMEMLIMIT: at what the open site holds and the room its pairs need
// (lintRoom), or at what the opening took (opened, the most memory
// capWhileOpening saw) when that is more: lint's peak is the opening's
// then, and the pairs use the room it leaves (a site of 20,000 pairs of
// large front matters: 5.9 s instead of 6.3 s, the same peak). A small
// site stays well under the cap, the collector keeping three times what
// is live (GOGC 200: lint's garbage is a few posts' at a time); a large
// one keeps its room above what it holds. A smaller room makes the
// collector run more: on a site of 20,000 pairs of 9 KB posts and many
// findings, a room of 48 MB took 16 % longer than one of 64 MB.
func limitMemory(w *workspace.Site, opened int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	// What the site holds now: the last collection may have been before
	// the survey's addresses were let go (20,000 pairs: 16 MB).
	runtime.GC()
	held := int64(0)
	if v, ok := gauges("/gc/heap/live:bytes"); ok {
		held = v[0]
	}
	debug.SetMemoryLimit(max(lintLimit(held, w.LargestBody(), model.CPUs()), opened))
}

// capWhileOpening caps lint's memory while the site opens, unless the
// user set GOMEMLIMIT: at openLimit, raised when the collector runs over
// and over under it (openCap), until stop is called (once or more; then
// limitMemory caps the open site). The opening holds its posts' front
// matter, which can be more than openLimit leaves room for. Under the
// cap, the collector runs once the heap has grown by openHeapRoom
// (openGCPercent), unless the user set GOGC; stop gives GOGC back. stop
// returns the most memory the program held (as the cap counts it) at the
// watch's looks, every 10 ms.
func capWhileOpening() (stop func() (peak int64)) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() int64 { return 0 }
	}
	debug.SetMemoryLimit(openLimit)
	follow := os.Getenv("GOGC") == "" // the user's GOGC is theirs
	before := 100                     // Go's own
	if v, ok := gauges("/gc/gogc:percent"); ok {
		before = int(v[0])
	}
	done := make(chan struct{})
	var peak int64
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		watched := []string{"/gc/cycles/total:gc-cycles", "/gc/heap/live:bytes", "/gc/heap/goal:bytes"}
		c := openCap{limit: openLimit}
		gogc := before
		if v, ok := gauges(watched[0]); ok {
			c.cycles = v[0] // the collections before are not the opening's
		}
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			v, ok := gauges(watched...)
			if !ok {
				return
			}
			if c.step(v[0], v[1], v[2]) {
				debug.SetMemoryLimit(c.limit)
			}
			if pct := openGCPercent(v[1]); follow && pct != gogc {
				debug.SetGCPercent(pct)
				gogc = pct
			}
			peak = max(peak, heldNow())
		}
	})
	var once sync.Once
	return func() int64 {
		once.Do(func() {
			close(done)
			wg.Wait() // peak is the watch's until then
			peak = max(peak, heldNow())
			if follow {
				debug.SetGCPercent(before)
			}
		})
		return peak
	}
}

// openGCPercent is GOGC while a site opens, given the live bytes the
// last collection left: the heap grows by openHeapRoom before the next
// one, or by what is live when that is less (GOGC 100, Go's own), or by
// a quarter of it when that is more (a site of much front matter, whose
// cap then has the last word).
func openGCPercent(live int64) int {
	if live <= 0 {
		return 100
	}
	return int(min(100, max(25, 100*openHeapRoom/live)))
}

// heldNow is the memory the program holds, as its cap counts it: what
// the runtime has from the system and has not given back.
func heldNow() int64 {
	v, ok := gauges("/memory/classes/total:bytes", "/memory/classes/heap/released:bytes")
	if !ok {
		return 0
	}
	return v[0] - v[1]
}

// gauges reads the runtime's metrics of these names, each a count; ok is
// false when one is not (a Go that no longer has it).
func gauges(names ...string) (v []int64, ok bool) {
	m := make([]metrics.Sample, len(names))
	for i, n := range names {
		m[i].Name = n
	}
	metrics.Read(m)
	v = make([]int64, len(m))
	for i, s := range m {
		if s.Value.Kind() != metrics.KindUint64 {
			return nil, false
		}
		v[i] = int64(s.Value.Uint64())
	}
	return v, true
}

// openCap is lint's cap while the site opens, and how many collections
// in a row left what is live within openSlack of the heap's goal.
type openCap struct {
	limit, cycles int64
	streak        int64
}

// step reads the collector's count of collections, what the last one
// left live and its goal for the next; true when the cap is raised then
// (openStreak collections in a row near the goal): to leave openRoom
// above what is live. It is never lowered.
func (c *openCap) step(cycles, live, goal int64) bool {
	n := cycles - c.cycles
	c.cycles = cycles
	if n == 0 {
		return false
	}
	if live+openSlack <= goal {
		c.streak = 0
		return false
	}
	if c.streak += n; c.streak < openStreak {
		return false
	}
	c.streak = 0
	c.limit += live + openRoom - goal
	return true
}

// lintLimit is lint's cap once the site is open: what it holds (live
// bytes), and the room for the pairs in hand on each CPU, of bodies at
// most largest bytes; at most maxLimit, unless the site holds so much
// that minRoom is left above it.
func lintLimit(live int64, largest, cpus int) int64 {
	room := lintRoom + int64(cpus)*pairRoom*int64(largest)
	return min(live+room, max(maxLimit, live+minRoom))
}

func lint(args []string, stdout, stderr io.Writer) int {
	asJSON, site, code := jsonAndPath(args, "lint", "one site folder", "which site? (tandem lint SITE)", stderr)
	if code != 0 {
		return code
	}
	// Lint reads each post again when its turn comes: its memory is the
	// front matter's (folded) and a few posts', whatever the size of the
	// site.
	opened := capWhileOpening()
	defer opened()
	w, err := workspace.OpenFolded(site)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	s := w.Model
	// The findings are printed as they are found (a large site's would
	// not fit in memory), in the order and the form of one report.
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	counts := map[model.Severity]int{}
	var emit func(model.Finding)
	if asJSON {
		rep := jsonReport{Layout: s.Layout, Renderer: rendererJSON(s.Renderer), Languages: s.Languages, Findings: []model.Finding{}}
		posts := func(yield func(jsonPost) bool) {
			for _, p := range s.Posts {
				jp := jsonPost{Path: p.Path, Lang: p.Lang, Title: p.Title()}
				if q := p.Counterpart(); q != nil {
					jp.Counterpart = &q.Path
				}
				if !yield(jp) {
					return
				}
			}
		}
		stream := newJSONStream(out, rep, posts)
		defer stream.close()
		emit = func(f model.Finding) {
			counts[f.Severity]++
			stream.add(f)
		}
	} else {
		emit = func(f model.Finding) {
			counts[f.Severity]++
			fmt.Fprintln(out, f)
		}
	}
	// The posts' titles are written: their front matter goes until their
	// turns, and what the site holds then is lint's to cap.
	more := stale.Check(s)
	w.LetFrontMatterGo()
	limitMemory(w, opened())
	w.Lint(more, emit)
	if !asJSON {
		paired := 0
		for _, p := range s.Pairs {
			if len(p.Posts) > 1 {
				paired++
			}
		}
		fmt.Fprintf(out, "%s site rendered with %s, languages %s: %d posts, %d pairs; %d errors, %d warnings, %d notes\n",
			s.Layout, RendererText(s.Renderer), strings.Join(s.Languages, ", "), len(s.Posts), paired, counts[model.Error], counts[model.Warning], counts[model.Info])
	}
	if counts[model.Error] > 0 {
		return 1
	}
	return 0
}

// jsonStream writes a report as json.Encoder with a two-space indent
// writes it, its findings one by one: everything but the findings is
// written first, each finding as it comes, and the end by close.
type jsonStream struct {
	w         io.Writer
	tail      []byte // what follows the findings' list
	emptyTail []byte // what follows an empty one
	n         int
	buf       bytes.Buffer // a finding's bytes, reused
}

func newJSONStream(w io.Writer, rep jsonReport, posts iter.Seq[jsonPost]) *jsonStream {
	// The report with no posts and no findings, as one Encode writes it,
	// its posts written one by one where its empty list of posts is (as
	// the encoder would: a site's tens of thousands of posts are neither
	// held in a list nor encoded through reflection), and cut where its
	// empty list of findings is.
	rep.Posts = []jsonPost{}
	var whole bytes.Buffer
	enc := json.NewEncoder(&whole)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(rep)
	b := whole.Bytes()
	js := &jsonStream{w: w}
	js.buf.Grow(4 << 10)
	if posts != nil {
		const none = "\"posts\": []"
		at := bytes.Index(b, []byte(none)) + len(none) - 1
		w.Write(b[:at])
		n := 0
		for p := range posts {
			pb := js.buf.AvailableBuffer()
			if n > 0 {
				pb = append(pb, ',')
			}
			w.Write(js.post(append(pb, "\n    "...), p))
			n++
		}
		if n > 0 {
			w.Write([]byte("\n  "))
		}
		b = b[at:]
	}
	const empty = "\"findings\": []"
	at := bytes.LastIndex(b, []byte(empty)) + len(empty) - 1
	js.emptyTail = append([]byte(nil), b[at:]...)
	w.Write(b[:at])
	js.tail = append([]byte("\n  "), b[at:]...)
	return js
}

// post appends p as the report's encoder writes it in its list.
func (js *jsonStream) post(b []byte, p jsonPost) []byte {
	b = js.str(append(b, "{\n      \"path\": "...), p.Path)
	b = js.str(append(b, ",\n      \"lang\": "...), p.Lang)
	b = append(b, ",\n      \"counterpart\": "...)
	if p.Counterpart == nil {
		b = append(b, "null"...)
	} else {
		b = js.str(b, *p.Counterpart)
	}
	b = js.str(append(b, ",\n      \"title\": "...), p.Title)
	return append(b, "\n    }"...)
}

// add writes one finding.
func (js *jsonStream) add(f model.Finding) {
	b := js.buf.AvailableBuffer()
	if js.n == 0 {
		b = append(b, "\n    "...)
	} else {
		b = append(b, ",\n    "...)
	}
	js.w.Write(js.finding(b, f))
	js.n++
}

// finding appends f as the report's encoder writes it in its list (a
// lint of a large site writes hundreds of thousands: written here, not
// through reflection and a second pass for the indent). FuzzFindingJSON
// holds it to the encoder.
func (js *jsonStream) finding(b []byte, f model.Finding) []byte {
	field := func(b []byte, key string) []byte { // each after the first
		b = append(b, ",\n      \""...)
		b = append(b, key...)
		return append(b, "\": "...)
	}
	b = js.str(append(b, "{\n      \"path\": "...), f.Path)
	b = strconv.AppendInt(field(b, "line"), int64(f.Line), 10)
	b = js.str(field(b, "rule"), f.Rule)
	b = js.str(field(b, "severity"), string(f.Severity))
	b = js.str(field(b, "message"), f.Message)
	if f.Field != "" {
		b = js.str(field(b, "field"), f.Field)
	}
	if f.SourceLine != 0 {
		b = strconv.AppendInt(field(b, "source_line"), int64(f.SourceLine), 10)
	}
	if f.Block != "" {
		b = js.str(field(b, "block"), f.Block)
	}
	return append(b, "\n    }"...)
}

// str appends s as a JSON string, as the encoder writes it (HTML not
// escaped): as it is when nothing in it needs escaping, else by the
// encoder.
func (js *jsonStream) str(b []byte, s string) []byte {
	plain, ascii := true, true
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= 0x20 && s[i] != '"' && s[i] != '\\'
		ascii = ascii && s[i] < 0x80
	}
	if plain && !ascii {
		plain = utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return append(b, bytes.TrimSuffix(one.Bytes(), []byte("\n"))...)
}

// close writes the end of the report.
func (js *jsonStream) close() {
	if js.n == 0 {
		js.w.Write(js.emptyTail)
		return
	}
	js.w.Write(js.tail)
}

func set(args []string, stdout, stderr io.Writer) int {
	follow := model.FollowAgreeing
	var file string
	type kv struct{ k, v string }
	var edits []kv
	for _, a := range args {
		switch {
		case a == "--both" || a == "-both":
			follow = model.FollowAll
		case file == "" && strings.HasPrefix(a, "-") && !exists(a):
			// A post's name may start with - too.
			return usageError(stderr, "set: unknown option %s", a)
		case file == "":
			file = a
		default:
			k, v, ok := strings.Cut(a, "=")
			if !ok || k == "" {
				return usageError(stderr, "set: %q is not KEY=VALUE", a)
			}
			edits = append(edits, kv{k, v})
		}
	}
	if file == "" || len(edits) == 0 {
		return usageError(stderr, "set: tandem set [--both] FILE KEY=VALUE...")
	}
	_, p, code := editablePost(file, stderr)
	if code != 0 {
		return code
	}
	changed := map[*model.Post]bool{}
	var order []*model.Post
	var kept []string
	for _, e := range edits {
		var own []*model.Post
		if follow == model.FollowAgreeing {
			own = p.Pair.OwnValues(p.Lang, e.k)
		}
		posts, err := p.Pair.SetFieldFollow(p.Lang, e.k, e.v, follow)
		if err != nil {
			fmt.Fprintf(stderr, "tandem: %v; nothing was saved\n", err)
			return 1
		}
		if len(posts) > 0 {
			for _, q := range own {
				kept = append(kept, fmt.Sprintf("tandem: %s has its own %s (%q): it was left as it is (--both changes it too)",
					q.Path, e.k, q.Doc.Get(e.k)))
			}
		}
		for _, q := range posts {
			if !changed[q] {
				changed[q] = true
				order = append(order, q)
			}
		}
	}
	status := 0
	for _, q := range order {
		if !q.Dirty() {
			continue // an edit undone by a later one
		}
		if err := q.Save(); err != nil {
			fmt.Fprintf(stderr, "tandem: %v\n", err)
			status = 1
			continue
		}
		fmt.Fprintln(stdout, q.Abs())
	}
	for _, k := range kept {
		fmt.Fprintln(stderr, k)
	}
	return status
}

func newPair(args []string, stdout, stderr io.Writer) int {
	var site, date, author string
	titles := map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			if site != "" {
				return usageError(stderr, "new takes one site folder")
			}
			site = a
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return usageError(stderr, "new: %s needs a value", a)
			}
			i++
			val = args[i]
		}
		switch {
		case name == "date":
			date = val
		case name == "author":
			author = val
		case strings.HasSuffix(name, "-title"):
			titles[strings.TrimSuffix(name, "-title")] = val
		default:
			return usageError(stderr, "new: unknown option %s", a)
		}
	}
	if site == "" {
		return usageError(stderr, "new: which site? (tandem new SITE --en-title T --fr-title T)")
	}
	now := time.Now()
	day := now
	if date != "" {
		d, err := time.ParseInLocation("2006-01-02", date, time.Local)
		if err != nil {
			return usageError(stderr, "new: --date %q is not YYYY-MM-DD", date)
		}
		day = d
	}
	when := model.PostTime(day, now)
	s, err := model.Open(site)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	pr, err := s.NewPair(model.NewPairInput{Titles: titles, Date: when, Author: author})
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		var se *model.SaveError
		if errors.As(err, &se) {
			return 1
		}
		return 2
	}
	for _, l := range s.Languages {
		if p := pr.Post(l); p != nil {
			fmt.Fprintln(stdout, p.Abs())
		}
	}
	return 0
}
