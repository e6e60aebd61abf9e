package check

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tandem/check/terms"
	"tandem/disk"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
)

// RuleDraft is a drafted block of a translation (from the memory or an
// engine) that no one has read yet.
const RuleDraft = "translation-draft"

// DraftFile holds, at the site's root beside the silences, the drafted
// blocks no one has read yet, one per line: the translation's path, the
// key of the drafted blocks (DraftKey) and where the draft came from
// (memory, fuzzy, engine, untranslated), by tabs. It is the site's,
// committed and shared like its posts, so that the reviewer sees the
// marks too; a mark lasts until the block is edited or confirmed.
const DraftFile = ".tandem-drafts.tsv"

const draftHeader = "# Translation blocks drafted in Tandem and not read yet: the translation's file, its blocks' key, where the draft came from.\n"

// Drafts are a site's draft marks.
type Drafts struct {
	set map[[2]string]string
}

// From is where the drafted blocks key of path came from, "" when they
// are not marked.
func (d *Drafts) From(path, key string) string {
	if d == nil {
		return ""
	}
	return d.set[[2]string{path, key}]
}

// PairDrafts is how many drafted blocks of pr's posts no one has read
// yet, as the site's draft file says.
func PairDrafts(site *model.Site, pr *model.Pair) int {
	d := draftsAt(stateOf(site), site.Root)
	n := 0
	for _, p := range pr.Posts {
		n += d.Len(p.Path)
	}
	return n
}

// Len is how many marks there are for path.
func (d *Drafts) Len(path string) int {
	n := 0
	if d != nil {
		for k := range d.set {
			if k[0] == path {
				n++
			}
		}
	}
	return n
}

// DraftKey is a translation block's key in the draft file (given as a
// group of one): what it shows, so that it changes when it is edited.
func DraftKey(g []markup.Block) string {
	h := uint64(14695981039346656037)
	for _, b := range g {
		for i := range 8 {
			h = (h ^ (b.Key >> (8 * i) & 0xff)) * 1099511628211
		}
	}
	return fmt.Sprintf("%016x", h)
}

// noDrafts are a site's without a draft file.
var noDrafts = &Drafts{}

// draftsAt reads the site's draft marks (cached while the file is
// unchanged).
func draftsAt(st *siteState, root string) *Drafts {
	return readCached(st, &st.drafts, root, DraftFile, parseDrafts, noDrafts)
}

func parseDrafts(b []byte) *Drafts {
	d := &Drafts{set: map[[2]string]string{}}
	records(b, 3, func(f []string) { d.set[[2]string{f[0], f[1]}] = f[2] })
	return d
}

// DraftMark is one drafted group of blocks of a translation.
type DraftMark struct {
	Path, Key, From string
}

// MarkDrafts records marks in the site's draft file and drops confirmed
// (the marks of path with a key in confirmed), atomically.
func MarkDrafts(root string, marks []DraftMark, path string, confirmed []string) error {
	name := filepath.Join(root, DraftFile)
	disk.Touch("write", name)
	b, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	drop := map[[2]string]bool{}
	for _, k := range confirmed {
		drop[[2]string{path, k}] = true
	}
	for _, m := range marks {
		drop[[2]string{m.Path, m.Key}] = true // written again below
	}
	var out strings.Builder
	out.WriteString(draftHeader)
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, "\t")
		if l == "" || strings.HasPrefix(l, "#") || len(f) >= 2 && drop[[2]string{f[0], f[1]}] {
			continue
		}
		out.WriteString(l + "\n")
	}
	for _, m := range marks {
		out.WriteString(m.Path + "\t" + m.Key + "\t" + m.From + "\n")
	}
	return model.WriteFileAtomic(name, []byte(out.String()))
}

