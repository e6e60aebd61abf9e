package cli

import (
	"io"
	"slices"
	"strings"
)

// command is how a headless command reads its arguments: flags (each
// spelling it takes), options with a value, and one operand (a post
// file or a site folder). What it says of bad arguments is the same for
// every command: "NAME: unknown option X", "NAME takes ONE", "NAME:
// WHICH", "NAME: OPTION needs NEEDS".
type command struct {
	name  string // "draft"
	one   string // what the operand is: "one post file"
	which string // said when it is missing ("" when the command says it)
	flags map[string]*bool
	opts  []option
}

// option is an option with a value: --name V, --name=V when eq, and the
// other spellings it takes (-name).
type option struct {
	name  string
	also  []string
	eq    bool
	needs string // said when the value is missing: "a value"
	value *string
	// check, when set, reads the value as it comes (its usage said when
	// it is wrong: code not 0).
	check func(v string) (code int)
}

// parse reads args into the command's flags and options, and returns its
// operand; code is not 0 (usage said) when they are wrong.
func (c command) parse(args []string, stderr io.Writer) (operand string, code int) {
next:
	for i := 0; i < len(args); i++ {
		a := args[i]
		if b, ok := c.flags[a]; ok {
			*b = true
			continue
		}
		for _, o := range c.opts {
			v, ok := strings.CutPrefix(a, o.name+"=")
			ok = ok && o.eq
			if !ok && (a == o.name || slices.Contains(o.also, a)) {
				if i+1 >= len(args) {
					return "", usageError(stderr, "%s: %s needs %s", c.name, o.name, o.needs)
				}
				i++
				v, ok = args[i], true
			}
			if ok {
				if o.check != nil {
					if code := o.check(v); code != 0 {
						return "", code
					}
				}
				*o.value = v
				continue next
			}
		}
		switch {
		case strings.HasPrefix(a, "-") && !exists(a):
			return "", usageError(stderr, "%s: unknown option %s", c.name, a)
		case operand != "":
			return "", usageError(stderr, "%s takes %s", c.name, c.one)
		}
		operand = a
	}
	if operand == "" && c.which != "" {
		return "", usageError(stderr, "%s: %s", c.name, c.which)
	}
	return operand, 0
}

// jsonFlag is the --json flag's spellings, for dst.
func jsonFlag(dst *bool) map[string]*bool { return map[string]*bool{"--json": dst, "-json": dst} }
