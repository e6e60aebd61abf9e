package model

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

func TestParseFields(t *testing.T) {
	src := "\uFEFF---\r\ntitle:  \"Café \\_: l’été\"\r\ndescription: >-\r\n  folded text\r\n  on two lines\r\n\r\n# a comment\r\nauthor:\r\ndate: 2017-07-18 09:00:00 -0400\r\ntags: [a, b]\r\n---\r\nBody"
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !d.BOM || d.NL() != "\r\n" || d.Format != YAML {
		t.Fatalf("bom=%v nl=%q format=%v", d.BOM, d.NL(), d.Format)
	}
	want := map[string]string{
		"title":       "Café \u00a0: l’été",
		"description": "folded text on two lines",
		"author":      "",
		"date":        "2017-07-18 09:00:00 -0400",
		"tags":        "a, b",
	}
	for k, v := range want {
		if got := d.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if f := d.Lookup("date"); f.Line != 9 {
		t.Errorf("date on line %d, want 9", f.Line)
	}
	if string(d.Body()) != "Body" || d.BodyLine() != 12 {
		t.Errorf("body %q at line %d", d.Body(), d.BodyLine())
	}
	if string(d.Bytes()) != src {
		t.Error("parse changed the bytes")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
	}{
		{"unclosed", "---\ntitle: x\nbody\n", 1},
		{"bad yaml", "---\ntitle: x\nauthor: \"open\ndate: 2017\n---\n", 3},
		{"not a map", "---\n- a\n- b\n---\n", 2},
		{"bad toml", "+++\ntitle = \"x\"\ndate = = 3\n+++\n", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a ParseError", err)
			}
			if pe.Line < c.line-1 || pe.Line > c.line {
				t.Errorf("line %d, want about %d (%v)", pe.Line, c.line, pe)
			}
		})
	}
}

