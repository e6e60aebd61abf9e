package cli

import (
	"strings"
	"testing"
)

// TestCommandArguments: the commands' one reader of arguments takes each
// flag's spellings, --name V and --name=V (only where eq), a value's
// check as it comes, one operand; and says in the commands' words what
// is wrong.
func TestCommandArguments(t *testing.T) {
	for _, c := range []struct {
		args                  []string
		operand, engine, said string
		flag                  bool
	}{
		{args: []string{"-n", "post.md"}, operand: "post.md", flag: true},
		{args: []string{"--engine", "deepl", "post.md"}, operand: "post.md", engine: "deepl"},
		{args: []string{"post.md", "--engine=libre"}, operand: "post.md", engine: "libre"},
		{args: []string{"--import=x.tbx", "post.md"}, said: "cmd: unknown option --import=x.tbx"},
		{args: []string{"--import"}, said: "cmd: --import needs a file"},
		{args: []string{"-e"}, said: "cmd: --engine needs a value"},
		{args: []string{"--line", "x"}, said: "cmd: --line \"x\" is not a number"},
		{args: []string{"a.md", "b.md"}, said: "cmd takes one post file"},
		{args: []string{"--json"}, said: "cmd: which post?"},
	} {
		var flag bool
		var engine, imp, line string
		var out strings.Builder
		operand, code := command{name: "cmd", one: "one post file", which: "which post?",
			flags: map[string]*bool{"-n": &flag, "--json": &flag},
			opts: []option{{name: "--engine", also: []string{"-e"}, eq: true, needs: "a value", value: &engine},
				{name: "--import", needs: "a file", value: &imp},
				{name: "--line", needs: "a number", value: &line, check: func(v string) int {
					if v != "1" {
						return usageError(&out, "cmd: --line %q is not a number", v)
					}
					return 0
				}}}}.parse(c.args, &out)
		if c.said != "" {
			if code != 2 || !strings.Contains(out.String(), "tandem: "+c.said+"\n") {
				t.Errorf("%q: code %d, said %q; want %q", c.args, code, out.String(), c.said)
			}
			continue
		}
		if code != 0 || operand != c.operand || engine != c.engine || flag != c.flag {
			t.Errorf("%q: %q %q %v (code %d, said %q)", c.args, operand, engine, flag, code, out.String())
		}
	}
}
