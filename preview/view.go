package preview

import (
	"hash/fnv"
	"image/color"
	"io"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// View shows a rendered post: its header (title, description, byline,
// image) and its blocks, in a vertical scroll. Set replaces only the
// blocks that changed, and keeps the scroll position.
type View struct {
	widget.BaseWidget

	// OnScrolled is called when the user scrolls, with the block at the
	// top of the view (0 is the header) and how far into it.
	OnScrolled func(block int, frac float32)

	doc    *Doc
	header Header
	box    *blockList
	scroll *container.Scroll
	objs   []fyne.CanvasObject
	keys   []uint64
	quiet  bool // scrolling from code: do not report it
}

// NewView returns an empty preview.
func NewView() *View {
	v := &View{}
	v.box = newBlockList(func() { v.scroll.Refresh() })
	v.scroll = container.NewVScroll(v.box)
	v.scroll.OnScrolled = func(p fyne.Position) {
		if v.quiet || v.OnScrolled == nil {
			return
		}
		v.OnScrolled(v.TopBlock())
	}
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.scroll)
}

// Doc is the document shown.
func (v *View) Doc() *Doc { return v.doc }

// Set shows a header and a document, reusing the widgets of blocks that
// did not change. It must run on the UI thread.
func (v *View) Set(h Header, d *Doc) {
	v.doc = d
	n := len(d.Blocks) + 1
	objs := make([]fyne.CanvasObject, n)
	keys := make([]uint64, n)
	hk := h.key()
	keys[0] = hk
	if len(v.keys) > 0 && v.keys[0] == hk {
		objs[0] = v.objs[0]
	} else {
		objs[0] = v.watchImages(v.headerObject(h))
	}
	v.header = h
	for i := range d.Blocks {
		b := &d.Blocks[i]
		keys[i+1] = b.key
		if keys[i+1] == 0 {
			keys[i+1] = blockKey(b)
		}
	}
	// An edit changes a few blocks in the middle: keep the widgets of the
	// unchanged blocks before and after it by position, and match the
	// middle by content.
	pre := 1
	for pre < n && pre < len(v.keys) && keys[pre] == v.keys[pre] {
		objs[pre] = v.objs[pre]
		pre++
	}
	suf := 0
	for suf < n-pre && suf < len(v.keys)-pre && keys[n-1-suf] == v.keys[len(v.keys)-1-suf] {
		objs[n-1-suf] = v.objs[len(v.keys)-1-suf]
		suf++
	}
	old := map[uint64][]fyne.CanvasObject{}
	for i := pre; i < len(v.keys)-suf; i++ {
		old[v.keys[i]] = append(old[v.keys[i]], v.objs[i])
	}
	for i := pre; i < n-suf; i++ {
		if l := old[keys[i]]; len(l) > 0 {
			objs[i], old[keys[i]] = l[0], l[1:]
		} else {
			objs[i] = v.watchImages(v.blockObject(&d.Blocks[i-1]))
		}
	}
	v.objs, v.keys = objs, keys
	v.box.set(objs)
}

