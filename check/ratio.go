package check

import (
	"sort"
	"sync"

	"tandem/model"
)

// bySite keeps a value per site root, for any goroutine.
type bySite[T any] struct {
	mu sync.Mutex
	m  map[string]T
}

func (c *bySite[T]) get(root string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[root]
	return v, ok
}

func (c *bySite[T]) put(root string, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]T{}
	}
	c.m[root] = v
}

var ratios bySite[float64]

// SiteRatio is how much longer a translation runs than its source on the
// site: the median ratio of their bodies' lengths over its pairs (0, for
// the aligner to fit each pair, when it has fewer than three). Survey
// reads it, once per site.
func SiteRatio(s *model.Site) float64 { return surveyed(&ratios, s) }

// surveyed is c's value for s, surveyed first when it has none.
func surveyed[T any](c *bySite[T], s *model.Site) T {
	v, ok := c.get(s.Root)
	if !ok {
		Survey(s)
		v, _ = c.get(s.Root)
	}
	return v
}

// medianRatio is the median ratio of the translations' body sizes to
// their sources' over the site's pairs (0 with fewer than three pairs of
// some length).
func medianRatio(s *model.Site, size func(p *model.Post) int) float64 {
	var rs []float64
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
	if len(rs) < 3 {
		return 0
	}
	sort.Float64s(rs)
	return min(max(rs[len(rs)/2], 0.6), 1.8)
}
