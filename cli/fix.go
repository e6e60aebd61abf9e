package cli

import (
	"fmt"
	"io"

	"tandem/check"
)

// fixCmd is `tandem fix [--dry-run] FILE`: the French typography fixes of
// FILE's body and per-language text fields, saved through the ordinary
// save path (or only shown, with --dry-run).
func fixCmd(args []string, stdout, stderr io.Writer) int {
	dry := false
	file, code := command{name: "fix", one: "one post file", which: "which post? (tandem fix [--dry-run] FILE)",
		flags: map[string]*bool{"--dry-run": &dry, "-dry-run": &dry, "-n": &dry}}.parse(args, stderr)
	if code != 0 {
		return code
	}
	s, p, code := editablePost(file, stderr)
	if code != 0 {
		return code
	}
	if !check.French(s, p) {
		fmt.Fprintf(stderr, "tandem: %s is not a French post (or the site turns typography off): nothing to fix\n", p.Path)
		return 0
	}
	changes, err := check.Fix(s, p)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %s: %v; nothing was saved\n", p.Path, err)
		return 1
	}
	if len(changes) == 0 {
		fmt.Fprintf(stdout, "%s: no typography to fix\n", p.Path)
		return 0
	}
	shown := map[string]bool{}
	for _, c := range changes {
		where := fmt.Sprintf("%s:%d", p.Path, c.Line)
		if c.Field != "" {
			where += " (" + c.Field + ")"
		}
		fmt.Fprintf(stdout, "%s: %s\n", where, c.Fix.Kind.Text())
		if k := where + "\x00" + c.Before; !shown[k] {
			shown[k] = true
			fmt.Fprintf(stdout, "  - %s\n  + %s\n", c.Before, c.After)
		}
	}
	if dry {
		fmt.Fprintf(stdout, "%d fixes; nothing was written (--dry-run)\n", len(changes))
		return 0
	}
	if err := p.Save(); err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d fixes written to %s\n", len(changes), p.Abs())
	return 0
}
