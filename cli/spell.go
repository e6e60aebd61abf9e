package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"tandem/check"
	"tandem/spell"
)

// spellCmd is `tandem spell --lang en|fr` (stdin: prints each line that
// holds a misspelled word, as hunspell -L does, with the editor's rules) and `tandem spell
// [--json] FILE` (a post's prose: its misspelled words with their lines,
// columns and suggestions; exit 1 when there is one).
func spellCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	asJSON, lang := false, ""
	file, code := command{name: "spell", one: "one post file", flags: jsonFlag(&asJSON),
		opts: []option{{name: "--lang", also: []string{"-lang"}, eq: true, needs: "en or fr", value: &lang}}}.parse(args, stderr)
	if code != 0 {
		return code
	}
	if lang != "" && file == "" {
		d, err := spell.ForLanguage(lang)
		if err != nil {
			fmt.Fprintf(stderr, "tandem: %v\n", err)
			return 2
		}
		sc := bufio.NewScanner(stdin)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		w := bufio.NewWriter(stdout)
		defer w.Flush()
		for sc.Scan() {
			// As the editor checks a text: inclusive forms, code,
			// addresses and markup as it takes them.
			line := sc.Text()
			if len(d.Check(line, false, spell.Known{})) > 0 {
				fmt.Fprintln(w, line)
			}
		}
		return 0
	}
	if file == "" {
		return usageError(stderr, "spell: tandem spell --lang en|fr < TEXT, or tandem spell [--json] FILE")
	}
	s, p, code := editablePost(file, stderr)
	if code != 0 {
		return code
	}
	if lang == "" {
		lang = p.Lang
	}
	d, err := spell.ForLanguage(lang)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	known := spell.SiteWords(s.Root, lang)
	type miss struct {
		Word        string   `json:"word"`
		Line        int      `json:"line"`
		Column      int      `json:"column"`
		Suggestions []string `json:"suggestions"`
	}
	var out []miss
	add := func(ms []spell.Miss, line func(m spell.Miss) int) {
		for _, m := range ms {
			sg := d.Suggest(m.Word, 5)
			if sg == nil {
				sg = []string{}
			}
			out = append(out, miss{m.Word, line(m), m.Col, sg})
		}
	}
	for _, key := range check.TextFields(s, p) {
		f := p.Doc.Lookup(key)
		add(d.Check(f.Value, false, spell.Known{Words: known}), func(spell.Miss) int { return f.Line })
	}
	base := p.Doc.BodyLine() - 1
	add(d.Check(p.Doc.BodyText(), true, spell.Known{Words: known}), func(m spell.Miss) int { return base + m.Line })
	if asJSON {
		if out == nil {
			out = []miss{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			Misspellings []miss `json:"misspellings"`
		}{out})
	} else {
		for _, m := range out {
			fmt.Fprintf(stdout, "%s:%d:%d: %s (%s)\n", p.Path, m.Line, m.Column, m.Word, strings.Join(m.Suggestions, ", "))
		}
	}
	if len(out) > 0 {
		return 1
	}
	return 0
}
