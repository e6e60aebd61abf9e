package check

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"tandem/check/typo"
	"tandem/l10n"
	"tandem/lines"
	"tandem/model"
)

// A Surveyor learns what the checks need to know of the whole site from
// its posts' bodies, each read once, as the site is opened (Post is
// model.Reading's Body): how its French posts write no-break spaces and
// which rules they follow (SiteStyle, SiteRules), how much longer its
// translations run (SiteRatio), which hosts and addresses its
// translations use in place of the source's (SiteHostPairs,
// SiteLinkPairs). It keeps a few numbers and the addresses of each post,
// never a body. Finish puts what it learned where the checks read it.
type Surveyor struct {
	mu    sync.Mutex
	posts map[*model.Post]*postFacts
	urls  map[string]int32 // each address once: a post keeps their numbers
	list  []string         // the addresses by number
	hosts []string         // and their hosts
}

// postFacts is what a Surveyor keeps of one post.
type postFacts struct {
	size                        int
	entity, char, spaced, tight int
	urls                        []int32 // the addresses it links to, in order
}

// NewSurveyor is a surveyor with nothing read yet.
func NewSurveyor() *Surveyor {
	return &Surveyor{posts: map[*model.Post]*postFacts{}, urls: map[string]int32{}}
}

// Post reads the body of p (on any goroutine).
func (sv *Surveyor) Post(p *model.Post, body []byte) {
	v := &postFacts{size: len(body)}
	if strings.HasPrefix(p.Lang, "fr") {
		b := lines.View(body) // read here only: counts kept
		v.entity, v.char = typo.Count(b)
		v.spaced, v.tight = frenchRules(b)
	}
	var found [][2][]byte
	eachURL(body, func(u, host []byte) { found = append(found, [2][]byte{u, host}) })
	sv.mu.Lock()
	defer sv.mu.Unlock()
	for _, u := range found {
		id, ok := sv.urls[string(u[0])]
		if !ok {
			id = int32(len(sv.list))
			s := string(u[0]) // a copy: body is the reader's buffer
			sv.list = append(sv.list, s)
			sv.hosts = append(sv.hosts, strings.TrimPrefix(strings.ToLower(string(u[1])), "www."))
			sv.urls[s] = id
		}
		v.urls = append(v.urls, id)
	}
	sv.posts[p] = v
}

// Finish learns the site's values from the posts read, once s's posts
// are paired, and keeps them for the checks.
func (sv *Surveyor) Finish(s *model.Site) {
	entity, char, spaced, tight := 0, 0, 0, 0
	for _, p := range s.Posts {
		if v := sv.posts[p]; v != nil {
			entity, char = entity+v.entity, char+v.char
			spaced, tight = spaced+v.spaced, tight+v.tight
		}
	}
	rules := ""
	if spaced >= 10 && spaced >= 4*tight { // a habit, not a slip
		rules = "france"
	}
	siteRules.put(s.Root, rules)
	style := typo.Entity
	if char > entity {
		style = typo.Character
	}
	siteStyles.put(s.Root, style)
	ratios.put(s.Root, sv.medianRatio(s))
	hosts, links := sv.learnHosts(s)
	hostPairs.put(s.Root, hosts)
	linkPairs.put(s.Root, links)
}

// Survey reads what the checks need to know of the whole site from its
// files, each post once (a loaded post's body as it is): for a site that
// was not opened with a Surveyor. Call it before sharing the site with
// another goroutine.
func Survey(s *model.Site) {
	sv := NewSurveyor()
	for _, p := range s.Posts {
		var b []byte
		if p.Doc != nil && !p.Partial() {
			b = p.Doc.Body()
		} else if raw, err := model.ReadPostFile(p.Abs()); err == nil {
			b, _ = model.Body(raw)
		}
		sv.Post(p, b)
	}
	sv.Finish(s)
}

// medianRatio is the median ratio of the translations' body sizes to
// their sources' over the site's pairs (0 with fewer than three pairs of
// some length).
func (sv *Surveyor) medianRatio(s *model.Site) float64 {
	var rs []float64
	for _, pr := range s.Pairs {
		src, tgt := s.SourceAndTarget(pr)
		if src == nil || tgt == nil || sv.posts[src] == nil || sv.posts[tgt] == nil {
			continue
		}
		a, b := sv.posts[src].size, sv.posts[tgt].size
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

// learnHosts learns, as the length ratio is learned, which hosts the
// site's translations use in place of the source's: where a source and
// its translation link to as many other sites, in the same order, the
// hosts at the same place are a pair of bilingual hosts when at least
// two pairs of posts agree on it (digital.example ↔ numerique.example).
func (sv *Surveyor) learnHosts(s *model.Site) (hosts, links []HostPair) {
	type key struct {
		langs, hosts [2]string
	}
	seen, seenLinks := map[key]int{}, map[key]int{}
	for _, pr := range s.Pairs {
		src, tgt := s.SourceAndTarget(pr)
		if src == nil || tgt == nil || sv.posts[src] == nil || sv.posts[tgt] == nil {
			continue
		}
		a, b := sv.posts[src].urls, sv.posts[tgt].urls
		if len(a) == 0 || len(a) != len(b) {
			continue
		}
		here, hereLinks := map[key]bool{}, map[key]bool{}
		langs := [2]string{src.Lang, tgt.Lang}
		for i := range a {
			ua, ub := sv.list[a[i]], sv.list[b[i]]
			ha, hb := sv.hosts[a[i]], sv.hosts[b[i]]
			if ha != hb {
				here[key{langs, [2]string{ha, hb}}] = true
			}
			if la, lb := l10n.LinkKey(ua), l10n.LinkKey(ub); la != lb {
				hereLinks[key{langs, [2]string{ua, ub}}] = true
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

// eachURL calls f with each address in text and its host, as urlHost
// finds them (http:// or https://, a host of letters, digits, dots and
// dashes, then up to a space, a quote, <, >, ( , ) or ]), without a
// regular expression: the survey reads every body.
func eachURL(text []byte, f func(url, host []byte)) {
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte("http"))
		if k < 0 {
			return
		}
		start := i + k
		j := start + 4
		if j < len(text) && text[j] == 's' {
			j++
		}
		if !bytes.HasPrefix(text[j:], []byte("://")) {
			i = start + 1
			continue
		}
		j += 3
		h := j
		for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9' || text[j] == '.' || text[j] == '-') {
			j++
		}
		if j == h {
			i = start + 1
			continue
		}
		host := text[h:j]
		for j < len(text) && bytes.IndexByte([]byte("\t\n\f\r \"'<>()]"), text[j]) < 0 {
			j++
		}
		f(text[start:j], host)
		i = j
	}
}
