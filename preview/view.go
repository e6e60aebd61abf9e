// Package preview shows a post as its site publishes it, in the window: a
// virtualised view of the blocks package markup makes (only the blocks
// near the view have widgets), laid out by Tandem's own text blocks, kept
// up to date as the post is edited (Live), with the theme sizes it needs.
package preview

import (
	"image/color"
	"io"
	"net/url"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/markup"
)

// View shows a rendered post: its header (title, description, byline,
// image) and its blocks, in a vertical scroll. Only the items (the header
// and the blocks) in or near view have widgets; the others have a height,
// measured when they were last shown or estimated from their text. Set
// keeps the widgets and heights of the blocks that did not change and the
// scroll position, so an edit costs what it changed, and opening a long
// post costs what fits on the screen.
type View struct {
	widget.BaseWidget

	// OnScrolled is called when the user scrolls, with the block at the
	// top of the view (0 is the header) and how far into it.
	OnScrolled func(block int, frac float32)

	doc    *markup.Doc
	header markup.Header
	items  []item
	keys   []uint64  // a buffer for Set
	tops   []float32 // tops[i] is item i's y; tops[len(items)] the column's height
	list   *itemList
	scroll *container.Scroll
	quiet  bool // scrolling from code: do not report it

	filling, refill bool
	estW            float32 // the width the estimates were made for
}

// item is the header (item 0) or a block (item i is block i-1).
type item struct {
	key uint64
	obj fyne.CanvasObject // its widgets while in or near view, else nil
	h   float32           // its height, measured at width w (estimated when w is 0)
	w   float32
}

