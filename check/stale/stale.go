// Package stale finds the translation blocks whose source changed after
// they were last translated, paragraph by paragraph, from the site's git
// history (read by package git): a translation block is stale when the
// source text it was aligned with at the commit that last changed it
// differs from the source text now. Uncommitted edits are the newest
// change (the texts compared are the posts as they are now); a commit
// that changes both blocks leaves them in step; an edit to another
// paragraph of the translation changes nothing for this one.
package stale

import (
	"strings"
	"sync"

	"tandem/bug"
	"tandem/check"
	"tandem/git"
	"tandem/markup/align"
	"tandem/model"
)

// Rule is the stale finding's id.
const Rule = "translation-stale"

// History is the site's git history (git.History) with the baselines of
// its pairs, read as they are asked for (a baseline is the pair's
// committed texts: a site's would not fit in memory); safe for several
// goroutines.
type History struct {
	*git.History
}

// ErrNoRepository is Open's error for a site that is not in a git
// repository (or one without commits).
var ErrNoRepository = git.ErrNoRepository

// Open reads the history of the repository siteRoot is in, for the
// site's post folders (folders; all of its files when there are none).
func Open(siteRoot string, folders []string) (*History, error) {
	h, err := git.OpenHistory(siteRoot, folders, readBody)
	if err != nil {
		return nil, err
	}
	return &History{History: h}, nil
}

// readBody is a committed post's body as the baselines compare it, its
// lines trimmed: "" for a version that did not parse (nothing to compare).
func readBody(raw []byte) string {
	body, ok := model.Body(raw)
	if !ok {
		return ""
	}
	return trimLines(strings.ReplaceAll(string(body), "\r\n", "\n"))
}

// Pair reads the baseline of the pair src (the source post's path in the
// site) and tgt (its translation's) from the history: the translation's
// committed versions, newest first. Their texts are read when a check
// needs them (a file unchanged since a version needs none).
func (h *History) Pair(src, tgt string) (*Baseline, error) {
	vs, err := h.Versions(src, tgt)
	if err != nil {
		return nil, err
	}
	base := &Baseline{h: h, texts: map[[20]byte]string{}}
	for i := len(vs) - 1; i >= 0; i-- {
		base.versions = append(base.versions, vs[i])
	}
	return base, nil
}

// Baseline is what a pair's history says of it: the translation's
// committed versions, newest first, each with the source's file in the
// same commit; their texts (bodies, lines trimmed; "" where a post did
// not exist) are read once, when first asked for.
type Baseline struct {
	h        *History
	versions []git.Version
	mu       sync.Mutex
	texts    map[[20]byte]string
}

// text is the text of a version's file (a blob of the history); a blob
// that cannot be read is "" (nothing to compare, as a file that did not
// parse).
func (b *Baseline) text(blob [20]byte) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t, ok := b.texts[blob]; ok {
		return t
	}
	t, _ := b.h.Text(blob)
	b.texts[blob] = t
	return t
}

// trimLines is text with each line's surrounding spaces removed, so that
// a block's text is found wherever it is indented.
func trimLines(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for len(text) > 0 {
		l := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
			b.WriteString(strings.TrimSpace(l))
			b.WriteByte('\n')
			continue
		}
		b.WriteString(strings.TrimSpace(l))
		text = ""
	}
	return b.String()
}

// lines are a body's lines (for raw), split once.
type lines []string

func linesOf(sd check.Side) lines { return strings.Split(string(sd.Body), "\n") }

// raw is a group of blocks as written in its side's body: their lines,
// trimmed.
func (ls lines) raw(sd check.Side, r *[2]int) string {
	from, to := sd.Doc.Blocks[r[0]].Line-1, sd.Doc.Blocks[r[1]].End
	if from < 0 || to > len(ls) || from >= to {
		return ""
	}
	var b strings.Builder
	for i, l := range ls[from:to] {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimSpace(l))
	}
	return b.String()
}

// since is the version a translation block's text (as written) was
// translated in: the oldest of the run of versions, back from the
// newest, that all have it; -1 when the newest does not (it changed
// since the last commit: it is being translated now). text gives the
// block's text, made only when a version must be read: the translation
// file as it is now (file, its FileID) has all of its text.
func (b *Baseline) since(file [20]byte, text func() string) int {
	v := -1
	for i, pv := range b.versions {
		if file != ([20]byte{}) && pv.Tgt == file {
			v = i
			continue
		}
		if t := text(); t == "" || !strings.Contains(b.text(pv.Tgt), t) {
			break
		}
		v = i
	}
	return v
}

