package model

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"tandem/bug"
	"tandem/disk"
)

// Layout is the static site generator a site is built with.
type Layout string

// The layouts Tandem knows.
const (
	Jekyll Layout = "jekyll"
	Hugo   Layout = "hugo"
)

// Pairing is how a post names its translation.
type Pairing string

// Pairing methods.
const (
	ByTransURL       Pairing = "trans_url"      // Jekyll: the other post's permalink
	ByTranslationKey Pairing = "translationKey" // Hugo: a shared key, else the same path
	ByPath           Pairing = "path"           // the same path in each language's folder
)

// Site is a bilingual static site opened from its folder.
type Site struct {
	// Root is the site's folder, absolute, with symbolic links resolved.
	Root      string
	Layout    Layout
	Languages []string
	// Folders maps each language to its post folders (relative, with /).
	Folders map[string][]string
	Pairing Pairing
	// Permalink is Jekyll's permalink pattern.
	Permalink string
	// BaseURL is Jekyll's baseurl, which trans_url values may start with.
	BaseURL string
	// ImageDir is where a bare image name is found (relative, with /).
	ImageDir string
	// Renderer is the Markdown converter the site publishes with, and its
	// settings (see Renderer).
	Renderer Renderer
	// TitleFormat and DescriptionFormat are how the site's post layout
	// prints the title and the description: as text, HTML or Markdown.
	TitleFormat, DescriptionFormat TextFormat
	// LayoutNames are the layouts the site has, for the layout field.
	LayoutNames []string
	Schema      *Schema
	Posts       []*Post
	Pairs       []*Pair
	// Problems are what the site's configuration files made Tandem guess.
	Problems []Finding
	// lone are the posts without a counterpart that have a translationKey,
	// by language and by the key's length in runes, in the posts' order
	// (link): lint's question "a typo of another post's key?" reads
	// them, not every post of the site for each post.
	lone map[string]map[int][]lonePost
	// hugoSuffix: Hugo's translation by file name (post.en.md, post.fr.md).
	hugoSuffix  bool
	defaultLang string
	// langBase is each language's own base URL (Hugo's
	// languages.XX.baseURL), by language; hugoPermalinks Hugo's
	// permalinks patterns by section.
	langBase       map[string]string
	hugoPermalinks map[string]string
	// files is the listing of the site's folders (Files).
	filesMu sync.Mutex
	files   *listing
	// light: opened by OpenFrontMatter; body: Reading.Body; fold:
	// Reading.Fold.
	light bool
	fold  bool
	// frontMatter holds the folded posts' front matter, read as the
	// site opens.
	frontMatter slab
	body        func(p *Post, body []byte)
	// urls indexes the posts by the path of their page (PostAtURL).
	urls struct {
		sync.Mutex
		n     int
		pages *Pages
	}
	sections struct {
		sync.Mutex
		n       int
		posts   string // the section of the site's posts
		counted bool   // posts is found for n posts
		// archetypes are the keys of archetypes/<section>.md, by
		// section (none for a section without one).
		archetypes map[string][]string
	}
	config *Config
	// kept are the values other packages keep for this site (Keep): what
	// the checks learned of it, their readings of its files. They go
	// with the site: a site opened again learns anew.
	kept sync.Map
}

// Keep is the value kept for the site under key, made by make the first
// time it is asked for (on any goroutine; make may run twice at once, and
// one of its values is kept).
func (s *Site) Keep(key any, make func() any) any {
	if v, ok := s.kept.Load(key); ok {
		return v
	}
	v, _ := s.kept.LoadOrStore(key, make())
	return v
}