// drafted adds the translation-draft finding of match k when its
// translation blocks are marked as drafted.
func (c *pairCheck) drafted(k int, matches []align.Match, m align.Match) {
	if m.Tgt == nil || c.drafts == nil {
		return
	}
	from := ""
	for _, b := range group(c.tgt, m.Tgt) {
		if from = c.drafts.From(c.tgt.Path, DraftKey([]markup.Block{b})); from != "" {
			break // a block of the group not read yet
		}
	}
	if from == "" {
		return
	}
	var f model.Finding
	line := c.tgt.line(m.Tgt[0])
	switch from {
	case "memory":
		f = model.NewFinding(c.tgt.Path, line, RuleDraft, model.Info, "", "drafted from the translation memory: not read yet")
	case "fuzzy":
		f = model.NewFinding(c.tgt.Path, line, RuleDraft, model.Info, "", "drafted from a close match in the translation memory: not read yet")
	case "engine":
		f = model.NewFinding(c.tgt.Path, line, RuleDraft, model.Info, "", "drafted by machine translation: not read yet")
	default:
		f = model.NewFinding(c.tgt.Path, line, RuleDraft, model.Info, "", "still the source's text, copied by the draft: not translated yet")
	}
	if m.Src != nil {
		f.SourceLine = c.src.line(m.Src[0])
	}
	f.Block = blockKey(RuleDraft, group(c.src, m.Src), group(c.tgt, m.Tgt))
	c.out = append(c.out, f)
}

// termsRead is the site's termbase as read: the terms, or why they could
// not be read.
type termsRead struct {
	tb  *terms.Termbase
	err error
}

// readTerms reads the site's termbase (cached while the file is
// unchanged; none when there is no file).
func readTerms(st *siteState, root string) termsRead {
	return readCached(st, &st.terms, root, terms.TermFile, func(b []byte) termsRead {
		tb, err := terms.ReadTBX(bytes.NewReader(b))
		return termsRead{tb, err}
	}, termsRead{})
}

// Terms is the site's termbase, from the checks' one reading of its file
// (cached while the file is unchanged), as a copy the caller may change
// and save: an empty one when the site has none, an error naming the
// file when it cannot be read.
func Terms(s *model.Site) (*terms.Termbase, error) {
	rd := readTerms(stateOf(s), s.Root)
	switch {
	case rd.err != nil:
		return nil, fmt.Errorf("%s: %w", terms.TermFile, rd.err)
	case rd.tb == nil:
		return &terms.Termbase{}, nil
	}
	return rd.tb.Clone(), nil
}

// termsAt is the site's terms (none, or a file that is not TBX: no terms
// to check; FileFindings says so).
func termsAt(st *siteState, root string) *terms.Termbase { return readTerms(st, root).tb }

// FileFindings are the findings about the site's own files of Tandem's:
// a termbase (terms.TermFile) that cannot be read, which the checks and
// drafts go without (said with its line, when the XML reader gives one).
func FileFindings(s *model.Site) []model.Finding {
	err := readTerms(stateOf(s), s.Root).err
	if err == nil {
		return nil
	}
	line := 1
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
	}
	return []model.Finding{model.NewFinding(terms.TermFile, line, RuleTermsUnreadable, model.Warning, "",
		"the site's terms cannot be read, and the checks go without them: %[1]v", err)}
}

// terms adds the translation-term findings of a match, from its texts
// (textOf, made once for it): each source term
// of the site's termbase whose preferred translation the translation
// lacks, or for which it uses a forbidden term.
func (c *pairCheck) terms(k int, matches []align.Match, src, tgt string, srcLine int) {
	if c.termbase == nil || len(c.termbase.Concepts) == 0 {
		return
	}
	for _, is := range c.termbase.Check(src, tgt, c.src.Lang, c.tgt.Lang) {
		if is.Forbidden != "" {
			c.add(k, matches, RuleTerm, model.Warning, "“%[1]s” is a term the site's terms forbid: write “%[2]s” (for “%[3]s”, source line %[4]d)", is.Forbidden, is.Preferred, is.Source, srcLine)
			continue
		}
		c.add(k, matches, RuleTerm, model.Warning, "the site's terms translate “%[1]s” as “%[2]s” (source line %[3]d)", is.Source, is.Preferred, srcLine)
	}
}
