package model

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify makes a file-name slug that is safe on Windows, macOS and Linux:
// lower-case ASCII letters and digits joined by single hyphens, accents
// folded (Leçons → lecons, œ → oe), at most 80 characters cut at a hyphen.
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent, split off by NFKD
		}
		if s, ok := ligatures[r]; ok {
			b.WriteString(s)
			dash = false
			continue
		}
		r = unicode.ToLower(r)
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > 80 {
		s = s[:80]
		if i := strings.LastIndexByte(s, '-'); i > 40 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	return s
}

var ligatures = map[rune]string{'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ø': "o", 'Ø': "o", 'đ': "d", 'ł': "l", 'Ł': "l"}

// NewPairInput is what the New post dialog and `tandem new` ask for.
type NewPairInput struct {
	// Titles by language; every language of the site needs one.
	Titles map[string]string
	// Date is the post's date and time; its zone is written as it is.
	Date time.Time
	// Author is written in every post (translate it afterwards if needed).
	Author string
}

// NewPair creates a post in each of the site's languages, named and
// written the way the site's existing posts are: file names from each
// title's slug (Jekyll: with the date), fields in the site's usual order
// and quoting, the date in the site's shape, lang and layout as the site
// has them, and the posts linked to each other (trans_url both ways, or a
// shared translationKey). It never overwrites a file: a taken name gets
// -2, -3...
func (s *Site) NewPair(in NewPairInput) (*Pair, error) {
	if len(s.Languages) == 0 {
		return nil, errors.New("the site has no languages: add a folder per language or a " + ConfigFile)
	}
	for _, l := range s.Languages {
		if strings.TrimSpace(in.Titles[l]) == "" {
			return nil, &TitleNeeded{Lang: l}
		}
	}
	if in.Date.IsZero() {
		in.Date = time.Now()
	}
	var posts []*Post
	taken := map[string]bool{}
	for _, p := range s.Posts {
		taken[strings.ToLower(p.Path)] = true
	}
	first := s.Languages[0]
	key := s.uniqueKey(Slugify(in.Titles[first]))
	for _, l := range s.Languages {
		slug := Slugify(in.Titles[l])
		if s.Layout == Hugo && (s.hugoSuffix || !s.usesKeys()) {
			slug = key // paired by path: the same name in every language
		}
		rel, err := s.newPostPath(l, slug, in.Date, taken)
		if err != nil {
			return nil, err
		}
		taken[strings.ToLower(rel)] = true
		posts = append(posts, &Post{Path: rel, Lang: l, site: s, key: "key:" + key})
	}
	pr := &Pair{Posts: posts, site: s}
	for _, p := range posts {
		p.Pair = pr
		if s.Layout == Jekyll {
			p.Doc = &Doc{} // the permalink needs only the file name yet
			p.Permalink = s.permalink(p)
		}
	}
	for _, l := range s.Languages {
		d, err := s.newDoc(pr, pr.Post(l), in, key)
		if err != nil {
			return nil, err
		}
		pr.Post(l).Doc = d
	}
	// Write every file, or none.
	var written []*Post
	for _, l := range s.Languages {
		if err := s.create(pr.Post(l)); err != nil {
			for _, w := range written {
				os.Remove(w.Abs())
			}
			return nil, err
		}
		written = append(written, pr.Post(l))
	}
	for _, l := range s.Languages {
		s.Posts = append(s.Posts, pr.Post(l))
	}
	s.link()
	return pr.Post(first).Pair, nil
}

// create writes a new post's file, inside the site and never over an
// existing file.
func (s *Site) create(p *Post) error {
	target, err := s.safePath(p.Path)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(target), 0o755)
	}
	if err == nil {
		err = writeAtomic(target, p.Doc.Bytes(), true)
	}
	if errors.Is(err, fs.ErrExist) {
		err = fmt.Errorf("%s already exists; nothing was created", p.Path)
	}
	if err != nil {
		return &SaveError{p.Path, err}
	}
	p.setDisk(sha256.Sum256(p.Doc.Bytes()), len(p.Doc.Bytes()), true)
	return nil
}

// PostTime is the date and time a new post gets for a chosen day: now when
// the day is today, else 09:00 local time on that day (a post with a
// future time waits for it to be published).
func PostTime(day, now time.Time) time.Time {
	if day.Format("2006-01-02") == now.Format("2006-01-02") {
		return now.Truncate(time.Minute)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, now.Location())
}