// Post is one post file of the site.
type Post struct {
	// Path is relative to the site root, with /.
	Path string
	Lang string
	// Doc is the parsed file; nil when it could not be read (see Err).
	Doc *Doc
	// Err says why the file could not be read; a *ParseError has its line.
	Err error
	// Bug is a bug in Tandem met while the post was read (the survey of
	// its body): lint says it on the post (an internal-error finding).
	Bug *bug.Error
	// Pair is the post's translation pair (a pair of one when it has none).
	Pair *Pair
	// Permalink is the post's URL path (Jekyll).
	Permalink string
	// DiskChange is the file's version that arrived while the post had
	// unsaved edits (see Site.Apply); nil when there is none.
	DiskChange *DiskState

	key  string // the pairing key (Hugo)
	link *Post  // the post trans_url resolves to
	// file is what the post knows of its file once read whole (nil
	// before: a site's thousands of posts read for their front matter do
	// not carry it).
	file *postFile
	site *Site
	// bodyLint is what the body's rules found before the body was let
	// go (OpenFrontMatter).
	bodyLint bodyLint

	// (The flags last, side by side: a site's tens of thousands of posts
	// each have them.)

	// Untranslated marks a post made by AddTranslation that no one has
	// edited yet.
	Untranslated bool
	// Deleted marks a post whose file was removed while it had unsaved
	// edits: Save recreates it.
	Deleted bool
	onDisk  bool
	// keyTaken: a post of its language with its key is paired already
	// (linkByKey), so this one stays alone (lint says it once, lintKeys).
	keyTaken bool
}

// postFile is what a post read whole knows of its file.
type postFile struct {
	hash [32]byte // the file as it was read or last saved
	n    int      // and its length
	// saving is the hash of the bytes a save is writing (Saving), nil
	// when none is.
	saving *[32]byte
	// dirty is the last Dirty answer, for the bytes it was asked for.
	dirty struct {
		data  *byte
		n     int
		disk  [32]byte
		dirty bool
	}
}

// diskHash is the hash of the file as it was read or last saved (zero
// before the post is read whole).
func (p *Post) diskHash() [32]byte {
	if p.file == nil {
		return [32]byte{}
	}
	return p.file.hash
}

// saving is the hash of the bytes a save is writing, nil when none is.
func (p *Post) saving() *[32]byte {
	if p.file == nil {
		return nil
	}
	return p.file.saving
}

// fileOf is the post's postFile, made when it has none.
func (p *Post) fileOf() *postFile {
	if p.file == nil {
		p.file = &postFile{}
	}
	return p.file
}

// setDisk records the file as read or saved: its hash, its length and
// whether it is there.
func (p *Post) setDisk(hash [32]byte, n int, exists bool) {
	f := p.fileOf()
	f.hash, f.n, p.onDisk = hash, n, exists
}

// Pair is a post and its translations, one post a language at most.
type Pair struct {
	// Posts are its posts, one a language (a slice, not a map: a site's
	// tens of thousands of pairs hold two posts each).
	Posts []*Post
	site  *Site
}

// Post returns the pair's post in lang, or nil.
func (p *Pair) Post(lang string) *Post {
	for _, q := range p.Posts {
		if q.Lang == lang {
			return q
		}
	}
	return nil
}

// set makes q the pair's post in its language, in place of the one it
// had.
func (p *Pair) set(q *Post) {
	for i, o := range p.Posts {
		if o.Lang == q.Lang {
			p.Posts[i] = q
			return
		}
	}
	p.Posts = append(p.Posts, q)
}

// Site is the site the pair is in.
func (p *Pair) Site() *Site { return p.site }

// Title is the pair's title in the first of the site's languages it has.
func (p *Pair) Title() string {
	for _, l := range p.site.Languages {
		if q := p.Post(l); q != nil && q.Title() != "" {
			return q.Title()
		}
	}
	return ""
}

// Date is the pair's date as written in its first post.
func (p *Pair) Date() string {
	for _, l := range p.site.Languages {
		if q := p.Post(l); q != nil {
			if d := q.Date(); d != "" {
				return d
			}
		}
	}
	return ""
}

// SourceLang is the language the site's posts are translated from: the
// site config's source, else the first of its languages.
func (s *Site) SourceLang() string {
	if s.config != nil && s.config.Source != "" {
		return s.config.Source
	}
	if len(s.Languages) > 0 {
		return s.Languages[0]
	}
	return ""
}

