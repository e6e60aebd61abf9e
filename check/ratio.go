package check

import (
	"tandem/model"
)

// bySite keeps a value per site root, for any goroutine.

// SiteLinkPairs are the addresses the site's translations use in place of
// the source's (one account, page or document in each language: Hosts
// holds the two addresses), learned as the host pairs are.
func SiteLinkPairs(s *model.Site) []HostPair { return learned(s).links }

// SiteHostPairs are the pairs of hosts the site's translations use in
// place of each other (learnHosts), read by Survey once per site.
func SiteHostPairs(s *model.Site) []HostPair { return learned(s).hostPairs }

// SiteRatio is how much longer a translation runs than its source on the
// site: the median ratio of their bodies' lengths over its pairs (0, for
// the aligner to fit each pair, when it has fewer than three). Survey
// reads it, once per site.
func SiteRatio(s *model.Site) float64 { return learned(s).ratio }
