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
	m map[string]ratioAt
}

type ratioAt struct {
	n     int
	ratio float64
}

// SiteRatio is how much longer a translation runs than its source on the
// site: the median ratio of their bodies' lengths over its pairs (1 when
// it has fewer than three), for the aligner. It reads the posts once per
// site and count of posts.
func SiteRatio(s *model.Site) float64 {
	ratios.Lock()
	c, ok := ratios.m[s.Root]
	ratios.Unlock()
	if ok && c.n == len(s.Posts) {
		return c.ratio
	}
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
		ratios.m = map[string]ratioAt{}
	}
	ratios.m[s.Root] = ratioAt{len(s.Posts), ratio}
	ratios.Unlock()
	return ratio
}
