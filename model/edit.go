package model

import (
	"fmt"
	"strings"
)

// Follow says which of the pair's other posts a shared field's new value
// goes to.
type Follow int

// Ways a shared field's value follows to the other posts.
const (
	// FollowAgreeing sets the other posts that agreed with the edited
	// post's old value (for dates: were on the same day). A post with a
	// value of its own keeps it: see OwnValues.
	FollowAgreeing Follow = iota
	// FollowAll sets every post of the pair (tandem set --both, "change
	// it too" in the window).
	FollowAll
	// FollowNone sets the edited post only.
	FollowNone
)

// SetField sets a front-matter field of the pair's post in lang, the way
// the window's forms and `tandem set` do: a shared field (date, image,
// layout... as the site uses them) is set in the other posts that agreed
// with this post's old value, never over a value of their own; a date keeps
// the shape each post writes dates in, and the computed links (trans_url)
// are kept right. Setting the value the field has changes nothing. It
// returns the posts whose text changed; on error none changed.
func (pr *Pair) SetField(lang, key, value string) ([]*Post, error) {
	return pr.SetFieldFollow(lang, key, value, FollowAgreeing)
}

// SetFieldFollow is SetField with the choice of which other posts a shared
// field's value goes to. With FollowAll, the other posts are set even when
// the value is the one lang's post already has.
func (pr *Pair) SetFieldFollow(lang, key, value string, follow Follow) ([]*Post, error) {
	p := pr.Post(lang)
	if p == nil {
		return nil, fmt.Errorf("the pair has no %s post", lang)
	}
	if p.Doc == nil {
		return nil, &SaveError{p.Path, ErrUnparsed}
	}
	spec := pr.site.Schema.Field(key)
	isDate := spec != nil && spec.Kind == KindDate
	if isDate {
		value = ReshapeDate(p.Doc.Get(key), value)
	}
	old := p.Doc.Get(key)
	if f := p.Doc.Lookup(key); f != nil && f.Value == value && follow != FollowAll {
		// No change here, so none to share: a pair whose posts disagree on
		// a shared field is left for the user (and lint) to settle.
		return nil, nil
	}
	targets := []*Post{p}
	if spec != nil && spec.Scope == Shared && follow != FollowNone {
		for _, q := range pr.ordered() {
			if q == p {
				continue
			}
			// A post that cannot be read is a target, so that the edit is
			// refused rather than leaving the pair apart unseen.
			if follow == FollowAll || q.Doc == nil || SameValue(q.Doc.Get(key), old) {
				targets = append(targets, q)
			}
		}
	}
	before := pr.snapshot()
	for _, t := range targets {
		if t.Doc == nil {
			pr.restore(before)
			return nil, &SaveError{t.Path, ErrUnparsed}
		}
		v := value
		if isDate && t != p {
			v = MoveDay(t.Doc.Get(key), value)
		}
		if err := t.Doc.Set(key, v); err != nil {
			pr.restore(before)
			return nil, &SaveError{t.Path, err}
		}
	}
	changed := pr.changedSince(before)
	if permalinkFields[key] && len(changed) > 0 {
		if err := pr.KeepLinks(); err != nil {
			pr.restore(before)
			return nil, err
		}
		changed = pr.changedSince(before)
	}
	return changed, nil
}

// OwnValues lists the pair's other posts that hold a value of their own of
// the shared field key: one that differs from lang's post's (for dates,
// another day). SetField leaves them as they are; the window asks, and
// `tandem set` says so. Per-language fields have no such posts.
func (pr *Pair) OwnValues(lang, key string) []*Post {
	p := pr.Post(lang)
	spec := pr.site.Schema.Field(key)
	if p == nil || p.Doc == nil || spec == nil || spec.Scope != Shared {
		return nil
	}
	var out []*Post
	for _, q := range pr.ordered() {
		if q != p && q.Doc != nil && q.Doc.Has(key) && !SameValue(q.Doc.Get(key), p.Doc.Get(key)) {
			out = append(out, q)
		}
	}
	return out
}

// permalinkFields are the fields a Jekyll permalink is made from.
var permalinkFields = map[string]bool{"date": true, "slug": true, "permalink": true, "categories": true, "category": true}

// ordered lists the pair's posts in the site's language order.
func (pr *Pair) ordered() []*Post {
	var out []*Post
	for _, l := range pr.site.Languages {
		if p := pr.Post(l); p != nil {
			out = append(out, p)
		}
	}
	return out
}

func (pr *Pair) snapshot() map[*Post]Doc {
	m := map[*Post]Doc{}
	for _, p := range pr.Posts {
		if p.Doc != nil {
			m[p] = *p.Doc // edits build new byte slices, so a copy is a snapshot
		}
	}
	return m
}

func (pr *Pair) restore(snap map[*Post]Doc) {
	for p, d := range snap {
		*p.Doc = d
		if pr.site.Layout == Jekyll {
			p.Permalink = pr.site.permalink(p)
		}
	}
}

func (pr *Pair) changedSince(snap map[*Post]Doc) []*Post {
	var out []*Post
	for _, p := range pr.ordered() {
		if d, ok := snap[p]; ok && string(d.raw) != string(p.Doc.raw) {
			out = append(out, p)
		}
	}
	return out
}

// KeepLinks brings the pair's computed fields up to date: in a Jekyll site,
// each post's trans_url is the other's permalink (which follows the date),
// written with or without the trailing / as the value already was. A link
// that already leads to the right post is left as it is.
func (pr *Pair) KeepLinks() error {
	s := pr.site
	if s.Layout != Jekyll || s.Pairing != ByTransURL {
		return nil
	}
	posts := pr.ordered()
	for _, p := range posts {
		p.Permalink = s.permalink(p)
	}
	if len(posts) != 2 {
		return nil
	}
	for i, p := range posts {
		q := posts[1-i]
		if p.Doc == nil || q.Permalink == "" {
			continue
		}
		cur := p.Doc.Get("trans_url")
		if cur != "" && s.normURL(cur) == s.normURL(q.Permalink) {
			continue
		}
		want := s.styleLink(q.Permalink, cur)
		if err := p.Doc.Set("trans_url", want); err != nil {
			return &SaveError{p.Path, err}
		}
	}
	for _, p := range posts {
		p.link = nil
		if q := p.Counterpart(); q != nil {
			p.link = q
		}
	}
	return nil
}

// styleLink writes a permalink the way the site writes trans_url: with or
// without the trailing /, as like (or else most posts) does.
func (s *Site) styleLink(permalink, like string) string {
	slash := s.linksEndWithSlash()
	if like != "" {
		slash = strings.HasSuffix(like, "/")
	}
	permalink = strings.TrimRight(permalink, "/")
	if slash && !strings.HasSuffix(permalink, ".html") {
		permalink += "/"
	}
	return permalink
}

// linksEndWithSlash reports whether most trans_url values end with /.
func (s *Site) linksEndWithSlash() bool {
	with, without := 0, 0
	for _, p := range s.Posts {
		if tu := p.transURL(); tu != "" {
			if strings.HasSuffix(tu, "/") {
				with++
			} else {
				without++
			}
		}
	}
	return with > without
}
