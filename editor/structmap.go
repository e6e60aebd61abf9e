package editor

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/check"
	"tandem/markup/align"
	"tandem/model"
)

// structMap is the narrow strip between the columns: one mark per
// aligned pair of blocks, from the top of the post to its end, coloured
// by its state. Hovering a mark says what it is in the status bar (Fyne
// has no tooltips); a click brings both columns to it.
type structMap struct {
	widget.BaseWidget
	k     *checks
	marks []mapMark
	in    bool
	saved string // the status bar's text before hovering
}

// mapMark is one match's mark: where it spans (0-1 of the strip) and its
// state; what it says is made when it is hovered (see text).
type mapMark struct {
	top, height float32
	state       markState
}

type markState int

const (
	markFine    markState = iota
	markFinding           // a check failed
	markMissing           // a source block without counterpart
	markAdded             // a block only the translation has
	markDrafted           // a drafted block no one has read yet
)

// colorDrafted is the colour of the drafted blocks not read yet, in the
// text and on the structure map: the theme's hyperlink colour, apart
// from the findings' warning and error colours.
const colorDrafted = theme.ColorNameHyperlink

var (
	_ fyne.Tappable     = (*structMap)(nil)
	_ desktop.Hoverable = (*structMap)(nil)
)

func newStructMap(k *checks) *structMap {
	m := &structMap{k: k}
	m.ExtendBaseWidget(m)
	return m
}

// lines are the first and last file lines of a match's blocks on one
// side, given the blocks' lines in the body (0, 0 for none).
func lines(blocks [][2]int, r *[2]int, base int) (int, int) {
	if r == nil || r[1] >= len(blocks) {
		return 0, 0
	}
	return blocks[r[0]][0] + base, blocks[r[1]][1] + base
}

// structMarks are the marks of an alignment of source with target and
// their findings (made off the UI thread).
func structMarks(ms []align.Match, srcBodyLine, tgtBodyLine int, sb, tb [][2]int, found []model.Finding) []mapMark {
	sBase, tBase := srcBodyLine-1, tgtBodyLine-1
	named := map[int]bool{}   // source lines the findings name
	drafted := map[int]bool{} // and those of drafted blocks
	for _, f := range found {
		if f.Rule == check.RuleDraft {
			drafted[f.SourceLine] = true
			continue
		}
		named[f.SourceLine] = true
	}
	weights := make([]float32, len(ms))
	total := float32(0)
	for i, mt := range ms {
		a0, a1 := lines(sb, mt.Src, sBase)
		b0, b1 := lines(tb, mt.Tgt, tBase)
		weights[i] = float32(max(a1-a0+1, b1-b0+1, 1))
		total += weights[i]
	}
	out := make([]mapMark, 0, len(ms))
	at := float32(0)
	for i, mt := range ms {
		mk := mapMark{top: at / total, height: weights[i] / total}
		at += weights[i]
		s0, _ := lines(sb, mt.Src, sBase)
		switch {
		case mt.Src != nil && mt.Tgt == nil && named[s0]:
			mk.state = markMissing
		case mt.Src != nil && named[s0]:
			mk.state = markFinding
		case mt.Src != nil && drafted[s0]:
			mk.state = markDrafted
		case mt.Src == nil:
			mk.state = markAdded
		}
		out = append(out, mk)
	}
	return out
}

// set shows marks, drawing them again when they changed.
func (m *structMap) set(marks []mapMark) {
	if !sameMarks(m.marks, marks) {
		m.marks = marks
		m.Refresh()
	}
}

// text says what mark i is: the lines of its blocks, and the first
// finding about it.
func (m *structMap) text(i int) string {
	k := m.k
	matches, srcLines, tgtLines := k.live.Matches()
	if i >= len(matches) || k.srcCol == nil {
		return ""
	}
	mt := matches[i]
	sBase, tBase := k.srcCol.post.Doc.BodyLine()-1, k.tgtCol.post.Doc.BodyLine()-1
	s0, s1 := lines(srcLines, mt.Src, sBase)
	t0, t1 := lines(tgtLines, mt.Tgt, tBase)
	where := func(a, b int) string {
		switch {
		case a == 0:
			return "—"
		case a == b:
			return fmt.Sprint(a)
		}
		return fmt.Sprintf("%d–%d", a, b)
	}
	text := fmt.Sprintf("%s %s · %s %s: ", languageName(k.srcCol.lang), where(s0, s1), languageName(k.tgtCol.lang), where(t0, t1))
	var fs []model.Finding
	for _, f := range k.live.Found(k.tgtCol.post.Path) {
		if mt.Src != nil && f.SourceLine == s0 {
			fs = append(fs, f)
		}
	}
	switch {
	case len(fs) > 0:
		text += findingText(fs[0])
		if len(fs) > 1 {
			text += fmt.Sprintf(" (+%d)", len(fs)-1)
		}
	case mt.Src == nil:
		text += lang.L("only in the translation")
	default:
		text += lang.L("aligned, no finding")
	}
	return text
}

