package check

import (
	"regexp"
	"sort"
	"strings"
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

// learnHosts learns, as the length ratio is learned, which hosts the
// site's translations use in place of the source's: where a source and
// its translation link to as many other sites, in the same order, the
// hosts at the same place are a pair of bilingual hosts when at least
// two pairs of posts agree on it (digital.example ↔ numerique.example).
func learnHosts(s *model.Site, body func(*model.Post) []byte) (hosts, links []HostPair) {
	type key struct {
		langs, hosts [2]string
	}
	seen, seenLinks := map[key]int{}, map[key]int{}
	for _, pr := range s.Pairs {
		src, tgt := s.SourceAndTarget(pr)
		if src == nil || tgt == nil {
			continue
		}
		a, b := urlHost.FindAllSubmatch(body(src), -1), urlHost.FindAllSubmatch(body(tgt), -1)
		if len(a) == 0 || len(a) != len(b) {
			continue
		}
		here, hereLinks := map[key]bool{}, map[key]bool{}
		langs := [2]string{src.Lang, tgt.Lang}
		for i := range a {
			ha := strings.TrimPrefix(strings.ToLower(string(a[i][1])), "www.")
			hb := strings.TrimPrefix(strings.ToLower(string(b[i][1])), "www.")
			if ha != hb {
				here[key{langs, [2]string{ha, hb}}] = true
			}
			if la, lb := linkKey(string(a[i][0])), linkKey(string(b[i][0])); la != lb {
				hereLinks[key{langs, [2]string{string(a[i][0]), string(b[i][0])}}] = true
			}
		}
		for k := range here {
			seen[k]++
		}
		for k := range hereLinks {
			seenLinks[k]++
		}
	}
	agreed := func(seen map[key]int) []HostPair {
		var out []HostPair
		for k, n := range seen {
			if n >= 2 {
				out = append(out, HostPair{Langs: k.langs, Hosts: k.hosts})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Hosts[0]+out[i].Hosts[1] < out[j].Hosts[0]+out[j].Hosts[1] })
		return out
	}
	return agreed(seen), agreed(seenLinks)
}

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
