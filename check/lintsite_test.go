package check

import "tandem/model"

// lintSite is every finding of site s, lint's and the checks' (more's
// too), each pair checked in turn and the whole sorted: the plain
// reference the tests compare with (the whole-site pass itself is
// workspace.Site.Lint).
func lintSite(s *model.Site, more More) []model.Finding {
	out := append(s.Lint(), FileFindings(s)...)
	cx, st, ratio := NewContext(s), SettingOf(s), SiteRatio(s)
	for _, pr := range s.Pairs {
		out = append(out, cx.Scan(PairTextOf(s, pr, nil), st, ratio, more, nil)...)
	}
	model.SortFindings(out)
	return out
}
