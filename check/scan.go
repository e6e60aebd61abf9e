package check

import (
	"bytes"
	"os"
	"strings"

	"tandem/bug"
	"tandem/check/typo"
	"tandem/lines"
	"tandem/markup"
	"tandem/markup/align"
	"tandem/model"
)

// Text is a post as the checks read it away from the goroutine that owns
// its site: taken there (TextOf: its path, language, image fields, the
// typography of its text fields, how to render it), its body read and
// rendered anywhere, later (Read).
type Text struct {
	Path, Lang string
	abs        string
	bodyLine   int
	images     []string
	french     bool
	fields     []Change // the typography fixes of its text fields
	opt        markup.Options
	file       [20]byte // FileID of the file Read read
	// Body is the body the checks read: given (a body kept from the
	// site's reading) or read by Read.
	Body []byte
}

// PairText is a pair as the checks read it: its source and translation
// (nil where it has none) and all of its posts, in the site's order.
type PairText struct {
	Source, Target *Text
	Posts          []*Text
}

// TextOf takes p's text on the goroutine that owns s; body is its body
// when the caller holds it already (nil: Read reads the file).
func TextOf(s *model.Site, p *model.Post, body []byte) *Text {
	t := &Text{Path: p.Path, Lang: p.Lang, abs: p.Abs(), Body: body, opt: markup.ForText(s, p)}
	t.opt.KeysOnly = true // the checks read spans
	if p.Doc == nil {
		return t
	}
	t.bodyLine = p.Doc.BodyLine()
	if !p.Partial() && body == nil {
		t.Body = p.Doc.Body()
	}
	for _, k := range []string{"image", "thumb", "image-translation"} {
		if v := strings.TrimSpace(p.Doc.Get(k)); v != "" {
			t.images = append(t.images, v)
		}
	}
	if t.french = French(s, p); t.french {
		t.fields = FieldChanges(s, p)
	}
	return t
}

// PairTextOf takes pr's texts on the goroutine that owns s; bodies holds
// the bodies the caller kept, by post (the others are read by Read).
func PairTextOf(s *model.Site, pr *model.Pair, bodies func(*model.Post) []byte) PairText {
	var pt PairText
	src, tgt := s.SourceAndTarget(pr)
	for _, l := range s.Languages {
		p := pr.Post(l)
		if p == nil {
			continue
		}
		if p.Doc == nil {
			continue // lint has said the file could not be read
		}
		var body []byte
		if bodies != nil {
			body = bodies(p)
		}
		t := TextOf(s, p, body)
		pt.Posts = append(pt.Posts, t)
		switch p {
		case src:
			pt.Source = t
		case tgt:
			pt.Target = t
		}
	}
	return pt
}

// Read reads the text's body from its file when it has none yet.
func (t *Text) Read() error {
	if t.Body != nil {
		return nil
	}
	raw, err := model.ReadPostFile(t.abs)
	if err != nil {
		return err
	}
	body, ok := model.Body(raw)
	if !ok {
		return os.ErrInvalid
	}
	t.Body, t.file = body, FileID(raw)
	return nil
}

// Side renders the text (read) as the checks compare it.
func (t *Text) Side() Side {
	body := t.Body // rendered as the editor shows it: CRLF read as "\n"
	if bytes.IndexByte(body, '\r') >= 0 {
		body = bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n"))
	}
	d := markup.Render(body, t.opt)
	return Side{Path: t.Path, Lang: t.Lang, BodyLine: t.bodyLine, Images: t.images, Doc: d, Body: t.Body, File: t.file}
}

// typography is the text's typography findings (none unless French).
func (t *Text) typography(st Setting) []model.Finding {
	if !t.french {
		return nil
	}
	body := lines.View(t.Body) // a body is never changed (an edit replaces it)
	fixes := typo.Check(body, st.Body(body))
	changes := append(make([]Change, 0, len(t.fields)+len(fixes)), t.fields...)
	// Only the lines of the body's fixes: a finding does not show them.
	line, at := t.bodyLine, 0
	for _, fx := range fixes {
		line += strings.Count(body[at:fx.Start], "\n")
		at = fx.Start
		changes = append(changes, Change{Line: line, Fix: fx})
	}
	return Findings(t.Path, changes)
}

// Aligned is a pair's source and translation rendered and aligned, for
// what reads them beside the checks (the memory).
type Aligned struct {
	Source, Target Side
	Matches        []align.Match
}

// Scan reads (Read), renders, aligns and checks one pair: the findings
// of Translation, more's and Typography's, sorted (its Turns, merged).
// aligned, when set, is given the rendered pair (never when it has no
// translation).
func (cx *Context) Scan(pt PairText, st Setting, ratio float64, more More, aligned func(Aligned)) []model.Finding {
	var out []model.Finding
	turns := cx.Turns(pt, st, ratio, more, aligned)
	// The pair's first: on a line of the source, they come before its
	// own, as they always have.
	if pt.Target != nil {
		out = append(out, turns[pt.Target]...)
	}
	for _, t := range pt.Posts {
		if t != pt.Target {
			out = append(out, turns[t]...)
		}
	}
	model.SortFindings(out)
	return out
}

// Turns reads (Read), renders, aligns and checks one pair, each post
// rendered once, and gives its findings by the post whose turn they are
// in lint (workspace.Lint), each turn's sorted: a translation's are the
// pair's (Translation's and more's, on either post) and its own beside
// its source; every other post's are its own (its accessibility, its
// typography). aligned, when set, is given the rendered pair. A post
// whose file cannot be read has nothing (lint says what is wrong with
// the file), nor has its translation; a bug in the checks is the
// internal-error finding of the turn it happened in.
func (cx *Context) Turns(pt PairText, st Setting, ratio float64, more More, aligned func(Aligned)) map[*Text][]model.Finding {
	turns := make(map[*Text][]model.Finding, len(pt.Posts))
	read := make(map[*Text]bool, len(pt.Posts))
	for _, t := range append([]*Text{pt.Source, pt.Target}, pt.Posts...) {
		if _, done := read[t]; t != nil && !done {
			read[t] = t.Read() == nil
		}
	}
	sides := map[*Text]Side{}
	paired := pt.Source != nil && pt.Target != nil
	if paired && read[pt.Source] && read[pt.Target] {
		var out []model.Finding
		err := bug.Catch("check a pair", func() {
			ss, ts := pt.Source.Side(), pt.Target.Side()
			ms := align.BlocksWith(ss.Doc.Blocks, ts.Doc.Blocks, ratio)
			out = Translation(cx, ss, ts, ms)
			if more != nil {
				out = append(out, more(cx, ss, ts, ms)...)
			}
			if aligned != nil {
				aligned(Aligned{ss, ts, ms})
			}
			out = append(out, cx.PostAccessibility(ts, &ss, ms)...)
			out = append(out, pt.Target.typography(st)...)
			sides[pt.Source] = ss
		})
		if err != nil {
			out = []model.Finding{model.InternalError(pt.Target.Path, err)}
		}
		model.SortFindings(out)
		turns[pt.Target] = out
	}
	for _, t := range pt.Posts {
		if !read[t] || paired && t == pt.Target {
			continue
		}
		var out []model.Finding
		err := bug.Catch("check "+t.Path, func() {
			sd, ok := sides[t]
			if !ok {
				sd = t.Side()
			}
			out = append(cx.PostAccessibility(sd, nil, nil), t.typography(st)...)
		})
		if err != nil {
			out = []model.Finding{model.InternalError(t.Path, err)}
		}
		model.SortFindings(out)
		turns[t] = out
	}
	return turns
}
