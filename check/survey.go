package check

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"tandem/bug"
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
// SiteLinkPairs). It keeps a few numbers and the addresses of each post
// (by number), never a body; an address's text only once a second post
// of one language links to it (only such an address can be learned: two
// pairs must agree on it, each with it on the same side), so that what
// it holds grows with the links a site's posts share, not with every
// link of every post, nor with those a post and its translation share
// (the same address on both sides, never learned); and those texts side
// by side (texts). Finish puts what it learned where the checks read it.
type Surveyor struct {
	mu    sync.Mutex
	seed  maphash.Seed
	posts map[*model.Post]*postFacts
	urls  []int32          // the posts' addresses by number, each post's side by side
	addrs addressBook      // each address once, by its hash
	texts textStore        // the text of each address seen twice
	hosts map[string]int32 // each host once
	names []string         // the hosts by number
	langs map[string]int32 // each language's bit in an address's text (langBit)
	// largest is the size of the largest body read.
	largest int
}

// address is what a Surveyor keeps of one address (a site of 20,000
// pairs has some 200,000): its text only once seen twice in one
// language.
type address struct {
	hash uint64 // its text's hash: the address
	key  uint64 // its LinkKey's hash: what a translation would not change
	host int32
	// text is its text's number in texts once kept; until then, minus
	// the bits of the languages whose posts link to it (langBit).
	text int32
}

// seenIn notes that a post of the language of bit lang links to a; true
// when a has to keep its text now: a post of that language linked to it
// before.
func (a *address) seenIn(lang int32) bool {
	if a.text > 0 {
		return false
	}
	if seen := -a.text; seen&lang == 0 {
		a.text = -(seen | lang)
		return false
	}
	return true
}

// langBit is the bit of language l in an address's text: one of 30
// bits, the languages after the 30th sharing the last (such an address
// keeps its text more often than it needs to).
func (sv *Surveyor) langBit(l string) int32 {
	b, ok := sv.langs[l]
	if !ok {
		b = int32(1) << min(len(sv.langs), 29)
		sv.langs[l] = b
	}
	return b
}

// addressBook numbers addresses by their hash: open addressing over the
// numbers, the hashes in the addresses (a Go map of a site's 70,000
// hashes took 2.3 MB; this, 0.5 MB and 8 bytes more an address).
type addressBook struct {
	addrs []address // by number
	table []int32   // a number plus one, where its hash leads; 0 is free
}

