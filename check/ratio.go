package check

import (
	"regexp"
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

var (
	ratios    bySite[float64]
	hostPairs bySite[[]HostPair]
	linkPairs bySite[[]HostPair]
)

// SiteLinkPairs are the addresses the site's translations use in place of
// the source's (one account, page or document in each language: Hosts
// holds the two addresses), learned as the host pairs are.
func SiteLinkPairs(s *model.Site) []HostPair { return surveyed(&linkPairs, s) }

// SiteHostPairs are the pairs of hosts the site's translations use in
// place of each other (learnHosts), read by Survey once per site.
func SiteHostPairs(s *model.Site) []HostPair { return surveyed(&hostPairs, s) }

// urlHost finds the addresses in a text, and their hosts.
var urlHost = regexp.MustCompile(`https?://([A-Za-z0-9.-]+)[^\s"'<>()\]]*`)

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
