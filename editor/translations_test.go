package editor

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"tandem/check/typo"
	"testing"

	"fyne.io/fyne/v2/lang"

	"tandem/assets"
)

// TestEveryStringHasAFrenchTranslation reads the package's source for
// lang.L("...") and field labels, and checks fr.json has each one.
func TestEveryStringHasAFrenchTranslation(t *testing.T) {
	// Loaded the way the app loads them (go-i18n refuses some keys).
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "assets", "translations", "fr.json"))
	if err != nil {
		t.Fatal(err)
	}
	fr := map[string]any{}
	if err := json.Unmarshal(b, &fr); err != nil {
		t.Fatal(err)
	}
	// Every source file of the window's packages, not the tests.
	var files []string
	for _, root := range []string{".", filepath.Join("..", "preview"), filepath.Join("..", "task")} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
			return err
		})
	}
	if len(files) < 10 {
		t.Fatalf("only %d source files found", len(files))
	}
	call := regexp.MustCompile(`lang\.L\("((?:[^"\\]|\\.)*)"`)
	n := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			n++
			if _, ok := fr[m[1]]; !ok {
				t.Errorf("%s: %q has no French translation", f, m[1])
			}
		}
	}
	for _, l := range fieldLabels {
		if _, ok := fr[l]; !ok {
			t.Errorf("field label %q has no French translation", l)
		}
	}
	for _, l := range langNames {
		if _, ok := fr[l]; !ok {
			t.Errorf("language %q has no French translation", l)
		}
	}
	if n < 50 {
		t.Errorf("only %d strings found: the pattern is broken", n)
	}
}

// TestEveryLintMessageHasAFrenchTranslation reads the model's source for
// the formats of lint's messages (the format argument of postLint.add and
// newFinding; a file-name format joined with each reason of unportable)
// and checks fr.json has each, with as many verbs.
func TestEveryLintMessageHasAFrenchTranslation(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "assets", "translations", "fr.json"))
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]any{}
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	fr := map[string]string{} // the messages without plural forms
	for k, v := range all {
		if s, ok := v.(string); ok {
			fr[k] = s
		}
	}
	fset := token.NewFileSet()
	pkgs := map[string]*ast.Package{}
	for _, dir := range []string{"model", "check", filepath.Join("check", "stale")} {
		ps, err := parser.ParseDir(fset, filepath.Join("..", dir), func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name, p := range ps {
			pkgs[dir+"/"+name] = p
		}
	}
	lit := func(e ast.Expr) (string, bool) {
		if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
			s, err := strconv.Unquote(b.Value)
			return s, err == nil
		}
		return "", false
	}
	var formats, reasons []string
	var joined [][2]string // a format around the reason: before, after
	// Functions that return a format (check's missingFormat): their
	// literal results.
	returned := map[string][]string{}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv != nil {
					continue
				}
				ast.Inspect(fn, func(n ast.Node) bool {
					if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
						if s, ok := lit(r.Results[0]); ok && strings.Contains(s, "%") {
							returned[fn.Name.Name] = append(returned[fn.Name.Name], s)
						}
					}
					return true
				})
			}
		}
	}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if fn, ok := n.(*ast.FuncDecl); ok && fn.Name.Name == "unportable" {
					ast.Inspect(fn, func(n ast.Node) bool {
						if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 2 {
							if s, ok := lit(r.Results[0]); ok && s != "" {
								reasons = append(reasons, s)
							}
						}
						return true
					})
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				// check's differ takes three formats, its last arguments.
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "differ" {
					for _, a := range call.Args[len(call.Args)-3:] {
						if s, ok := lit(a); ok {
							formats = append(formats, s)
						} else {
							t.Errorf("%s: a lint message format that is not a string literal", fset.Position(a.Pos()))
						}
					}
					return true
				}
				at := -1
				switch fun := call.Fun.(type) {
				case *ast.SelectorExpr:
					if fun.Sel.Name == "add" || fun.Sel.Name == "addFix" {
						at = 4
					}
				case *ast.Ident:
					if fun.Name == "newFinding" {
						at = 5
					}
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewFinding" {
					at = 5
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewTranslationFinding" {
					at = 6
				}
				if at < 0 || len(call.Args) <= at {
					return true
				}
				switch e := call.Args[at].(type) {
				case *ast.BasicLit:
					s, _ := lit(e)
					formats = append(formats, s)
				case *ast.BinaryExpr: // "before" + why + "after"
					l, ok1 := e.X.(*ast.BinaryExpr)
					after, ok2 := lit(e.Y)
					if ok1 && ok2 {
						if before, ok := lit(l.X); ok {
							joined = append(joined, [2]string{before, after})
						}
					}
				case *ast.Ident: // postLint.add passing its format on
				case *ast.CallExpr:
					switch fun := e.Fun.(type) {
					case *ast.Ident: // a function returning formats
						if len(returned[fun.Name]) == 0 {
							t.Errorf("%s: %s returns no format", fset.Position(call.Pos()), fun.Name)
						}
						formats = append(formats, returned[fun.Name]...)
					case *ast.SelectorExpr:
						if fun.Sel.Name != "Message" { // typo.Kind's, checked below
							t.Errorf("%s: a lint message format that is not a string literal", fset.Position(call.Pos()))
						}
					}
				default:
					t.Errorf("%s: a lint message format that is not a string literal", fset.Position(call.Pos()))
				}
				return true
			})
		}
	}
	for k := typo.Kind(0); k <= typo.Groups; k++ {
		formats = append(formats, k.Message())
	}
	for _, j := range joined {
		for _, r := range reasons {
			formats = append(formats, j[0]+r+j[1])
		}
	}
	if len(formats) < 30 || len(reasons) < 4 {
		t.Fatalf("only %d formats, %d reasons found: the reading is broken", len(formats), len(reasons))
	}
	verbs := regexp.MustCompile(`%(?:\[\d+\])?[a-z]`)
	for _, f := range formats {
		tr, ok := fr[f]
		if !ok {
			t.Errorf("lint message %q has no French translation", f)
			continue
		}
		if strings.Contains(tr, "%[") {
			continue // reordered: the count may differ
		}
		if a, b := len(verbs.FindAllString(f, -1)), len(verbs.FindAllString(tr, -1)); a != b {
			t.Errorf("%q has %d verbs, its translation %d", f, a, b)
		}
	}
}