// SourceAndTarget are a pair's post in the source language and its
// translation (the first post in another language); nil where the pair
// has none.
func (s *Site) SourceAndTarget(pr *Pair) (*Post, *Post) {
	src := pr.Post(s.SourceLang())
	var tgt *Post
	for _, l := range s.Languages {
		if p := pr.Post(l); p != nil && l != s.SourceLang() {
			tgt = p
			break
		}
	}
	return src, tgt
}

// Counterpart returns the pair's post in another language than p's, or nil.
func (p *Post) Counterpart() *Post {
	if p.Pair == nil {
		return nil
	}
	for _, l := range p.site.Languages {
		if q := p.Pair.Post(l); q != nil && q != p {
			return q
		}
	}
	return nil
}

// Title is the post's title field.
func (p *Post) Title() string {
	if p.Doc == nil {
		return ""
	}
	return p.Doc.Get("title")
}

// Date is the post's date: the front-matter date, else the file name's
// (Jekyll).
func (p *Post) Date() string {
	if p.Doc != nil {
		if d := p.Doc.Get("date"); d != "" {
			return d
		}
	}
	if m := jekyllName.FindStringSubmatch(path.Base(p.Path)); m != nil {
		return m[1]
	}
	return ""
}

// Site returns the site the post belongs to.
func (p *Post) Site() *Site { return p.site }

// Abs is the post's absolute file path.
func (p *Post) Abs() string { return filepath.Join(p.site.Root, filepath.FromSlash(p.Path)) }

