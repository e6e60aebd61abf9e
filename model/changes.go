package model

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"

	"tandem/disk"
)

// DiskState is a file as a watcher batch found it, read and parsed off the
// UI thread by ReadChanges.
type DiskState struct {
	Rel    string // relative to the site, with /
	Lang   string
	Exists bool
	Data   []byte
	Hash   [32]byte
	Doc    *Doc
	Err    error
}

// Pending is a batch of changed files, read but not yet applied.
type Pending struct {
	Posts []DiskState
	// Config is set when the site's configuration changed; Images when its
	// image folder did.
	Config, Images bool
	// Files are the other files among the paths, and whether each is
	// there now.
	Files map[string]bool
}

// Changes is what applying a batch did.
type Changes struct {
	Added   []*Post
	Removed []*Post
	// Reloaded posts had no unsaved edits and now show the file's text.
	Reloaded []*Post
	// Conflicts are posts with unsaved edits whose file changed: their
	// DiskChange holds the file's version until the user chooses.
	Conflicts []*Post
	// Deleted are posts with unsaved edits whose file is gone: they stay,
	// and Save recreates the file.
	Deleted []*Post
	// Renamed maps a post's old path to the post, which keeps its edits and
	// its pair.
	Renamed map[string]*Post
	Config  bool
	Images  bool
	// PostsTouched counts the posts added, removed, reloaded, renamed or
	// deleted; pairs were rebuilt when it is not zero.
	PostsTouched int
}

// Empty is whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Reloaded)+len(c.Conflicts)+len(c.Deleted)+len(c.Renamed) == 0 && !c.Config && !c.Images
}

// configFiles are the files whose change makes the site worth reopening.
var configFiles = map[string]bool{
	"_config.yml": true, "_config.yaml": true, "_config.toml": true, ConfigFile: true,
	"hugo.toml": true, "hugo.yaml": true, "hugo.yml": true, "hugo.json": true,
	"config.toml": true, "config.yaml": true, "config.yml": true, "config.json": true,
}