// TestPluralMessagesHaveTheirForms: every message with a count (plural)
// has its English and French forms in the translation files, and the
// French "one" form is what 0 and 1 show.
func TestPluralMessagesHaveTheirForms(t *testing.T) {
	forms := func(name string) map[string]any {
		b, err := os.ReadFile(filepath.Join("..", "assets", "translations", name))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, fr := forms("en.json"), forms("fr.json")
	call := regexp.MustCompile(`plural\("((?:[^"\\]|\\.)*)"`)
	n := 0
	for _, dir := range []string{".", filepath.Join("..", "preview")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, _ := os.ReadFile(f)
			for _, m := range call.FindAllStringSubmatch(string(src), -1) {
				n++
				for lang, tr := range map[string]map[string]any{"en": en, "fr": fr} {
					fs, ok := tr[m[1]].(map[string]any)
					if !ok || fs["one"] == nil || fs["other"] == nil {
						t.Errorf("%s: %q has no %s plural forms", f, m[1], lang)
					}
				}
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d plural messages found: the pattern is broken", n)
	}
	lang.AddTranslationsFS(assets.Translations, "translations")
	if got := plural("{{.Count}} posts changed on disk", 1, nil); got != "1 post changed on disk" && got != "1 billet modifié sur le disque" {
		t.Errorf("one post: %q", got)
	}
}

// TestNoLiteralTextHandedToWidgets reads the window's and the preview's
// source for text given to a widget, a dialog or the status bar as a
// string literal: it would show in English under a French interface.
func TestNoLiteralTextHandedToWidgets(t *testing.T) {
	takers := map[string]bool{
		"NewLabel": true, "NewButton": true, "NewButtonWithIcon": true, "SetText": true, "NewCheck": true,
		"NewMenuItem": true, "NewMenu": true, "ShowInformation": true, "ShowConfirm": true, "NewTabItem": true,
		"NewTabItemWithIcon": true, "SetPlaceHolder": true, "setStatus": true, "NewFormItem": true,
		"NewHyperlink": true, "ShowCustom": true, "ShowCustomConfirm": true, "NewCustomConfirm": true,
		"showError": true, "NewRadioGroup": true, "NewSelect": true, "NewToolbarAction": true,
	}
	word := regexp.MustCompile(`[A-Za-z]{2,}`)
	fset := token.NewFileSet()
	checked := 0
	for _, dir := range []string{".", filepath.Join("..", "preview")} {
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			for _, f := range pkg.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					name := ""
					switch fun := call.Fun.(type) {
					case *ast.SelectorExpr:
						name = fun.Sel.Name
					case *ast.Ident:
						name = fun.Name
					}
					if !takers[name] {
						return true
					}
					checked++
					for _, a := range call.Args {
						if b, ok := a.(*ast.BasicLit); ok && b.Kind == token.STRING {
							s, _ := strconv.Unquote(b.Value)
							if word.MatchString(s) && s != "Tandem" {
								t.Errorf("%s: %s(%q): literal text shown as it is; use lang.L", fset.Position(b.Pos()), name, s)
							}
						}
					}
					return true
				})
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d calls read: the reading is broken", checked)
	}
}
