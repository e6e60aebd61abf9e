package editor

import (
	"fmt"
	"path"
	"sort"

	"fyne.io/fyne/v2/lang"

	"tandem/git"
	"tandem/model"
)

// The library's problems lead with the work at hand, as an editor's
// problems panel groups by file and rule: first the open pair's, then the
// pairs changed and not published yet (or with unsaved edits), then the
// rest of the site grouped by rule with their counts, each group opened
// by a click; the notes on published posts fold under one line. The
// title counts what needs doing: the first two parts.

// problemRow is one row of the problems list: a part's heading, a group
// (a rule's findings on the rest of the site), or a finding.
type problemRow struct {
	heading string
	group   string // the rule, or groupNotes
	count   int
	finding *model.Finding
	nested  bool // a finding shown inside its group
}

// groupNotes is the group of the notes on published posts.
const groupNotes = "\x00notes"

// severityAll and severityNoNotes are the problems' severity filter.
const (
	severityAll     = 0
	severityNoNotes = 1
)

// problemRows arranges findings (by post path) into the problems' rows:
// the open pair's posts (open), the pairs to do (todo: changed, not
// published), the rest by rule; expanded are the groups opened; filter
// leaves the notes out when severityNoNotes. It returns the rows and how
// many findings need doing.
func problemRows(posts []*model.Post, of func(string) []model.Finding, open map[*model.Post]bool, todo func(*model.Post) bool, expanded map[string]bool, filter int) ([]problemRow, int) {
	var here, doing []model.Finding
	rest := map[string][]model.Finding{}
	var notes []model.Finding
	keep := func(f model.Finding) bool { return filter == severityAll || f.Severity != model.Info }
	for _, p := range posts {
		for _, f := range of(p.Path) {
			switch {
			case !keep(f):
			case open[p]:
				here = append(here, f)
			case todo(p):
				doing = append(doing, f)
			case f.Severity == model.Info:
				notes = append(notes, f)
			default:
				rest[f.Rule] = append(rest[f.Rule], f)
			}
		}
	}
	var rows []problemRow
	part := func(title string, fs []model.Finding) {
		if len(fs) == 0 {
			return
		}
		rows = append(rows, problemRow{heading: title, count: len(fs)})
		for i := range fs {
			rows = append(rows, problemRow{finding: &fs[i]})
		}
	}
	part(lang.L("This pair"), here)
	part(lang.L("Changed, not published yet"), doing)
	if len(rest) > 0 || len(notes) > 0 {
		n := len(notes)
		for _, fs := range rest {
			n += len(fs)
		}
		rows = append(rows, problemRow{heading: lang.L("The rest of the site"), count: n})
		rules := make([]string, 0, len(rest))
		for r := range rest {
			rules = append(rules, r)
		}
		sort.Slice(rules, func(i, j int) bool {
			if len(rest[rules[i]]) != len(rest[rules[j]]) {
				return len(rest[rules[i]]) > len(rest[rules[j]])
			}
			return rules[i] < rules[j]
		})
		group := func(key string, fs []model.Finding) {
			rows = append(rows, problemRow{group: key, count: len(fs)})
			if expanded[key] {
				for i := range fs {
					rows = append(rows, problemRow{finding: &fs[i], nested: true})
				}
			}
		}
		for _, r := range rules {
			group(r, rest[r])
		}
		if len(notes) > 0 {
			group(groupNotes, notes)
		}
	}
	return rows, len(here) + len(doing)
}

// text is how the row reads in the list.
func (r problemRow) text() string {
	switch {
	case r.heading != "":
		return fmt.Sprintf("%s (%d)", r.heading, r.count)
	case r.group == groupNotes:
		return "▸ " + plural("{{.Count}} notes on published posts", r.count, nil)
	case r.group != "":
		return fmt.Sprintf("▸ %s (%d)", r.group, r.count)
	}
	f := r.finding
	indent := ""
	if r.nested {
		indent = "    "
	}
	return fmt.Sprintf("%s%s %s — %s", indent, severityMark(f.Severity), path.Base(f.Path), findingText(*f))
}

// toDo says whether post p's pair is work at hand: not published, in
// review or edited since (st the site's states, nil when it is not in a
// repository: then every pair is), or with unsaved edits.
func toDo(st *git.SiteStatus, p *model.Post) bool {
	if p.Dirty() || st == nil || p.Pair == nil {
		return true
	}
	return st.Pairs[p.Pair].State != git.Published
}