// TestSet checks that an edit changes only the field's own lines, in the
// style the value had.
func TestSet(t *testing.T) {
	cases := []struct {
		name, src, key, value, want string
	}{
		{"plain", "---\nauthor: Ann\nlang: en\n---\nx", "author", "Bob B", "---\nauthor: Bob B\nlang: en\n---\nx"},
		{"double kept", "---\ntitle: \"Old\"\n---\n", "title", "New “one”", "---\ntitle: \"New “one”\"\n---\n"},
		{"double escapes", "---\ntitle: \"Old\"\n---\n", "title", `a "q" \ b`, "---\ntitle: \"a \\\"q\\\" \\\\ b\"\n---\n"},
		{"single kept", "---\ntitle: 'Old'\n---\n", "title", "it's", "---\ntitle: 'it''s'\n---\n"},
		{"two spaces kept", "---\ntitle:  \"Old\"\ndate:   2017-01-01\n---\n", "title", "New", "---\ntitle:  \"New\"\ndate:   2017-01-01\n---\n"},
		{"plain needs quotes", "---\ntitle: Old\n---\n", "title", "Wanted: CEO", "---\ntitle: \"Wanted: CEO\"\n---\n"},
		{"plain yes", "---\ntitle: Old\n---\n", "title", "yes", "---\ntitle: \"yes\"\n---\n"},
		{"empty filled", "---\nauthor:\nlang: en\n---\n", "author", "Ann", "---\nauthor: Ann\nlang: en\n---\n"},
		{"emptied", "---\nauthor: Ann\n---\n", "author", "", "---\nauthor:\n---\n"},
		{"comment kept", "---\nbaseurl: \"\" # the subpath\n---\n", "baseurl", "/blog", "---\nbaseurl: \"/blog\" # the subpath\n---\n"},
		{"gap kept", "---\na: 1\n\n# note\nb: 2\n---\n", "a", "3", "---\na: 3\n\n# note\nb: 2\n---\n"},
		{"folded", "---\ndescription: >-\n    old text\n    here\ntitle: T\n---\n", "description", "new text", "---\ndescription: >-\n    new text\ntitle: T\n---\n"},
		{"folded paragraphs", "---\nd: >-\n  x\n---\n", "d", "one\ntwo", "---\nd: >-\n  one\n\n  two\n---\n"},
		{"literal", "---\nd: |\n  x\n---\n", "d", "one\ntwo\n", "---\nd: |\n  one\n  two\n---\n"},
		{"continued double", "---\ntitle: \"a long\nvalue\"\nlang: en\n---\n", "title", "short", "---\ntitle: \"short\"\nlang: en\n---\n"},
		{"new key", "---\ntitle: T\n---\nbody", "image-alt", "A cat", "---\ntitle: T\nimage-alt: A cat\n---\nbody"},
		{"new key empty fm", "---\n---\nbody", "title", "T", "---\ntitle: T\n---\nbody"},
		{"crlf", "---\r\ntitle: T\r\nlang: en\r\n---\r\n", "title", "U", "---\r\ntitle: U\r\nlang: en\r\n---\r\n"},
		{"duplicate: last", "---\ndescription: a\ndescription: b\n---\n", "description", "c", "---\ndescription: a\ndescription: c\n---\n"},
		{"block list", "---\ntags:\n  - a\n  - b\nx: 1\n---\n", "tags", "c, d e", "---\ntags:\n  - c\n  - d e\nx: 1\n---\n"},
		{"flow list", "---\ntags: [a, b]\n---\n", "tags", "c,d", "---\ntags: [c, d]\n---\n"},
		{"toml basic", "+++\ntitle = \"Old\"\ndraft = false\n+++\n", "title", "New", "+++\ntitle = \"New\"\ndraft = false\n+++\n"},
		{"toml literal", "+++\ntitle = 'Old'\n+++\n", "title", "C:\\x", "+++\ntitle = 'C:\\x'\n+++\n"},
		{"toml date", "+++\ndate = 2020-05-01T12:00:00-04:00\n+++\n", "date", "2020-06-01T12:00:00-04:00", "+++\ndate = 2020-06-01T12:00:00-04:00\n+++\n"},
		{"toml new", "+++\ntitle = \"T\"\n[params]\nx = 1\n+++\n", "author", "Ann", "+++\ntitle = \"T\"\nauthor = \"Ann\"\n[params]\nx = 1\n+++\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Parse([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Set(c.key, c.value); err != nil {
				if c.want != "" {
					t.Fatal(err)
				}
				return
			}
			if got := string(d.Bytes()); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			if got := d.Get(c.key); got != c.value && d.Lookup(c.key).Kind != List {
				t.Errorf("read back %q, want %q", got, c.value)
			}
		})
	}
}

func TestSetSameValueChangesNothing(t *testing.T) {
	src := "---\ntitle:   \"Same\\_value\"   \ndescription: >-\n  folded\n  lines\ntags: [a,b]\n---\nbody\n\n"
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range d.Keys() {
		if err := d.Set(k, d.Get(k)); err != nil {
			t.Fatal(err)
		}
	}
	d.SetBodyText(d.BodyText())
	if string(d.Bytes()) != src {
		t.Errorf("changed:\n%q", d.Bytes())
	}
}

func TestSetTOMLNewKeyBeforeTables(t *testing.T) {
	// A new key after a [table] would belong to the table: the TOML writer
	// must refuse that rather than write a wrong file.
	d, _ := Parse([]byte("+++\ntitle = \"T\"\n[params]\nx = 1\n+++\n"))
	if d.Lookup("x") != nil {
		t.Error("a table's key was read as a top-level field")
	}
}

func TestBodyText(t *testing.T) {
	d, _ := Parse([]byte("---\r\na: 1\r\n---\r\n\r\nline one\r\nline two"))
	if got := d.BodyText(); got != "\nline one\nline two" {
		t.Fatalf("BodyText %q", got)
	}
	d.SetBodyText("\nline one\nline 2\n")
	if got := string(d.Body()); got != "\r\nline one\r\nline 2\r\n" {
		t.Errorf("body %q", got)
	}
	if !strings.HasPrefix(string(d.Bytes()), "---\r\na: 1\r\n---\r\n") {
		t.Error("front matter changed")
	}
}

