package workspace

import (
	"slices"

	"tandem/check"
	"tandem/check/stale"
	"tandem/model"
	"tandem/spell"
)

// Source is what finds a kind of finding; each source's findings of a
// post are replaced as a whole when it runs again.
type Source int

// The sources, in the order a post's findings are shown.
const (
	// Lint is the site's own rules (model): front matter, names,
	// pairing, what a body must have.
	Lint Source = iota
	// Checks are the translation checks, the stale check, French
	// typography and spelling: the site's first pass, then the open
	// pair's live checks.
	Checks
	// Bugs are the internal errors the window's work ran into.
	Bugs
	sources
)

// Rules are every rule id Tandem reports, by the source that finds it:
// the one registry of rules.
var Rules = func() map[string]Source {
	out := map[string]Source{model.RuleInternal: Bugs}
	for _, r := range model.Rules {
		out[r] = Lint
	}
	for _, r := range append(slices.Clone(check.Rules), stale.Rule, spell.Rule) {
		out[r] = Checks
	}
	return out
}()

// SourceOf is the source of a rule's findings (Lint for a rule it does
// not know).
func SourceOf(rule string) Source { return Rules[rule] }

// Findings are the findings of an open site's posts, by path and source:
// the one store the library, the problems list, the forms and the
// columns read. It belongs to the goroutine that owns the site.
type Findings struct {
	by map[string]*[sources][]model.Finding
}

// NewFindings is an empty store.
func NewFindings() *Findings { return &Findings{by: map[string]*[sources][]model.Finding{}} }

// Of is a post's findings: lint's, the checks', the bugs'.
func (fs *Findings) Of(path string) []model.Finding {
	e := fs.by[path]
	if e == nil {
		return nil
	}
	var out []model.Finding
	for _, list := range e {
		out = append(out, list...)
	}
	return out
}

// Set replaces a post's findings of one source, and reports whether its
// findings changed.
func (fs *Findings) Set(path string, src Source, list []model.Finding) bool {
	e := fs.entry(path)
	same := model.SameFindings(e[src], list)
	e[src] = list
	return !same
}

// SetAll replaces one source's findings of every post with byPath (a
// post it does not name has none of that source), but for the posts keep
// names, whose findings of that source are newer (the open pair's live
// checks).
func (fs *Findings) SetAll(src Source, byPath map[string][]model.Finding, keep func(path string) bool) {
	for path, e := range fs.by {
		if _, ok := byPath[path]; !ok && (keep == nil || !keep(path)) {
			e[src] = nil
		}
	}
	for path, list := range byPath {
		if keep == nil || !keep(path) {
			fs.entry(path)[src] = list
		}
	}
}

// Add adds a finding of src to a post's, unless it has it (a bug met
// twice).
func (fs *Findings) Add(path string, src Source, f model.Finding) {
	e := fs.entry(path)
	if !slices.ContainsFunc(e[src], func(g model.Finding) bool { return g.Rule == f.Rule && g.Message == f.Message && g.Line == f.Line }) {
		e[src] = append(e[src], f)
	}
}

// Clear drops every post's findings of src.
func (fs *Findings) Clear(src Source) {
	for _, e := range fs.by {
		e[src] = nil
	}
}

// ByPath groups findings by their post's path.
func ByPath(list []model.Finding) map[string][]model.Finding {
	out := map[string][]model.Finding{}
	for _, f := range list {
		out[f.Path] = append(out[f.Path], f)
	}
	return out
}

func (fs *Findings) entry(path string) *[sources][]model.Finding {
	e := fs.by[path]
	if e == nil {
		e = &[sources][]model.Finding{}
		fs.by[path] = e
	}
	return e
}
