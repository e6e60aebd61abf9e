package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tandem/markup"
	"tandem/memory"
)

// suggestCmd is `tandem suggest [--json] FILE --line N`: the best earlier
// translations, from the site's own pairs, of the block at line N of
// FILE.
func suggestCmd(args []string, stdout, stderr io.Writer) int {
	asJSON, line := false, 0
	var lineText string
	file, code := command{name: "suggest", one: "one post file", flags: jsonFlag(&asJSON),
		opts: []option{{name: "--line", also: []string{"-line"}, eq: true, needs: "a line number", value: &lineText,
			check: func(v string) int {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return usageError(stderr, "suggest: --line %q is not a line number", v)
				}
				line = n
				return 0
			}}}}.parse(args, stderr)
	if code != 0 {
		return code
	}
	if file == "" || line == 0 {
		return usageError(stderr, "suggest: tandem suggest [--json] FILE --line N")
	}
	s, p, code := editablePost(file, stderr)
	if code != 0 {
		return code
	}
	_, d := markup.RenderPost(s, p, false)
	text, md, ok := memory.Block(p, d, line)
	if !ok {
		fmt.Fprintf(stderr, "tandem: %s:%d is not in a block of text\n", p.Path, line)
		return 1
	}
	m := memory.BuildFrom(s, p.Lang)
	exclude := ""
	if q := p.Counterpart(); q != nil {
		exclude = q.Path
	}
	sugg := m.Suggest(text, md, exclude, 5)
	if asJSON {
		if sugg == nil {
			sugg = []memory.Suggestion{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			Suggestions []memory.Suggestion `json:"suggestions"`
		}{sugg})
		return 0
	}
	if len(sugg) == 0 {
		fmt.Fprintf(stdout, "no earlier translation scores %d or more\n", memory.MinScore)
		return 0
	}
	for _, sg := range sugg {
		fmt.Fprintf(stdout, "%d\t%s\n  %s\n  %s\n", sg.Score, sg.From, oneLine(sg.Source), oneLine(sg.Target))
	}
	return 0
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ⏎ ") }

// tmCmd is `tandem tm --tmx SITE`: the site's translation memory as TMX
// 1.4b on stdout.
func tmCmd(args []string, stdout, stderr io.Writer) int {
	tmx := false
	site, code := command{name: "tm", one: "one site folder", which: "which site? (tandem tm --tmx SITE > site.tmx)",
		flags: map[string]*bool{"--tmx": &tmx, "-tmx": &tmx}}.parse(args, stderr)
	if code != 0 {
		return code
	}
	_, s, code := siteArgs([]string{site}, "tm", stderr)
	if code != 0 {
		return code
	}
	m := memory.Build(s)
	if !tmx {
		fmt.Fprintf(stdout, "%d translation units (%s to %s) from %d pairs; --tmx writes them as TMX 1.4b\n", m.Len(), m.Source, m.Target, len(s.Pairs))
		return 0
	}
	if err := m.WriteTMX(stdout, Version); err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 1
	}
	return 0
}
