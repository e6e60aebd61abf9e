package preview

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Size names of the preview's own text sizes, provided by Theme.
const (
	SizeH1    fyne.ThemeSizeName = "tandem-h1"
	SizeH2    fyne.ThemeSizeName = "tandem-h2"
	SizeH3    fyne.ThemeSizeName = "tandem-h3"
	SizeH4    fyne.ThemeSizeName = "tandem-h4"
	SizeH5    fyne.ThemeSizeName = "tandem-h5"
	SizeH6    fyne.ThemeSizeName = "tandem-h6"
	SizeSmall fyne.ThemeSizeName = "tandem-small"
)

var headingSizes = []fyne.ThemeSizeName{SizeH1, SizeH2, SizeH3, SizeH4, SizeH5, SizeH6}

// invisibles are the characters "show invisible characters" marks, and
// their marks.
var invisibles = map[rune]string{
	'\u00a0': "°", // no-break space
	'\u202f': "·", // narrow no-break space (French ; : ! ?)
	'\u200b': "¦", // zero-width space
	'\u00ad': "-", // soft hyphen
	'\t':     "→",
}

// buildSegments makes the RichText segments of a block from its spans.
func buildSegments(b *Block, opt Options) {
	base := widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameText, ColorName: theme.ColorNameForeground}
	switch b.Kind {
	case Heading:
		base.SizeName = headingSizes[min(max(b.Level, 1), 6)-1]
		base.TextStyle.Bold = true
		if b.Level == 6 {
			base.ColorName = theme.ColorNamePlaceHolder
		}
	case CodeBlock:
		st := base
		st.TextStyle.Monospace = true
		st.Inline = false
		b.segs = []widget.RichTextSegment{&widget.TextSegment{Text: b.Code, Style: st}}
		return
	case Note:
		base.TextStyle.Italic = true
		base.ColorName = theme.ColorNamePlaceHolder
	case ImageBlock:
		img := b.Image
		var u fyne.URI
		if img.File != "" {
			u = storage.NewFileURI(img.File)
		} else if img.URL != "" {
			u, _ = storage.ParseURI(img.URL)
		}
		b.segs = []widget.RichTextSegment{&widget.ImageSegment{Source: u, Title: img.Alt, Alignment: textAlign(b.Align)}}
		return
	case Rule:
		b.segs = []widget.RichTextSegment{&widget.SeparatorSegment{}}
		return
	case Table:
		for i := range b.Rows {
			for j := range b.Rows[i].Cells {
				c := &b.Rows[i].Cells[j]
				c.segs, c.links = spanSegments(c.Spans, base, opt, textAlign(c.Align))
			}
		}
		return
	}
	b.segs, b.links = spanSegments(b.Spans, base, opt, textAlign(b.Align))
}