// usesKeys reports whether any post of a Hugo site has a translationKey.
func (s *Site) usesKeys() bool {
	for _, p := range s.Posts {
		if p.Doc != nil && p.Doc.Get("translationKey") != "" {
			return true
		}
	}
	return false
}

func (s *Site) uniqueKey(base string) string {
	if base == "" {
		base = "post"
	}
	used := map[string]bool{}
	for _, p := range s.Posts {
		used[p.key] = true
	}
	k := base
	for i := 2; used["key:"+k] || used["path:"+k]; i++ {
		k = fmt.Sprintf("%s-%d", base, i)
	}
	return k
}

// newPostPath names a new post of lang in the folder where most of its
// posts are.
func (s *Site) newPostPath(lang, slug string, date time.Time, taken map[string]bool) (string, error) {
	if slug == "" {
		slug = "post"
	}
	dir := s.usualFolder(lang)
	ext := s.usualExt(lang)
	for i := 1; ; i++ {
		name := slug
		if i > 1 {
			name = fmt.Sprintf("%s-%d", slug, i)
		}
		switch {
		case s.Layout == Jekyll:
			name = date.Format("2006-01-02") + "-" + name + ext
		case s.hugoSuffix:
			name += "." + lang + ext
		default:
			name += ext
		}
		rel := path.Join(dir, name)
		if taken[strings.ToLower(rel)] {
			continue
		}
		if _, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(rel))); err == nil {
			continue
		}
		return rel, nil
	}
}

// usualFolder is the folder holding most posts of lang (Hugo sites keep
// posts in a section such as blog/posts), else the language's first folder.
func (s *Site) usualFolder(lang string) string {
	count := map[string]int{}
	for _, p := range s.Posts {
		if p.Lang == lang {
			count[path.Dir(p.Path)]++
		}
	}
	best, n := "", 0
	for d, c := range count {
		if c > n || c == n && d < best {
			best, n = d, c
		}
	}
	if best != "" && !strings.HasSuffix(best, "/_posts") && s.Layout == Jekyll {
		// Jekyll posts may sit in sub-folders; new ones go to the top.
		for _, f := range s.Folders[lang] {
			if strings.HasPrefix(best, f) {
				return f
			}
		}
	}
	if best != "" {
		return best
	}
	if f := s.Folders[lang]; len(f) > 0 {
		return f[0]
	}
	if s.Layout == Jekyll {
		return "_posts/" + lang
	}
	return "content/" + lang
}

func (s *Site) usualExt(lang string) string {
	md, other := 0, map[string]int{}
	for _, p := range s.Posts {
		if p.Lang == lang {
			if e := path.Ext(p.Path); e == ".md" {
				md++
			} else if e != ".html" && e != ".htm" {
				other[e]++
			}
		}
	}
	for e, c := range other {
		if c > md {
			return e
		}
	}
	return ".md"
}

// newDoc writes the front matter of a new post in the site's usual shape.
func (s *Site) newDoc(pr *Pair, p *Post, in NewPairInput, key string) (*Doc, error) {
	format, nl := s.usualFormat()
	delim := "---"
	if format == TOML {
		delim = "+++"
	}
	d, err := Parse([]byte(delim + nl + delim + nl + nl))
	if err != nil {
		return nil, err
	}
	for _, k := range s.newFields() {
		var v string
		switch k {
		case "title":
			v = in.Titles[p.Lang]
		case "date":
			v = in.Date.Format(s.usualDateLayout())
		case "author":
			v = in.Author
		case "lang":
			v = p.Lang
		case "layout":
			v = s.usual(p.Lang, "layout")
		case "trans_url":
			if q := otherPost(pr, p); q != nil {
				v = s.styleLink(q.Permalink, "")
			}
		case "translationKey":
			v = key
		default:
			spec := s.Schema.Field(k)
			if spec == nil || spec.Scope == PerLanguage || spec.Kind == KindImage || spec.Kind == KindDate {
				v = ""
			} else {
				v = s.usual(p.Lang, k)
			}
		}
		if err := d.add(k, v, s.usualStyle(k)); err != nil {
			return nil, fmt.Errorf("%s: %v", k, err)
		}
	}
	return d, nil
}