func TestDelete(t *testing.T) {
	d, _ := Parse([]byte("---\na: 1\nb: >\n  x\nc: 3\n---\n"))
	if err := d.Delete("b"); err != nil {
		t.Fatal(err)
	}
	if got := string(d.Bytes()); got != "---\na: 1\nc: 3\n---\n" {
		t.Errorf("got %q", got)
	}
}

func TestSetRefusesBadKeys(t *testing.T) {
	d, _ := Parse([]byte("---\na: 1\n---\n"))
	for _, k := range []string{"", "a:b", "x\ny", " a"} {
		if err := d.Set(k, "v"); err == nil {
			t.Errorf("key %q accepted", k)
		}
	}
	nd, _ := Parse([]byte("no front matter"))
	if err := nd.Set("title", "x"); err == nil {
		t.Error("set on a file without front matter")
	}
}

// TestSetBody checks the editor's way of setting the body: the same text
// leaves the file's bytes as they were (the same array), also when the
// body has stray CRLF line ends the editor shows as "\n"; a change
// replaces the body only; a CRLF file gets CRLF line ends.
func TestSetBody(t *testing.T) {
	appendText := func(s string) func([]byte) []byte {
		return func(dst []byte) []byte { return append(dst, s...) }
	}
	for _, src := range []string{
		"---\ntitle: T\n---\n\nLe texte.\n",
		"---\ntitle: T\n---\n\nA stray\r\nline end.\n",
		"---\r\ntitle: T\r\n---\r\n\r\nWindows\r\nline ends.",
	} {
		d, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		before := d.Bytes()
		d.SetBody(appendText(d.BodyText()))
		if got := d.Bytes(); string(got) != src || &got[0] != &before[0] {
			t.Errorf("%q: the same text changed the file to %q", src, got)
		}
		d.SetBody(appendText("\nÉdité.\nSecond line.\n"))
		want := "\nÉdité.\nSecond line.\n"
		if d.NL() == "\r\n" {
			want = strings.ReplaceAll(want, "\n", "\r\n")
		}
		if got := string(d.Body()); got != want {
			t.Errorf("%q: body %q, want %q", src, got, want)
		}
		if !bytes.HasPrefix(d.Bytes(), []byte(src[:strings.Index(src, "---")+3])) || d.Get("title") != "T" {
			t.Errorf("%q: front matter changed: %q", src, d.Bytes())
		}
	}
}

// TestFold: a partial Doc whose fields are folded reads the same fields
// (values, lines, duplicates) from its front matter, keeps none of them,
// and keeps them again once unfolded; a whole Doc does not fold.
func TestFold(t *testing.T) {
	raw := []byte("---\ntitle: \"Un titre\"\ntags:\n  - a\n  - b\ndescription: >-\n  Sur deux\n  lignes\ntitle: Le dernier\n---\nLe corps.\n")
	whole, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	show := func(d *Doc) string {
		out := fmt.Sprint(d.Keys(), d.Get("title"))
		for _, f := range d.Fields() {
			out += fmt.Sprintf(" %+v", *f)
		}
		return out
	}
	want := show(whole)
	d, _ := Parse(raw)
	d.dropBody(nil)
	d.Fold()
	if !d.Folded() || d.fields != nil {
		t.Fatalf("not folded: %v", d.fields)
	}
	if got := show(d); got != want {
		t.Errorf("folded: %s\nwhole: %s", got, want)
	}
	if d.fields != nil {
		t.Error("a folded Doc kept the fields it read")
	}
	if len(d.Duplicates()) != 1 {
		t.Errorf("duplicates: %v", d.Duplicates())
	}
	d.Unfold()
	if d.Folded() || len(d.fields) != 4 {
		t.Errorf("unfolded: %v %d fields", d.Folded(), len(d.fields))
	}
	whole.Fold()
	if whole.Folded() || len(whole.fields) != 4 {
		t.Error("a whole Doc folded")
	}
}

