package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"tandem/check"
	"tandem/memory"
	"tandem/translate"
)

// draftCmd is `tandem draft [--engine NAME] [--endpoint URL] [--dry-run]
// [--json] FILE`: a first draft of the translation of FILE's pair (FILE
// is either post), from the site's memory, then the engine when one is
// set (--engine, or .tandem.yml's translation: engine; its key in
// TANDEM_MT_KEY), else the source's text; written, with its draft marks,
// unless --dry-run.
func draftCmd(args []string, stdout, stderr io.Writer) int {
	var engine, endpoint string
	asJSON, dry := false, false
	file, code := command{name: "draft", one: "one post file", which: "which post? (tandem draft FILE)",
		flags: map[string]*bool{"--json": &asJSON, "-json": &asJSON, "--dry-run": &dry},
		opts: []option{{name: "--engine", eq: true, needs: "a value", value: &engine},
			{name: "--endpoint", eq: true, needs: "a value", value: &endpoint}}}.parse(args, stderr)
	if code != 0 {
		return code
	}
	s, p, code := editablePost(file, stderr)
	if code != 0 {
		return code
	}
	conf := s.Translation()
	opt := translate.Options{Memory: memory.Build(s), Threshold: conf.Fuzzy}
	if tb, err := check.Terms(s); err == nil {
		opt.Terms = tb
	}
	// Where the words may go: the user's engine and endpoint, else the
	// site's, once the user approved it (--endpoint approves it).
	approvals, _ := translate.UserApprovals()
	route, err := translate.Plan(translate.Config{Engine: engine, Endpoint: endpoint, Region: os.Getenv("TANDEM_MT_REGION")}, endpoint != "", conf, approvals.ApprovedFor(s.Root))
	if err != nil {
		sayBoth(stderr, err, "", "")
		return 2
	}
	if route.Engine != "" {
		if endpoint != "" && !translate.Official(route.Engine, endpoint) && approvals != nil {
			// The user's own choice, said on the command line: kept, so
			// that the site's naming it is approved from now on.
			if err := approvals.Approve(s.Root, route.Host()); err != nil {
				fmt.Fprintf(stderr, "tandem: the approval of %s could not be kept: %v\n", route.Host(), err)
			}
		}
		c := route.Config
		if route.EnvKey {
			c.Key = os.Getenv("TANDEM_MT_KEY")
		}
		e, err := translate.NewEngine(c)
		if err != nil {
			sayBoth(stderr, err, "", "")
			return 2
		}
		opt.Engine = e
		// Nothing leaves without a word, before it leaves.
		fmt.Fprintf(stderr, "tandem: the blocks without a translation in the memory go to %s (%s)\n", e.Name(), e.Host())
		fmt.Fprintf(stderr, "tandem: les blocs sans traduction dans la mémoire sont envoyés à %s (%s)\n", e.Name(), e.Host())
	}
	res, err := translate.Draft(context.Background(), s, p, opt)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 1
	}
	if res.EngineErr != nil {
		sayBoth(stderr, res.EngineErr, "the draft takes the memory's translations only", "l’ébauche ne reprend que les traductions de la mémoire")
	}
	if !dry {
		if err := res.Save(s.Root); err != nil {
			fmt.Fprintf(stderr, "tandem: %s: %v; the draft was not written\n", res.Target.Path, err)
			return 1
		}
	}
	if asJSON {
		type report struct {
			Source string            `json:"source"`
			Target string            `json:"target"`
			Blocks []translate.Block `json:"blocks"`
		}
		rep := report{Source: res.Source.Path, Target: res.Target.Path, Blocks: res.Blocks}
		if rep.Blocks == nil {
			rep.Blocks = []translate.Block{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(rep)
		return 0
	}
	counts := map[string]int{}
	fmt.Fprintf(stdout, "%s\t%s\n", res.Source.Path, res.Target.Path)
	for _, b := range res.Blocks {
		counts[b.From]++
		line := fmt.Sprintf("%d-%d\t%d-%d\t%s", b.Source[0], b.Source[1], b.Target[0], b.Target[1], b.From)
		if b.From == translate.FromFuzzy {
			line += fmt.Sprintf(" %d%%", b.Score)
		}
		if b.Note != "" {
			line += " (" + b.Note + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	what := "drafted"
	if dry {
		what = "would be drafted (nothing written)"
	}
	fmt.Fprintf(stdout, "%d blocks %s: %d from the memory, %d fuzzy, %d by the engine, %d untranslated\n", len(res.Blocks), what,
		counts[translate.FromMemory], counts[translate.FromFuzzy], counts[translate.FromEngine], counts[translate.FromUntranslated])
	if dry {
		fmt.Fprintf(stdout, "\n%s", res.Target.Doc.BodyText())
	}
	return 0
}