// otherPost is the pair's first post that is not p.
func otherPost(pr *Pair, p *Post) *Post {
	for _, q := range pr.ordered() {
		if q != p {
			return q
		}
	}
	return nil
}

// newFields lists the fields a new post gets: those that at least half of
// the posts have, in the site's order, plus title, date and the link.
func (s *Site) newFields() []string {
	n := 0
	for _, p := range s.Posts {
		if p.Doc != nil {
			n++
		}
	}
	var out []string
	has := map[string]bool{}
	for _, f := range s.Schema.Fields {
		if f.Count*2 >= n && f.Count > 0 || f.Key == "title" || f.Key == "date" {
			out = append(out, f.Key)
			has[f.Key] = true
		}
	}
	for _, k := range []string{"title", "date"} {
		if !has[k] {
			out = append(out, k)
		}
	}
	link := "trans_url"
	if s.Layout == Hugo {
		link = ""
		if !s.hugoSuffix && s.usesKeys() {
			link = "translationKey"
		}
	}
	if link != "" && !has[link] {
		out = append(out, link)
	}
	return out
}

// usual returns the most common value of key among lang's posts.
func (s *Site) usual(lang, key string) string {
	count := map[string]int{}
	for _, p := range s.Posts {
		if p.Lang == lang && p.Doc != nil {
			if v := p.Doc.Get(key); v != "" {
				count[v]++
			}
		}
	}
	return mostCommon(count)
}

func mostCommon[K comparable](count map[K]int) K {
	var best K
	ks := make([]K, 0, len(count))
	for k := range count {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return fmt.Sprint(ks[i]) < fmt.Sprint(ks[j]) })
	n := 0
	for _, k := range ks {
		if count[k] > n {
			best, n = k, count[k]
		}
	}
	return best
}

func (s *Site) usualStyle(key string) Style {
	count := map[Style]int{}
	for _, p := range s.Posts {
		if p.Doc != nil {
			if f := p.Doc.Lookup(key); f != nil && f.Kind != Empty {
				count[f.Style]++
			}
		}
	}
	return mostCommon(count)
}

func (s *Site) usualFormat() (Format, string) {
	formats, crlf := map[Format]int{}, 0
	for _, p := range s.Posts {
		if p.Doc != nil {
			formats[p.Doc.Format]++
			if p.Doc.NL() == "\r\n" {
				crlf++
			}
		}
	}
	f := YAML
	if formats[TOML] > formats[YAML] {
		f = TOML
	}
	if crlf*2 > len(s.Posts) {
		return f, "\r\n"
	}
	return f, "\n"
}

func (s *Site) usualDateLayout() string {
	count := map[string]int{}
	for _, p := range s.Posts {
		if p.Doc != nil {
			if _, l, ok := ParseDate(p.Doc.Get("date")); ok && l != "" {
				count[l]++
			}
		}
	}
	if l := mostCommon(count); l != "" {
		return l
	}
	if s.Layout == Jekyll {
		return "2006-01-02 15:04:05 -0700"
	}
	return time.RFC3339
}

// add appends a field in the given style (or quoted, when the style cannot
// hold the value). An empty value in a quoted style is written "" or ”.
func (d *Doc) add(key, value string, style Style) error {
	if err := checkKey(key); err != nil {
		return err
	}
	f := &Field{Key: key, Style: style, start: d.insertAt, end: d.insertAt}
	if value == "" && d.Format == YAML {
		q := map[Style]string{DoubleQuoted: `""`, SingleQuoted: "''"}[style]
		return d.spliceField(f.start, f.end, []byte(strings.TrimSpace(key+": "+q)+d.NL()), key, "")
	}
	return d.put(f, value)
}

// AddTranslation creates the pair's missing post in lang, titled title:
// the other post's front matter with its shared fields (date, image,
// layout...) kept, its per-language fields emptied for the translator, lang
// set, and the posts linked (trans_url both ways, the same translationKey,
// or the same path). The new post is marked Untranslated until edited; the
// other post's new trans_url is an edit to save with it.
func (s *Site) AddTranslation(pr *Pair, lang, title string) (*Post, error) {
	p, err := s.PrepareTranslation(pr, lang, title)
	if err != nil {
		return nil, err
	}
	if err := s.create(p); err != nil {
		s.forget(p)
		return nil, err
	}
	return p, nil
}