// watchImages lays top out again when an image in it arrives: its
// height was measured without the picture.
func (v *View) watchImages(top fyne.CanvasObject) fyne.CanvasObject {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *imageView:
			o.onLoad = func() {
				delete(v.box.layout.cache, top)
				v.box.Refresh()
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(top)
	return top
}

// blockKey identifies a block's content, wherever it is in the post.
func blockKey(b *Block) uint64 {
	h := fnv.New64a()
	d := Doc{Blocks: []Block{*b}}
	d.Blocks[0].Line, d.Blocks[0].End, d.Blocks[0].key = 0, 0, 0
	d.Dump(h)
	return h.Sum64()
}

// TopBlock returns the block at the top of the view (0 is the header) and
// the fraction of it scrolled past.
func (v *View) TopBlock() (int, float32) {
	y := v.scroll.Offset.Y
	for i, o := range v.objs {
		top, h := o.Position().Y, o.Size().Height
		if top+h > y {
			if h <= 0 {
				return i, 0
			}
			return i, min(max((y-top)/h, 0), 1)
		}
	}
	return max(len(v.objs)-1, 0), 0
}

// ScrollToBlock scrolls so that block i (0 is the header) is at the top,
// frac of it scrolled past, without reporting it to OnScrolled.
func (v *View) ScrollToBlock(i int, frac float32) {
	if len(v.objs) == 0 {
		return
	}
	i = min(max(i, 0), len(v.objs)-1)
	o := v.objs[i]
	v.scrollTo(o.Position().Y + frac*o.Size().Height)
}

func (v *View) scrollTo(y float32) {
	maxY := v.box.MinSize().Height - v.scroll.Size().Height
	y = max(min(y, maxY), 0)
	if y == v.scroll.Offset.Y {
		return
	}
	v.quiet = true
	v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	v.quiet = false
}

// ShowLine scrolls, when needed, so that the block made from source line
// line is in view, a third of the way down.
func (v *View) ShowLine(line int) {
	if v.doc == nil {
		return
	}
	i := v.doc.BlockAt(line) + 1
	if i <= 0 || i >= len(v.objs) {
		return
	}
	o := v.objs[i]
	top, bottom := o.Position().Y, o.Position().Y+o.Size().Height
	off, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if top >= off && bottom <= off+h || top <= off && bottom >= off+h {
		return
	}
	v.scrollTo(top - h/3)
}

// blockObject makes the widgets of one block.
func (v *View) blockObject(b *Block) fyne.CanvasObject {
	var o fyne.CanvasObject
	switch b.Kind {
	case Rule:
		o = container.New(layout.NewCustomPaddedLayout(theme.Padding()*2, theme.Padding()*2, 0, 0), widget.NewSeparator())
	case ImageBlock:
		o = newImageView(b.Image, b.Align)
	case Table:
		o = tableObject(b)
	case CodeBlock:
		rt := widget.NewRichText(b.segs...)
		rt.Wrapping = fyne.TextWrapBreak
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = theme.InputRadiusSize()
		o = container.NewStack(bg, rt)
	default:
		o = newTextBlock(b.segs, b.links)
	}
	if b.Kind == Heading && b.Level <= 2 {
		o = container.New(layout.NewCustomPaddedLayout(theme.Padding()*2, 0, 0, 0), o)
	}
	if b.Depth > 0 || b.Quote > 0 {
		o = indent(o, b)
	}
	return o
}

// indent places a list item's marker and a quote's bars before a block.
func indent(o fyne.CanvasObject, b *Block) fyne.CanvasObject {
	objs := []fyne.CanvasObject{o}
	var marker *widget.Label
	if b.Marker != "" {
		marker = widget.NewLabel(b.Marker)
		marker.Alignment = fyne.TextAlignTrailing
		objs = append(objs, marker)
	}
	for q := 0; q < b.Quote; q++ {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		objs = append(objs, bar)
	}
	return container.New(&indentLayout{depth: b.Depth, quote: b.Quote, marker: marker}, objs...)
}

// indentLayout puts the content after depth list steps and quote bars;
// the marker ends just before the content.
type indentLayout struct {
	depth, quote int
	marker       *widget.Label
}

const (
	listStep  = 28
	quoteStep = 16
)

func (l *indentLayout) offset() float32 {
	return float32(l.quote*quoteStep + l.depth*listStep)
}

func (l *indentLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := l.offset()
	objs[0].Move(fyne.NewPos(x, 0))
	objs[0].Resize(fyne.NewSize(size.Width-x, size.Height))
	bars := objs[1:]
	if l.marker != nil {
		w := l.marker.MinSize().Width
		l.marker.Move(fyne.NewPos(x-w+theme.InnerPadding()-2, 0))
		l.marker.Resize(fyne.NewSize(w, l.marker.MinSize().Height))
		bars = objs[2:]
	}
	for q, bar := range bars {
		bar.Move(fyne.NewPos(float32(q*quoteStep)+4, 2))
		bar.Resize(fyne.NewSize(3, size.Height-4))
	}
}

func (l *indentLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width+l.offset(), m.Height)
}

// tableObject lays a table out as a grid of cells, the header row shaded.
func tableObject(b *Block) fyne.CanvasObject {
	cols := 0
	for _, r := range b.Rows {
		cols = max(cols, len(r.Cells))
	}
	if cols == 0 {
		return layout.NewSpacer()
	}
	var cells []fyne.CanvasObject
	for i, r := range b.Rows {
		for j := 0; j < cols; j++ {
			var segs []widget.RichTextSegment
			if j < len(r.Cells) {
				segs = b.CellSegments(i, j)
			}
			var links []string
			if j < len(r.Cells) {
				links = r.Cells[j].links
			}
			rt := newTextBlock(segs, links)
			bg := canvas.NewRectangle(color.Transparent)
			if r.Header {
				bg.FillColor = theme.Color(theme.ColorNameInputBackground)
			}
			bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
			bg.StrokeWidth = 1
			cells = append(cells, container.NewStack(bg, rt))
		}
	}
	return container.NewGridWithColumns(cols, cells...)
}

// Dump writes the view's document (see Doc.Dump).
func (v *View) Dump(w io.Writer) {
	if v.doc != nil {
		v.doc.Dump(w)
	}
}

