package model

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// FuzzDoc checks the front-matter reader and writer on any input: it either
// gives an error or reads the file; a read file writes back byte-identical
// when nothing is edited, and an edit of one field changes that field only.
func FuzzDoc(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "*", "*.md"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*", "*", "*", "*", "*.md"))
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "title", "Un titre « neuf »")
		}
	}
	f.Add([]byte("---\ntitle: \"a\nb\"\ndescription: >-\n  x\n  y\n---\nbody"), "description", "z: w")
	f.Add([]byte("+++\ntitle = 'x'\ntags = [\n 'a',\n]\n[p]\nq = 1\n+++\n"), "tags", "b, c")
	f.Add([]byte("---\r\na: 1\r\na: 2\r\n---\r\n"), "a", "#3")
	f.Fuzz(func(t *testing.T, data []byte, key, value string) {
		if len(data) > 8<<10 {
			return // real front matter is small; a larger input only slows the fuzzer
		}
		d, err := Parse(data)
		if err != nil {
			return
		}
		if !bytes.Equal(d.Bytes(), data) {
			t.Fatal("parse changed the bytes")
		}
		body := string(d.Body())
		before := map[string]string{}
		for _, k := range d.Keys() {
			before[k] = d.Get(k)
			if d.Lookup(k).Kind == Map {
				continue
			}
			if err := d.Set(k, d.Get(k)); err != nil {
				t.Fatalf("set %q to its own value: %v", k, err)
			}
		}
		d.SetBodyText(d.BodyText())
		if !bytes.Equal(d.Bytes(), data) {
			t.Fatalf("a no-edit save changed the file:\n%q\n%q", data, d.Bytes())
		}
		if err := d.Set(key, value); err != nil {
			if !bytes.Equal(d.Bytes(), data) {
				t.Fatal("a refused edit changed the file")
			}
			return
		}
		nd, err := Parse(d.Bytes())
		if err != nil {
			t.Fatalf("an edit made the file unreadable: %v\n%q", err, d.Bytes())
		}
		if f := nd.Lookup(key); f == nil || (f.Kind != List && f.Value != value) {
			t.Fatalf("%q reads back wrong after setting %q", key, value)
		}
		for k, v := range before {
			if k != key && nd.Get(k) != v {
				t.Fatalf("editing %q changed %q from %q to %q", key, k, v, nd.Get(k))
			}
		}
		if string(nd.Body()) != body {
			t.Fatal("an edit of the front matter changed the body")
		}
	})
}

// simpleFrontMatters seed the fuzz targets of the simple front-matter
// scanner: quoting, empty values, block scalars, comments, duplicates.
var simpleFrontMatters = []string{
	"title: \"A title\"\nlang: en   \n\n# c\ndate: 2017-07-18 09:00:00 -0400\nimage:\n",
	"a: 'it''s'\nb: ~\nc: <em>x</em>&nbsp;:&nbsp;y\nd: \"\"\n",
	"a: 'it''s'\nb: ~\nc: <em>x</em>&nbsp;:&nbsp;y\nd: \"\"\na: again\r\n",
	"t: a  b\nu: 1:2\nv: x#y\nw: Null\n",
	"description: >-\n  Two lines\n  folded.\nauthor: A\n",
	"a: |\n  one\n  two\n\nb: >\n    deep\n    indent\n# c\n",
	"a: |\n  one\n  two\n\nb: >\n    deep\n    indent\n# c\nab: x",
}

// FuzzSimpleYAML checks the fast front-matter scanner against yaml.v3:
// whenever the scanner accepts a front matter, yaml.v3 reads the same keys,
// values, kinds, styles and lines.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range simpleFrontMatters {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		fast, ok := scanSimpleYAML(fm)
		if !ok {
			return
		}
		full, err := parseYAMLNodes(fm, 1)
		if err != nil {
			t.Fatalf("the scanner read what yaml.v3 rejects (%v):\n%q", err, fm)
		}
		if len(fast) != len(full) {
			t.Fatalf("%d fields, yaml.v3 %d:\n%q", len(fast), len(full), fm)
		}
		for i := range fast {
			a, b := fast[i], full[i]
			if a.Key != b.Key || a.Value != b.Value || a.Kind != b.Kind || a.Style != b.Style || a.Line != b.Line {
				t.Fatalf("field %d: scanner %+v, yaml.v3 %+v:\n%q", i, *a, *b, fm)
			}
		}
	})
}

// htmlTagPattern is what hasHTMLTag reads, as a regular expression.
var htmlTagPattern = regexp.MustCompile(`<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9-]*\s*>|!--)`)

// autolinkPattern is what stripAutolinks removes, as a regular expression.
var autolinkPattern = regexp.MustCompile(`<(?:https?|mailto|ftp):[^<>\s]*>|<[^<>@\s]+@[^<>\s]+>`)

// FuzzHTMLTag: lint's raw-HTML scanner finds a tag where the regular
// expression does, and only there; its autolink remover removes what the
// other expression does.
func FuzzHTMLTag(f *testing.F) {
	for _, s := range []string{"<a>", "x <img src=\"a.png\"/> y", "</div >", "<!-- c -->", "a < b > c", "<a/b>", "<a-1\tx=2>", "</ a>", "1 <2 and 3> 2", "<br/", "<<p>>", "<https://x.org/a> and <a@b.c>", "<http:a b> <x@y>", "<https:x@y>", "<@a>", "<a@>", "<mailto:a@b>>", "<<ftp:x>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := hasHTMLTag(line), htmlTagPattern.MatchString(line); got != want {
			t.Fatalf("%q: %v, the expression says %v", line, got, want)
		}
		if got, want := stripAutolinks(line), autolinkPattern.ReplaceAllString(line, ""); got != want {
			t.Fatalf("%q: autolinks removed %q, the expression %q", line, got, want)
		}
	})
}

// FuzzFoldedGet: a folded Doc's Get, which reads one field of a simple
// front matter, gives what its fields read whole give (the last of a
// duplicated key; nothing for a key it lacks).
func FuzzFoldedGet(f *testing.F) {
	for _, s := range simpleFrontMatters {
		f.Add([]byte(s), "a")
	}
	f.Fuzz(func(t *testing.T, fm []byte, other string) {
		fields, ok := scanSimpleYAML(fm)
		if !ok {
			return
		}
		keys := []string{other}
		for _, fd := range fields {
			keys = append(keys, fd.Key)
		}
		for _, k := range keys {
			want, found := "", false
			for _, fd := range fields {
				if fd.Key == k {
					want, found = fd.Value, true
				}
			}
			got, ok := simpleYAMLGet(fm, k)
			if got != want || ok != found {
				t.Fatalf("%q: read alone %q (%v), with the others %q (%v):\n%q", k, got, ok, want, found, fm)
			}
		}
		// A folded Doc's items of a field are its fields' (Items).
		file := []byte("---\n" + string(fm) + "\n---\nbody\n")
		whole, err := Parse(file)
		if err != nil {
			return
		}
		folded, _ := Parse(file)
		folded.dropBody(nil)
		folded.Fold()
		for _, k := range keys {
			if got, want := folded.Items(k), whole.Items(k); !slices.Equal(got, want) {
				t.Fatalf("%q: folded, items %q; whole, %q:\n%q", k, got, want, fm)
			}
		}
	})
}
