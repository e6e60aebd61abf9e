package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"tandem/check"
	"tandem/check/terms"
	"tandem/memory"
)

// termsCmd is `tandem terms [--json] SITE` (the site's termbase, a line
// a concept), `tandem terms --tbx SITE` (it as TBX, on stdout) and
// `tandem terms --import FILE SITE` (a TBX or CSV glossary merged into
// the site's termbase); --propose adds the terms proposed from the
// site's aligned pairs.
func termsCmd(args []string, stdout, stderr io.Writer) int {
	asJSON, asTBX, propose, imp := false, false, false, ""
	site, code := command{name: "terms", one: "one site folder", which: "which site? (tandem terms SITE)",
		flags: map[string]*bool{"--json": &asJSON, "-json": &asJSON, "--tbx": &asTBX, "--propose": &propose},
		opts:  []option{{name: "--import", needs: "a file", value: &imp}}}.parse(args, stderr)
	if code != 0 {
		return code
	}
	s, err := openSite(site)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	tb, err := check.Terms(s)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 1
	}
	if imp != "" {
		f, err := os.Open(imp)
		if err != nil {
			fmt.Fprintf(stderr, "tandem: %v\n", err)
			return 2
		}
		defer f.Close()
		var in *terms.Termbase
		if strings.HasSuffix(strings.ToLower(imp), ".csv") {
			in, err = terms.ReadCSV(f, s.Languages)
		} else {
			in, err = terms.ReadTBX(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "tandem: %s: %v\n", imp, err)
			return 1
		}
		n := tb.Merge(in)
		if err := tb.Save(s.Root, s.SourceLang()); err != nil {
			fmt.Fprintf(stderr, "tandem: %v; nothing was changed\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "tandem: %d concepts added to %s\n", n, terms.TermFile)
	}
	var proposed []terms.Concept
	if propose {
		// From the site's aligned pairs: names translated the same way
		// every time.
		var texts [][2]string
		for _, u := range memory.Build(s).Units() {
			if !u.Sentence {
				texts = append(texts, [2]string{u.Source, u.Target})
			}
		}
		src, tgt := s.SourceLang(), ""
		for _, l := range s.Languages {
			if l != src {
				tgt = l
				break
			}
		}
		proposed = tb.Propose(texts, src, tgt)
	}
	switch {
	case asTBX:
		if err := tb.WriteTBX(stdout, s.SourceLang()); err != nil {
			fmt.Fprintf(stderr, "tandem: %v\n", err)
			return 1
		}
	case asJSON:
		if tb.Concepts == nil {
			tb.Concepts = []terms.Concept{}
		}
		rep := struct {
			*terms.Termbase
			Proposed []terms.Concept `json:"proposed,omitempty"`
		}{tb, proposed}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(rep)
	default:
		for _, c := range tb.Concepts {
			var parts []string
			for _, l := range s.Languages {
				var ts []string
				for _, t := range c.Terms[l] {
					w := t.Text
					switch t.Status {
					case terms.Preferred:
						w += " (preferred)"
					case terms.Deprecated, terms.Superseded:
						w += " (forbidden)"
					}
					ts = append(ts, w)
				}
				parts = append(parts, l+": "+strings.Join(ts, ", "))
			}
			fmt.Fprintln(stdout, strings.Join(parts, "\t"))
		}
		fmt.Fprintf(stdout, "%d concepts in %s\n", len(tb.Concepts), terms.TermFile)
		for _, c := range proposed {
			var parts []string
			for _, l := range s.Languages {
				if ts := c.Terms[l]; len(ts) > 0 {
					parts = append(parts, l+": "+ts[0].Text)
				}
			}
			fmt.Fprintln(stdout, "proposed\t"+strings.Join(parts, "\t"))
		}
	}
	return 0
}