// sameMarks reports whether two lists of marks look the same.
func sameMarks(a, b []mapMark) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].top != b[i].top || a[i].height != b[i].height || a[i].state != b[i].state {
			return false
		}
	}
	return true
}

// at is the index of the mark at y, -1 when none.
func (m *structMap) at(y float32) int {
	h := m.Size().Height
	if h <= 0 {
		return -1
	}
	f := y / h
	for i, mk := range m.marks {
		if f >= mk.top && f < mk.top+mk.height {
			return i
		}
	}
	return -1
}

// Tapped brings both columns to the mark's blocks.
func (m *structMap) Tapped(ev *fyne.PointEvent) {
	if i := m.at(ev.Position.Y); i >= 0 {
		m.k.showMatch(i)
	}
}

// MouseIn remembers the status bar's text.
func (m *structMap) MouseIn(ev *desktop.MouseEvent) {
	if !m.in {
		m.in, m.saved = true, m.k.e.status.Text
	}
	m.MouseMoved(ev)
}

// MouseMoved says in the status bar what the mark under the pointer is.
func (m *structMap) MouseMoved(ev *desktop.MouseEvent) {
	if i := m.at(ev.Position.Y); i >= 0 {
		m.k.e.setStatus(m.text(i))
	}
}

// MouseOut puts the status bar's text back.
func (m *structMap) MouseOut() {
	if m.in {
		m.in = false
		m.k.e.setStatus(m.saved)
	}
}

// MinSize is a narrow strip.
func (m *structMap) MinSize() fyne.Size { return fyne.NewSize(14, 40) }

func (m *structMap) CreateRenderer() fyne.WidgetRenderer {
	r := &structMapRenderer{m: m}
	// One image of the marks, drawn again only when they or the size
	// change: a long post has a thousand marks, and a rectangle each
	// would be a thousand objects to paint on every frame (every
	// keystroke) of the window.
	r.img = canvas.NewRaster(r.draw)
	r.img.ScaleMode = canvas.ImageScalePixels
	return r
}

type structMapRenderer struct {
	m   *structMap
	img *canvas.Raster
}

// stateColor is a mark's colour: quiet when fine, the theme's warning
// and error colours for a finding and a missing block.
func stateColor(s markState) color.Color {
	switch s {
	case markFinding:
		return theme.Color(theme.ColorNameWarning)
	case markMissing:
		return theme.Color(theme.ColorNameError)
	case markAdded:
		return theme.Color(theme.ColorNamePrimary)
	case markDrafted:
		return theme.Color(colorDrafted)
	}
	c := theme.Color(theme.ColorNameSuccess)
	rr, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(rr >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x70}
}

// draw paints the strip at w×h pixels: the background, then each mark
// 3 units in from the sides, at least 2 units high, a unit apart.
func (r *structMapRenderer) draw(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w <= 0 || h <= 0 {
		return img
	}
	draw.Draw(img, img.Bounds(), image.NewUniform(theme.Color(theme.ColorNameInputBackground)), image.Point{}, draw.Src)
	unit := float32(h) / max(r.m.Size().Height, 1) // pixels per unit
	x0, x1 := int(3*unit), w-int(3*unit)
	for _, mk := range r.m.marks {
		y0 := int(mk.top * float32(h))
		y1 := y0 + int(max(mk.height*float32(h)-unit, 2*unit))
		draw.Draw(img, image.Rect(x0, y0, x1, min(y1, h)), image.NewUniform(stateColor(mk.state)), image.Point{}, draw.Over)
	}
	return img
}

func (r *structMapRenderer) Layout(size fyne.Size) { r.img.Resize(size) }

func (r *structMapRenderer) MinSize() fyne.Size { return r.m.MinSize() }

func (r *structMapRenderer) Refresh() { r.img.Refresh() }

func (r *structMapRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.img} }

func (r *structMapRenderer) Destroy() {}
