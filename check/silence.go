package check

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tandem/disk"
	"tandem/model"
)

// SilenceFile holds, at the site's root, the translation findings the
// team has silenced, one per line: the translation's path, the rule, the
// key of its blocks (model.Finding.Block) and what the finding said, by
// tabs. It is the site's, committed and shared like its posts; a silence
// lasts until either block's text changes.
const SilenceFile = ".tandem-silenced.tsv"

const silenceHeader = "# Translation findings silenced in Tandem: the translation's file, the rule, its blocks' key, the finding.\n"

// Silences are a site's silenced findings.
type Silences struct {
	set map[[3]string]bool
}

// Has reports whether the finding of rule on the blocks key of path is
// silenced.
func (s *Silences) Has(path, rule, key string) bool {
	return s != nil && s.set[[3]string{path, rule, key}]
}

// noSilences are a site's without a silence file: one value, so that a
// Memo knows the silences did not change.
var noSilences = &Silences{}

// fileCache is a site file as read, while its time and size stay.
type fileCache[T any] struct {
	mod  time.Time
	size int64
	v    T
	read bool
}

// Silenced reads the site's silences (cached while the file is
// unchanged).
func Silenced(site *model.Site) *Silences { return silencedAt(stateOf(site), site.Root) }

func silencedAt(st *siteState, root string) *Silences {
	return readCached(st, &st.silences, root, SilenceFile, parseSilences, noSilences)
}

// readCached is the site file name at root as parse reads it, read again
// only when its time or size changed; none when there is no such file.
func readCached[T any](st *siteState, c *fileCache[T], root, name string, parse func([]byte) T, none T) T {
	name = filepath.Join(root, name)
	disk.Touch("stat", name)
	info, err := os.Stat(name)
	if err != nil {
		return none
	}
	st.filesMu.Lock()
	if c.read && c.mod.Equal(info.ModTime()) && c.size == info.Size() {
		v := c.v
		st.filesMu.Unlock()
		return v
	}
	st.filesMu.Unlock()
	b, err := os.ReadFile(name)
	if err != nil {
		return none
	}
	v := parse(b)
	st.filesMu.Lock()
	*c = fileCache[T]{info.ModTime(), info.Size(), v, true}
	st.filesMu.Unlock()
	return v
}

func parseSilences(b []byte) *Silences {
	s := &Silences{set: map[[3]string]bool{}}
	records(b, 3, func(f []string) { s.set[[3]string{f[0], f[1], f[2]}] = true })
	return s
}

// records calls f with the tab-separated fields of each line of a site
// record file (silences, draft marks) that has at least n of them; lines
// starting with # are comments. A line of any length is read (a scanner
// of lines would stop at one past its buffer, and drop the rest).
func records(b []byte, n int, f func(fields []string)) {
	for len(b) > 0 {
		l := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			l, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if bytes.HasPrefix(l, []byte("#")) {
			continue
		}
		if fields := strings.Split(string(l), "\t"); len(fields) >= n {
			f(fields)
		}
	}
}

// Silence records finding f (a translation finding, with its Block) in
// the site's silence file, atomically.
func Silence(site *model.Site, f model.Finding) error {
	name := filepath.Join(site.Root, SilenceFile)
	disk.Touch("read", name)
	b, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if len(b) == 0 {
		b = []byte(silenceHeader)
	}
	if parseSilences(b).Has(f.Path, f.Rule, f.Block) {
		return nil
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	msg := strings.NewReplacer("\t", " ", "\n", " ").Replace(f.Message)
	b = append(b, strings.Join([]string{f.Path, f.Rule, f.Block, msg}, "\t")+"\n"...)
	return model.WriteFileAtomic(name, b)
}

// PairRecords is the silence file's merge for publishing pair pr (see
// publish.Options.Records): the branch's lines (base) but the pair's,
// then the site's lines about the pair's posts; nil when the site has
// none to publish.
func PairRecords(site *model.Site, pr *model.Pair) map[string]func(base []byte) []byte {
	ours := map[string]bool{}
	for _, p := range pr.Posts {
		ours[p.Path] = true
	}
	mine := func(l string) bool {
		path, _, ok := strings.Cut(l, "\t")
		return ok && ours[path]
	}
	out := map[string]func([]byte) []byte{}
	for _, rec := range []struct{ name, header string }{{SilenceFile, silenceHeader}, {DraftFile, draftHeader}} {
		disk.Touch("read", site.Root)
		b, err := os.ReadFile(filepath.Join(site.Root, rec.name))
		if err != nil {
			continue // never drafted (or silenced) here
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if mine(l) {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 && rec.name == SilenceFile {
			continue
		}
		header := rec.header
		out[rec.name] = func(base []byte) []byte {
			var keep []string
			gone := false
			for _, l := range strings.Split(strings.TrimSuffix(string(base), "\n"), "\n") {
				if l != "" && !mine(l) {
					keep = append(keep, l)
				} else if l != "" {
					gone = true
				}
			}
			if len(lines) == 0 && !gone {
				return base // the pair had no lines, and has none: the file as it is
			}
			if len(base) == 0 {
				keep = append([]string{strings.TrimSuffix(header, "\n")}, keep...)
			}
			keep = append(keep, lines...)
			return []byte(strings.Join(keep, "\n") + "\n")
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
