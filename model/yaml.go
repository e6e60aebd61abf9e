package model

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlHints say in plain words what the YAML parser's usual errors mean.
var yamlHints = map[string]string{
	"found unexpected end of stream":                 "a quoted value starts here and is never closed",
	"mapping values are not allowed in this context": "a value contains “: ”; put the whole value in quotes",
	"did not find expected key":                      "this line is not “key: value”, or it is indented wrongly",
	"could not find expected ':'":                    "a line here has no “:” after its key",
	"found character that cannot start any token":    "a line starts with a character YAML does not accept there (a tab, @ or `?)",
}

// parseYAML reads the top-level fields of a YAML front matter. Simple
// "key: value" lines are read by a fast scanner; anything else goes to
// yaml.v3's node parser, which keeps duplicate keys. Each field's byte span
// runs from its key line to the next key line, less trailing blank and
// comment lines.
func (d *Doc) parseYAML() error {
	fm := d.raw[d.fmStart:d.fmEnd]
	base := d.firstLine()
	if i := oddLineBreak(fm); i >= 0 {
		return &ParseError{Line: base + bytes.Count(fm[:i], []byte("\n")),
			Msg: "the front matter has a line break Tandem cannot keep (a lone carriage return or a Unicode line separator); save the file with ordinary line endings"}
	}
	starts := lineStarts(fm, d.fmStart)
	fields, ok := scanSimpleYAML(fm)
	d.simple = ok
	if !ok {
		var err error
		if fields, err = parseYAMLNodes(fm, base); err != nil {
			return err
		}
	}
	for i, f := range fields {
		if f.Line > len(starts) {
			return &ParseError{Line: base, Msg: "the front matter's lines could not be told apart"}
		}
		f.start, f.end = starts[f.Line-1], d.fmEnd
		if i+1 < len(fields) {
			f.end = starts[fields[i+1].Line-1]
		}
		f.Line += base - 1
	}
	d.fields = fields
	for _, f := range d.fields {
		d.trimSpan(f)
	}
	return nil
}

// parseYAMLNodes reads the fields with yaml.v3; Line is relative to fm.
func parseYAMLNodes(fm []byte, base int) ([]*Field, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(fm, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := base
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = base+n-1, m[2]
		}
		if hint := yamlHints[msg]; hint != "" {
			msg = hint + " (" + msg + ")"
		}
		return nil, &ParseError{Line: line, Msg: "the front matter is not valid YAML: " + msg}
	}
	if len(root.Content) == 0 {
		return nil, nil // empty, or only comments
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, &ParseError{Line: base + m.Line - 1, Msg: "the front matter must be a list of “key: value” lines"}
	}
	var fields []*Field
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Column != 1 {
			return nil, &ParseError{Line: base + k.Line - 1, Msg: "a front-matter key must start at the beginning of its line"}
		}
		f := &Field{Key: k.Value, Line: k.Line}
		setYAMLValue(f, v)
		fields = append(fields, f)
	}
	return fields, nil
}