var (
	jekyllName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.*)\.(md|markdown|mkd|mkdn|mdown|html|htm)$`)
	langCode   = regexp.MustCompile(`^[a-z]{2,3}([-_][A-Za-z]{2,4})?$`)
	postExt    = map[string]bool{".md": true, ".markdown": true, ".mkd": true, ".mkdn": true, ".mdown": true, ".html": true, ".htm": true}
)

// Open reads the site in folder root: its layout, languages, posts and
// pairs. It fails only when root cannot be read or is not a site; a post
// that cannot be parsed is kept, with its error, for lint to report.
func Open(root string) (*Site, error) { return open(root, false) }

// OpenFrontMatter opens a site as `tandem lint` and the window's library
// do: each post is read and parsed as Open does, the rules that read its
// body run at once, and the body is let go, so that a site of any size is
// held in the memory of its front matter. Such a post is Partial: Load
// reads it whole, for editing (Save refuses it before, with ErrPartial).
func OpenFrontMatter(root string) (*Site, error) { return open(root, true) }

// Reading says how OpenWith reads a site.
type Reading struct {
	// Whole keeps every post whole, as Open does; else only their front
	// matter is kept, as OpenFrontMatter does.
	Whole bool
	// Body, when set, is called with each post's body as its file is
	// read (its front matter parsed), on the goroutine reading it: what
	// must read every body once (the checks' survey) reads it there,
	// and the file is read only once. body is the reader's buffer: it
	// is not kept.
	Body func(p *Post, body []byte)
	// Fold folds each post's front matter once it is read (Doc.Fold:
	// its fields are read again when asked for), for a command that goes
	// through a large site's posts one by one. Only with Whole false.
	Fold bool
}

// OpenWith opens a site as r says.
func OpenWith(root string, r Reading) (*Site, error) { return openWith(root, r) }

func open(root string, light bool) (*Site, error) { return openWith(root, Reading{Whole: !light}) }

func openWith(root string, r Reading) (*Site, error) {
	light, body := !r.Whole, r.Body
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", root)
	}
	cfg, err := readConfig(abs)
	if err != nil {
		return nil, err
	}
	s := &Site{Root: abs, Folders: map[string][]string{}, config: cfg, light: light, body: body, fold: r.Fold}
	s.Layout = cfg.Layout
	if s.Layout == "" {
		s.Layout = detectLayout(abs)
	}
	switch s.Layout {
	case Jekyll:
		s.setupJekyll()
	case Hugo:
		s.setupHugo()
	default:
		return nil, fmt.Errorf("%s is not a Jekyll or Hugo site: it has no _posts or content folder (or add a %s file)", root, ConfigFile)
	}
	if len(cfg.Languages) > 0 {
		s.Languages = cfg.Languages
	}
	if len(cfg.Folders) > 0 {
		s.Folders = cfg.Folders
		s.hugoSuffix = false
		if len(cfg.Languages) == 0 {
			s.Languages = sortedLangs(keys(cfg.Folders), s.defaultLang)
		}
	}
	if cfg.Pairing != "" {
		s.Pairing = cfg.Pairing
	}
	if cfg.Permalink != "" {
		s.Permalink = cfg.Permalink
	}
	if cfg.Images != "" {
		s.ImageDir = strings.Trim(filepath.ToSlash(cfg.Images), "/")
	}
	s.Renderer.override(cfg.Renderer)
	if err := s.load(); err != nil {
		return nil, err
	}
	if s.Layout == Jekyll && cfg.Images == "" {
		if dirs := jekyllImageDirs(abs); len(dirs) > 0 {
			s.ImageDir = s.pickImageDir(dirs)
		}
	}
	s.link()
	s.Schema = inferSchema(s)
	s.body = nil // the reading is over: what it fed is the caller's
	return s, nil
}

func keys[V any](m map[string]V) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return k
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func detectLayout(root string) Layout {
	if isDir(filepath.Join(root, "_posts")) || fileExists(filepath.Join(root, "_config.yml")) {
		return Jekyll
	}
	for _, f := range hugoConfigs {
		if fileExists(filepath.Join(root, f)) {
			return Hugo
		}
	}
	if isDir(filepath.Join(root, "content")) {
		return Hugo
	}
	// A language folder holding _posts: fr/_posts.
	ents, _ := os.ReadDir(root)
	for _, e := range ents {
		if langCode.MatchString(e.Name()) && isDir(filepath.Join(root, e.Name(), "_posts")) {
			return Jekyll
		}
	}
	return ""
}

func fileExists(p string) bool {
	disk.Touch("stat", p)
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// sortedLangs orders languages with the default first, then by name.
func sortedLangs(langs []string, def string) []string {
	sort.SliceStable(langs, func(i, j int) bool {
		if (langs[i] == def) != (langs[j] == def) {
			return langs[i] == def
		}
		return langs[i] < langs[j]
	})
	return langs
}

// setupJekyll finds the language folders (_posts/en, or en/_posts), the
// permalink pattern, the image folder and the layouts.
func (s *Site) setupJekyll() {
	mainURL := ""
	s.Renderer = Renderer{Name: Kramdown, Unsafe: true}
	s.Pairing = ByTransURL
	s.Permalink = "date"
	if m, ok, err := readSiteFile(filepath.Join(s.Root, "_config.yml")); err != nil {
		s.Problems = append(s.Problems, newFinding("_config.yml", 0, RuleConfig, Warning, "",
			"the site config could not be read, Jekyll's default permalink is assumed: %v", err))
	} else if ok {
		if p := str(m["permalink"]); p != "" {
			s.Permalink = p
		}
		s.BaseURL = strings.TrimRight(str(m["baseurl"]), "/")
		s.Renderer = jekyllRenderer(m)
		s.defaultLang = str(m["lang"])
		mainURL = strings.TrimRight(str(m["url"]), "/")
	}
	ents, _ := os.ReadDir(filepath.Join(s.Root, "_posts"))
	for _, e := range ents {
		if e.IsDir() && langCode.MatchString(e.Name()) {
			s.Folders[e.Name()] = []string{"_posts/" + e.Name()}
		}
	}
	ents, _ = os.ReadDir(s.Root)
	for _, e := range ents {
		if e.IsDir() && langCode.MatchString(e.Name()) && isDir(filepath.Join(s.Root, e.Name(), "_posts")) {
			s.Folders[e.Name()] = append(s.Folders[e.Name()], e.Name()+"/_posts")
		}
	}
	if len(s.Folders) == 0 {
		// One _posts folder: each post says its language in `lang:`.
		s.Folders[""] = []string{"_posts"}
	}
	s.Languages = sortedLangs(keys(s.Folders), s.defaultLang)
	s.jekyllLanguageURLs(mainURL)
	s.LayoutNames = layoutNames(filepath.Join(s.Root, "_layouts"))
	s.readLayoutFormats(s.postLayoutFiles(""), AsHTML)
}

// jekyllLanguageURLs reads the languages' own configs, which a Jekyll
// site builds each language with (jekyll build --config
// _config.yml,_config_fr.yml): a language whose config gives it a url
// of its own is published there, and the main config's url is then the
// other language's.
func (s *Site) jekyllLanguageURLs(mainURL string) {
	for _, l := range s.Languages {
		for _, name := range []string{"_config_" + l + ".yml", "_config." + l + ".yml", "_config-" + l + ".yml"} {
			m, ok, err := readSiteFile(filepath.Join(s.Root, name))
			if err != nil || !ok {
				continue
			}
			if u := strings.TrimRight(str(m["url"]), "/"); strings.Contains(u, "://") {
				if s.langBase == nil {
					s.langBase = map[string]string{}
				}
				s.langBase[l] = u + strings.TrimRight(str(m["baseurl"]), "/")
			}
		}
	}
	if len(s.langBase) > 0 && strings.Contains(mainURL, "://") {
		for _, l := range s.Languages {
			if s.langBase[l] == "" {
				s.langBase[l] = mainURL + s.BaseURL
			}
		}
	}
}

var (
	pageImage = regexp.MustCompile(`["'(=]\s*([^"'(){}\s]*?)\{\{-?\s*page\.image\s*-?\}\}`)
	siteVar   = regexp.MustCompile(`\{\{[^}]*site\.[^}]*\}\}`)
)

