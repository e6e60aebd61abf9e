package check

import (
	"sync"

	"tandem/check/typo"
	"tandem/model"
)

// siteState is what the checks keep of one open site: what the survey
// learned of its pairs, and their readings of its files (silences, draft
// marks, termbase), each read again when the file changes. It is the
// site's (model.Site.Keep), not the package's: a site opened again starts
// afresh, and nothing outlives the site (TestNoPackageState).
type siteState struct {
	surveyMu         sync.Mutex
	surveyed         bool
	ratio            float64
	hostPairs, links []HostPair
	rules            string
	style            typo.Style
	// bases are the site's learned links keyed for each pair of
	// languages, made once: every pair's checks, and the window's at
	// every keystroke, read them.
	bases    linkBases
	silences fileCache[*Silences]
	drafts   fileCache[*Drafts]
	terms    fileCache[termsRead]
	filesMu  sync.Mutex // the three file caches
}

type stateKey struct{}

// stateOf is s's checks' state.
func stateOf(s *model.Site) *siteState {
	return s.Keep(stateKey{}, func() any { return &siteState{} }).(*siteState)
}

// learned is s's survey, made first when it has not been (Survey).
func learned(s *model.Site) *siteState {
	st := stateOf(s)
	st.surveyMu.Lock()
	done := st.surveyed
	st.surveyMu.Unlock()
	if !done {
		Survey(s)
	}
	return st
}
