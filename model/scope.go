package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ScopeSource is what decided a field's scope.
type ScopeSource string

// Where a scope comes from.
const (
	// FromConfig: the site's .tandem.yml sets it.
	FromConfig ScopeSource = "config"
	// FromPairs: the site's own pairs agree on the field, or do not.
	FromPairs ScopeSource = "pairs"
	// FromKnown: what Tandem knows of the field, the site's pairs saying
	// nothing against it.
	FromKnown ScopeSource = "known"
)

// ScopeReason says why a field has its scope, for the field's tooltip and
// the README's account of the schema.
type ScopeReason struct {
	From ScopeSource
	// Pairs is how many pairs have a value in both posts; Differ how many
	// of those have different values (for dates: different days).
	Pairs, Differ int
	// Named is a value that names a language (banner-fr.png) when one
	// decided the scope, and Path the post that has it.
	Named, Path string
}

// String says the reason in a sentence.
func (r ScopeReason) String() string {
	switch {
	case r.From == FromConfig:
		return "set in " + ConfigFile
	case r.Named != "":
		return fmt.Sprintf("per language: %s has %q, which names its language", r.Path, r.Named)
	case r.From == FromPairs && r.Differ > 0:
		return fmt.Sprintf("the posts differ in %d of the %d pairs that both have it", r.Differ, r.Pairs)
	case r.From == FromPairs:
		return fmt.Sprintf("the posts agree in all %d pairs that both have it", r.Pairs)
	case r.Pairs > 0:
		return fmt.Sprintf("usual for this field; the posts differ in %d of the %d pairs that both have it", r.Differ, r.Pairs)
	}
	return "usual for this field"
}

// Localized fields: a shared field whose values differ in this share of the
// pairs (and in at least minDiffer pairs, so that one mistake does not
// decide) is per-language for the site.
const (
	differShare = 0.10
	minDiffer   = 2
)

// scopeStat counts, for one field, how the two posts of each pair agree.
type scopeStat struct {
	pairs, differ int
	named, path   string
}

// add counts one pair whose posts p and q have the values a and b.
func (st *scopeStat) add(p, q *Post, a, b string) {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" || b == "" {
		return
	}
	st.pairs++
	if SameValue(a, b) {
		return
	}
	st.differ++
	if st.named != "" {
		return
	}
	for _, x := range []struct {
		post  *Post
		value string
	}{{p, a}, {q, b}} {
		if namesLanguage(x.value, x.post.Lang) {
			st.named, st.path = x.value, x.post.Path
			return
		}
	}
}

// decide returns the scope the site's pairs give a field whose usual scope
// is def (known says whether Tandem knows the field).
func (st *scopeStat) decide(def Scope, known bool) (Scope, ScopeReason) {
	r := ScopeReason{From: FromKnown, Pairs: st.pairs, Differ: st.differ}
	if def == Computed || known && def == PerLanguage {
		return def, r
	}
	if st.pairs == 0 {
		if known {
			return def, r
		}
		return PerLanguage, r
	}
	r.From = FromPairs
	if st.named != "" {
		r.Named, r.Path = st.named, st.path
		return PerLanguage, r
	}
	localized := float64(st.differ) >= differShare*float64(st.pairs)
	if known && st.differ < minDiffer {
		localized = false
	}
	if !known && st.pairs < 2 {
		// Too little to call a field Tandem does not know shared.
		return PerLanguage, r
	}
	if localized {
		return PerLanguage, r
	}
	return Shared, r
}

// SameValue reports whether two values of a field agree as a shared field's
// values should: dates agree when they are on the same day as each writes
// it (posts published minutes or hours apart), other values when equal.
func SameValue(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == b {
		return true
	}
	if da, ok := dayOf(a); ok {
		if db, ok := dayOf(b); ok {
			return da == db
		}
	}
	return false
}

// dayOf is the calendar day a date value writes, YYYY-MM-DD.
func dayOf(v string) (string, bool) {
	t, _, ok := ParseDate(v)
	if !ok {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// languageWords are the words that, alone in a value, name a language.
var languageWords = map[string][]string{
	"en": {"en", "eng", "english", "anglais"},
	"fr": {"fr", "fra", "fre", "french", "francais", "français"},
}

// namesLanguage reports whether a value names the language lang as a word
// of its own: banner-fr.png, /fr/images/x.jpg, image_french.jpg. A word
// is a run of letters and digits; it is read where it is, without a
// lowercase copy of the value (the schema asks this of the two values
// of every field a pair's posts write differently: most of the time a
// site of 20,000 pairs took to learn its schema).
func namesLanguage(v, lang string) bool {
	words := languageWords[strings.ToLower(lang)]
	if len(words) == 0 {
		words = []string{strings.ToLower(lang)}
	}
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		if !isWord(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(v) {
			r, n := utf8.DecodeRuneInString(v[j:])
			if !isWord(r) {
				break
			}
			j += n
		}
		for _, x := range words {
			if lowerIs(v[i:j], x) {
				return true
			}
		}
		i = j
	}
	return false
}

// lowerIs reports whether w, lowercased rune by rune, is x.
func lowerIs(w, x string) bool {
	for _, r := range w {
		c, n := utf8.DecodeRuneInString(x)
		if n == 0 || unicode.ToLower(r) != c {
			return false
		}
		x = x[n:]
	}
	return x == ""
}
