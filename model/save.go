package model

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"tandem/disk"
)

// ErrChangedOnDisk is returned by Save when the file is no longer what was
// read: another program changed it. Nothing was written.
var ErrChangedOnDisk = errors.New("the file changed on disk since it was opened")

// ErrUnparsed is returned by Save for a file whose front matter could not
// be read: writing it could lose what Tandem did not understand.
var ErrUnparsed = errors.New("the file's front matter could not be read, so Tandem will not overwrite it")

// ErrPartial is returned by Save for a post of a site opened with
// OpenFrontMatter, which keeps no bodies.
var ErrPartial = errors.New("the post was read for checking only (its text was not kept), so Tandem will not write it")

// ErrSaving is StartSave's error while the post's last save is still
// being written.
var ErrSaving = errors.New("the post is being saved")

// SaveError says which file could not be saved and why.
type SaveError struct {
	Path string
	Err  error
}

func (e *SaveError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *SaveError) Unwrap() error { return e.Err }

// Dirty reports whether the post has edits not yet on disk.
func (p *Post) Dirty() bool {
	if p.Doc == nil || p.Doc.partial {
		return false
	}
	b := p.Doc.Bytes()
	// A length that differs says it without hashing (typing changes it);
	// a text not edited since the last check (edits make new bytes) is
	// not hashed again.
	if !p.onDisk || p.file == nil || len(b) != p.file.n {
		return true
	}
	f := p.file
	m := &f.dirty
	if m.data != unsafe.SliceData(b) || m.n != len(b) || m.disk != f.hash {
		m.data, m.n, m.disk = unsafe.SliceData(b), len(b), f.hash
		m.dirty = sha256.Sum256(b) != f.hash
	}
	return m.dirty
}

// Save writes the post's edits to its file. It writes nothing when there is
// no edit; refuses a file it could not parse (ErrUnparsed) or one that
// changed on disk since it was read (ErrChangedOnDisk); never writes outside
// the site, through a symbolic link or otherwise; and replaces the file
// atomically, so that a failure leaves the old file whole.
func (p *Post) Save() error { return p.save(false) }

// SaveOverwrite saves even when the file changed on disk: the user chose to
// keep the editor's version.
func (p *Post) SaveOverwrite() error { return p.save(true) }

func (p *Post) save(overwrite bool) error {
	sv, err := p.StartSave(overwrite)
	if sv == nil {
		return err
	}
	err = sv.Write()
	sv.Done(err)
	return err
}

// Saving is a post's save in three steps, so that a window writes the
// file off its UI thread: StartSave takes the post's bytes (on the
// goroutine that owns the site), Write writes them (on any goroutine),
// Done records the file as the post's (on the owner's again). Edits made
// meanwhile are the post's next unsaved edits; the watcher takes the
// file being written for Tandem's own save, not a change by another
// program.
type Saving struct {
	p         *Post
	site      *Site
	rel       string
	data      []byte
	hash      [32]byte
	onDisk    bool       // the file as read was on disk
	disk      [32]byte   // and its hash
	change    *DiskState // the post's DiskChange when the save started
	overwrite bool
}

// StartSave takes what Save writes (nil when there is nothing to write),
// refusing a post that could not be parsed or is partial, or one whose
// save is still being written.
func (p *Post) StartSave(overwrite bool) (*Saving, error) {
	if p.Doc == nil {
		return nil, &SaveError{p.Path, ErrUnparsed}
	}
	if p.Doc.partial {
		return nil, &SaveError{p.Path, ErrPartial}
	}
	if p.saving() != nil {
		return nil, &SaveError{p.Path, ErrSaving}
	}
	if !p.Dirty() {
		return nil, nil
	}
	data := p.Doc.Bytes() // an edit replaces them: never changed
	sv := &Saving{p: p, site: p.site, rel: p.Path, data: data, hash: sha256.Sum256(data),
		onDisk: p.onDisk, disk: p.diskHash(), change: p.DiskChange, overwrite: overwrite}
	p.fileOf().saving = &sv.hash
	return sv, nil
}

// Post is the post being saved.
func (sv *Saving) Post() *Post { return sv.p }

// Write writes the file (see Save), on any goroutine: the site's folder
// and the post's path as they were when the save started.
func (sv *Saving) Write() error {
	target, err := sv.site.safePath(sv.rel)
	if err != nil {
		return &SaveError{sv.rel, err}
	}
	disk.Touch("read", target)
	cur, err := os.ReadFile(target)
	switch {
	case err == nil:
		if !sv.overwrite && (!sv.onDisk || sha256.Sum256(cur) != sv.disk) {
			return &SaveError{sv.rel, ErrChangedOnDisk}
		}
	case errors.Is(err, fs.ErrNotExist):
		// Deleted meanwhile (or new): writing it back loses nothing.
	default:
		return &SaveError{sv.rel, err}
	}
	if err := writeAtomic(target, sv.data, false); err != nil {
		return &SaveError{sv.rel, err}
	}
	return nil
}

// Done ends the save, on the goroutine that owns the site: written (err
// nil), the file is the post's as saved.
func (sv *Saving) Done(err error) {
	p := sv.p
	p.fileOf().saving = nil
	if err != nil {
		return
	}
	p.setDisk(sv.hash, len(sv.data), true)
	p.Deleted = false
	if p.DiskChange == sv.change {
		p.DiskChange = nil // another program's version that came while it was written stays
	}
}

