package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tandem/model"
)

// TestNoPackageState: the checks keep nothing of a site in package
// variables (what they learn of a site is the site's: siteState); the
// package variables of check/ and its packages are tables never written,
// each named here. A new one fails until it is shown to be one.
func TestNoPackageState(t *testing.T) {
	tables := []string{
		"Rules", "noDrafts", "noSilences", "stopwords", "noArgs", "AccessibilityRules", "genericLinks", // check
		"ErrNoRepository", // check/stale
		"smallWords",      // check/terms
		"units",           // check/typo
	}
	var found []string
	filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, sp := range g.Specs {
					for _, n := range sp.(*ast.ValueSpec).Names {
						if n.Name != "_" {
							found = append(found, n.Name)
							if !slices.Contains(tables, n.Name) {
								t.Errorf("%s: package variable %s: keep what is learned of a site in siteState (model.Site.Keep)", path, n.Name)
							}
						}
					}
				}
			}
		}
		return nil
	})
	if len(found) < len(tables) {
		t.Errorf("the tables named here are not all found (%v): the list is out of date", found)
	}
}

// TestASiteOpenedAgainLearnsAnew: what the checks learned of a site is
// the site's: a site opened again (a new model.Site) reads its silences
// and learns its ratio again, and the first site's are not the second's.
func TestASiteOpenedAgainLearnsAnew(t *testing.T) {
	s := copySite(t, "site")
	first := stateOf(s)
	SiteRatio(s)
	if !first.surveyed {
		t.Fatal("the site was not surveyed")
	}
	again, err := model.Open(s.Root)
	if err != nil {
		t.Fatal(err)
	}
	if stateOf(again) == first || stateOf(again).surveyed {
		t.Error("a site opened again shares the first one's state")
	}
}