// ReadChanges reads and parses the post files among paths (absolute, as a
// watcher reports them). It only reads what Open fixed (the site's folders
// and layout), so it may run off the UI thread while the site is edited.
func (s *Site) ReadChanges(paths []string) *Pending {
	pd := &Pending{}
	for _, abs := range paths {
		rel, err := filepath.Rel(s.Root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		if configFiles[rel] || strings.HasPrefix(rel, "config/") {
			pd.Config = true
			continue
		}
		if s.ImageDir != "" && strings.HasPrefix(rel, s.ImageDir+"/") {
			pd.Images = true
		}
		lang := s.folderLang(rel)
		if lang == "" {
			// A file that is not a post (an image): whether it is there
			// now, for the site's listing (Files).
			if pd.Files == nil {
				pd.Files = map[string]bool{}
			}
			pd.Files[abs] = fileExists(abs)
			continue
		}
		st := readDisk(abs)
		st.Rel, st.Lang = rel, lang
		if st.Lang == "*" && st.Doc != nil {
			st.Lang = st.Doc.Get("lang")
		}
		pd.Posts = append(pd.Posts, st)
	}
	return pd
}

// readDisk reads and parses a post file: Data is nil when it could not
// be read (Exists false when it is not there).
// postReads counts the post files read (ReadPostFile, and the site's
// own reading), for the tests and figures that count readings.
var postReads atomic.Int64

// PostReads is how many times a post file has been read in this process.
func PostReads() int64 { return postReads.Load() }

// ReadPostFile reads a post file: every reading of one goes through it
// (or through the site's reading, which counts the same way).
func ReadPostFile(abs string) ([]byte, error) {
	disk.Touch("read", abs)
	postReads.Add(1)
	return os.ReadFile(abs)
}

func readDisk(abs string) DiskState {
	var st DiskState
	data, err := ReadPostFile(abs)
	switch {
	case err == nil:
		st.Exists, st.Data, st.Hash = true, data, sha256.Sum256(data)
		st.Doc, st.Err = Parse(data)
	case errors.Is(err, fs.ErrNotExist):
		st.Err = err
	default:
		st.Exists, st.Err = true, err
	}
	return st
}

// folderLang returns the language of a post file's path, "" when it is not
// a post of the site, "*" when the folder holds several languages and the
// post's own lang field says which.
func (s *Site) folderLang(rel string) string {
	name := path.Base(rel)
	if strings.HasPrefix(name, ".") || !postExt[strings.ToLower(path.Ext(name))] {
		return ""
	}
	found := ""
	for _, l := range s.Languages {
		for _, dir := range s.Folders[l] {
			if strings.HasPrefix(rel, dir+"/") && s.isPost(name, l) {
				if found != "" && found != l {
					return "*"
				}
				found = l
			}
		}
	}
	return found
}

// Apply brings the site up to date with a batch read by ReadChanges, on
// the UI thread. A file that is what Tandem read or saved last (its own
// save) changes nothing. A post without unsaved edits takes the file's
// text; one with unsaved edits keeps them, the file's version waiting in
// DiskChange. A removed post goes, unless it has unsaved edits. A file
// removed and another created with the same bytes is a rename: the post
// keeps its edits and its pair. Pairs are rebuilt when any post changed.
func (s *Site) Apply(pd *Pending) *Changes {
	ls := s.listing()
	for abs, there := range pd.Files {
		ls.set(abs, there) // the listing follows, without reading the disk
	}
	ch := &Changes{Renamed: map[string]*Post{}, Config: pd.Config, Images: pd.Images}
	var gone []*Post
	var created []DiskState
	for _, st := range pd.Posts {
		p := s.PostAt(st.Rel)
		switch {
		case st.Exists && p == nil:
			created = append(created, st)
		case st.Exists:
			if p.onDisk && st.Hash == p.diskHash() || p.saving() != nil && st.Hash == *p.saving() {
				continue // unchanged, or Tandem's own save (done, or being written)
			}
			if st.Err != nil && st.Doc == nil && st.Data == nil {
				continue // unreadable for now: keep what we have
			}
			if p.Dirty() {
				p.DiskChange = &st
				if !p.onDisk {
					// It was deleted and is back: a conflict all the same.
					p.Deleted = false
				}
				ch.Conflicts = append(ch.Conflicts, p)
				continue
			}
			p.takeDisk(st)
			ch.Reloaded = append(ch.Reloaded, p)
		case p != nil:
			if !p.onDisk {
				continue // already known to be gone
			}
			gone = append(gone, p)
		}
	}
	// A removed file whose bytes reappear under another name was renamed.
	for _, p := range gone {
		renamed := false
		for i, st := range created {
			if st.Hash == p.diskHash() && st.Lang == p.Lang {
				old := p.Path
				p.Path = st.Rel
				ch.Renamed[old] = p
				created = append(created[:i], created[i+1:]...)
				renamed = true
				break
			}
		}
		if renamed {
			continue
		}
		if p.Dirty() || p.Untranslated {
			p.onDisk, p.Deleted = false, true
			ch.Deleted = append(ch.Deleted, p)
			continue
		}
		s.removePost(p)
		ch.Removed = append(ch.Removed, p)
	}
	for _, st := range created {
		p := &Post{Path: st.Rel, Lang: st.Lang, site: s}
		p.takeDisk(st)
		s.Posts = append(s.Posts, p)
		ch.Added = append(ch.Added, p)
	}
	ch.PostsTouched = len(ch.Added) + len(ch.Removed) + len(ch.Reloaded) + len(ch.Renamed) + len(ch.Deleted)
	if ch.PostsTouched > 0 {
		s.link()
	}
	return ch
}

// takeDisk makes a post show a file's version.
func (p *Post) takeDisk(st DiskState) {
	p.Doc, p.Err = st.Doc, st.Err
	p.setDisk(st.Hash, len(st.Data), true)
	p.DiskChange, p.Deleted = nil, false
}

// TakeDiskChange drops the post's unsaved edits for the file's version
// that arrived meanwhile (Reload in the window).
func (p *Post) TakeDiskChange() {
	if p.DiskChange != nil {
		p.takeDisk(*p.DiskChange)
	}
}

// KeepMine keeps the post's edits over the file's version that arrived
// meanwhile: the next save overwrites the file, deliberately.
func (p *Post) KeepMine() {
	if p.DiskChange != nil {
		p.setDisk(p.DiskChange.Hash, len(p.DiskChange.Data), p.DiskChange.Exists)
		p.DiskChange = nil
	}
}

func (s *Site) removePost(p *Post) {
	for i, q := range s.Posts {
		if q == p {
			s.Posts = append(s.Posts[:i], s.Posts[i+1:]...)
			return
		}
	}
}