// safePath returns the file to write for rel: inside the site, a symbolic
// link followed only when its target is inside the site too.
func (s *Site) safePath(rel string) (string, error) {
	if filepath.IsAbs(rel) || strings.Contains("/"+filepath.ToSlash(rel)+"/", "/../") {
		return "", fmt.Errorf("%s is outside the site folder; Tandem writes only inside it", rel)
	}
	p := filepath.Join(s.Root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(p)
	if errors.Is(err, fs.ErrNotExist) {
		// A new file: its folder must be inside the site.
		dir, derr := filepath.EvalSymlinks(filepath.Dir(p))
		if derr != nil {
			return "", derr
		}
		real, err = filepath.Join(dir, filepath.Base(p)), nil
	}
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(s.Root, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s leads outside the site folder (to %s); Tandem writes only inside it", rel, real)
	}
	return real, nil
}

// writeAtomic writes data to path through a temporary file in the same
// folder, synced, then renamed over path (or, with exclusive, linked to
// path so that an existing file is never replaced). The file keeps its
// permissions.
func writeAtomic(path string, data []byte, exclusive bool) error {
	return writeAtomicMode(path, data, exclusive, 0o644)
}

// writeAtomicMode is writeAtomic with the mode of a new file (a file
// replaced keeps its own).
func writeAtomicMode(path string, data []byte, exclusive bool, mode fs.FileMode) error {
	dir := filepath.Dir(path)
	var rnd [6]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".tandem-"+hex.EncodeToString(rnd[:]))
	disk.Touch("write", path)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	err := createSynced(tmp, data, mode)
	if err == nil {
		if exclusive {
			if err = os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
				err = createSynced(path, data, mode) // no hard links here
			}
		} else {
			err = os.Rename(tmp, path)
		}
	}
	os.Remove(tmp) // after a rename, already gone
	if err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// WriteFileAtomic writes a file that is not a post (a preview page)
// whole or not at all, as posts are written.
func WriteFileAtomic(path string, data []byte) error { return writeAtomic(path, data, false) }

// WritePrivateFileAtomic is WriteFileAtomic for a file only its owner may
// read (a recovery copy of unsaved text): a new file gets mode 0600.
func WritePrivateFileAtomic(path string, data []byte) error {
	return writeAtomicMode(path, data, false, 0o600)
}

// createSynced creates path, which must not exist, with data, synced to
// disk; on failure it removes what it created.
func createSynced(path string, data []byte, mode fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	err = f.Chmod(mode) // the mode of the file it replaces, whatever the umask
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// Reload reads the post's file again, dropping unsaved edits.
func (p *Post) Reload() error {
	b, err := ReadPostFile(p.Abs())
	if err != nil {
		return err
	}
	p.setDisk(sha256.Sum256(b), len(b), true)
	p.Doc, p.Err = Parse(b)
	p.DiskChange, p.Deleted = nil, false
	return p.Err
}

// Restore puts recovered text back as the post's unsaved edits: the file
// is untouched until Save.
func (p *Post) Restore(data []byte) error {
	if err := p.Load(); err != nil {
		return &SaveError{p.Path, err}
	}
	d, err := Parse(data)
	if err != nil {
		return &SaveError{p.Path, err}
	}
	p.Doc, p.Err = d, nil
	return nil
}

// Partial reports whether the post holds its front matter only (see
// OpenFrontMatter): Load reads the rest.
func (p *Post) Partial() bool { return p.Doc != nil && p.Doc.partial }

// Load reads the whole file of a partial post, so that it can be edited
// and saved; for any other post it does nothing.
func (p *Post) Load() error {
	if !p.Partial() {
		return nil
	}
	st := readDisk(p.Abs())
	if st.Data == nil {
		return st.Err
	}
	p.takeDisk(st)
	p.bodyLint = bodyLint{}
	return nil
}

// PairReading is a pair's partial posts read whole in two steps, so that
// a window reads the files off its UI thread: Reading (on the goroutine
// that owns the site) names the files, Read (on any) reads them, Take
// (on the owner's again) makes the posts whole.
type PairReading struct {
	posts  []*Post
	abs    []string
	states []DiskState
}

// Reading names the files of pr's partial posts.
func (pr *Pair) Reading() *PairReading {
	rd := &PairReading{}
	for _, p := range pr.ordered() {
		if p.Partial() {
			rd.posts, rd.abs = append(rd.posts, p), append(rd.abs, p.Abs())
		}
	}
	return rd
}

// Empty reports whether the pair has nothing to read (its posts whole).
func (rd *PairReading) Empty() bool { return len(rd.posts) == 0 }

// Read reads the files.
func (rd *PairReading) Read() {
	rd.states = make([]DiskState, len(rd.abs))
	for i, abs := range rd.abs {
		rd.states[i] = readDisk(abs)
	}
}

// Take makes the posts whole with what Read read (a post loaded since
// is left as it is); the first file that could not be read is the error.
func (rd *PairReading) Take() error {
	var first error
	for i, p := range rd.posts {
		st := rd.states[i]
		if !p.Partial() {
			continue
		}
		if st.Data == nil {
			if first == nil {
				first = &SaveError{p.Path, st.Err}
			}
			continue
		}
		p.takeDisk(st)
		p.bodyLint = bodyLint{}
	}
	return first
}

// Load reads the whole files of the pair's partial posts.
func (pr *Pair) Load() error {
	var first error
	for _, p := range pr.ordered() {
		if err := p.Load(); err != nil && first == nil {
			first = &SaveError{p.Path, err}
		}
	}
	return first
}