// Findings are the stale blocks of target against source now (their
// alignment matches): a finding on each translation block whose source
// text (as written) is not in the source as it was when the block was
// translated, unless silenced ("Still correct"). A file unchanged since
// a version (the same FileID) is not read again from the history.
func Findings(cx *check.Context, base *Baseline, source, target check.Side, matches []align.Match) []model.Finding {
	var out []model.Finding
	if base == nil || len(base.versions) == 0 {
		return nil
	}
	var sl, tl lines
	for _, m := range matches {
		if m.Src == nil || m.Tgt == nil {
			continue
		}
		t := ""
		v := base.since(target.File, func() string {
			if tl == nil {
				tl = linesOf(target)
			}
			if t == "" {
				t = tl.raw(target, m.Tgt)
			}
			return t
		})
		if v < 0 || source.File != ([20]byte{}) && base.versions[v].Src == source.File {
			continue // being translated now, or the source unchanged since
		}
		if tl == nil {
			tl = linesOf(target)
		}
		if t == "" {
			t = tl.raw(target, m.Tgt)
		}
		then := base.text(base.versions[v].Src)
		if t == "" || then == "" {
			continue
		}
		if sl == nil {
			sl = linesOf(source)
		}
		now := sl.raw(source, m.Src)
		if now == "" || strings.Contains(then, now) {
			continue
		}
		f := check.NewTranslationFinding(cx, source, target, m, Rule, model.Warning,
			"the source (line %[1]d) changed since this block was translated", source.BodyLine-1+source.Doc.Blocks[m.Src[0]].Line)
		if f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// Changes are, for each stale finding of Findings (by its Block), the
// source's text when the block was translated (its paragraph then most
// like the one now) and now.
func Changes(base *Baseline, source, target check.Side, matches []align.Match, found []model.Finding) map[string][2]string {
	out := map[string][2]string{}
	byLine := map[int]string{}
	for _, f := range found {
		if f.Rule == Rule {
			byLine[f.Line] = f.Block
		}
	}
	sl, tl := linesOf(source), linesOf(target)
	for _, m := range matches {
		if m.Src == nil || m.Tgt == nil {
			continue
		}
		key, ok := byLine[target.BodyLine-1+target.Doc.Blocks[m.Tgt[0]].Line]
		if !ok {
			continue
		}
		now := sl.raw(source, m.Src)
		t := tl.raw(target, m.Tgt)
		v := base.since(target.File, func() string { return t })
		if v < 0 {
			continue
		}
		out[key] = [2]string{closest(base.text(base.versions[v].Src), now), now}
	}
	return out
}

// closest is the paragraph of text that shares the most words with p.
func closest(text, p string) string {
	want := map[string]bool{}
	for _, w := range strings.Fields(p) {
		want[w] = true
	}
	best, score := "", -1
	for _, para := range strings.Split(text, "\n\n") {
		n := 0
		for _, w := range strings.Fields(para) {
			if want[w] {
				n++
			}
		}
		if n > score {
			best, score = strings.TrimSpace(para), n
		}
	}
	return best
}

// PostFolders are the folders of the site's posts, for Open.
func PostFolders(s *model.Site) []string {
	var out []string
	for _, fs := range s.Folders {
		out = append(out, fs...)
	}
	return out
}

// Check is the stale check of a site's pairs for lint (check.More), from
// its history: read on a goroutine of its own while lint reads and
// renders the posts (a site without history has no stale findings).
func Check(s *model.Site) check.More {
	ready := make(chan *History, 1)
	root, folders := s.Root, PostFolders(s)
	go func() {
		var h *History
		defer func() { ready <- h }() // a bug in Open leaves no history, not a lint waiting
		_ = bug.Catch("read the history of "+root, func() { h, _ = Open(root, folders) })
	}()
	var once sync.Once
	var more check.More
	return func(cx *check.Context, source, target check.Side, ms []align.Match) []model.Finding {
		once.Do(func() {
			if h := <-ready; h != nil {
				more = h.More()
			}
		})
		if more == nil {
			return nil
		}
		return more(cx, source, target, ms)
	}
}

// More is the stale check with this history, for lint (check.More).
func (h *History) More() check.More {
	return func(cx *check.Context, source, target check.Side, ms []align.Match) []model.Finding {
		base, err := h.Pair(source.Path, target.Path)
		if err != nil {
			return nil
		}
		return Findings(cx, base, source, target, ms)
	}
}
