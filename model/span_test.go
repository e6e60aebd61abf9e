package model

import "testing"

// TestCommentLikeLinesInValues: a # line that is part of a multi-line
// value stays with the field, so that an edit replaces all of it.
func TestCommentLikeLinesInValues(t *testing.T) {
	for _, c := range []struct{ name, src, key, want string }{
		{"toml multi-line", "+++\nt = \"\"\"\nline\n# not a comment\n\"\"\"\nx = 1\n+++\n", "t", "+++\nt = \"\"\"\nnew\"\"\"\nx = 1\n+++\n"},
		{"yaml literal", "---\nt: |\n  line\n  # heading\nx: 1\n---\n", "t", "---\nt: |-\n  new\nx: 1\n---\n"},
		{"yaml comment after", "---\nt: \"a\"\n# note\nx: 1\n---\n", "t", "---\nt: \"new\"\n# note\nx: 1\n---\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Set(c.key, "new"); err != nil {
				t.Fatal(err)
			}
			if got := string(d.Bytes()); got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
