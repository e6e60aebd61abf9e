package model

import (
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"tandem/bug"
	"tandem/disk"
	"tandem/distance"
	"tandem/lines"
)

// Severity is how much a finding matters.
type Severity string

// Severities: an error fails `tandem lint`.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rule ids, stable: tests, the window and scripts rely on them.
const (
	RuleConfig             = "site-config"
	RuleUnreadable         = "file-unreadable"
	RuleUnparseable        = "front-matter-unparseable"
	RuleMissingCounterpart = "missing-counterpart"
	RuleTransURLUnresolved = "trans-url-unresolved"
	RuleTransURLOneWay     = "trans-url-not-reciprocal"
	RuleKeyDuplicate       = "translation-key-duplicate"
	RuleKeyDangling        = "translation-key-dangling"
	RuleLangMismatch       = "lang-mismatch"
	RuleRequired           = "required-field-missing"
	RuleInvalidDate        = "invalid-date"
	RuleImageNotFound      = "image-not-found"
	RuleDuplicateKey       = "duplicate-key"
	RuleEmptyBody          = "empty-body"
	RuleNameNotPortable    = "filename-not-portable"
	RuleNameNearDuplicate  = "filename-near-duplicate"
	RuleSharedMismatch     = "shared-field-mismatch"
	// RuleAltFieldUntranslated is the front matter's image alt text a
	// translation copied from its source (the body's is the checks').
	RuleAltFieldUntranslated = "accessibility-alt-field-untranslated"
	RuleRawHTMLOmitted       = "raw-html-omitted"
	// RuleInternal is a post whose work hit a bug in Tandem (see
	// InternalError).
	RuleInternal = "internal-error"
)

// Rules are the site's own rules' ids (RuleInternal aside), in order.
var Rules = []string{RuleConfig, RuleUnreadable, RuleUnparseable, RuleMissingCounterpart, RuleTransURLUnresolved,
	RuleTransURLOneWay, RuleKeyDuplicate, RuleKeyDangling, RuleLangMismatch, RuleRequired, RuleInvalidDate,
	RuleImageNotFound, RuleDuplicateKey, RuleEmptyBody, RuleNameNotPortable, RuleNameNearDuplicate,
	RuleSharedMismatch, RuleRawHTMLOmitted, RuleAltFieldUntranslated}

// InternalError is the finding of a post whose lint, render or checks
// panicked: a bug in Tandem, reported (bug.Catch) rather than fatal. The
// post itself is unchanged.
func InternalError(path string, err *bug.Error) Finding {
	log := err.Log
	if log == "" {
		log = fmt.Sprint(err.Value)
	}
	return newFinding(path, 0, RuleInternal, Error, "",
		"Tandem could not check this post because of a bug in Tandem; the post is unchanged. Details: %s", log)
}

