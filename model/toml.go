package model

import (
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// parseTOML reads the top-level fields of a TOML front matter (the keys
// before any [table]). The TOML decoder checks the syntax and decodes
// strings; a line scanner finds each field's span and raw value.
func (d *Doc) parseTOML() error {
	fm := d.raw[d.fmStart:d.fmEnd]
	base := d.firstLine()
	var vals map[string]any
	if _, err := toml.Decode(string(fm), &vals); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &ParseError{Line: base + pe.Position.Line - 1, Msg: "the front matter is not valid TOML: " + pe.Message}
		}
		return &ParseError{Line: base, Msg: "the front matter is not valid TOML: " + err.Error()}
	}
	starts := lineStarts(fm, d.fmStart)
	var cur *Field
	closeField := func(end int) {
		if cur != nil {
			cur.end = end
			d.trimSpan(cur)
			cur = nil
		}
	}
	open := "" // the closing token of a multi-line string or array being read
	depth := 0
	for i, ls := range starts {
		le := d.fmEnd
		if i+1 < len(starts) {
			le = starts[i+1]
		}
		line := strings.TrimRight(string(d.raw[ls:le]), "\r\n")
		if open != "" {
			if open == "]" {
				depth += bracketDepth(line)
				if depth <= 0 {
					open = ""
				}
			} else if strings.Contains(line, open) {
				open = ""
			}
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "[") {
			closeField(ls)
			d.insertAt = ls
			break // tables: not top-level fields
		}
		key, val, ok := splitTOMLLine(t)
		if !ok || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		closeField(ls)
		cur = &Field{Key: key, Line: base + i, start: ls, end: d.fmEnd}
		d.fields = append(d.fields, cur)
		setTOMLValue(cur, val, vals[key])
		switch {
		case strings.HasPrefix(val, `"""`) && !strings.Contains(val[3:], `"""`):
			open = `"""`
		case strings.HasPrefix(val, `'''`) && !strings.Contains(val[3:], `'''`):
			open = `'''`
		case strings.HasPrefix(val, "["):
			if depth = bracketDepth(val); depth > 0 {
				open = "]"
			}
		}
	}
	closeField(d.fmEnd)
	return nil
}

// splitTOMLLine splits `key = value` (a bare or quoted key).
func splitTOMLLine(t string) (key, val string, ok bool) {
	i := strings.IndexByte(t, '=')
	if i <= 0 {
		return "", "", false
	}
	key = strings.TrimSpace(t[:i])
	if len(key) >= 2 && (key[0] == '"' || key[0] == '\'') && key[len(key)-1] == key[0] {
		key = key[1 : len(key)-1]
	} else if strings.ContainsAny(key, " \t\"'.") {
		return "", "", false
	}
	return key, strings.TrimSpace(t[i+1:]), true
}

// bracketDepth counts [ minus ] outside strings.
func bracketDepth(s string) int {
	n := 0
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#':
			return n
		case c == '[':
			n++
		case c == ']':
			n--
		}
	}
	return n
}

func setTOMLValue(f *Field, raw string, v any) {
	switch x := v.(type) {
	case string:
		f.Value = x
		switch {
		case strings.HasPrefix(raw, `"""`), strings.HasPrefix(raw, `'''`):
			f.Style = Literal
		case strings.HasPrefix(raw, `"`):
			f.Style = DoubleQuoted
		case strings.HasPrefix(raw, `'`):
			f.Style = SingleQuoted
		}
	case []any:
		f.Kind, f.Style = List, Other
		for _, it := range x {
			f.List = append(f.List, fmt.Sprint(it))
		}
		f.Value = strings.Join(f.List, ", ")
	case map[string]any, []map[string]any:
		f.Kind, f.Style = Map, Other
	default: // dates, numbers, booleans: the text as written
		f.Style = Plain
		if i := strings.Index(raw, "#"); i >= 0 {
			raw = raw[:i]
		}
		f.Value = strings.TrimSpace(raw)
	}
}

func (d *Doc) encodeTOML(f *Field, value string) []byte {
	prefix := f.Key + " = "
	if f.end > f.start {
		line, _ := lineAt(d.raw, f.start)
		if i := strings.IndexByte(string(line), '='); i > 0 {
			j := i + 1
			for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
				j++
			}
			prefix = string(line[:j])
		}
	}
	if f.Kind == List {
		items := splitList(value)
		q := make([]string, len(items))
		for i, it := range items {
			q[i] = quoteDouble(it)
		}
		return []byte(prefix + "[" + strings.Join(q, ", ") + "]" + d.NL())
	}
	switch f.Style {
	case Plain:
		if value != "" && !strings.ContainsAny(value, "\"'#\n\r=[]{}") {
			return []byte(prefix + value + d.NL())
		}
	case SingleQuoted:
		if !strings.ContainsAny(value, "'\n\r") && printable(value) {
			return []byte(prefix + "'" + value + "'" + d.NL())
		}
	case Literal:
		if printable(strings.ReplaceAll(value, "\n", "")) {
			v := strings.ReplaceAll(value, `\`, `\\`)
			v = strings.ReplaceAll(v, `"""`, `""\"`)
			v = strings.ReplaceAll(v, "\n", d.NL())
			return []byte(prefix + `"""` + d.NL() + v + `"""` + d.NL())
		}
	}
	return []byte(prefix + quoteDouble(value) + d.NL())
}