// jekyllImageDirs finds where the layouts look for page.image, as in
// src="{{ site.baseurl }}/assets/img/cds/post-images/{{ page.image }}",
// by layout name.
func jekyllImageDirs(root string) map[string]string {
	dirs := map[string]string{}
	layouts := filepath.Join(root, "_layouts")
	filepath.WalkDir(layouts, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		// Liquid before the path ({{ site.baseurl }}) is not part of it.
		if m := pageImage.FindStringSubmatch(siteVar.ReplaceAllString(string(b), "")); m != nil {
			rel, _ := filepath.Rel(layouts, p)
			dirs[strings.TrimSuffix(filepath.ToSlash(rel), filepath.Ext(rel))] = strings.Trim(m[1], "/")
		}
		return nil
	})
	return dirs
}

// pickImageDir chooses, among the folders the layouts use for page.image,
// the one of the layout most posts use, else the one that holds most of
// the posts' images.
func (s *Site) pickImageDir(dirs map[string]string) string {
	layouts, found := map[string]int{}, map[string]int{}
	for _, p := range s.Posts {
		if p.Doc == nil {
			continue
		}
		layouts[p.Doc.Get("layout")]++
		if img := p.Doc.Get("image"); img != "" && !strings.Contains(img, "/") {
			for _, d := range dirs {
				if fileExists(filepath.Join(s.Root, filepath.FromSlash(d), img)) {
					found[d]++
				}
			}
		}
	}
	if d, ok := dirs[mostCommon(layouts)]; ok {
		return d
	}
	if d := mostCommon(found); d != "" {
		return d
	}
	return dirs[keys(dirs)[0]]
}

func layoutNames(dir string) []string {
	var names []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, strings.TrimSuffix(filepath.ToSlash(rel), path.Ext(rel)))
		}
		return nil
	})
	sort.Strings(names)
	return names
}

var hugoConfigs = []string{
	"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.yml",
	"config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.yml",
	"hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml",
}