// Finding is one problem lint found in a post or in the site.
type Finding struct {
	// Path is relative to the site, with /.
	Path string `json:"path"`
	// Line is 1-based; 0 when the finding is about the whole file.
	Line     int      `json:"line"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Field is the front-matter key the finding concerns, if any.
	Field string `json:"field,omitempty"`
	// SourceLine is, for a finding of the translation checks, the line
	// of the source post's block it compares with (0 for others).
	SourceLine int `json:"source_line,omitempty"`
	// Block identifies the blocks a translation finding is about, for
	// silencing it (see the check package).
	Block string `json:"block,omitempty"`

	// Replace, when set, is the fix a window offers: the text Replace[0]
	// on the finding's line or after it, written Replace[1].
	Replace [2]string `json:"-"`

	// format and args make Message; Text translates format first.
	format string
	args   []any
}

// SameFindings reports whether two lists hold the same findings, in order,
// as they are shown: their blocks' keys aside (they follow each edit).
func SameFindings(a, b []Finding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Path != y.Path || x.Line != y.Line || x.Rule != y.Rule || x.Severity != y.Severity || x.Message != y.Message || x.Field != y.Field {
			return false
		}
	}
	return true
}

// NewFinding makes a finding whose message is format with args (for the
// checks that live beside the model: its format is translated as the
// model's are).
func NewFinding(path string, line int, rule string, sev Severity, field, format string, args ...any) Finding {
	return newFinding(path, line, rule, sev, field, format, args...)
}

// newFinding makes a finding whose message is format with args.
func newFinding(path string, line int, rule string, sev Severity, field, format string, args ...any) Finding {
	msg := format // a message with nothing to fill in (a lint makes hundreds of thousands)
	if len(args) > 0 || strings.IndexByte(format, '%') >= 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return Finding{Path: path, Line: line, Rule: rule, Severity: sev, Field: field,
		Message: msg, format: format, args: args}
}

// Text is the finding's message in another language: translate turns
// its English format (a fmt format, see MessageFormats) into that
// language's, whose verbs take the same arguments (%[2]s where the order
// changes).
func (f Finding) Text(translate func(string) string) string {
	if f.format == "" {
		return f.Message
	}
	return fmt.Sprintf(translate(f.format), f.args...)
}

func (f Finding) String() string {
	loc := f.Path
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.Path, f.Line)
	}
	return fmt.Sprintf("%s: %s: %s [%s]", loc, f.Severity, f.Message, f.Rule)
}

// Lint checks the whole site and returns its findings sorted by path and
// line.
func (s *Site) Lint() []Finding {
	before, after := s.SiteFindings()
	out := before
	exists := s.Files()
	per := make([][]Finding, len(s.Posts))
	parallel(len(s.Posts), func(i int) {
		p := s.Posts[i]
		if err := bug.Catch("lint "+p.Path, func() { per[i] = s.lintPost(p, exists) }); err != nil {
			per[i] = []Finding{InternalError(p.Path, err)}
		}
	})
	for _, f := range per {
		out = append(out, f...)
	}
	out = append(out, after...)
	SortFindings(out)
	return out
}

// SiteFindings are lint's findings that are not one post's own (those are
// LintPost's): the site's problems, which Lint puts before a post's own
// findings on the same line, and its translation keys' and file names'
// (after them). Lint is the three, sorted (SortFindings).
func (s *Site) SiteFindings() (before, after []Finding) {
	before = append([]Finding(nil), s.Problems...)
	after = append(s.lintKeys(), s.lintNames()...)
	return before, after
}

// SortFindings sorts findings as Lint does: by path, then line, keeping
// their order on a tie.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Path != fs[j].Path {
			return fs[i].Path < fs[j].Path
		}
		return fs[i].Line < fs[j].Line
	})
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// LintPost checks one post: the rules that need only the post, its pair and
// the files it names. The window runs it as the user types.
//
// Whether an image is in the site is read from the site's listing of its
// folders (Files), so that linting a post as it is typed touches no
// disk once its folders are listed.
func (s *Site) LintPost(p *Post) []Finding { return s.lintPost(p, s.Files()) }

// Files tells whether a file of the site exists, listing each folder the
// first time it is asked about and remembering it; the watcher's batches
// (Apply) and AddImage keep the listing up to date.
// Safe for concurrent use.
func (s *Site) Files() func(string) bool { return s.listing().exists }

func (s *Site) listing() *listing {
	s.filesMu.Lock()
	defer s.filesMu.Unlock()
	if s.files == nil {
		s.files = newListing()
	}
	return s.files
}

// listing is the names of files in the folders asked about, each folder
// listed once.
type listing struct {
	mu   sync.Mutex
	dirs map[string]map[string]bool
}

func newListing() *listing { return &listing{dirs: map[string]map[string]bool{}} }

// exists reports whether file p exists, listing its folder the first
// time.
func (ls *listing) exists(p string) bool {
	dir, name := filepath.Split(p)
	ls.mu.Lock()
	defer ls.mu.Unlock()
	names, ok := ls.dirs[dir]
	if !ok {
		names = map[string]bool{}
		disk.Touch("list", dir)
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !e.IsDir() {
				names[e.Name()] = true
			}
		}
		ls.dirs[dir] = names
	}
	return names[name]
}

// set records that file p exists now, or not, in a folder listed.
func (ls *listing) set(p string, there bool) {
	dir, name := filepath.Split(p)
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if names, ok := ls.dirs[dir]; ok {
		if there {
			names[name] = true
		} else {
			delete(names, name)
		}
	}
}

// postLint collects one post's findings.
type postLint struct {
	p   *Post
	out []Finding
}

func (l *postLint) add(line int, field, rule string, sev Severity, format string, a ...any) {
	l.out = append(l.out, newFinding(l.p.Path, line, rule, sev, field, format, a...))
}

// line is the line of key in the post, or 1 when it has none.
func (l *postLint) line(key string) int {
	if f := l.p.Doc.Lookup(key); f != nil {
		return f.Line
	}
	return 1
}

func (s *Site) lintPost(p *Post, exists func(string) bool) []Finding {
	l := &postLint{p: p}
	if p.Bug != nil {
		l.out = append(l.out, InternalError(p.Path, p.Bug))
	}
	if p.Err != nil {
		var pe *ParseError
		if errors.As(p.Err, &pe) {
			l.add(pe.Line, "", RuleUnparseable, Error, "%s", pe.Msg)
		} else {
			l.add(0, "", RuleUnreadable, Error, "the file cannot be read: %v", p.Err)
		}
		return l.out
	}
	d := p.Doc
	for _, f := range d.Duplicates() {
		fields := d.Fields()
		first := fields[0]
		for _, g := range fields {
			if g.Key == f.Key {
				first = g
				break
			}
		}
		l.add(f.Line, f.Key, RuleDuplicateKey, Warning, "%q is set twice (lines %d and %d); the site uses the last one, and Tandem keeps both lines", f.Key, first.Line, f.Line)
	}
	if lang := d.Get("lang"); lang != "" && lang != p.Lang && s.Folders[p.Lang] != nil {
		l.add(l.line("lang"), "lang", RuleLangMismatch, Error, "lang is %q but the post is in the %q folder", lang, p.Lang)
	}
	page := s.IsPage(p) // held to its section's template, not the posts' schema
	for _, spec := range s.Schema.Fields {
		if spec.Scope == Computed {
			continue
		}
		v := strings.TrimSpace(d.Get(spec.Key))
		if spec.Required && v == "" && (!page || s.pageRequires(p, spec.Key)) {
			if f := d.Lookup(spec.Key); f != nil {
				l.add(f.Line, spec.Key, RuleRequired, Error, "%s is required but empty", spec.Key)
			} else {
				l.add(1, spec.Key, RuleRequired, Error, "%s is required but missing", spec.Key)
			}
		}
		if v == "" {
			continue
		}
		switch spec.Kind {
		case KindDate:
			if !isDateValue(v) {
				l.add(l.line(spec.Key), spec.Key, RuleInvalidDate, Error, "%s %q is not a date (expected like 2024-03-05 or 2024-03-05 09:00:00 -0500)", spec.Key, v)
			}
		case KindImage:
			if s.ImagePath(p, v) != "" && s.imageFile(p, v, exists) == "" {
				l.add(l.line(spec.Key), spec.Key, RuleImageNotFound, Warning, "image %q is not in the site (looked for %s)", v, s.ImagePath(p, v))
			}
		}
	}
	if img := strings.TrimSpace(d.Get("image")); img != "" && strings.TrimSpace(d.Get("image-alt")) == "" {
		if f := d.Lookup("image-alt"); f != nil {
			l.add(f.Line, "image-alt", RuleRequired, Error, "image-alt is empty: describe the image for people who cannot see it")
		} else {
			l.add(l.line("image"), "image-alt", RuleRequired, Error, "image-alt is missing: describe the image for people who cannot see it")
		}
	}
	if m := jekyllName.FindStringSubmatch(path.Base(p.Path)); s.Layout == Jekyll && m != nil && !isDateValue(m[1]) {
		l.add(0, "", RuleInvalidDate, Error, "the file name's date %s is not a date", m[1])
	}
	bl := p.bodyLint
	if !d.partial {
		bl = readBodyLint(p)
	}
	for _, f := range bl.findings(p) {
		if f.Rule == RuleEmptyBody && page {
			continue // a page may be front matter only (a form's, a list's)
		}
		l.out = append(l.out, f)
	}
	s.lintPairing(l)
	return l.out
}

// bodyLint is what the rules that read a post's body (and only its body)
// found in it: a few numbers, kept when the body is let go
// (OpenFrontMatter), made findings by LintPost.
type bodyLint struct {
	empty   bool  // the body has no text
	rawLine int32 // the first line of raw HTML the site leaves out (in the body, 1-based)
	rawHTML int32 // how many lines of it there are
}

// readBodyLint runs the rules that read the post's body.
func readBodyLint(p *Post) bodyLint {
	d := p.Doc
	var b bodyLint
	b.empty = blank(d.Body())
	if r := p.site.Renderer; r.Name == Goldmark && !r.Unsafe {
		line, n := rawHTMLLines(d.Body())
		b.rawLine, b.rawHTML = int32(line), int32(n)
	}
	return b
}

// findings are the body rules' findings on p.
func (b bodyLint) findings(p *Post) []Finding {
	l := &postLint{p: p}
	d := p.Doc
	if b.empty {
		l.add(d.BodyLine(), "", RuleEmptyBody, Warning, "the post has no text")
	}
	switch line := d.BodyLine() + int(b.rawLine) - 1; {
	case b.rawHTML == 1:
		l.add(line, "", RuleRawHTMLOmitted, Warning,
			"raw HTML on this line is not published: the site's Hugo (goldmark) leaves it out unless markup.goldmark.renderer.unsafe is true")
	case b.rawHTML > 1:
		l.add(line, "", RuleRawHTMLOmitted, Warning,
			"raw HTML on this line (and %d more lines) is not published: the site's Hugo (goldmark) leaves it out unless markup.goldmark.renderer.unsafe is true", b.rawHTML-1)
	}
	return l.out
}

// hasHTMLTag says whether line holds what CommonMark reads as raw HTML: a
// tag (<a>, <img src="x"/>), a closing tag or a comment's start. (Read
// by hand: it runs on every line with a '<' of every post.)
func hasHTMLTag(line string) bool {
	for i := strings.IndexByte(line, '<'); i >= 0; {
		if htmlTagAt(line[i+1:]) {
			return true
		}
		j := strings.IndexByte(line[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// htmlTagAt says whether rest, what follows a '<', makes a tag: a name
// then '>', "/>" or a space and attributes up to '>'; '/' and a name
// then spaces and '>'; or "!--".
func htmlTagAt(rest string) bool {
	if strings.HasPrefix(rest, "!--") {
		return true
	}
	closing := strings.HasPrefix(rest, "/")
	if closing {
		rest = rest[1:]
	}
	if rest == "" || !isASCIILetter(rest[0]) {
		return false
	}
	i := 1
	for i < len(rest) && (isASCIILetter(rest[i]) || rest[i] >= '0' && rest[i] <= '9' || rest[i] == '-') {
		i++
	}
	rest = rest[i:]
	if closing {
		rest = strings.TrimLeft(rest, " \t\n\f\r")
		return strings.HasPrefix(rest, ">")
	}
	switch {
	case strings.HasPrefix(rest, ">"), strings.HasPrefix(rest, "/>"):
		return true
	case rest != "" && strings.IndexByte(" \t\n\f\r", rest[0]) >= 0:
		end := strings.IndexAny(rest, "<>")
		return end >= 0 && rest[end] == '>'
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// rawHTMLLines finds the lines of body that hold raw HTML, outside code
// (fences, indented code, code spans) and autolinks: the first one's line
// in body (1-based) and how many there are.
func rawHTMLLines(body []byte) (first, n int) {
	var fences lines.Fences
	i := 0
	lines.Each(lines.View(body), func(_ int, line string) { // only ints kept
		i++
		if fences.Line(line) || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") || strings.IndexByte(line, '<') < 0 {
			return
		}
		if hasHTMLTag(stripCodeSpans(line)) {
			if n == 0 {
				first = i
			}
			n++
		}
	})
	return first, n
}

// stripCodeSpans blanks `code spans` and <autolinks> out of a line.
func stripCodeSpans(line string) string {
	if strings.IndexByte(line, '`') >= 0 {
		var b strings.Builder
		for {
			i := strings.IndexByte(line, '`')
			if i < 0 {
				break
			}
			j := strings.IndexByte(line[i+1:], '`')
			if j < 0 {
				break
			}
			b.WriteString(line[:i])
			line = line[i+j+2:]
		}
		b.WriteString(line)
		line = b.String()
	}
	return stripAutolinks(line)
}