// NewView returns an empty preview.
func NewView() *View {
	v := &View{}
	v.list = newItemList(v.fill)
	v.scroll = container.NewVScroll(v.list)
	v.scroll.OnScrolled = func(p fyne.Position) {
		v.fill()
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

// Resize shows the items that come into view when the view grows.
func (v *View) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	v.fill()
}

// Scrolled scrolls the view as the mouse wheel does.
func (v *View) Scrolled(e *fyne.ScrollEvent) { v.scroll.Scrolled(e) }

// Doc is the document shown.
func (v *View) Doc() *markup.Doc { return v.doc }

// Set shows a header and a document, reusing the widgets and heights of
// the blocks that did not change. It must run on the UI thread.
func (v *View) Set(h markup.Header, d *markup.Doc) {
	v.doc = d
	n := len(d.Blocks) + 1
	keys := append(v.keys[:0], h.Key())
	v.header = h
	for i := range d.Blocks {
		keys = append(keys, d.Blocks[i].Key)
	}
	v.keys = keys
	// An edit changes a few blocks in the middle: keep the unchanged
	// blocks before and after it by position, and match the middle by
	// content. With as many blocks as before (most edits), in place.
	old := v.items
	pre := 0
	for pre < n && pre < len(old) && keys[pre] == old[pre].key {
		pre++
	}
	suf := 0
	for suf < n-pre && suf < len(old)-pre && keys[n-1-suf] == old[len(old)-1-suf].key {
		suf++
	}
	byKey := map[uint64][]item{}
	for _, it := range old[pre : len(old)-suf] {
		byKey[it.key] = append(byKey[it.key], it)
	}
	items := old
	if n != len(old) {
		items = make([]item, n)
		copy(items, old[:pre])
		copy(items[n-suf:], old[len(old)-suf:])
	}
	w := v.list.Size().Width
	for i := pre; i < n-suf; i++ {
		if l := byKey[keys[i]]; len(l) > 0 {
			items[i], byKey[keys[i]] = l[0], l[1:]
			continue
		}
		items[i] = item{key: keys[i], h: v.estimateItem(i, w)}
	}
	v.items = items
	v.fill()
}

// estimateItem is item i's height at width w before it has widgets.
func (v *View) estimateItem(i int, w float32) float32 {
	if i == 0 {
		return estimateHeader(v.header, w)
	}
	return estimate(&v.doc.Blocks[i-1], w)
}

// object makes the widgets of item i.
func (v *View) object(i int) fyne.CanvasObject {
	if i == 0 {
		return v.watchImages(v.headerObject(v.header))
	}
	return v.watchImages(v.blockObject(&v.doc.Blocks[i-1]))
}

// fill gives widgets to the items in or near view, measures those not
// measured at the current width, places them, and drops the widgets of
// items far out of view. When heights above the view change, the scroll
// offset follows, so that what is at the top of the view stays there.
func (v *View) fill() {
	if v.filling {
		v.refill = true
		return
	}
	w := v.list.Size().Width
	if len(v.items) == 0 || w <= 0 {
		return
	}
	v.filling = true
	defer func() { v.filling = false }()
	for again := true; again; {
		v.refill = false
		v.fillOnce(w)
		again = v.refill
	}
}

func (v *View) fillOnce(w float32) {
	if w != v.estW {
		// Estimates made for another width (or none, before the view was
		// shown) are made again for this one.
		v.estW = w
		for i := range v.items {
			if it := &v.items[i]; it.w != w && it.obj == nil {
				it.h, it.w = v.estimateItem(i, w), 0
			}
		}
	}
	vh := v.scroll.Size().Height
	off := v.scroll.Offset.Y
	v.layoutTops()
	anchor := v.itemAt(off)
	within := off - v.tops[anchor]
	margin := max(vh/2, 200)
	for pass := 0; pass < 8; pass++ {
		changed := false
		for i := v.itemAt(off - margin); i < len(v.items) && v.tops[i] < off+vh+margin; i++ {
			it := &v.items[i]
			if it.obj == nil {
				it.obj = v.object(i)
				it.w = 0
			}
			if it.w != w {
				h := heightOf(it.obj, w, it.h)
				changed = changed || h != it.h
				it.h, it.w = h, w
			}
		}
		if !changed {
			break
		}
		v.layoutTops()
		if off > 0 {
			off = max(v.tops[anchor]+within, 0)
		}
	}
	total := v.tops[len(v.items)]
	off = max(min(off, total-vh), 0)
	keepLo, keepHi := off-vh-margin, off+2*vh+margin
	objs := make([]fyne.CanvasObject, 0, len(v.list.objs)+8)
	for i := range v.items {
		it := &v.items[i]
		if it.obj == nil {
			continue
		}
		if it.w != w || v.tops[i]+it.h < keepLo || v.tops[i] > keepHi {
			it.obj = nil // it keeps its height
			continue
		}
		it.obj.Move(fyne.NewPos(0, v.tops[i]))
		it.obj.Resize(fyne.NewSize(w, it.h))
		objs = append(objs, it.obj)
	}
	v.list.objs = objs
	if v.list.height != total {
		v.list.height = total
		v.scroll.Refresh()
	}
	if off != v.scroll.Offset.Y {
		v.quiet = true
		v.scroll.ScrollToOffset(fyne.NewPos(0, off))
		v.quiet = false
	}
	v.list.Refresh()
}

// layoutTops places the items one under the other.
func (v *View) layoutTops() {
	pad := theme.Padding()
	if cap(v.tops) < len(v.items)+1 {
		v.tops = make([]float32, len(v.items)+1, len(v.items)*5/4+1)
	}
	v.tops = v.tops[:len(v.items)+1]
	y := float32(0)
	for i := range v.items {
		v.tops[i] = y
		y += v.items[i].h + pad
	}
	v.tops[len(v.items)] = y
}

// itemAt is the item at height y in the column.
func (v *View) itemAt(y float32) int {
	n := len(v.items)
	i := sort.Search(n, func(i int) bool { return v.tops[i+1] > y })
	return min(i, max(n-1, 0))
}

// watchImages measures top again when an image in it arrives: its height
// was measured without the picture.
func (v *View) watchImages(top fyne.CanvasObject) fyne.CanvasObject {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *imageView:
			o.onLoad = func() {
				for i := range v.items {
					if v.items[i].obj == top {
						v.items[i].w = 0
						v.fill()
						return
					}
				}
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

// TopBlock returns the block at the top of the view (0 is the header) and
// the fraction of it scrolled past.
func (v *View) TopBlock() (int, float32) {
	if len(v.items) == 0 {
		return 0, 0
	}
	y := v.scroll.Offset.Y
	i := v.itemAt(y)
	h := v.items[i].h
	if h <= 0 {
		return i, 0
	}
	return i, min(max((y-v.tops[i])/h, 0), 1)
}

// ScrollToBlock scrolls so that block i (0 is the header) is at the top,
// frac of it scrolled past, without reporting it to OnScrolled.
func (v *View) ScrollToBlock(i int, frac float32) {
	if len(v.items) == 0 {
		return
	}
	i = min(max(i, 0), len(v.items)-1)
	v.scrollTo(v.tops[i] + frac*v.items[i].h)
}

func (v *View) scrollTo(y float32) {
	maxY := v.list.height - v.scroll.Size().Height
	y = max(min(y, maxY), 0)
	if y == v.scroll.Offset.Y {
		return
	}
	v.quiet = true
	v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	v.quiet = false
	v.fill()
}

// InView is whether block i of the document (0 is its first block) is,
// at least partly, in view.
func (v *View) InView(i int) bool {
	i++
	if i <= 0 || i >= len(v.items) {
		return false
	}
	off, h := v.scroll.Offset.Y, v.scroll.Size().Height
	return v.tops[i] < off+h && v.tops[i]+v.items[i].h > off
}

// ShowLine scrolls, when needed, so that the block made from source line
// line is in view, a third of the way down.
func (v *View) ShowLine(line int) {
	if v.doc == nil {
		return
	}
	i := v.doc.BlockAt(line) + 1
	if i <= 0 || i >= len(v.items) {
		return
	}
	top, bottom := v.tops[i], v.tops[i]+v.items[i].h
	off, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if top >= off && bottom <= off+h || top <= off && bottom >= off+h {
		return
	}
	v.scrollTo(top - h/3)
}

// blockObject makes the widgets of one block.
func (v *View) blockObject(b *markup.Block) fyne.CanvasObject {
	var o fyne.CanvasObject
	switch b.Kind {
	case markup.Rule:
		o = container.New(layout.NewCustomPaddedLayout(theme.Padding()*2, theme.Padding()*2, 0, 0), widget.NewSeparator())
	case markup.ImageBlock:
		o = newImageView(b.Image, b.Align)
	case markup.Table:
		o = tableObject(b)
	case markup.CodeBlock:
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = theme.InputRadiusSize()
		o = container.NewStack(bg, newTextBlock(b.Runs))
	default:
		o = newTextBlock(b.Runs)
	}
	if b.Kind == markup.Heading && b.Level <= 2 {
		o = container.New(layout.NewCustomPaddedLayout(theme.Padding()*2, 0, 0, 0), o)
	}
	if b.Depth > 0 || b.Quote > 0 {
		o = indent(o, b)
	}
	return o
}

// indent places a list item's marker and a quote's bars before a block.
func indent(o fyne.CanvasObject, b *markup.Block) fyne.CanvasObject {
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
func tableObject(b *markup.Block) fyne.CanvasObject {
	cols := 0
	for _, r := range b.Rows {
		cols = max(cols, len(r.Cells))
	}
	if cols == 0 {
		return layout.NewSpacer()
	}
	var cells []fyne.CanvasObject
	for _, r := range b.Rows {
		for j := 0; j < cols; j++ {
			var runs []markup.Run
			if j < len(r.Cells) {
				runs = r.Cells[j].Runs
			}
			rt := newTextBlock(runs)
			bg := canvas.NewRectangle(color.Transparent)
			if r.Header {
				bg.FillColor = theme.Color(theme.ColorNameInputBackground)
			}
			bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
			bg.StrokeWidth = 1
			cells = append(cells, container.NewStack(bg, rt))
		}
	}
	return container.New(&tableLayout{cols: cols}, cells...)
}

// tableLayout lays cells out in rows of cols equal columns, each row as
// tall as its tallest cell at its column's width.
type tableLayout struct{ cols int }

func (l *tableLayout) colWidth(width float32) float32 {
	return (width - theme.Padding()*float32(l.cols-1)) / float32(l.cols)
}

func (l *tableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad, w := theme.Padding(), l.colWidth(size.Width)
	y := float32(0)
	for r := 0; r*l.cols < len(objs); r++ {
		row := objs[r*l.cols : min((r+1)*l.cols, len(objs))]
		h := float32(0)
		for _, o := range row {
			h = max(h, heightOf(o, w, o.Size().Height))
		}
		for c, o := range row {
			o.Move(fyne.NewPos(float32(c)*(w+pad), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
}

func (l *tableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	h, w := float32(0), float32(0)
	for r := 0; r*l.cols < len(objs); r++ {
		rowH := float32(0)
		for _, o := range objs[r*l.cols : min((r+1)*l.cols, len(objs))] {
			m := o.MinSize()
			rowH, w = max(rowH, m.Height), max(w, m.Width)
		}
		h += rowH + pad
	}
	return fyne.NewSize(w*float32(l.cols), max(h-pad, 0))
}

// Dump writes the view's document (see Doc.Dump).
func (v *View) Dump(w io.Writer) {
	if v.doc != nil {
		v.doc.Dump(w)
	}
}

// columnLayout stacks objects whose height depends on their width
// (wrapped text, scaled images): each is sized to the width first, then
// given the height it asks for at that width.
type columnLayout struct{}

// heightOf is o's height at width w, o sized to it; guess is the height
// it probably has. (Sizing first and asking the height after wraps text
// once: asked first, a RichText wraps at no width, then again.)
func heightOf(o fyne.CanvasObject, w, guess float32) float32 {
	o.Resize(fyne.NewSize(w, max(guess, 1)))
	h := o.MinSize().Height
	if h != o.Size().Height {
		o.Resize(fyne.NewSize(w, h))
	}
	return h
}

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := heightOf(o, size.Width, o.Size().Height)
		o.Move(fyne.NewPos(0, y))
		y += h + pad
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
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
	_ = openURL(u)
}

// openURL opens a link in the browser (tests replace it).
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// itemList is the scroll's content: the items that have widgets, placed
// by the View. It tells the View when its width changes.
type itemList struct {
	widget.BaseWidget
	objs    []fyne.CanvasObject
	height  float32
	width   float32
	onWidth func()
}

func newItemList(onWidth func()) *itemList {
	l := &itemList{onWidth: onWidth}
	l.ExtendBaseWidget(l)
	return l
}

// Resize is part of fyne.CanvasObject.
func (l *itemList) Resize(s fyne.Size) {
	l.BaseWidget.Resize(s)
	if s.Width != l.width {
		l.width = s.Width
		l.onWidth()
	}
}

func (l *itemList) CreateRenderer() fyne.WidgetRenderer { return &itemListRenderer{l} }

type itemListRenderer struct{ l *itemList }

func (r *itemListRenderer) Layout(fyne.Size)             {}
func (r *itemListRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, r.l.height) }
func (r *itemListRenderer) Objects() []fyne.CanvasObject { return r.l.objs }
func (r *itemListRenderer) Destroy()                     {}
func (r *itemListRenderer) Refresh()                     { canvas.Refresh(r.l) }