// setupHugo reads the languages and content folders from the site's
// config, else from the folders under content/.
func (s *Site) setupHugo() {
	s.Pairing = ByTranslationKey
	contentDir := "content"
	s.defaultLang = "en"
	langs := map[string]map[string]any{}
	var config, markup map[string]any
	configName := ""
	for _, name := range hugoConfigs {
		m, ok, err := readSiteFile(filepath.Join(s.Root, filepath.FromSlash(name)))
		if err != nil {
			s.Problems = append(s.Problems, newFinding(name, 0, RuleConfig, Warning, "",
				"the site config could not be read, languages are guessed from the folders: %v", err))
		}
		if !ok || m == nil {
			continue
		}
		if v := str(get(m, "contentDir")); v != "" {
			contentDir = v
		}
		if v := str(get(m, "defaultContentLanguage")); v != "" {
			s.defaultLang = v
		}
		if l, ok := get(m, "languages").(map[string]any); ok {
			for k, v := range l {
				lm, _ := v.(map[string]any)
				langs[k] = lm
			}
		}
		if pl, ok := get(m, "permalinks").(map[string]any); ok {
			s.hugoPermalinks = map[string]string{}
			for k, v := range pl {
				if p := str(v); p != "" {
					s.hugoPermalinks[strings.ToLower(k)] = p
				}
			}
		}
		config, configName = m, name
		markup, _ = get(m, "markup").(map[string]any)
		break
	}
	for _, name := range []string{"config/_default/markup.toml", "config/_default/markup.yaml", "config/_default/markup.yml"} {
		if m, ok, _ := readSiteFile(filepath.Join(s.Root, filepath.FromSlash(name))); ok && m != nil {
			markup, configName = m, name
		}
	}
	s.Renderer = hugoRenderer(s.Root, config, markup, configName)
	s.readLayoutFormats(s.postLayoutFiles(str(config["theme"])), AsText)
	// config/_default/languages.(toml|yaml) holds the languages on its own.
	for _, name := range []string{"config/_default/languages.toml", "config/_default/languages.yaml", "config/_default/languages.yml"} {
		if m, ok, _ := readSiteFile(filepath.Join(s.Root, filepath.FromSlash(name))); ok {
			for k, v := range m {
				lm, _ := v.(map[string]any)
				langs[k] = lm
			}
		}
	}
	contentDir = strings.Trim(filepath.ToSlash(contentDir), "/")
	weights := map[string]int{}
	for l, lm := range langs {
		weights[l] = num(get(lm, "weight"))
		if d := str(get(lm, "contentDir")); d != "" {
			s.Folders[l] = []string{strings.Trim(filepath.ToSlash(d), "/")}
		}
		if b := str(get(lm, "baseURL")); strings.Contains(b, "://") {
			if s.langBase == nil {
				s.langBase = map[string]string{}
			}
			s.langBase[l] = strings.TrimRight(b, "/")
		}
	}
	if len(s.Folders) == 0 {
		ents, _ := os.ReadDir(filepath.Join(s.Root, filepath.FromSlash(contentDir)))
		for _, e := range ents {
			if e.IsDir() && langCode.MatchString(e.Name()) && (len(langs) == 0 || langs[e.Name()] != nil) {
				s.Folders[e.Name()] = []string{contentDir + "/" + e.Name()}
			}
		}
	}
	if len(s.Folders) == 0 {
		// Translation by file name: post.en.md and post.fr.md side by side.
		s.hugoSuffix = true
		for l := range langs {
			s.Folders[l] = []string{contentDir}
		}
		if len(langs) == 0 {
			for _, l := range suffixLangs(filepath.Join(s.Root, filepath.FromSlash(contentDir)), s.defaultLang) {
				s.Folders[l] = []string{contentDir}
			}
		}
	}
	s.Languages = sortedLangs(keys(s.Folders), s.defaultLang)
	// Hugo orders languages by weight; a language without one comes last.
	w := func(l string) int {
		if weights[l] > 0 {
			return weights[l]
		}
		return 1 << 30
	}
	sort.SliceStable(s.Languages, func(i, j int) bool { return w(s.Languages[i]) < w(s.Languages[j]) })
	s.ImageDir = "static"
	s.sections.archetypes = readArchetypes(s.Root)
}