// TestEvict: a folded Doc lets its front matter go; asking for a field
// after is a bug, said as one (never an empty answer); a Doc not folded
// keeps its own.
func TestEvict(t *testing.T) {
	raw := []byte("---\ntitle: Un titre\ntranslationKey: k\n---\nLe corps.\n")
	d, _ := Parse(raw)
	d.dropBody(nil)
	d.Fold()
	if d.Get("title") != "Un titre" {
		t.Fatal("folded: no title")
	}
	d.Fields() // kept a while in the fold cache
	kept := d
	d = d.Evict()
	if d.raw != nil || d == kept {
		t.Error("the front matter kept")
	}
	if _, ok := unfolded.get(kept); ok {
		t.Error("its fields kept in the fold cache")
	}
	if d.Format != kept.Format || d.NL() != kept.NL() || !d.Evicted() {
		t.Errorf("evicted: format %v, line ending %q, evicted %v", d.Format, d.NL(), d.Evicted())
	}
	for name, read := range map[string]func(){"Get": func() { d.Get("title") }, "Fields": func() { d.Fields() }, "Lookup": func() { d.Lookup("title") },
		"FrontMatter": func() { d.FrontMatter() }, "Body": func() { d.Body() }, "BodyLine": func() { d.BodyLine() }} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s after Evict: no panic", name)
				}
			}()
			read()
		}()
	}
	// The fields' readers say what went wrong.
	func() {
		defer func() {
			if r := recover(); !strings.Contains(fmt.Sprint(r), "front matter") {
				t.Errorf("Get after Evict: %v", r)
			}
		}()
		d.Get("title")
	}()
	// Another post's evicted Doc of the same form is the same one.
	other, _ := Parse([]byte("---\ntitle: Autre\n---\nAutre corps.\n"))
	other.dropBody(nil)
	other.Fold()
	if other.Evict() != d {
		t.Error("two evicted Docs of the same form are not shared")
	}
	crlf, _ := Parse([]byte("---\r\ntitle: Autre\r\n---\r\nAutre corps.\r\n"))
	crlf.dropBody(nil)
	if e := crlf.Evict(); e == d || e.NL() != "\r\n" {
		t.Errorf("an evicted CRLF Doc: line ending %q", e.NL())
	}
	// Read again from its file: its fields read, its body given; let go
	// again, folded first.
	if nd, _, err := d.Restore([]byte("---\ntitle: [\n---\n")); err == nil || nd != d || !d.Evicted() {
		t.Errorf("a broken file restored: %v", err)
	}
	nd, body, err := d.Restore(raw)
	if err != nil || string(body) != "Le corps.\n" || nd.Evicted() || nd.Folded() || nd.Get("title") != "Un titre" || !d.Evicted() {
		t.Errorf("restored: %v %q evicted %v folded %v title %q", err, body, nd.Evicted(), nd.Folded(), nd.Get("title"))
	}
	if e := nd.Evict(); !e.Evicted() || !nd.Folded() {
		t.Error("restored, not let go again")
	}
	whole, _ := Parse(raw)
	if whole.Evict() != whole || whole.Get("title") != "Un titre" || whole.raw == nil {
		t.Error("a Doc not folded let its front matter go")
	}
}

