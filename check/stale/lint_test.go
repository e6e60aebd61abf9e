package stale

import (
	"tandem/check"
	"tandem/model"
)

// Lint is the stale findings of every pair of the site (loaded), or nil
// when the site has no history: each pair checked in turn, as the
// whole-site pass (workspace.Site.Lint) checks it.
func Lint(s *model.Site) []model.Finding {
	var out []model.Finding
	for _, f := range lintSite(s, Check(s)) {
		if f.Rule == Rule {
			out = append(out, f)
		}
	}
	return out
}

// lintSite is the checks' findings of every pair of s, with more's.
func lintSite(s *model.Site, more check.More) []model.Finding {
	var out []model.Finding
	cx, st, ratio := check.NewContext(s), check.SettingOf(s), check.SiteRatio(s)
	for _, pr := range s.Pairs {
		out = append(out, cx.Scan(check.PairTextOf(s, pr, nil), st, ratio, more, nil)...)
	}
	return out
}