// columnLayout stacks blocks whose height depends on their width
// (wrapped text, scaled images): each is sized to the width first, then
// given the height it asks for at that width. With a cache, a block's
// height is measured once per width (and again when an image in it
// arrives, see watchImages).
type columnLayout struct {
	height   float32
	onHeight func() // the total height changed after a layout
	cache    map[fyne.CanvasObject]fyne.Size
	width    float32
}

// forget drops the cached sizes of blocks no longer shown.
func (l *columnLayout) forget(objs []fyne.CanvasObject) {
	if l.cache == nil || len(l.cache) < 2*len(objs)+64 {
		return
	}
	keep := make(map[fyne.CanvasObject]fyne.Size, len(objs))
	for _, o := range objs {
		if s, ok := l.cache[o]; ok {
			keep[o] = s
		}
	}
	l.cache = keep
}

// heightOf is o's height at width w.
func (l *columnLayout) heightOf(o fyne.CanvasObject, w float32) float32 {
	if s, ok := l.cache[o]; ok && s.Width == w {
		return s.Height
	}
	h := o.MinSize().Height
	o.Resize(fyne.NewSize(w, h))
	if h2 := o.MinSize().Height; h2 != h {
		h = h2
		o.Resize(fyne.NewSize(w, h))
	}
	if l.cache != nil {
		l.cache[o] = fyne.NewSize(w, h)
	}
	return h
}

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	y := float32(0)
	l.width = size.Width
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := l.heightOf(o, size.Width)
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h + pad
	}
	if y != l.height {
		l.height = y
		if l.onHeight != nil {
			fyne.Do(l.onHeight)
		}
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if l.cache != nil && l.width > 0 {
		return fyne.NewSize(0, l.height)
	}
	pad := theme.Padding()
	h := float32(0)
	w := float32(0)
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			h += m.Height + pad
			w = max(w, min(m.Width, 200))
		}
	}
	return fyne.NewSize(w, h)
}

// textBlock is a paragraph's rich text; tapping it opens its link, or
// offers its links when it has several. (Links are drawn as text
// segments: Fyne's hyperlink segments do not wrap.)
type textBlock struct {
	widget.BaseWidget
	rt    *widget.RichText
	links []string
}

func newTextBlock(segs []widget.RichTextSegment, links []string) *textBlock {
	t := &textBlock{rt: widget.NewRichText(segs...)}
	t.rt.Wrapping = fyne.TextWrapWord
	seen := map[string]bool{}
	for _, l := range links {
		if l != "" && !seen[l] {
			seen[l] = true
			t.links = append(t.links, l)
		}
	}
	t.ExtendBaseWidget(t)
	return t
}

func (t *textBlock) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.rt) }

// Cursor shows a pointer over text with links.
func (t *textBlock) Cursor() desktop.Cursor {
	if len(t.links) > 0 {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// Tapped opens the block's link, or offers its links in a menu.
func (t *textBlock) Tapped(e *fyne.PointEvent) {
	switch len(t.links) {
	case 0:
		return
	case 1:
		openLink(t.links[0])
		return
	}
	var items []*fyne.MenuItem
	for _, l := range t.links {
		item := fyne.NewMenuItem(l, func() { openLink(l) })
		item.Disabled = !absolute(l)
		items = append(items, item)
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, e.AbsolutePosition)
	}
}

// absolute is whether a link can open in the browser on its own.
func absolute(l string) bool {
	u, err := url.Parse(l)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto")
}

func openLink(l string) {
	if !absolute(l) {
		return
	}
	u, _ := url.Parse(l)
	_ = fyne.CurrentApp().OpenURL(u)
}

// blockList holds the preview's blocks in a column. Unlike a container,
// refreshing it lays its blocks out again without refreshing each of them
// (a changed block is a new widget), so that an edit costs what changed.
type blockList struct {
	widget.BaseWidget
	objs   []fyne.CanvasObject
	layout *columnLayout
}

func newBlockList(onHeight func()) *blockList {
	b := &blockList{layout: &columnLayout{onHeight: onHeight, cache: map[fyne.CanvasObject]fyne.Size{}}}
	b.ExtendBaseWidget(b)
	return b
}

func (b *blockList) set(objs []fyne.CanvasObject) {
	b.objs = objs
	b.layout.forget(objs)
	b.Refresh()
}

func (b *blockList) CreateRenderer() fyne.WidgetRenderer { return &blockListRenderer{b} }

type blockListRenderer struct{ b *blockList }

func (r *blockListRenderer) Layout(s fyne.Size)           { r.b.layout.Layout(r.b.objs, s) }
func (r *blockListRenderer) MinSize() fyne.Size           { return r.b.layout.MinSize(r.b.objs) }
func (r *blockListRenderer) Objects() []fyne.CanvasObject { return r.b.objs }
func (r *blockListRenderer) Destroy()                     {}
func (r *blockListRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}
