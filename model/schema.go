package model

import (
	"net/url"
	"sort"
	"strings"
)

// FieldKind is what a front-matter field holds, which decides its form
// widget.
type FieldKind string

// Field kinds.
const (
	KindText     FieldKind = "text"
	KindLongText FieldKind = "longtext"
	KindDate     FieldKind = "date"
	KindImage    FieldKind = "image"
	KindChoice   FieldKind = "choice"
	KindURL      FieldKind = "url"
	KindList     FieldKind = "list"
)

// Scope says whether a field is written per language, shared by both
// posts of a pair, or computed by Tandem.
type Scope string

// Field scopes.
const (
	PerLanguage Scope = "language"
	Shared      Scope = "shared"
	Computed    Scope = "computed"
)

// FieldSpec describes one front-matter field of the site's posts.
type FieldSpec struct {
	Key      string
	Kind     FieldKind
	Scope    Scope
	Required bool
	// Choices are the values a choice field may take.
	Choices []string
	// Count is how many posts have the field.
	Count int
	// Why says what decided Scope.
	Why ScopeReason
}

// Schema is the set of fields a site's posts have, in their usual order.
type Schema struct {
	Fields []*FieldSpec
}

// Field returns the spec of key, or nil.
func (s *Schema) Field(key string) *FieldSpec {
	for _, f := range s.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// known is what Tandem knows of the fields bilingual Jekyll and Hugo posts use.
var known = map[string]FieldSpec{
	"title":          {Kind: KindText, Scope: PerLanguage, Required: true},
	"description":    {Kind: KindLongText, Scope: PerLanguage},
	"summary":        {Kind: KindLongText, Scope: PerLanguage},
	"author":         {Kind: KindText, Scope: PerLanguage},
	"date":           {Kind: KindDate, Scope: Shared, Required: true},
	"lastmod":        {Kind: KindDate, Scope: Shared},
	"image":          {Kind: KindImage, Scope: Shared},
	"thumb":          {Kind: KindImage, Scope: Shared},
	"image-alt":      {Kind: KindText, Scope: PerLanguage},
	"lang":           {Kind: KindText, Scope: Computed},
	"layout":         {Kind: KindChoice, Scope: Shared},
	"trans_url":      {Kind: KindURL, Scope: Computed},
	"translationKey": {Kind: KindText, Scope: Computed},
	"tags":           {Kind: KindList, Scope: PerLanguage},
	"categories":     {Kind: KindList, Scope: PerLanguage},
	"slug":           {Kind: KindText, Scope: PerLanguage},
	"draft":          {Kind: KindChoice, Scope: Shared, Choices: []string{"true", "false"}},
}

// postFields is what inferSchema reads of a post's front matter.
type postFields struct {
	counted bool     // a post with front matter, not a page
	keys    []string // its keys and their fields (Doc.keyedFields)
	fields  []*Field
	// q is the counterpart the post is compared with (each pair once),
	// qValues its values of the keys (those of scalar fields).
	q       *Post
	qValues []string
}

// postFields reads p's fields for inferSchema (on any goroutine).
func (s *Site) postFields(p *Post) postFields {
	if p.Doc == nil || s.IsPage(p) {
		return postFields{}
	}
	pf := postFields{counted: true}
	pf.keys, pf.fields = p.Doc.keyedFields()
	q := p.Counterpart()
	if q == nil || q.Doc == nil || p.Lang > q.Lang {
		return pf // each pair is compared once
	}
	pf.q, pf.qValues = q, make([]string, len(pf.keys))
	for i, k := range pf.keys {
		if f := pf.fields[i]; f.Kind != List && f.Kind != Map {
			pf.qValues[i] = q.Doc.Get(k)
		}
	}
	return pf
}

// inferSchema builds the schema from the site's posts: which fields they
// have, in which order, for fields Tandem does not know their kind, and
// for every field that is not translated text whether the site's pairs
// share its value (see scopeStat). The site's config file has the last
// word.
func inferSchema(s *Site) *Schema {
	type stat struct {
		spec                     FieldSpec
		posSum                   float64
		nonEmpty                 int
		pairs                    scopeStat
		values                   map[string]bool
		dates, urls, lists, long int
	}
	stats := map[string]*stat{}
	parsed := 0
	// Each post's fields are read on as many goroutines as there are
	// CPUs, a batch at a time (a folded post's are parsed again), and
	// counted in the posts' order.
	const batch = 256
	read := make([]postFields, batch)
	for start := 0; start < len(s.Posts); start += batch {
		posts := s.Posts[start:min(start+batch, len(s.Posts))]
		parallel(len(posts), func(i int) { read[i] = s.postFields(posts[i]) })
		for j, p := range posts {
			pf := read[j]
			read[j] = postFields{}
			if !pf.counted {
				continue // the posts' schema is the posts' (pages have their section's)
			}
			parsed++
			for i, k := range pf.keys {
				st := stats[k]
				if st == nil {
					st = &stat{values: map[string]bool{}}
					stats[k] = st
				}
				f := pf.fields[i]
				st.spec.Count++
				st.posSum += float64(i) / float64(len(pf.keys))
				v := f.Value
				if v != "" {
					st.nonEmpty++
				}
				if len(st.values) < 50 {
					st.values[v] = true
				}
				_, isKnown := known[k]
				switch {
				case isKnown: // its kind is known: no need to guess it
				case f.Kind == List:
					st.lists++
				case v == "":
				case isDateValue(v):
					st.dates++
				case isURL(v):
					st.urls++
				case len(v) > 90 || strings.Contains(v, "\n"):
					st.long++
				}
				if pf.q != nil && f.Kind != List && f.Kind != Map {
					st.pairs.add(p, pf.q, v, pf.qValues[i])
				}
			}
		}
	}
	sch := &Schema{}
	for k, st := range stats {
		spec := st.spec
		spec.Key = k
		kn, isKnown := known[k]
		if isKnown {
			spec.Kind, spec.Required, spec.Choices = kn.Kind, kn.Required, kn.Choices
		} else {
			n := st.spec.Count
			switch {
			case st.lists*2 > n:
				spec.Kind = KindList
			case st.dates*2 > n:
				spec.Kind = KindDate
			case st.urls*2 > n:
				spec.Kind = KindURL
			case st.long > 0:
				spec.Kind = KindLongText
			default:
				spec.Kind = KindText
			}
			// Every post of a site of some size fills it: it is required.
			spec.Required = parsed >= 5 && st.nonEmpty == parsed
		}
		spec.Scope, spec.Why = st.pairs.decide(kn.Scope, isKnown)
		if k == "layout" || spec.Kind == KindChoice && len(spec.Choices) == 0 {
			spec.Choices = choices(st.values, s.LayoutNames, k == "layout")
		}
		st.spec = spec
	}
	// Fields the site's config declares but no post has yet.
	for k := range s.config.Fields {
		if stats[k] == nil {
			spec := known[k]
			spec.Key = k
			if spec.Kind == "" {
				spec.Kind, spec.Scope = KindText, PerLanguage
			}
			spec.Why = ScopeReason{From: FromKnown}
			stats[k] = &stat{spec: spec, posSum: 2}
		}
	}
	for k, st := range stats {
		if fc, ok := s.config.Fields[k]; ok {
			if fc.Kind != "" {
				st.spec.Kind = fc.Kind
			}
			if fc.Scope != "" {
				st.spec.Scope = fc.Scope
				st.spec.Why.From = FromConfig
			}
			if fc.Required != nil {
				st.spec.Required = *fc.Required
			}
			if len(fc.Choices) > 0 {
				st.spec.Choices = fc.Choices
			}
		}
		spec := st.spec
		sch.Fields = append(sch.Fields, &spec)
	}
	avg := func(f *FieldSpec) float64 {
		st := stats[f.Key]
		if st.spec.Count == 0 {
			return st.posSum
		}
		return st.posSum / float64(st.spec.Count)
	}
	sort.SliceStable(sch.Fields, func(i, j int) bool {
		ai, aj := avg(sch.Fields[i]), avg(sch.Fields[j])
		if ai != aj {
			return ai < aj
		}
		return sch.Fields[i].Key < sch.Fields[j].Key
	})
	return sch
}

func choices(seen map[string]bool, extra []string, withExtra bool) []string {
	set := map[string]bool{}
	for v := range seen {
		if v != "" {
			set[v] = true
		}
	}
	if withExtra {
		for _, v := range extra {
			set[v] = true
		}
	}
	return keys(set)
}

func isDateValue(v string) bool {
	_, _, ok := ParseDate(v)
	return ok
}

func isURL(v string) bool {
	if strings.HasPrefix(v, "/") && !strings.ContainsAny(v, " \t") {
		return true
	}
	if !strings.HasPrefix(v, "http") {
		return false
	}
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
