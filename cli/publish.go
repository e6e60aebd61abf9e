package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"tandem/check"

	"tandem/git"
	"tandem/markup"
)

// publishCmd is `tandem publish [--message TEXT] [--branch NAME]
// [--remote NAME] FILE`: FILE's pair on its own branch of the remote.
func publishCmd(args []string, stdout, stderr io.Writer) int {
	var opt git.Options
	var file string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || exists(a) {
			if file != "" {
				return usageError(stderr, "publish takes one post file")
			}
			file = a
			continue
		}
		if name != "message" && name != "branch" && name != "remote" {
			return usageError(stderr, "publish: unknown option %s", a)
		}
		if !hasVal {
			if i+1 >= len(args) {
				return usageError(stderr, "publish: %s needs a value", a)
			}
			i++
			val = args[i]
		}
		switch name {
		case "message":
			opt.Message = val
		case "branch":
			opt.Branch = val
		case "remote":
			opt.Remote = val
		}
	}
	if file == "" {
		return usageError(stderr, "publish: which post? (tandem publish FILE)")
	}
	s, p, err := openPost(file)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	opt.Files = markup.PairImages(s, p.Pair)
	opt.Records = check.PairRecords(s, p.Pair)
	if opt.Drafted = check.PairDrafts(s, p.Pair); opt.Drafted > 0 {
		fmt.Fprintf(stderr, "tandem: %d drafted blocks of this pair are not read yet; the commit message says so\n", opt.Drafted)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := git.Publish(ctx, p.Pair, opt)
	if err != nil {
		return gitFailure(stderr, err)
	}
	fmt.Fprintf(stdout, "branch: %s\ncommit: %s\n", res.Branch, res.Commit)
	if res.Review != "" {
		fmt.Fprintf(stdout, "review: %s\n", res.Review)
	}
	return 0
}

type jsonPairStatus struct {
	Posts  []string `json:"posts"`
	Title  string   `json:"title"`
	State  string   `json:"state"`
	Branch string   `json:"branch,omitempty"`
	Review string   `json:"review,omitempty"`
}

type jsonStatus struct {
	Branch string           `json:"branch"`
	Ahead  int              `json:"ahead"`
	Behind int              `json:"behind"`
	Pairs  []jsonPairStatus `json:"pairs"`
}

// statusCmd is `tandem status [--json] SITE`: each pair's state in the
// repository, and the checkout's branch against its remote (as last
// fetched).
func statusCmd(args []string, stdout, stderr io.Writer) int {
	asJSON, s, code := siteArgs(args, "status", stderr)
	if code != 0 {
		return code
	}
	st, err := git.Status(s, "")
	if err != nil {
		return gitFailure(stderr, err)
	}
	rep := jsonStatus{Branch: st.Branch, Ahead: st.Ahead, Behind: st.Behind, Pairs: []jsonPairStatus{}}
	for _, pr := range s.Pairs {
		ps := st.Pairs[pr]
		jp := jsonPairStatus{Title: pr.Title(), State: string(ps.State), Branch: ps.Branch, Review: ps.Review}
		for _, l := range s.Languages {
			if p := pr.Post(l); p != nil {
				jp.Posts = append(jp.Posts, p.Path)
			}
		}
		rep.Pairs = append(rep.Pairs, jp)
	}
	sort.Slice(rep.Pairs, func(i, j int) bool {
		return strings.Join(rep.Pairs[i].Posts, " ") < strings.Join(rep.Pairs[j].Posts, " ")
	})
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(rep)
		return 0
	}
	where := rep.Branch
	if where == "" {
		where = "a detached HEAD"
	}
	fmt.Fprintf(stdout, "on %s, %d ahead and %d behind its remote\n", where, rep.Ahead, rep.Behind)
	for _, p := range rep.Pairs {
		line := p.State
		if p.Branch != "" {
			line += " (" + p.Branch + ")"
		}
		fmt.Fprintf(stdout, "%s\t%s\n", line, p.Posts[0])
	}
	return 0
}

// gitFailure says why a git command failed, in English then in French,
// and returns exit code 1.
func gitFailure(stderr io.Writer, err error) int {
	sayBoth(stderr, err, "", "")
	return 1
}

// sayBoth says a failure on stderr in English, then in French when it
// has its own French sentence (git's, a translation engine's), each with
// what happens next in its language (thenEN, thenFR; "" for nothing).
func sayBoth(stderr io.Writer, err error, thenEN, thenFR string) {
	var fr interface{ French() string }
	if !errors.As(err, &fr) {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return
	}
	en, fre := err.Error(), fr.French()
	if thenEN != "" {
		en, fre = en+"; "+thenEN, fre+" ; "+thenFR
	}
	fmt.Fprintf(stderr, "tandem: %s\ntandem : %s\n", en, fre)
}

// pullCmd is `tandem pull SITE`: Get latest.
// getCmd is `tandem get [--shallow] ADDRESS [FOLDER]`: the site's
// repository cloned into FOLDER (a new or empty folder; the repository's
// name when not given), the host's progress on stderr, the folder's path
// on stdout; a failure is one sentence in each language and leaves no
// folder.
func getCmd(args []string, stdout, stderr io.Writer) int {
	shallow := false
	var rest []string
	for _, a := range args {
		switch a {
		case "--shallow", "-shallow":
			shallow = true
		default:
			if strings.HasPrefix(a, "-") && len(rest) == 0 {
				return usageError(stderr, "get: tandem get [--shallow] ADDRESS [FOLDER]")
			}
			rest = append(rest, a)
		}
	}
	if len(rest) < 1 || len(rest) > 2 {
		return usageError(stderr, "get: tandem get [--shallow] ADDRESS [FOLDER]")
	}
	folder := ""
	if len(rest) == 2 {
		folder = rest[1]
	}
	opt := git.GetOptions{Progress: stderr}
	if shallow {
		opt.Depth = 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	got, err := git.Get(ctx, rest[0], folder, opt)
	if err != nil {
		return gitFailure(stderr, err)
	}
	fmt.Fprintln(stdout, got)
	return 0
}

func pullCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") && !exists(args[0]) {
		return usageError(stderr, "pull: tandem pull SITE")
	}
	s, err := openSite(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := git.Pull(ctx, s.Root, git.Options{})
	if err != nil {
		return gitFailure(stderr, err)
	}
	if res.UpToDate {
		fmt.Fprintln(stdout, "up to date")
		return 0
	}
	for _, f := range res.Updated {
		fmt.Fprintf(stdout, "updated: %s\n", f)
	}
	for _, f := range res.Kept {
		fmt.Fprintf(stdout, "kept: %s\n", f)
	}
	if len(res.Kept) > 0 {
		fmt.Fprintln(stderr, "tandem: the files marked kept were changed both here and upstream: your version was kept; compare them with the new one before you publish")
		fmt.Fprintln(stderr, "tandem : les fichiers marqués kept ont été modifiés ici et en amont : votre version a été gardée; comparez-la avec la nouvelle avant de publier")
	}
	return 0
}