func textAlign(a Align) fyne.TextAlign {
	switch a {
	case Center:
		return fyne.TextAlignCenter
	case Right:
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// spanSegments turns spans into segments in the block's base style, and
// gives each segment's link.
func spanSegments(spans []Span, base widget.RichTextStyle, opt Options, align fyne.TextAlign) ([]widget.RichTextSegment, []string) {
	segs := make([]widget.RichTextSegment, 0, len(spans))
	var links []string
	for _, s := range spans {
		st := base
		st.Alignment = align
		if s.Style&Bold != 0 {
			st.TextStyle.Bold = true
		}
		if s.Style&Italic != 0 {
			st.TextStyle.Italic = true
		}
		if s.Style&(Code|Placeholder) != 0 {
			st.TextStyle.Monospace = true
		}
		if s.Style&Underline != 0 || s.Link != "" {
			st.TextStyle.Underline = true
		}
		if s.Style&Strike != 0 {
			st.ColorName = theme.ColorNameDisabled
		}
		if s.Style&(Sup|Placeholder) != 0 || s.Link != "" {
			st.ColorName = theme.ColorNamePrimary
		}
		if s.Link != "" {
			st.ColorName = theme.ColorNameHyperlink
		}
		if s.Style&Sup != 0 {
			st.SizeName = SizeSmall
		}
		n := len(segs)
		segs = appendText(segs, s.Text, st, opt.Invisible)
		if s.Break {
			segs[len(segs)-1].(*widget.TextSegment).Style.Inline = false
		}
		if s.Link != "" || links != nil {
			for len(links) < n {
				links = append(links, "")
			}
			for len(links) < len(segs) {
				links = append(links, s.Link)
			}
		}
	}
	return segs, links
}

// appendText adds text as one segment, or, showing invisible characters,
// as runs split around their marks.
func appendText(segs []widget.RichTextSegment, text string, st widget.RichTextStyle, show bool) []widget.RichTextSegment {
	if !show || strings.IndexFunc(text, func(r rune) bool { return invisibles[r] != "" }) < 0 {
		return append(segs, &widget.TextSegment{Text: text, Style: st})
	}
	mark := st
	mark.ColorName = theme.ColorNamePrimary
	start := 0
	for i, r := range text {
		m := invisibles[r]
		if m == "" {
			continue
		}
		if i > start {
			segs = append(segs, &widget.TextSegment{Text: text[start:i], Style: st})
		}
		segs = append(segs, &widget.TextSegment{Text: m, Style: mark})
		start = i + len(string(r))
	}
	if start < len(text) {
		segs = append(segs, &widget.TextSegment{Text: text[start:], Style: st})
	}
	return segs
}

// Dump writes the blocks and their segments one per line: the block's
// kind and place, then each segment's kind, style and text. It is what
// `tandem preview --segments` prints.
func (d *Doc) Dump(w io.Writer) {
	for i := range d.Blocks {
		b := &d.Blocks[i]
		fmt.Fprintf(w, "%s", b.Kind)
		if b.Kind == Heading {
			fmt.Fprintf(w, " h%d", b.Level)
		}
		if b.Depth > 0 {
			fmt.Fprintf(w, " depth=%d", b.Depth)
		}
		if b.Marker != "" {
			fmt.Fprintf(w, " marker=%q", b.Marker)
		}
		if b.Quote > 0 {
			fmt.Fprintf(w, " quote=%d", b.Quote)
		}
		if b.Align != Left {
			fmt.Fprintf(w, " align=%s", [...]string{"left", "center", "right"}[b.Align])
		}
		if b.Lang != "" {
			fmt.Fprintf(w, " lang=%s", b.Lang)
		}
		fmt.Fprintf(w, " lines=%d-%d\n", b.Line, b.End)
		if b.Kind == Table {
			for r, row := range b.Rows {
				for c := range row.Cells {
					fmt.Fprintf(w, "  cell %d,%d", r, c)
					if row.Header {
						fmt.Fprint(w, " header")
					}
					fmt.Fprintln(w)
					dumpSegments(w, "    ", row.Cells[c].segs, row.Cells[c].links)
				}
			}
			continue
		}
		if b.Image != nil {
			fmt.Fprintf(w, "  image\t%s\t%q", b.Image.Src, b.Image.Alt)
			if b.Image.Link != "" {
				fmt.Fprintf(w, "\tlink=%s", b.Image.Link)
			}
			fmt.Fprintln(w)
			continue
		}
		dumpSegments(w, "  ", b.segs, b.links)
	}
}

func dumpSegments(w io.Writer, indent string, segs []widget.RichTextSegment, links []string) {
	for i, s := range segs {
		switch s := s.(type) {
		case *widget.TextSegment:
			fmt.Fprintf(w, "%stext\t%s\t%q", indent, styleName(s.Style), s.Text)
			if i < len(links) && links[i] != "" {
				fmt.Fprintf(w, "\tlink=%s", links[i])
			}
			fmt.Fprintln(w)
		case *widget.SeparatorSegment:
			fmt.Fprintf(w, "%srule\n", indent)
		default:
			fmt.Fprintf(w, "%s%T\t%q\n", indent, s, s.Textual())
		}
	}
}

// styleName names a segment's style: its size, weight, slant, font,
// colour and whether it ends the line.
func styleName(st widget.RichTextStyle) string {
	var parts []string
	if st.SizeName != "" && st.SizeName != theme.SizeNameText {
		parts = append(parts, strings.TrimPrefix(string(st.SizeName), "tandem-"))
	}
	ts := st.TextStyle
	for _, f := range []struct {
		on   bool
		name string
	}{{ts.Bold, "bold"}, {ts.Italic, "italic"}, {ts.Monospace, "mono"}, {ts.Underline, "underline"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	if st.ColorName != "" && st.ColorName != theme.ColorNameForeground {
		parts = append(parts, string(st.ColorName))
	}
	if !st.Inline {
		parts = append(parts, "break")
	}
	if len(parts) == 0 {
		return "plain"
	}
	return strings.Join(parts, ",")
}