// TestOpenFolded: a site read with its front matter folded is the site
// read without: the same posts, pairs and fields (read again from the
// folded front matter, the last few kept a while), each post folded.
func TestOpenFolded(t *testing.T) {
	for _, name := range []string{"jekyll", "hugo"} {
		root := copySite(t, name)
		plain, err := OpenFrontMatter(root)
		if err != nil {
			t.Fatal(err)
		}
		folded, err := OpenWith(root, Reading{Fold: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(folded.Posts) != len(plain.Posts) || len(folded.Pairs) != len(plain.Pairs) {
			t.Fatalf("%s: %d posts %d pairs, without folding %d %d", name, len(folded.Posts), len(folded.Pairs), len(plain.Posts), len(plain.Pairs))
		}
		for _, p := range plain.Posts {
			q := folded.PostAt(p.Path)
			if q == nil || p.Doc == nil {
				continue
			}
			if !q.Doc.Folded() {
				t.Errorf("%s: not folded", q.Path)
			}
			for _, k := range p.Doc.Keys() {
				if q.Doc.Get(k) != p.Doc.Get(k) {
					t.Errorf("%s %s: %q folded, %q not", p.Path, k, q.Doc.Get(k), p.Doc.Get(k))
				}
			}
			if (p.Counterpart() == nil) != (q.Counterpart() == nil) {
				t.Errorf("%s: paired differently", p.Path)
			}
		}
	}
}

func TestItems(t *testing.T) {
	for _, c := range []struct {
		file, key string
		want      []string
	}{
		{"---\naliases: /old/a /old/b\ntitle: T\n---\n", "aliases", []string{"/old/a", "/old/b"}},
		{"---\naliases:\n  - /old/a\n  - \"/old/b c\"\n---\n", "aliases", []string{"/old/a", "/old/b c"}},
		{"---\naliases: [\"/x\", /y]\n---\n", "aliases", []string{"/x", "/y"}},
		{"---\naliases:\ntitle: T\n---\n", "aliases", nil},
		{"---\ntitle: T\n---\n", "aliases", nil},
		{"---\naliases: /a\naliases: /b\n---\n", "aliases", []string{"/b"}},
		{"+++\naliases = ['/t1', '/t2']\n+++\n", "aliases", []string{"/t1", "/t2"}},
	} {
		for _, fold := range []bool{false, true} {
			d, err := Parse([]byte(c.file + "Body.\n"))
			if err != nil {
				t.Fatalf("%q: %v", c.file, err)
			}
			if fold {
				d.dropBody(nil)
				d.Fold()
			}
			if got := d.Items(c.key); !slices.Equal(got, c.want) {
				t.Errorf("%q (folded %v): items %q, want %q", c.file, fold, got, c.want)
			}
		}
	}
}

// TestKeyedFields: the keys once each in file order, each with its last
// field (as Lookup gives it), whole or folded.
func TestKeyedFields(t *testing.T) {
	raw := []byte("---\na: one\nb: two\na: three\nc: [x, y]\n---\nBody.\n")
	for _, fold := range []bool{false, true} {
		d, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if fold {
			d.dropBody(nil)
			d.Fold()
		}
		keys, fields := d.keyedFields()
		if !slices.Equal(keys, []string{"a", "b", "c"}) || !slices.Equal(d.Keys(), keys) {
			t.Fatalf("folded %v: keys %q, Keys %q", fold, keys, d.Keys())
		}
		for i, k := range keys {
			if f := d.Lookup(k); fields[i].Key != k || fields[i].Value != f.Value || fields[i].Line != f.Line {
				t.Errorf("folded %v: %s is %+v, Lookup %+v", fold, k, *fields[i], *f)
			}
		}
		if fields[0].Value != "three" {
			t.Errorf("folded %v: a is %q, want the last", fold, fields[0].Value)
		}
	}
}

// TestRecordSizes: a Doc and a Post, which a site has tens of thousands
// of, keep to the sizes of the Go heap they fill (96 and 160 bytes): a
// field more takes each to the next (112 and 176).
func TestRecordSizes(t *testing.T) {
	if n := unsafe.Sizeof(Doc{}); n > 96 {
		t.Errorf("a Doc is %d bytes", n)
	}
	if n := unsafe.Sizeof(Post{}); n > 160 {
		t.Errorf("a Post is %d bytes", n)
	}
}