// CreatePost writes a post PrepareTranslation made, for the first time
// (never over an existing file).
func (s *Site) CreatePost(p *Post) error { return s.create(p) }

// forget takes back a post PrepareTranslation added.
func (s *Site) forget(p *Post) {
	s.Posts = slices.DeleteFunc(s.Posts, func(q *Post) bool { return q == p })
	s.link()
}

// PrepareTranslation is AddTranslation without writing the new post: it
// is in the site (paired, the other post's link to it an edit) until
// CreatePost writes it, or the site is let go (a dry run).
func (s *Site) PrepareTranslation(pr *Pair, lang, title string) (*Post, error) {
	if pr.Post(lang) != nil {
		return nil, fmt.Errorf("the pair already has a %s post", lang)
	}
	src := otherPost(pr, nil)
	if src == nil || src.Doc == nil {
		return nil, errors.New("the pair has no readable post to translate")
	}
	if strings.TrimSpace(title) == "" {
		return nil, &TitleNeeded{Lang: lang}
	}
	slug := Slugify(title)
	if s.Layout == Hugo && (s.hugoSuffix || src.Doc.Get("translationKey") == "") {
		slug = strings.TrimPrefix(src.key, "path:") // paired by path: the same name
		slug = path.Base(slug)
	}
	date, _, ok := ParseDate(src.Date())
	if !ok {
		date = time.Now()
	}
	taken := map[string]bool{}
	for _, p := range s.Posts {
		taken[strings.ToLower(p.Path)] = true
	}
	rel, err := s.newPostPath(lang, slug, date, taken)
	if err != nil {
		return nil, err
	}
	if s.Layout == Hugo && !s.hugoSuffix && src.Doc.Get("translationKey") == "" {
		// The same path under the other language's folder.
		srcRel := strings.TrimPrefix(src.key, "path:")
		if f := s.Folders[lang]; len(f) > 0 {
			rel = path.Join(f[0], srcRel) + path.Ext(src.Path)
		}
	}
	d, err := Parse(append([]byte(nil), src.Doc.raw[:src.Doc.bodyStart]...))
	if err != nil {
		return nil, err
	}
	d.SetBodyText("\n")
	for _, f := range d.Fields() {
		spec := s.Schema.Field(f.Key)
		// Translated text starts empty; a localized image starts as the
		// source's, for the translator to replace.
		if spec != nil && spec.Scope == PerLanguage && f.Kind != List && f.Key != "title" && spec.Kind != KindImage {
			if err := d.Set(f.Key, ""); err != nil {
				return nil, err
			}
		}
	}
	if err := d.Set("title", title); err != nil {
		return nil, err
	}
	if d.Has("lang") {
		if err := d.Set("lang", lang); err != nil {
			return nil, err
		}
	}
	p := &Post{Path: rel, Lang: lang, Doc: d, site: s, Untranslated: true}
	if s.Layout == Jekyll && s.Pairing == ByTransURL {
		p.Permalink = s.permalink(p)
		if err := s.setStyled(d, "trans_url", s.styleLink(src.Permalink, src.Doc.Get("trans_url"))); err != nil {
			return nil, err
		}
		if err := s.setStyled(src.Doc, "trans_url", s.styleLink(p.Permalink, d.Get("trans_url"))); err != nil {
			return nil, err
		}
	}
	s.Posts = append(s.Posts, p)
	s.link()
	return p, nil
}

// setStyled sets key in d; a key d does not have yet is written in the
// quoting most of the site's posts use for it.
func (s *Site) setStyled(d *Doc, key, value string) error {
	if d.Has(key) {
		return d.Set(key, value)
	}
	return d.add(key, value, s.usualStyle(key))
}

// TitleNeeded is a new post asked for without a title in its language:
// said in English (Error) and in French (French), for the interface.
type TitleNeeded struct{ Lang string }

func (e *TitleNeeded) Error() string {
	return "a title in " + map[string]string{"en": "English", "fr": "French"}[e.Lang] + fallbackLang(e.Lang) + " is needed"
}

// French is the error in French.
func (e *TitleNeeded) French() string {
	return "il faut un titre en " + map[string]string{"en": "anglais", "fr": "français"}[e.Lang] + fallbackLang(e.Lang)
}

// fallbackLang is a language's code where the messages have no name for
// it.
func fallbackLang(l string) string {
	if l == "en" || l == "fr" {
		return ""
	}
	return l
}