// scanSimpleYAML reads a front matter made only of one-line fields with a
// plain key and a plain, 'single' or "double" (escape-free) value, plus
// blank and comment lines. It reports false for anything else, which then
// goes to the full YAML parser; FuzzSimpleYAML checks that both agree.
func scanSimpleYAML(fm []byte) ([]*Field, bool) {
	if !utf8.Valid(fm) {
		return nil, false
	}
	text := string(fm) // one copy: lines, keys and values are its pieces
	// The fields in one block, at most one a line (a folded post's are
	// read again and again: few allocations each time).
	lines := strings.Count(text, "\n") + 1
	fields, store := make([]*Field, 0, lines), make([]Field, 0, lines)
	for n, p := 1, 0; p < len(text); n++ {
		l, next := lineAtString(text, p)
		p = next
		raw := strings.TrimSuffix(l, "\r")
		if strings.ContainsAny(raw, "\t\r") || !printable(raw) {
			return nil, false
		}
		line := strings.TrimRight(raw, " ")
		if line == "" || line[0] == '#' {
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon <= 0 || !simpleKey(line[:colon]) {
			return nil, false
		}
		rest := line[colon+1:]
		if rest != "" && rest[0] != ' ' {
			return nil, false
		}
		store = append(store, Field{Key: line[:colon], Line: n})
		f := &store[len(store)-1]
		v := strings.TrimLeft(rest, " ")
		if block := blockHeader(v); block != 0 {
			value, lines, ok := scanBlock(text[p:], block, v)
			if !ok {
				return nil, false
			}
			f.Value, f.Style = value, Folded
			if block == '|' {
				f.Style = Literal
			}
			for range lines {
				_, p = lineAtString(text, p)
				n++
			}
			fields = append(fields, f)
			continue
		}
		if !simpleValue(f, v) {
			return nil, false
		}
		fields = append(fields, f)
	}
	return fields, true
}

// simpleValue reads v, a one-line value, into f as scanSimpleYAML does;
// false when it is not one the scanner reads.
func simpleValue(f *Field, v string) bool {
	switch {
	case v == "" || v == "~" || v == "null" || v == "Null" || v == "NULL":
		f.Kind = Empty
	case v[0] == '"':
		if len(v) < 2 || v[len(v)-1] != '"' || strings.ContainsAny(v[1:len(v)-1], "\"\\") {
			return false
		}
		f.Value, f.Style = v[1:len(v)-1], DoubleQuoted
	case v[0] == '\'':
		if len(v) < 2 || v[len(v)-1] != '\'' {
			return false
		}
		inner := v[1 : len(v)-1]
		if strings.Count(inner, "'") != 2*strings.Count(inner, "''") {
			return false
		}
		f.Value, f.Style = strings.ReplaceAll(inner, "''", "'"), SingleQuoted
	default:
		if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(v[0])) || strings.Contains(v, ": ") ||
			strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
			return false
		}
		f.Value = v
	}
	return true
}

// simpleYAMLGet is the value of the last field key in fm, a front matter
// scanSimpleYAML reads (a folded Doc's: one field read without the
// others; FuzzFoldedGet checks it against Fields); false when there is
// none.
func simpleYAMLGet(fm []byte, key string) (string, bool) {
	if key == "" || !simpleKey(key) {
		return "", false // no field of a simple front matter has it
	}
	at, next := -1, -1 // the last key line's start and its end
	for p := 0; p < len(fm); {
		i := bytes.IndexByte(fm[p:], '\n')
		end := len(fm)
		if i >= 0 {
			end = p + i
		}
		l := fm[p:end]
		if len(l) > len(key) && l[len(key)] == ':' && string(l[:len(key)]) == key {
			at, next = p, end
		}
		p = end + 1
	}
	if at < 0 {
		return "", false
	}
	line := strings.TrimRight(strings.TrimSuffix(string(fm[at:next]), "\r"), " ")
	v := strings.TrimLeft(line[len(key)+1:], " ")
	var f Field
	if block := blockHeader(v); block != 0 {
		rest := ""
		if next < len(fm) {
			rest = string(fm[next+1:])
		}
		value, _, ok := scanBlock(rest, block, v)
		return value, ok
	}
	if !simpleValue(&f, v) {
		return "", false
	}
	return f.Value, true
}

// blockHeader is '>' or '|' when v opens a folded or literal block scalar
// the scanner reads (no indentation indicator, no keep chomping, no
// comment), else 0.
func blockHeader(v string) byte {
	switch v {
	case ">", ">-":
		return '>'
	case "|", "|-":
		return '|'
	}
	return 0
}

// scanBlock reads the lines of a block scalar that follow its header, in
// the one shape the scanner takes: every line indented by the same number
// of spaces, none blank (empty lines may end it), none ending in a space.
// It returns the value and how many lines (blank ones after it included)
// it spans.
// lineAtString is lineAt on a string: the line at p (without its line
// break) and where the next one starts.
func lineAtString(s string, p int) (string, int) {
	i := strings.IndexByte(s[p:], '\n')
	if i < 0 {
		return s[p:], len(s)
	}
	return s[p : p+i], p + i + 1
}