// suffixLangs lists the languages named in file names like post.fr.md,
// with the default language for files that name none.
func suffixLangs(dir, def string) []string {
	found := map[string]bool{def: true}
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if l := nameLang(e.Name()); l != "" {
				found[l] = true
			}
		}
		return nil
	})
	return keys(found)
}

// nameLang returns the language of a Hugo file name like post.fr.md.
func nameLang(name string) string {
	base := strings.TrimSuffix(name, path.Ext(name))
	if i := strings.LastIndexByte(base, '.'); i > 0 && langCode.MatchString(base[i+1:]) {
		return base[i+1:]
	}
	return ""
}

// load finds the post files of every language and reads them, in parallel.
func (s *Site) load() error {
	type job struct{ rel, lang string }
	var jobs []job
	seen := map[string]bool{}
	for _, lang := range s.Languages {
		for _, dir := range s.Folders[lang] {
			root := filepath.Join(s.Root, filepath.FromSlash(dir))
			err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
				if err != nil {
					if p == root && errors.Is(err, fs.ErrNotExist) {
						return nil
					}
					return err
				}
				name := e.Name()
				if strings.HasPrefix(name, ".") && p != root {
					if e.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if e.IsDir() || !postExt[strings.ToLower(path.Ext(name))] {
					return nil
				}
				rel, _ := filepath.Rel(s.Root, p)
				// Its own copy: Rel's is a part of the walk's whole path,
				// which a site of tens of thousands of posts would keep.
				rel = strings.Clone(filepath.ToSlash(rel))
				if !s.isPost(name, lang) || seen[rel] {
					return nil
				}
				seen[rel] = true
				jobs = append(jobs, job{rel, lang})
				return nil
			})
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", dir, err)
			}
		}
	}
	s.Posts = make([]*Post, len(jobs))
	parallel(len(jobs), func(i int) { s.Posts[i] = s.readPost(jobs[i].rel, jobs[i].lang) })
	// A single _posts folder: the language came from each post as it was
	// read (ownLang).
	if s.Folders[""] != nil {
		found := map[string]bool{}
		for _, p := range s.Posts {
			if p.Lang != "" {
				found[p.Lang] = true
			}
		}
		delete(s.Folders, "")
		for l := range found {
			s.Folders[l] = []string{"_posts"}
		}
		s.Languages = sortedLangs(keys(found), s.defaultLang)
	}
	return nil
}

