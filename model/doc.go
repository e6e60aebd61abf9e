// Package model reads and writes the posts of a bilingual static site
// (Jekyll or Hugo) without damaging them: it detects the site's layout, pairs
// each post with its translation, infers the front-matter schema, lints the
// site, creates new pairs and saves edits atomically, changing only the bytes
// an edit concerns. It imports nothing from Fyne.
package model

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Format is the syntax of a post's front matter.
type Format uint8

// The front-matter syntaxes Tandem reads.
const (
	NoFrontMatter Format = iota
	YAML                 // between --- lines
	TOML                 // between +++ lines
)

func (f Format) String() string {
	switch f {
	case YAML:
		return "YAML"
	case TOML:
		return "TOML"
	}
	return "none"
}

// ParseError is a front matter that could not be read, with the 1-based line
// of the file where the problem is.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Field is one top-level entry of a front matter, as it stands in the file.
type Field struct {
	Key string
	// Value is the decoded value: the text of a scalar (quotes, escapes and
	// folding undone), list items joined by ", " for a sequence.
	Value string
	// List holds the items when the value is a sequence.
	List []string
	// Kind says whether the value is a scalar, a list, a map or empty.
	Kind ValueKind
	// Line is the 1-based line of the key in the file.
	Line int
	// Style is how the value is written, kept when it is edited.
	Style Style

	start, end int // byte span in the file: key line start to the end of the value's last line
}

// ValueKind is the shape of a front-matter value.
type ValueKind int

// Value shapes.
const (
	Scalar ValueKind = iota
	Empty
	List
	Map
)

// Style is the way a scalar value is written.
type Style int

// Scalar styles, YAML's and TOML's.
const (
	Plain Style = iota
	DoubleQuoted
	SingleQuoted
	Folded  // YAML >
	Literal // YAML |
	Other   // TOML numbers, dates, arrays, tables: rewritten as strings when edited
)

// Doc is one post file: its front matter, kept as raw lines, and its body.
// Every edit splices the new bytes into the original ones, so what is not
// edited stays byte-for-byte as it was.
type Doc struct {
	// (Its fields in order of size: a site's tens of thousands of posts
	// each have one, of 96 bytes, one of the Go heap's sizes; see
	// TestRecordSizes.)
	raw []byte
	// fields are the front-matter entries in file order (duplicate keys
	// appear twice): see Fields.
	fields []*Field
	lines  *bodyLines // the body's line starts, once it is edited (EditBody)

	fmStart, fmEnd int // the front matter's content, between the delimiter lines
	bodyStart      int
	insertAt       int // where a new field goes: the end, or before TOML's first [table]

	Format Format
	// BOM is true when the file starts with a UTF-8 byte order mark.
	BOM bool
	// crlf is true when the front matter's lines end in \r\n (NL).
	crlf bool
	// folded is true when a partial Doc let its fields go (Fold): they
	// are read again from its front matter when asked for.
	folded bool
	// simple is true when the front matter is one scanSimpleYAML reads:
	// a folded Doc's Get reads one field of it.
	simple bool
	// partial is true when the body was let go (see OpenFrontMatter): the
	// Doc reads, but is not written.
	partial bool
	// evicted is true when a folded Doc let its front matter go (Evict).
	evicted bool
}

// NL is the line ending of the front matter: "\n" or "\r\n".
func (d *Doc) NL() string {
	if d.crlf {
		return "\r\n"
	}
	return "\n"
}