func scanBlock(rest string, kind byte, header string) (string, int, bool) {
	var parts []string
	indent, lines, blanks := 0, 0, 0
	ended := false // the last line read ends with a line break
	for p := 0; p < len(rest); {
		l, next := lineAtString(rest, p)
		raw := strings.TrimSuffix(l, "\r")
		if raw == "" {
			blanks++
			p = next
			continue
		}
		if raw[0] != ' ' {
			break // the next key (or a comment): the block has ended
		}
		if blanks > 0 || strings.ContainsAny(raw, "\t\r") || !printable(raw) || strings.HasSuffix(raw, " ") || strings.TrimLeft(raw, " ") == "" {
			return "", 0, false
		}
		n := len(raw) - len(strings.TrimLeft(raw, " "))
		if indent == 0 {
			indent = n
		} else if n != indent {
			return "", 0, false
		}
		parts = append(parts, raw[n:])
		lines++
		ended = next <= len(rest) && p+len(l) < len(rest)
		p = next
	}
	if len(parts) == 0 {
		return "", 0, false
	}
	sep := " "
	if kind == '|' {
		sep = "\n"
	}
	v := strings.Join(parts, sep)
	if !strings.HasSuffix(header, "-") && ended {
		v += "\n"
	}
	// Blank lines after the block are the gap before the next field: they
	// stay in the file, outside the value.
	return v, lines, true
}

func simpleKey(k string) bool {
	for i, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || i > 0 && r == '-') {
			return false
		}
	}
	return true
}

// oddLineBreak returns the offset of the first line break that YAML reads
// but "\n" does not mark (a CR without LF, NEL, LS, PS), or -1.
func oddLineBreak(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return i
		}
	}
	for _, sep := range []string{"\u0085", "\u2028", "\u2029"} {
		if i := bytes.Index(b, []byte(sep)); i >= 0 {
			return i
		}
	}
	return -1
}

// lineStarts returns the offset (plus off) of each line of b.
func lineStarts(b []byte, off int) []int {
	s := []int{off}
	for i, c := range b {
		if c == '\n' && i+1 < len(b) {
			s = append(s, off+i+1)
		}
	}
	return s
}

func setYAMLValue(f *Field, v *yaml.Node) {
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	switch v.Kind {
	case yaml.SequenceNode:
		f.Kind = List
		for _, it := range v.Content {
			f.List = append(f.List, it.Value)
		}
		f.Value = strings.Join(f.List, ", ")
		if v.Style&yaml.FlowStyle != 0 {
			f.Style = Other
		}
	case yaml.MappingNode:
		f.Kind = Map
		f.Style = Other
	default:
		f.Value = v.Value
		if v.Tag == "!!null" {
			f.Kind, f.Value = Empty, ""
		}
		switch {
		case v.Style&yaml.DoubleQuotedStyle != 0:
			f.Style = DoubleQuoted
		case v.Style&yaml.SingleQuotedStyle != 0:
			f.Style = SingleQuoted
		case v.Style&yaml.FoldedStyle != 0:
			f.Style = Folded
		case v.Style&yaml.LiteralStyle != 0:
			f.Style = Literal
		}
	}
}

// trimSpan leaves blank and comment lines at the end of a field's span to
// the gap before the next field, so that an edit keeps them. A comment-like
// line that belongs to a multi-line quoted value stays in the span.
func (d *Doc) trimSpan(f *Field) {
	end := f.end
	hadComment := false
	for end > f.start {
		// the last line of raw[f.start:end]
		ls := bytes.LastIndexByte(d.raw[f.start:end-1], '\n') + 1 + f.start
		if ls <= f.start {
			break
		}
		t := strings.TrimSpace(string(d.raw[ls:end]))
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		hadComment = hadComment || t != ""
		end = ls
	}
	if hadComment && !d.readsAs(f, f.start, end) {
		return // the comment-like lines are part of the value
	}
	f.end = end
}

// readsAs reports whether raw[start:end], read alone in the Doc's format,
// still gives field f its value.
func (d *Doc) readsAs(f *Field, start, end int) bool {
	span := d.raw[start:end]
	if d.Format == TOML {
		var v map[string]any
		if _, err := toml.Decode(string(span), &v); err != nil {
			return false
		}
		s, isString := v[f.Key].(string)
		return !isString || s == f.Value
	}
	fields, err := parseYAMLNodes(span, 1)
	return err == nil && len(fields) == 1 && fields[0].Value == f.Value
}

// yamlPrefix returns the field's "key:" and the spaces after it as written.
func (d *Doc) yamlPrefix(f *Field) string {
	if f.end > f.start {
		line, _ := lineAt(d.raw, f.start)
		if bytes.HasPrefix(line, []byte(f.Key)) {
			rest := line[len(f.Key):]
			i := 0
			for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
				i++
			}
			if i < len(rest) && rest[i] == ':' {
				j := i + 1
				for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
					j++
				}
				k := len(f.Key)
				if j == i+1 || j == len(rest) || rest[j] == '\r' {
					return string(line[:k+i+1]) + " "
				}
				return string(line[:k+j])
			}
		}
	}
	return f.Key + ": "
}