// stripAutolinks removes a line's autolinks: <https://…>, <http:…>,
// <mailto:…>, <ftp:…> or <name@host>, with no space, < or > inside (each
// found from the left, the next after it).
func stripAutolinks(line string) string {
	var out []byte
	last := 0
	for i := 0; i < len(line); {
		j := strings.IndexByte(line[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if n := autolinkAt(line[i:]); n > 0 {
			out = append(out, line[last:i]...)
			i += n
			last = i
			continue
		}
		i++
	}
	if last == 0 {
		return line
	}
	return string(append(out, line[last:]...))
}

// autolinkAt is the length of the autolink s starts with (at its '<'), 0
// when there is none.
func autolinkAt(s string) int {
	stop := func(from int, also byte) int { // the first <, >, space or also
		for k := from; k < len(s); k++ {
			if c := s[k]; c == '<' || c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == also && also != 0 {
				return k
			}
		}
		return len(s)
	}
	for _, scheme := range []string{"https:", "http:", "mailto:", "ftp:"} {
		if strings.HasPrefix(s[1:], scheme) {
			if k := stop(1+len(scheme), 0); k < len(s) && s[k] == '>' {
				return k + 1
			}
			break
		}
	}
	at := stop(1, '@')
	if at == 1 || at >= len(s) || s[at] != '@' {
		return 0
	}
	if k := stop(at+1, 0); k > at+1 && k < len(s) && s[k] == '>' {
		return k + 1
	}
	return 0
}

// lintPairing checks that the post has its translation and that the links
// between them are right.
func (s *Site) lintPairing(l *postLint) {
	p := l.p
	q := p.Counterpart()
	if q != nil && q.Doc != nil && s.langIndex(p.Lang) > s.langIndex(q.Lang) {
		for _, spec := range s.Schema.Fields {
			if spec.Scope != Shared {
				continue
			}
			a, b := strings.TrimSpace(p.Doc.Get(spec.Key)), strings.TrimSpace(q.Doc.Get(spec.Key))
			if a == "" || b == "" || SameValue(a, b) {
				continue
			}
			if da, ok := dayOf(a); ok && spec.Kind == KindDate {
				db, _ := dayOf(b)
				l.add(l.line(spec.Key), spec.Key, RuleSharedMismatch, Warning,
					"%s is %s here but %s in %s: change this post's %s to %s (or the other post's, if %s is the right day)",
					spec.Key, da, db, q.Path, spec.Key, db, da)
				continue
			}
			l.add(l.line(spec.Key), spec.Key, RuleSharedMismatch, Warning,
				"%s is %q here but %q in %s, and the site's pairs share it: change this post's %s to %q (or the other post's); if they should differ, give %s scope: language in %s",
				spec.Key, a, b, q.Path, spec.Key, b, spec.Key, ConfigFile)
		}
	}
	if q != nil && q.Doc != nil && s.langIndex(p.Lang) > s.langIndex(q.Lang) {
		// The image's alt text of a translation, copied from its source:
		// a screen reader reads the other language to the reader.
		for _, spec := range s.Schema.Fields {
			if spec.Scope == Shared || !strings.Contains(strings.ToLower(spec.Key), "alt") {
				continue
			}
			a, b := strings.TrimSpace(p.Doc.Get(spec.Key)), strings.TrimSpace(q.Doc.Get(spec.Key))
			if a != "" && a == b && len(strings.Fields(a)) >= 2 {
				l.add(l.line(spec.Key), spec.Key, RuleAltFieldUntranslated, Warning,
					"the image's alt text (%s) is the source's, untranslated: %q", spec.Key, a)
			}
		}
	}
	if s.Pairing == ByTransURL {
		tu := p.transURL()
		switch {
		case tu != "" && p.link == nil:
			l.add(l.line("trans_url"), "trans_url", RuleTransURLUnresolved, Error, "trans_url %q matches no post in another language", tu)
		case p.link != nil && p.link.link != p:
			if lt := p.link.transURL(); lt != "" {
				l.add(l.line("trans_url"), "trans_url", RuleTransURLOneWay, Warning, "trans_url leads to %s, which links to %q instead of back here (%s)", p.link.Path, lt, p.Permalink)
			} else {
				l.add(l.line("trans_url"), "trans_url", RuleTransURLOneWay, Warning, "trans_url leads to %s, which has no trans_url instead of linking back here (%s)", p.link.Path, p.Permalink)
			}
		case q == nil && tu == "":
			l.add(0, "", RuleMissingCounterpart, Warning, "no translation: the post has no trans_url and no post links to it")
		case q != nil && tu == "":
			l.add(1, "trans_url", RuleTransURLOneWay, Warning, "%s links here, but this post has no trans_url back (%s)", q.Path, q.Permalink)
		}
		return
	}
	if q != nil {
		return
	}
	if k := strings.TrimSpace(p.Doc.Get("translationKey")); k != "" && s.Pairing == ByTranslationKey {
		if p.keyTaken {
			return // reported by lintKeys
		}
		if near := s.nearKey(p, k); near != nil {
			l.add(l.line("translationKey"), "translationKey", RuleKeyDangling, Warning,
				"translationKey %q is used by no post in another language (%s has %q: a typo?)", k, near.p.Path, near.value)
		} else {
			l.add(l.line("translationKey"), "translationKey", RuleKeyDangling, Warning, "translationKey %q is used by no post in another language", k)
		}
		return
	}
	if s.Pairing == ByTranslationKey {
		l.add(0, "", RuleMissingCounterpart, Warning, "no translation: no post in another language has the same translationKey or path")
	} else {
		l.add(0, "", RuleMissingCounterpart, Warning, "no translation: no post in another language has the same path")
	}
}

func (s *Site) langIndex(lang string) int {
	for i, l := range s.Languages {
		if l == lang {
			return i
		}
	}
	return len(s.Languages)
}

// nearKey finds a post in another language, itself without translation
// (its record in Site.lone, with its key as written),
// whose translationKey is one or two edits away from k: the first of the
// site's posts, among those of a key two runes longer or shorter at most
// (Site.lone, made when the posts were paired) whose runes are near
// enough (keySig).
func (s *Site) nearKey(p *Post, k string) *lonePost {
	n, sig := utf8.RuneCountInString(k), keySig(k)
	var near *lonePost
	for l, byLen := range s.lone {
		if l == p.Lang {
			continue
		}
		for m := n - 2; m <= n+2; m++ {
			list := byLen[m]
			for j := range list {
				c := &list[j]
				if near != nil && c.i > near.i {
					break // later in the site than one found already
				}
				if bits.OnesCount64(sig^c.sig) <= 4 && c.key != k && distance.Levenshtein([]rune(c.key), []rune(k), 2) <= 2 {
					near = c
					break
				}
			}
		}
	}
	return near
}

// lintKeys reports two posts of one language with the same translation key.
func (s *Site) lintKeys() []Finding {
	if s.Layout != Hugo {
		return nil
	}
	var out []Finding
	first := map[string]*Post{}
	for _, p := range s.Posts {
		if p.key == "" {
			continue
		}
		id := p.Lang + "\x00" + p.key
		if f := first[id]; f != nil {
			line := 0
			if fl := p.Doc.Lookup("translationKey"); fl != nil {
				line = fl.Line
			}
			if k, ok := strings.CutPrefix(p.key, "path:"); ok {
				out = append(out, newFinding(p.Path, line, RuleKeyDuplicate, Error, "translationKey",
					"path %s is also used by %s, in the same language: only one of them can be paired", k, f.Path))
			} else {
				out = append(out, newFinding(p.Path, line, RuleKeyDuplicate, Error, "translationKey",
					"translationKey %s is also used by %s, in the same language: only one of them can be paired", strings.TrimPrefix(p.key, "key:"), f.Path))
			}
			continue
		}
		first[id] = p
	}
	return out
}

// lintNames reports file names that cannot exist on Windows and names that
// differ from a sibling's only by spaces, punctuation or case.
func (s *Site) lintNames() []Finding {
	var out []Finding
	groups := map[string][]*Post{}
	for _, p := range s.Posts {
		if why, args := unportable(p.Path); why != "" {
			out = append(out, newFinding(p.Path, 0, RuleNameNotPortable, Warning, "",
				"this file name cannot exist on Windows: "+why+"; the site cannot be checked out there", args...))
		}
		k := path.Dir(p.Path) + "/" + foldName(path.Base(p.Path))
		groups[k] = append(groups[k], p)
	}
	for _, g := range groups {
		for i, p := range g {
			for j, q := range g {
				if i != j {
					out = append(out, newFinding(p.Path, 0, RuleNameNearDuplicate, Warning, "",
						"the name differs from %s only by spaces, punctuation or case", path.Base(q.Path)))
				}
			}
		}
	}
	return out
}

func foldName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

// unportable says why a relative path cannot exist on Windows (a format
// and its arguments), or "".
func unportable(rel string) (string, []any) {
	for _, seg := range strings.Split(rel, "/") {
		for _, r := range seg {
			if strings.ContainsRune(`<>:"|?*\`, r) {
				return "%q contains %q", []any{seg, r}
			}
			if r < 0x20 {
				return "%q contains a control character", []any{seg}
			}
		}
		if strings.HasSuffix(seg, " ") || strings.HasSuffix(seg, ".") {
			return "%q ends with a space or a dot", []any{seg}
		}
		base := strings.ToLower(strings.SplitN(seg, ".", 2)[0])
		if windowsReserved[base] || len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '1' && base[3] <= '9' {
			return "%q is a reserved device name", []any{seg}
		}
	}
	return "", nil
}

// ImagePath is where an image field's value is looked for, relative to the
// site with /: Jekyll's bare names in the folder the post layout uses,
// site-absolute paths from the root (Hugo: under static/), other relative
// paths next to the post. It is "" for remote and templated values.
func (s *Site) ImagePath(p *Post, v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "", strings.Contains(v, "://"), strings.HasPrefix(v, "//"), strings.Contains(v, "{{"), strings.HasPrefix(v, "data:"):
		return ""
	case strings.HasPrefix(v, "/"):
		if s.Layout == Hugo {
			return path.Join(s.ImageDir, v)
		}
		return strings.TrimPrefix(path.Clean(v), "/")
	case s.Layout == Jekyll && !strings.Contains(v, "/") && s.ImageDir != "":
		return path.Join(s.ImageDir, v)
	}
	return path.Join(path.Dir(p.Path), v)
}

// ImageFile is the absolute path of the file an image field's value names,
// "" when the site does not have it. Remote and templated values are not
// looked up: they give "".
func (s *Site) ImageFile(p *Post, v string) string { return s.imageFile(p, v, s.Files()) }

func (s *Site) imageFile(p *Post, v string, exists func(string) bool) string {
	rel := s.ImagePath(p, v)
	if rel == "" {
		return ""
	}
	candidates := []string{rel}
	// Hugo also serves assets/, and a bundle's own files sit next to it.
	if s.Layout == Hugo && strings.HasPrefix(v, "/") {
		candidates = append(candidates, path.Join("assets", v))
	}
	candidates = append(candidates, path.Join(path.Dir(p.Path), v))
	for _, c := range candidates {
		if abs := filepath.Join(s.Root, filepath.FromSlash(c)); exists(abs) {
			return abs
		}
	}
	return ""
}

// blank is whether text has nothing but spaces, line ends and invisible
// characters (no-break and zero-width spaces, byte order marks).
func blank(text []byte) bool {
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
		text = text[n:]
	}
	return true
}