// Parse reads a post file. A file without front matter is a Doc of Format
// NoFrontMatter whose body is the whole file. A front matter that cannot be
// read gives a *ParseError with its line.
func Parse(raw []byte) (*Doc, error) {
	d := &Doc{raw: raw}
	if err := d.parse(); err != nil {
		return nil, err
	}
	return d, nil
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func (d *Doc) parse() error {
	raw := d.raw
	d.fields = nil
	d.BOM = bytes.HasPrefix(raw, bom)
	b, ok := frontMatter(raw)
	d.Format, d.fmStart, d.fmEnd, d.bodyStart = b.format, b.start, b.end, b.body
	if i := bytes.IndexByte(raw, '\n'); i > 0 && raw[i-1] == '\r' {
		d.crlf = true
	}
	if !ok {
		return &ParseError{Line: 1, Msg: fmt.Sprintf("the front matter opened with %s on line 1 is never closed", b.delim)}
	}
	if d.Format == NoFrontMatter {
		return nil
	}
	d.insertAt = d.fmEnd
	return d.parseFields()
}

// fmBounds are where a file's front matter is: its format and opening
// line, where its content starts and ends, and where the body starts.
type fmBounds struct {
	format           Format
	delim            string
	start, end, body int
}

// frontMatter finds the front matter of raw (after a BOM): YAML between
// --- lines (or closed by ...), TOML between +++ lines, or none; ok is
// false when it is opened and never closed.
func frontMatter(raw []byte) (fmBounds, bool) {
	pos := 0
	if bytes.HasPrefix(raw, bom) {
		pos = len(bom)
	}
	first, next := lineAt(raw, pos)
	b := fmBounds{delim: strings.TrimRight(string(first), " \t\r")}
	switch b.delim {
	case "---":
		b.format = YAML
	case "+++":
		b.format = TOML
	default:
		b.format, b.start, b.end, b.body = NoFrontMatter, pos, pos, pos
		return b, true
	}
	b.start = next
	for p := next; p < len(raw); {
		l, n := lineAt(raw, p)
		t := strings.TrimRight(string(l), " \t\r")
		if t == b.delim || (b.format == YAML && t == "...") {
			b.end, b.body = p, n
			return b, true
		}
		p = n
	}
	return b, false
}

// Body is a post file's body: what follows its front matter, as Parse
// finds it, without reading the fields; ok is false when the front
// matter is never closed.
func Body(raw []byte) ([]byte, bool) {
	b, ok := frontMatter(raw)
	if !ok {
		return nil, false
	}
	return raw[b.body:], true
}

// lineAt returns the line starting at p without its "\n", and where the
// next line starts.
func lineAt(b []byte, p int) ([]byte, int) {
	i := bytes.IndexByte(b[p:], '\n')
	if i < 0 {
		return b[p:], len(b)
	}
	return b[p : p+i], p + i + 1
}

// firstLine is the 1-based file line on which the front matter's content starts.
func (d *Doc) firstLine() int { return bytes.Count(d.raw[:d.fmStart], []byte("\n")) + 1 }

func (d *Doc) parseFields() error {
	if d.Format == TOML {
		return d.parseTOML()
	}
	return d.parseYAML()
}

// Fields are the front-matter entries in file order; duplicate keys
// appear twice. A folded Doc reads them again from its front matter (the
// last few folded Docs' are kept a while: a pass over the site's posts
// asks each for several fields in a row).
func (d *Doc) Fields() []*Field {
	if !d.folded {
		return d.fields
	}
	d.mustHaveFrontMatter()
	if fs, ok := unfolded.get(d); ok {
		return fs
	}
	c := *d
	c.fields, c.folded = nil, false
	if c.parseFields() != nil {
		return nil // it parsed when it was read: not reached
	}
	unfolded.put(d, c.fields)
	return c.fields
}

// unfolded are the fields last read of a few folded Docs.
var unfolded = &foldCache{m: map[*Doc][]*Field{}}

type foldCache struct {
	mu    sync.Mutex
	m     map[*Doc][]*Field
	order []*Doc // oldest first
}

func (c *foldCache) get(d *Doc) ([]*Field, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fs, ok := c.m[d]
	return fs, ok
}

func (c *foldCache) drop(d *Doc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[d]; ok {
		delete(c.m, d)
		c.order = slices.DeleteFunc(c.order, func(x *Doc) bool { return x == d })
	}
}

func (c *foldCache) put(d *Doc, fs []*Field) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[d]; ok {
		return
	}
	if len(c.order) >= 64 {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[d] = fs
	c.order = append(c.order, d)
}

// Fold lets a partial Doc's fields go: they are read again from its front
// matter when asked for, until Unfold keeps them again (a large site's
// read once, by a command that reads each post in turn). A whole Doc,
// which may be edited, keeps its fields. Not safe with a reader of the
// Doc on another goroutine; a folded Doc is safe for several readers.
func (d *Doc) Fold() {
	if d.partial {
		d.fields, d.folded = nil, true
	}
}

// Evict folds a partial Doc and lets its front matter go for good: a
// command that reads each post once (lint) has read it, and the site's
// thousands of posts need the room. It returns the Doc that takes its
// place (p.Doc = p.Doc.Evict()): one shared by the evicted Docs of its
// format, holding nothing of it; a Doc that is not partial is its own.
// The fields of an evicted Doc are not read again: reading them, or its
// front matter or body, is a bug in Tandem, said as one.
func (d *Doc) Evict() *Doc {
	d.Fold()
	if !d.folded {
		return d
	}
	unfolded.drop(d)
	return evicted.of(d)
}

// evicted are the Docs that take the place of the evicted ones, one for
// each form of front matter (what is still read of an evicted Doc).
var evicted = &evictedDocs{m: map[evictedForm]*Doc{}}

type evictedForm struct {
	format      Format
	bom, simple bool
	crlf        bool
}

type evictedDocs struct {
	mu sync.Mutex
	m  map[evictedForm]*Doc
}

func (e *evictedDocs) of(d *Doc) *Doc {
	form := evictedForm{d.Format, d.BOM, d.simple, d.crlf}
	e.mu.Lock()
	defer e.mu.Unlock()
	if x := e.m[form]; x != nil {
		return x
	}
	// Its spans are out of any text: reading its front matter or its body
	// panics, as reading its fields does (mustHaveFrontMatter).
	x := &Doc{crlf: d.crlf, Format: d.Format, BOM: d.BOM, simple: d.simple, folded: true, partial: true, evicted: true,
		fmStart: -1, fmEnd: -1, bodyStart: -1, insertAt: -1}
	e.m[form] = x
	return x
}

// Restore reads an evicted Doc again from raw, its file as it is now,
// and returns the Doc that takes its place: partial, its fields read
// (Fold and Evict let them go again), and body, raw's (for the reader's
// checks). A file that cannot be read any more gives its error, and d.
func (d *Doc) Restore(raw []byte) (nd *Doc, body []byte, err error) {
	nd, err = Parse(raw)
	if err != nil {
		return d, nil, err
	}
	body = nd.Body()
	nd.dropBody(nil)
	return nd, body, nil
}

// Evicted says whether the Doc let its front matter go (Evict).
func (d *Doc) Evicted() bool { return d.evicted }

// mustHaveFrontMatter panics when the Doc let its front matter go.
func (d *Doc) mustHaveFrontMatter() {
	if d.evicted {
		panic("a post's front matter was read after lint let it go")
	}
}

// Folded says whether the Doc's fields are folded (Fold).
func (d *Doc) Folded() bool { return d.folded }

// Unfold keeps a folded Doc's fields again.
func (d *Doc) Unfold() {
	if d.folded {
		d.fields = d.Fields()
		d.folded = false
	}
}

// dropBody lets the body go, keeping the front matter and where the body
// started; the Doc is partial from then on.
func (d *Doc) dropBody(into *slab) {
	if into != nil {
		d.raw = into.copy(d.raw[:d.bodyStart])
	} else {
		d.raw = append([]byte(nil), d.raw[:d.bodyStart]...)
	}
	d.partial = true
}

// Bytes returns the file as it is now, edits included.
func (d *Doc) Bytes() []byte { return d.raw }

// FrontMatter returns the raw front-matter block, between its delimiters.
func (d *Doc) FrontMatter() []byte { return d.raw[d.fmStart:d.fmEnd] }

// Body returns the raw body: everything after the closing delimiter line.
func (d *Doc) Body() []byte { return d.raw[d.bodyStart:] }

// BodyLine is the 1-based file line on which the body starts.
func (d *Doc) BodyLine() int { return bytes.Count(d.raw[:d.bodyStart], []byte("\n")) + 1 }

// BodyText is the body for an editor: CRLF line endings read as "\n".
func (d *Doc) BodyText() string {
	return strings.ReplaceAll(string(d.Body()), "\r\n", "\n")
}

// SetBodyText replaces the body with text from an editor. Line endings are
// written in the file's own style; text equal to BodyText changes nothing.
func (d *Doc) SetBodyText(text string) {
	// (Compared without copying the body: this runs on every keystroke.)
	if body := d.Body(); string(body) == text || bytes.IndexByte(body, '\r') >= 0 && text == d.BodyText() {
		return
	}
	if d.crlf {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
	}
	out := make([]byte, 0, d.bodyStart+len(text))
	out = append(out, d.raw[:d.bodyStart]...)
	out = append(out, text...)
	d.raw = out
}

// SetBody replaces the body with the text appendText appends to a slice
// (an editor's text, lines ending in "\n"), as SetBodyText does, but
// without the editor's text as a string first: one copy of the text per
// keystroke instead of three.
func (d *Doc) SetBody(appendText func([]byte) []byte) {
	if d.crlf {
		d.SetBodyText(string(appendText(nil)))
		return
	}
	old := d.Body()
	out := appendText(append(make([]byte, 0, len(d.raw)+64), d.raw[:d.bodyStart]...))
	body := out[d.bodyStart:]
	if bytes.Equal(body, old) || bytes.IndexByte(old, '\r') >= 0 && string(body) == d.BodyText() {
		return
	}
	d.raw = out
}

// BodyEdit is one change of the body as an editor makes it: the text
// from (Line, Col) to (EndLine, EndCol), as the body was just before it
// (lines of the body from 0, columns in runes), replaced by Text.
type BodyEdit struct {
	Line, Col, EndLine, EndCol int
	Text                       string
}

// EditBody applies edits to the body in turn, each where it says, and
// reports whether it could: a body with carriage returns (its lines are
// not the editor's), or an edit that does not fit it, changes nothing,
// and the caller sets the body whole (SetBody). The body's line starts
// are kept from one edit to the next: an edit costs the lines after it,
// not a reading of the text.
func (d *Doc) EditBody(edits []BodyEdit) bool {
	raw, starts := d.raw, d.bodyStarts()
	if d.partial || d.crlf || starts == nil {
		return false
	}
	for _, e := range edits {
		body := raw[d.bodyStart:]
		from, ok1 := offsetOf(body, starts, e.Line, e.Col)
		to, ok2 := offsetOf(body, starts, e.EndLine, e.EndCol)
		if !ok1 || !ok2 || to < from || strings.IndexByte(e.Text, '\r') >= 0 || !utf8.ValidString(e.Text) {
			return false
		}
		out := make([]byte, 0, len(raw)-(to-from)+len(e.Text))
		out = append(out, raw[:d.bodyStart+from]...)
		out = append(out, e.Text...)
		out = append(out, raw[d.bodyStart+to:]...)
		raw = out
		// The lines after the edit move by its length; its own
		// line breaks start lines of their own.
		delta := len(e.Text) - (to - from)
		var added []int
		for i := 0; i < len(e.Text); i++ {
			if e.Text[i] == '\n' {
				added = append(added, from+i+1)
			}
		}
		rest := starts[e.EndLine+1:]
		next := make([]int, 0, e.Line+1+len(added)+len(rest))
		next = append(append(next, starts[:e.Line+1]...), added...)
		for _, st := range rest {
			next = append(next, st+delta)
		}
		starts = next
	}
	d.raw, d.lines = raw, &bodyLines{starts, raw[d.bodyStart:]}
	return true
}

// bodyStarts are the offsets (in the body) its lines start at, kept for
// the body they were found for; nil for a body an editor does not show
// byte for byte (carriage returns, bytes that are not UTF-8), whose
// edits are not applied as edits. An edit keeps a body that is neither.
func (d *Doc) bodyStarts() []int {
	body := d.Body()
	if d.lines != nil && sameBytes(d.lines.of, body) {
		return d.lines.starts
	}
	var starts []int
	if bytes.IndexByte(body, '\r') < 0 && utf8.Valid(body) {
		starts = []int{0}
		for i, c := range body {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
	}
	d.lines = &bodyLines{starts, body}
	return starts
}

// bodyLines are a body's line starts, for the body of (held: a body's
// bytes are told apart by where they are).
type bodyLines struct {
	starts []int
	of     []byte
}

// sameBytes reports whether a and b are the same bytes in memory (a
// body is never changed: an edit makes new ones).
func sameBytes(a, b []byte) bool {
	return a != nil && len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// offsetOf is the offset in body of line l (from 0), rune col, its lines
// starting at starts; false when there is no such place.
func offsetOf(body []byte, starts []int, l, col int) (int, bool) {
	if l < 0 || l >= len(starts) || col < 0 {
		return 0, false
	}
	at := starts[l]
	for ; col > 0; col-- {
		if at >= len(body) || body[at] == '\n' {
			return 0, false
		}
		_, n := utf8.DecodeRune(body[at:])
		at += n
	}
	return at, true
}

// Lookup returns the field for key. With a duplicated key it is the last
// one, the one Jekyll and Hugo use.
func (d *Doc) Lookup(key string) *Field {
	fields := d.Fields()
	for i := len(fields) - 1; i >= 0; i-- {
		if fields[i].Key == key {
			return fields[i]
		}
	}
	return nil
}

// Get returns the decoded value of key, "" when it is absent.
func (d *Doc) Get(key string) string {
	if d.folded && d.simple {
		d.mustHaveFrontMatter()
		// One field read, not all (a pass over a large site's folded
		// posts asks each for a field or two).
		v, _ := simpleYAMLGet(d.raw[d.fmStart:d.fmEnd], key)
		return v
	}
	if f := d.Lookup(key); f != nil {
		return f.Value
	}
	return ""
}

// Has reports whether key is in the front matter.
func (d *Doc) Has(key string) bool { return d.Lookup(key) != nil }

// Keys lists the front-matter keys in file order, each once.
func (d *Doc) Keys() []string {
	keys, _ := d.keyedFields()
	return keys
}

// keyedFields is Keys and the field of each key (Lookup's: the last of a
// duplicated key), the fields read once.
func (d *Doc) keyedFields() (keys []string, fields []*Field) {
	all := d.Fields()
	keys, fields = make([]string, 0, len(all)), make([]*Field, 0, len(all))
	for _, f := range all {
		// A front matter has a few dozen keys at most: a map for them
		// would be most of what a pass over a site's posts allocates.
		if i := slices.Index(keys, f.Key); i >= 0 {
			fields[i] = f
		} else {
			keys, fields = append(keys, f.Key), append(fields, f)
		}
	}
	return keys, fields
}

// Items is key's value as items: a list's, or a scalar's words; nil when
// key is absent or empty. A folded Doc reads that one field (a pass over
// a large site's posts asks each for its aliases).
func (d *Doc) Items(key string) []string {
	if d.folded && d.simple {
		// A simple front matter has no lists (scanSimpleYAML).
		return strings.Fields(d.Get(key))
	}
	f := d.Lookup(key)
	switch {
	case f == nil:
		return nil
	case f.Kind == List:
		return f.List
	}
	return strings.Fields(f.Value)
}

// Duplicates lists the fields whose key appeared earlier in the front matter.
func (d *Doc) Duplicates() []*Field {
	var dup []*Field
	seen := map[string]bool{}
	for _, f := range d.Fields() {
		if seen[f.Key] {
			dup = append(dup, f)
		}
		seen[f.Key] = true
	}
	return dup
}

// Set gives key the value text. Only the lines of that field change, in the
// style the value already had where that style can hold the new text; a new
// key is added at the end of the front matter. Setting a field to the value
// it has changes nothing. The result is read back before it is kept, so a
// value that would not survive the round trip is refused with an error and
// the Doc is left as it was.
func (d *Doc) Set(key, value string) error {
	if d.Format == NoFrontMatter {
		return fmt.Errorf("this file has no front matter to hold %q", key)
	}
	f := d.Lookup(key)
	if f == nil {
		// A key already in the file is whatever the file says; one Tandem
		// adds must be a plain key.
		if err := checkKey(key); err != nil {
			return err
		}
	}
	if f != nil && f.Kind == Map {
		return fmt.Errorf("%q holds nested fields; Tandem does not edit those", key)
	}
	if f != nil && f.Kind == List {
		// A list is edited as "a, b, c": its items, trimmed.
		if value == f.Value {
			return nil
		}
		value = strings.Join(splitList(value), ", ")
	}
	if f != nil && f.Value == value {
		return nil
	}
	if f == nil {
		style := Plain
		if d.Format == TOML {
			style = DoubleQuoted // a bare TOML value is a number, date or boolean
		}
		f = &Field{Key: key, Style: style, start: d.insertAt, end: d.insertAt}
	}
	return d.put(f, value)
}

// put writes field f (one of the Doc's, or a new one at insertAt) with
// value, in f's style, or double-quoted when that style cannot hold it.
func (d *Doc) put(f *Field, value string) error {
	err := d.spliceField(f.start, f.end, d.encode(f, value), f.Key, value)
	if err != nil && f.Kind != List && f.Style != DoubleQuoted {
		g := *f
		g.Style = DoubleQuoted
		err = d.spliceField(g.start, g.end, d.encode(&g, value), g.Key, value)
	}
	return err
}

// Delete removes every line of key from the front matter.
func (d *Doc) Delete(key string) error {
	for {
		f := d.Lookup(key)
		if f == nil {
			return nil
		}
		if err := d.splice(f.start, f.end, nil); err != nil {
			return err
		}
	}
}

// splice replaces raw[start:end] with repl and re-reads the result; on
// failure the Doc is unchanged.
func (d *Doc) splice(start, end int, repl []byte) error {
	out := make([]byte, 0, len(d.raw)-(end-start)+len(repl))
	out = append(out, d.raw[:start]...)
	out = append(out, repl...)
	out = append(out, d.raw[end:]...)
	nd, err := Parse(out)
	if err != nil {
		return err
	}
	*d = *nd
	return nil
}

// spliceField is splice for an edit of key, kept only when key then reads
// back as value.
func (d *Doc) spliceField(start, end int, repl []byte, key, value string) error {
	old := *d
	if err := d.splice(start, end, repl); err != nil {
		return fmt.Errorf("setting %q would make the front matter unreadable (%v); nothing was changed", key, err)
	}
	if got := d.Lookup(key); got == nil || got.Value != value {
		*d = old
		return fmt.Errorf("the value of %q cannot be written faithfully; nothing was changed", key)
	}
	return nil
}

func checkKey(key string) error {
	if key == "" || strings.TrimSpace(key) != key || strings.ContainsAny(key, ":#\"'\n\r\t=[]{},&*!|>%@`") {
		return fmt.Errorf("%q is not a usable front-matter key", key)
	}
	return nil
}

// encode writes the lines of field f holding value, in f's style where it
// fits, ending with the Doc's line ending.
func (d *Doc) encode(f *Field, value string) []byte {
	if d.Format == TOML {
		return d.encodeTOML(f, value)
	}
	return d.encodeYAML(f, value)
}