// lineComment returns a "# ..." comment that follows a one-line value.
func (d *Doc) lineComment(f *Field) string {
	if f.end <= f.start || f.Style == Folded || f.Style == Literal {
		return ""
	}
	line, next := lineAt(d.raw, f.start)
	if next < f.end {
		return "" // a multi-line value: comments are left where they are
	}
	var n yaml.Node
	if yaml.Unmarshal(line, &n) != nil || len(n.Content) == 0 || len(n.Content[0].Content) < 2 {
		return ""
	}
	return n.Content[0].Content[1].LineComment
}

// blockIndent is the indentation of the field's continuation lines, or two
// spaces when it has none.
func (d *Doc) blockIndent(f *Field) string {
	_, p := lineAt(d.raw, f.start)
	for p < f.end {
		l, n := lineAt(d.raw, p)
		t := strings.TrimRight(string(l), "\r")
		if strings.TrimSpace(t) != "" {
			ind := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
			if ind != "" {
				return ind
			}
			break
		}
		p = n
	}
	return "  "
}

func (d *Doc) encodeYAML(f *Field, value string) []byte {
	nl := d.NL()
	prefix := d.yamlPrefix(f)
	if f.Kind == List {
		return d.encodeYAMLList(f, prefix, splitList(value))
	}
	comment := d.lineComment(f)
	one := func(s string) []byte {
		if comment != "" {
			s += " " + comment
		}
		return []byte(s + nl)
	}
	switch f.Style {
	case DoubleQuoted:
		return one(prefix + quoteDouble(value))
	case SingleQuoted:
		if !strings.ContainsAny(value, "\n\r") && printable(value) {
			return one(prefix + "'" + strings.ReplaceAll(value, "'", "''") + "'")
		}
	case Folded, Literal:
		if value != "" && printable(strings.ReplaceAll(value, "\n", "")) {
			return d.yamlBlock(f, prefix, value)
		}
	default:
		if value == "" {
			return []byte(strings.TrimRight(prefix, " \t") + nl)
		}
		if yamlPlainSafe(value) {
			return one(prefix + value)
		}
	}
	return one(prefix + quoteDouble(value))
}

// yamlBlock writes value as a folded (>) or literal (|) block scalar with
// the field's indentation; long folded lines are wrapped at spaces.
func (d *Doc) yamlBlock(f *Field, prefix, value string) []byte {
	ind := d.blockIndent(f)
	header := ">"
	if f.Style == Literal {
		header = "|"
	}
	body := strings.TrimSuffix(value, "\n")
	switch trailing := len(value) - len(strings.TrimRight(value, "\n")); {
	case trailing == 0:
		header += "-"
	case trailing > 1:
		header += "+"
		body = strings.TrimRight(value, "\n")
		body += strings.Repeat("\n", trailing-1)
	}
	if strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\t") {
		header += strconv.Itoa(len(ind))
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(prefix, " \t") + " " + header + d.NL())
	// A value that differs only in its spaces (a typography fix) keeps
	// the lines it was folded on.
	if f.Style == Folded && !strings.Contains(body, "\n") {
		if lines, ok := refold(d.foldedLines(f), body); ok {
			for _, l := range lines {
				b.WriteString(ind + l + d.NL())
			}
			return []byte(b.String())
		}
	}
	segs := strings.Split(body, "\n")
	for i, s := range segs {
		var lines []string
		if f.Style == Folded {
			if i > 0 && s != "" && segs[i-1] != "" {
				lines = append(lines, "")
			}
			lines = append(lines, wrapFolded(s, 80-len(ind))...)
		} else {
			lines = []string{s}
		}
		for _, l := range lines {
			if l != "" {
				b.WriteString(ind + l)
			}
			b.WriteString(d.NL())
		}
	}
	return []byte(b.String())
}

// foldedLines are the content lines of a folded field as the file has
// them (nil when it has a blank line, which folds to a line break).
func (d *Doc) foldedLines(f *Field) []string {
	if f.end <= f.start {
		return nil
	}
	_, p := lineAt(d.raw, f.start)
	var out []string
	for p < f.end {
		l, n := lineAt(d.raw, p)
		t := strings.TrimSpace(strings.TrimRight(string(l), "\r\n"))
		if t == "" {
			return nil
		}
		out = append(out, t)
		p = n
	}
	return out
}

