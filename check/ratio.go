package check

import (
	"bytes"
	"os"
	"sort"
	"sync"

	"tandem/model"
)

var ratios struct {
	sync.Mutex
	m map[string]float64
}

// SiteRatio is how much longer a translation runs than its source on the
// site: the median ratio of their bodies' lengths over its pairs (0, for
// the aligner to fit each pair, when it has fewer than three). Survey
// reads it, once per site.
func SiteRatio(s *model.Site) float64 {
	ratios.Lock()
	r, ok := ratios.m[s.Root]
	ratios.Unlock()
	if !ok {
		Survey(s)
		return SiteRatio(s)
	}
	return r
}

func surveyRatio(s *model.Site) {
	var rs []float64
	size := func(p *model.Post) int {
		if p.Doc != nil && !p.Partial() {
			return len(p.Doc.Body())
		}
		b, err := os.ReadFile(p.Abs())
		if err != nil {
			return 0
		}
		// The body: after the front matter's closing line.
		if i := bytes.Index(b[min(3, len(b)):], []byte("\n---")); bytes.HasPrefix(b, []byte("---")) && i >= 0 {
			return len(b) - i
		}
		return len(b)
	}
	for _, pr := range s.Pairs {
		src, tgt := s.SourceAndTarget(pr)
		if src == nil || tgt == nil {
			continue
		}
		a, b := size(src), size(tgt)
		if a > 200 && b > 200 {
			rs = append(rs, float64(b)/float64(a))
		}
	}
	ratio := 0.0
	if len(rs) >= 3 {
		sort.Float64s(rs)
		ratio = min(max(rs[len(rs)/2], 0.6), 1.8)
	}
	ratios.Lock()
	if ratios.m == nil {
		ratios.m = map[string]float64{}
	}
	ratios.m[s.Root] = ratio
	ratios.Unlock()
}
