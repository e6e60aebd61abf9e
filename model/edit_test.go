package model

import (
	"os"
	"strings"
	"testing"
)

// fixtureSites are the sites every round-trip test runs over.
var fixtureSites = []string{"jekyll", "hugo", "hugo-filenames", "custom"}

// TestNoEditSaveIsByteIdentical sets every field of every post to the
// value it has, sets every body to itself, saves, and checks that no file
// changed by a byte.
func TestNoEditSaveIsByteIdentical(t *testing.T) {
	for _, name := range fixtureSites {
		t.Run(name, func(t *testing.T) {
			s := openSite(t, copySite(t, name))
			roundTripAll(t, s)
		})
	}
}

func roundTripAll(t *testing.T, s *Site) {
	t.Helper()
	before := map[string]string{}
	for _, p := range s.Posts {
		before[p.Path] = readFile(t, p.Abs())
	}
	for _, p := range s.Posts {
		if p.Doc == nil {
			t.Fatalf("%s: %v", p.Path, p.Err)
		}
		for _, k := range p.Doc.Keys() {
			if p.Doc.Lookup(k).Kind == Map {
				continue
			}
			if _, err := p.Pair.SetField(p.Lang, k, p.Doc.Get(k)); err != nil {
				t.Fatalf("%s: set %s: %v", p.Path, k, err)
			}
		}
		p.Doc.SetBodyText(p.Doc.BodyText())
		if p.Dirty() {
			t.Errorf("%s: dirty after setting every field to its own value", p.Path)
		}
		if err := p.Save(); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range s.Posts {
		if got := readFile(t, p.Abs()); got != before[p.Path] {
			t.Errorf("%s changed", p.Path)
		}
	}
}

// TestOneFieldEditChangesOnlyThatField edits the title of every post and
// checks that the file differs from the original only in the title's lines.
func TestOneFieldEditChangesOnlyThatField(t *testing.T) {
	for _, name := range fixtureSites {
		t.Run(name, func(t *testing.T) {
			s := openSite(t, copySite(t, name))
			for _, p := range s.Posts {
				old := readFile(t, p.Abs())
				f := p.Doc.Lookup("title")
				start, end := f.start, f.end
				title := "Édité : « " + p.Title() + " » — it’s new"
				if _, err := p.Pair.SetField(p.Lang, "title", title); err != nil {
					t.Fatalf("%s: %v", p.Path, err)
				}
				if err := p.Save(); err != nil {
					t.Fatal(err)
				}
				now := readFile(t, p.Abs())
				nf := p.Doc.Lookup("title")
				if now[:nf.start] != old[:start] || now[nf.end:] != old[end:] {
					t.Errorf("%s: bytes outside the title changed:\n%s", p.Path, now)
				}
				if got := openSite(t, s.Root).PostAt(p.Path).Title(); got != title {
					t.Errorf("%s: title reads back %q", p.Path, got)
				}
			}
		})
	}
}

func TestSharedFieldSetsBothPosts(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	en := mustPost(t, s, "_posts/en/2024-03-05-community-gardens.md")
	fr := en.Counterpart()
	changed, err := en.Pair.SetField("en", "image", "open-data.png")
	if err != nil || len(changed) != 2 {
		t.Fatalf("changed %d posts, %v", len(changed), err)
	}
	if fr.Doc.Get("image") != "open-data.png" {
		t.Error("the French post's image was not set")
	}
	// A per-language field stays in its post.
	changed, _ = en.Pair.SetField("fr", "author", "Maya L.")
	if len(changed) != 1 || changed[0] != fr || en.Doc.Get("author") == "Maya L." {
		t.Error("author leaked to the other language")
	}
}

func TestDateEditKeepsShapeAndLinks(t *testing.T) {
	s := openSite(t, copySite(t, "jekyll"))
	en := mustPost(t, s, "_posts/en/2024-03-05-community-gardens.md")
	fr := en.Counterpart()
	if _, err := en.Pair.SetField("en", "date", "2024-03-09"); err != nil {
		t.Fatal(err)
	}
	if got := en.Doc.Get("date"); got != "2024-03-09 09:00:00 -0500" {
		t.Errorf("date %q: the time and zone must be kept", got)
	}
	if !strings.Contains(string(fr.Doc.Bytes()), "date:   2024-03-09 09:00:00 -0500\n") {
		t.Errorf("the French date lost its spacing or was not set:\n%s", fr.Doc.FrontMatter())
	}
	// trans_url follows the permalink, each in its own style (slash or not).
	if got := en.Doc.Get("trans_url"); got != "/2024/03/09/jardins-communautaires" {
		t.Errorf("en trans_url %q", got)
	}
	if got := fr.Doc.Get("trans_url"); got != "/2024/03/09/community-gardens/" {
		t.Errorf("fr trans_url %q", got)
	}
	for _, p := range []*Post{en, fr} {
		if err := p.Save(); err != nil {
			t.Fatal(err)
		}
	}
	s2 := openSite(t, s.Root)
	if q := s2.PostAt(en.Path).Counterpart(); q == nil || q.Path != fr.Path {
		t.Error("the pair broke after the date change")
	}
	for _, f := range s2.Lint() {
		if strings.HasPrefix(f.Rule, "trans-url") {
			t.Errorf("after a date change: %s", f)
		}
	}
}

func TestSetFieldRefusesUnparsedPost(t *testing.T) {
	root := copySite(t, "jekyll")
	path := root + "/_posts/fr/2024-06-12-quoi-de-neuf.md"
	writeFile(t, path, "---\ntitle: \"broken\n---\nText\n")
	s := openSite(t, root)
	en := mustPost(t, s, "_posts/en/2024-06-12-what’s new.md")
	if _, err := en.Pair.SetField("en", "date", "2024-06-13"); err == nil && en.Counterpart() != nil {
		t.Error("a shared field was set on a pair whose other post cannot be read")
	}
	if b, _ := os.ReadFile(path); string(b) != "---\ntitle: \"broken\n---\nText\n" {
		t.Error("the unreadable file changed")
	}
}