// parallel calls f(0) to f(n-1) on as many goroutines as there are CPUs,
// each taking the next few indexes as it is free.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	const batch = 16
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[panicked]
	for range workers {
		wg.Go(func() {
			// A panic in f ends this worker's work, not the process: it is
			// raised again on the caller's goroutine once all have
			// stopped, as a loop there would raise it (and the caller's
			// bug.Catch, or the runner's, takes it).
			defer func() {
				if v := recover(); v != nil {
					failed.CompareAndSwap(nil, &panicked{v, debug.Stack()})
					next.Store(int64(n))
				}
			}()
			for {
				start := int(next.Add(batch)) - batch
				if start >= n {
					return
				}
				for i := start; i < min(start+batch, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(p)
	}
}

// panicked is a worker's panic, raised again by parallel's caller: its
// value and the worker's stack.
type panicked struct {
	value any
	stack []byte
}

func (p *panicked) String() string { return fmt.Sprintf("%v\n(in a worker)\n%s", p.value, p.stack) }

// isPost tells a post file from the other files of a post folder.
func (s *Site) isPost(name, lang string) bool {
	if s.Layout == Jekyll {
		return jekyllName.MatchString(name)
	}
	if strings.HasPrefix(name, "_index.") {
		return false // a section page
	}
	if s.hugoSuffix {
		l := nameLang(name)
		return l == lang || (l == "" && lang == s.defaultLang)
	}
	return true
}

// readPost reads and parses one file.
func (s *Site) readPost(rel, lang string) *Post {
	p := &Post{Path: rel, Lang: lang, site: s}
	if s.light {
		s.readFrontMatter(p)
		return p
	}
	st := readDisk(p.Abs())
	if st.Data == nil {
		p.Err = st.Err
		return p
	}
	p.takeDisk(st)
	s.ownLang(p)
	if s.body != nil && p.Doc != nil {
		s.readBody(p, p.Doc.Body())
	}
	return p
}

// ownLang gives p, in a site of one _posts folder, the language its
// front matter says, before its body is read: the checks' survey learns
// the French posts' habits from the French posts (load then knows the
// site's languages from its posts').
func (s *Site) ownLang(p *Post) {
	if p.Lang == "" && p.Doc != nil && s.Folders[""] != nil {
		p.Lang = p.Doc.Get("lang")
	}
}

// readBody gives a post's body to the reading's Body hook (the checks'
// survey): a bug there stays on the post (its Bug, an internal-error
// finding in its lint), and the site opens.
func (s *Site) readBody(p *Post, body []byte) {
	if err := bug.Catch("survey "+p.Path, func() { s.body(p, body) }); err != nil {
		p.Bug = err
	}
}

// readBuffers are the buffers readFrontMatter reads files into, reused:
// reading a large site then makes next to no garbage.
var readBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readFrontMatter reads and parses a post for OpenFrontMatter, runs the
// rules that read its body, and keeps only its front matter.
func (s *Site) readFrontMatter(p *Post) {
	buf := readBuffers.Get().(*bytes.Buffer)
	defer readBuffers.Put(buf)
	buf.Reset()
	disk.Touch("read", p.Abs())
	postReads.Add(1)
	f, err := os.Open(p.Abs())
	if err == nil {
		_, err = buf.ReadFrom(f)
		f.Close()
	}
	if err != nil {
		p.Err = err
		return
	}
	p.Doc, p.Err = Parse(buf.Bytes())
	p.onDisk = true
	s.ownLang(p)
	if p.Doc != nil {
		p.bodyLint = readBodyLint(p)
		if s.body != nil {
			s.readBody(p, p.Doc.Body())
		}
		if s.fold {
			p.Doc.dropBody(&s.frontMatter) // a copy: buf is read into again
			p.Doc.Fold()
		} else {
			p.Doc.dropBody(nil)
		}
	}
}

// FindPost opens the site a post file belongs to: the nearest folder
// above it that is a site holding that post. The site is opened with
// OpenFrontMatter; the post's pair is loaded.
func FindPost(file string) (*Site, *Post, error) { return FindPostWith(file, Reading{}) }

// FindPostWith is FindPost, opening the site as r says (front matter
// only unless r.Whole).
func FindPostWith(file string, r Reading) (*Site, *Post, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, nil, err
	} else if st.IsDir() {
		return nil, nil, fmt.Errorf("%s is a folder, not a post", file)
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if s, err := OpenWith(dir, r); err == nil {
			if rel, err := s.Rel(abs); err == nil {
				if p := s.PostAt(rel); p != nil {
					// The post's pair is read whole, to be edited.
					return s, p, p.Pair.Load()
				}
			}
		}
		if filepath.Dir(dir) == dir {
			return nil, nil, fmt.Errorf("%s is not a post of a Jekyll or Hugo site", file)
		}
	}
}

// PostAt returns the post at a path relative to the site (either slash),
// or nil.
func (s *Site) PostAt(rel string) *Post {
	rel = filepath.ToSlash(filepath.Clean(rel))
	for _, p := range s.Posts {
		if p.Path == rel {
			return p
		}
	}
	return nil
}

// Rel returns path p (absolute or relative to the working folder) relative
// to the site root, with /, or an error when it is outside the site.
func (s *Site) Rel(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	rel, err := filepath.Rel(s.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside the site %s", p, s.Root)
	}
	return filepath.ToSlash(rel), nil
}

// CPUs is how many goroutines the site's parallel work runs on.
func CPUs() int { return runtime.GOMAXPROCS(0) }

// Parallel calls f(i) for every i below n, on as many goroutines as there
// are processors (for checks beside the model that go pair by pair).
func Parallel(n int, f func(i int)) { parallel(n, f) }