// refold breaks value where the old lines broke (a value on one long
// line stays on one: the reviewer's diff shows the spaces that changed,
// not a paragraph rewrapped): after as many visible
// characters (spaces of any kind left out) as each old line ended with,
// at a plain space there. It fails when value is not the old text with
// other spaces, or no plain space is there.
func refold(old []string, value string) ([]string, bool) {
	if len(old) == 0 {
		return nil, false
	}
	visible := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2009' {
				return -1
			}
			return r
		}, strings.ReplaceAll(strings.ReplaceAll(s, "&nbsp;", ""), "&#8239;", ""))
	}
	if visible(strings.Join(old, " ")) != visible(value) {
		return nil, false
	}
	var out []string
	rest := value
	for _, l := range old[:len(old)-1] {
		want := len(visible(l))
		// The first plain space once want visible bytes are passed (an
		// entity's bytes are not visible: &nbsp; counts as a space).
		seen, cut := 0, -1
		for i := 0; i < len(rest); {
			if seen >= want && rest[i] == ' ' {
				cut = i
				break
			}
			n := 1
			switch {
			case strings.HasPrefix(rest[i:], "&nbsp;"):
				n = len("&nbsp;")
			case strings.HasPrefix(rest[i:], "&#8239;"):
				n = len("&#8239;")
			default:
				_, n = utf8.DecodeRuneInString(rest[i:])
			}
			v := len(visible(rest[i : i+n]))
			if seen >= want && v > 0 {
				return nil, false // the break's place holds no plain space
			}
			seen += v
			i += n
		}
		if cut <= 0 {
			return nil, false
		}
		out = append(out, strings.TrimRight(rest[:cut], " "))
		rest = strings.TrimLeft(rest[cut:], " ")
	}
	return append(out, rest), true
}

// wrapFolded breaks s at single spaces between words so that lines stay
// near width; a folded scalar reads each such break back as one space.
func wrapFolded(s string, width int) []string {
	if len(s) <= width || strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\t") {
		return []string{s}
	}
	var out []string
	for len(s) > width {
		cut := -1
		for i := 1; i < len(s)-1; i++ {
			if s[i] == ' ' && s[i-1] != ' ' && s[i+1] != ' ' && s[i-1] != '\t' && s[i+1] != '\t' {
				if i > width && cut > 0 {
					break
				}
				cut = i
			}
		}
		if cut <= 0 {
			break
		}
		out = append(out, s[:cut])
		s = s[cut+1:]
	}
	return append(out, s)
}

func (d *Doc) encodeYAMLList(f *Field, prefix string, items []string) []byte {
	if f.Style == Other || len(items) == 0 { // flow style: [a, b]
		q := make([]string, len(items))
		for i, it := range items {
			q[i] = it
			if !yamlPlainSafe(it) || strings.ContainsAny(it, ",[]{}") {
				q[i] = quoteDouble(it)
			}
		}
		return []byte(prefix + "[" + strings.Join(q, ", ") + "]" + d.NL())
	}
	ind := d.blockIndent(f)
	if !strings.Contains(string(d.raw[f.start:f.end]), d.NL()+ind+"-") {
		ind = ""
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(prefix, " \t") + d.NL())
	for _, it := range items {
		if !yamlPlainSafe(it) {
			it = quoteDouble(it)
		}
		b.WriteString(ind + "- " + it + d.NL())
	}
	return []byte(b.String())
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// quoteDouble writes s as a YAML double-quoted scalar, which is also a
// TOML basic string.
func quoteDouble(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xFEFF || r == 0x2028 || r == 0x2029 {
				b.WriteString(`\u` + strconv.FormatInt(int64(r)|0x10000, 16)[1:])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func printable(s string) bool {
	for _, r := range s {
		if r == '\t' {
			continue
		}
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xFEFF || r == 0x2028 || r == 0x2029 {
			return false
		}
	}
	return true
}

// yamlPlainSafe reports whether s can be written without quotes and read
// back as the same string.
func yamlPlainSafe(s string) bool {
	if s == "" || !printable(s) || strings.ContainsAny(s, "\n\r\t") {
		return false
	}
	if unicode.IsSpace(rune(s[0])) || unicode.IsSpace(rune(s[len(s)-1])) || strings.ContainsRune(s, '\u00a0') && (strings.HasPrefix(s, "\u00a0") || strings.HasSuffix(s, "\u00a0")) {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return false
	}
	return true
}
