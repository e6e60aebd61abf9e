package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"tandem/check"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
)

// alignCmd is `tandem align --json FILE`: the blocks of FILE's pair, the
// source post's with the translation's, each match with the file lines its
// blocks span in each language (null where a block has no counterpart).
func alignCmd(args []string, stdout, stderr io.Writer) int {
	asJSON, file, code := jsonAndPath(args, "align", "one post file", "which post? (tandem align --json FILE)", stderr)
	if code != 0 {
		return code
	}
	s, p, err := openPost(file)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	src, tgt := s.SourceAndTarget(p.Pair)
	if src == nil || tgt == nil || src.Doc == nil || tgt.Doc == nil {
		fmt.Fprintf(stderr, "tandem: %s has no translation to align with\n", p.Path)
		return 1
	}
	_, ds := markup.RenderPost(s, src, false)
	_, dt := markup.RenderPost(s, tgt, false)
	matches := align.BlocksWith(ds.Blocks, dt.Blocks, check.SiteRatio(s))
	lines := func(p *model.Post, d *markup.Doc, r *[2]int) *[2]int {
		if r == nil {
			return nil
		}
		base := p.Doc.BodyLine() - 1
		return &[2]int{base + d.Blocks[r[0]].Line, base + d.Blocks[r[1]].End}
	}
	type report struct {
		Source string               `json:"source"`
		Target string               `json:"target"`
		Blocks []map[string]*[2]int `json:"blocks"`
	}
	rep := report{Source: src.Path, Target: tgt.Path, Blocks: []map[string]*[2]int{}}
	for _, m := range matches {
		rep.Blocks = append(rep.Blocks, map[string]*[2]int{src.Lang: lines(src, ds, m.Src), tgt.Lang: lines(tgt, dt, m.Tgt)})
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
		return 0
	}
	span := func(r *[2]int) string {
		if r == nil {
			return "—"
		}
		return fmt.Sprintf("%d-%d", r[0], r[1])
	}
	fmt.Fprintf(stdout, "%s\t%s\n", src.Path, tgt.Path)
	for _, b := range rep.Blocks {
		fmt.Fprintf(stdout, "%s\t%s\n", span(b[src.Lang]), span(b[tgt.Lang]))
	}
	return 0
}