// find is the number of the address of hash h, if there is one, and the
// place in table where h is or goes.
func (ab *addressBook) find(h uint64) (n int32, at int, ok bool) {
	if len(ab.table) == 0 {
		return 0, 0, false
	}
	mask := uint64(len(ab.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch n := ab.table[i]; {
		case n == 0:
			return 0, int(i), false
		case ab.addrs[n-1].hash == h:
			return n - 1, int(i), true
		}
	}
}

// add numbers a, whose hash find did not find at at, and returns its
// number. The table doubles before it is three quarters full.
func (ab *addressBook) add(a address, at int) int32 {
	n := int32(len(ab.addrs))
	ab.addrs = append(ab.addrs, a)
	if len(ab.addrs)*4 > len(ab.table)*3 {
		ab.table = make([]int32, max(1024, 2*len(ab.table)))
		for i, b := range ab.addrs {
			_, at, _ := ab.find(b.hash)
			ab.table[at] = int32(i) + 1
		}
		return n
	}
	ab.table[at] = n + 1
	return n
}

// postFacts is what a Surveyor keeps of one post.
type postFacts struct {
	size                        int32
	entity, char, spaced, tight int32
	first, n                    int32 // its addresses, in order: Surveyor.urls[first:first+n]
}

// NewSurveyor is a surveyor with nothing read yet.
func NewSurveyor() *Surveyor {
	return &Surveyor{seed: maphash.MakeSeed(), posts: map[*model.Post]*postFacts{}, hosts: map[string]int32{}, langs: map[string]int32{}}
}

// urlsOf are the numbers of the addresses v links to, in order.
func (sv *Surveyor) urlsOf(v *postFacts) []int32 { return sv.urls[v.first : v.first+v.n] }

// Post reads the body of p (on any goroutine).
func (sv *Surveyor) Post(p *model.Post, body []byte) {
	bug.HookIn("survey", body)
	v := &postFacts{size: int32(min(len(body), math.MaxInt32))}
	if strings.HasPrefix(p.Lang, "fr") {
		b := lines.View(body) // read here only: counts kept
		entity, char := typo.Count(b)
		spaced, tight := frenchRules(b)
		v.entity, v.char, v.spaced, v.tight = int32(entity), int32(char), int32(spaced), int32(tight)
	}
	var found [][2][]byte
	eachURL(body, func(u, host []byte) { found = append(found, [2][]byte{u, host}) })
	hashes := make([]uint64, len(found))
	for i, u := range found {
		hashes[i] = maphash.Bytes(sv.seed, u[0])
	}
	sv.mu.Lock()
	defer sv.mu.Unlock()
	sv.largest = max(sv.largest, len(body))
	if len(sv.urls)+len(found) > math.MaxInt32 {
		found = nil // (2 billion links) the post's are not read
	}
	v.first, v.n = int32(len(sv.urls)), int32(len(found))
	lang := sv.langBit(p.Lang)
	for i, u := range found {
		id, at, ok := sv.addrs.find(hashes[i])
		switch {
		case !ok:
			h := strings.TrimPrefix(strings.ToLower(string(u[1])), "www.")
			hid, ok := sv.hosts[h]
			if !ok {
				hid = int32(len(sv.names))
				sv.names = append(sv.names, h)
				sv.hosts[h] = hid
			}
			id = sv.addrs.add(address{hash: hashes[i], key: maphash.String(sv.seed, l10n.LinkKey(string(u[0]))), host: hid, text: -lang}, at)
		case sv.addrs.addrs[id].seenIn(lang):
			sv.addrs.addrs[id].text = sv.texts.add(u[0]) // a copy: body is the reader's buffer
		}
		sv.urls = append(sv.urls, id)
	}
	sv.posts[p] = v
}

// Largest is the size of the largest body read.
func (sv *Surveyor) Largest() int {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	return sv.largest
}

// Finish learns the site's values from the posts read, once s's posts
// are paired, and keeps them for the checks.
func (sv *Surveyor) Finish(s *model.Site) {
	entity, char, spaced, tight := 0, 0, 0, 0
	for _, p := range s.Posts {
		if v := sv.posts[p]; v != nil {
			entity, char = entity+int(v.entity), char+int(v.char)
			spaced, tight = spaced+int(v.spaced), tight+int(v.tight)
		}
	}
	rules := ""
	if spaced >= 10 && spaced >= 4*tight { // a habit, not a slip
		rules = "france"
	}
	style := typo.Entity
	if char > entity {
		style = typo.Character
	}
	ratio := sv.medianRatio(s)
	hosts, links := sv.learnHosts(s)
	st := stateOf(s)
	st.surveyMu.Lock()
	defer st.surveyMu.Unlock()
	st.rules, st.style, st.ratio, st.hostPairs, st.links, st.surveyed = rules, style, ratio, hosts, links, true
	st.bases.reset() // keyed from the pairs learned before
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
		if err := bug.Catch("survey "+p.Path, func() { sv.Post(p, b) }); err != nil {
			p.Bug = err // lint says it on the post; the survey goes on
		}
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
	// A link pair is counted by its languages' number and its addresses'
	// (a site of 20,000 pairs has some 40,000 to count).
	type linkKey struct {
		langs int32
		ids   [2]int32
	}
	seen, seenLinks := map[key]int{}, map[linkKey]int32{}
	langIDs, langs := map[[2]string]int32{}, [][2]string{}
	var here map[key]bool
	var hereLinks []linkKey
	for _, pr := range s.Pairs {
		src, tgt := s.SourceAndTarget(pr)
		if src == nil || tgt == nil || sv.posts[src] == nil || sv.posts[tgt] == nil {
			continue
		}
		a, b := sv.urlsOf(sv.posts[src]), sv.urlsOf(sv.posts[tgt])
		if len(a) == 0 || len(a) != len(b) {
			continue
		}
		clear(here)
		hereLinks = hereLinks[:0]
		pl := [2]string{src.Lang, tgt.Lang}
		for i := range a {
			ua, ub := sv.addrs.addrs[a[i]], sv.addrs.addrs[b[i]]
			if ua.host != ub.host {
				if here == nil {
					here = map[key]bool{}
				}
				here[key{pl, [2]string{sv.names[ua.host], sv.names[ub.host]}}] = true
			}
			if ua.key != ub.key {
				l, ok := langIDs[pl]
				if !ok {
					l = int32(len(langs))
					langIDs[pl] = l
					langs = append(langs, pl)
				}
				hereLinks = append(hereLinks, linkKey{l, [2]int32{a[i], b[i]}})
			}
		}
		for k := range here {
			seen[k]++
		}
		// Each link pair once per pair of posts.
		slices.SortFunc(hereLinks, func(x, y linkKey) int {
			return cmp.Or(cmp.Compare(x.langs, y.langs), cmp.Compare(x.ids[0], y.ids[0]), cmp.Compare(x.ids[1], y.ids[1]))
		})
		for _, k := range slices.Compact(hereLinks) {
			seenLinks[k]++
		}
	}
	sortPairs := func(out []HostPair) []HostPair {
		sort.Slice(out, func(i, j int) bool {
			return concatLess(out[i].Hosts[0], out[i].Hosts[1], out[j].Hosts[0], out[j].Hosts[1])
		})
		return out
	}
	for k, n := range seen {
		if n >= 2 {
			hosts = append(hosts, HostPair{Langs: k.langs, Hosts: k.hosts})
		}
	}
	for k, n := range seenLinks {
		// Agreed on by two pairs: each address is in two posts of one
		// language, its text kept.
		if n >= 2 {
			links = append(links, HostPair{Langs: langs[k.langs], Hosts: [2]string{sv.texts.get(sv.addrs.addrs[k.ids[0]].text), sv.texts.get(sv.addrs.addrs[k.ids[1]].text)}})
		}
	}
	return sortPairs(hosts), sortPairs(links)
}

// textStore keeps the texts of a survey's addresses side by side in
// chunks of textChunk bytes, each text found by a number that fits
// beside its address's host: a map of a site's 60,000 such texts, each
// its own string, took 6.4 MB at 20,000 pairs, twice their bytes.
type textStore struct {
	chunks [][]byte
}

// textChunk is a chunk's size; a longer text has a chunk of its own.
const textChunk = 1 << 16

// add keeps a copy of b, its length first, and returns its number: its
// chunk's number times textChunk, plus where it starts in it, plus one
// (never 0). 0 when the numbers ran out (2 GB of addresses): such an
// address is never learned.
func (t *textStore) add(b []byte) int32 {
	var head [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(head[:], uint64(len(b)))
	n := len(t.chunks)
	if n == 0 || cap(t.chunks[n-1])-len(t.chunks[n-1]) < h+len(b) {
		if n >= (math.MaxInt32-1)/textChunk {
			return 0
		}
		// A chunk that one text fills is full: the next text starts
		// another, so that every text starts within textChunk of its
		// chunk's start.
		t.chunks = append(t.chunks, make([]byte, 0, max(textChunk, h+len(b))))
		n++
	}
	c := t.chunks[n-1]
	at := len(c)
	t.chunks[n-1] = append(append(c, head[:h]...), b...)
	return int32((n-1)*textChunk + at + 1)
}

// get is a copy of the text numbered i ("" for 0 or less).
func (t *textStore) get(i int32) string {
	if i <= 0 {
		return ""
	}
	c := t.chunks[(i-1)/textChunk][(i-1)%textChunk:]
	n, h := binary.Uvarint(c)
	return string(c[h : h+int(n)])
}

// concatLess reports whether a0+a1 < b0+b1, without making them (a sort
// of a site's learned addresses made a string for each comparison).
func concatLess(a0, a1, b0, b1 string) bool {
	for {
		if a0 == "" {
			a0, a1 = a1, ""
		}
		if b0 == "" {
			b0, b1 = b1, ""
		}
		if a0 == "" || b0 == "" {
			return a0 == "" && b0 != ""
		}
		n := min(len(a0), len(b0))
		if a0[:n] != b0[:n] {
			return a0[:n] < b0[:n]
		}
		a0, b0 = a0[n:], b0[n:]
	}
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
