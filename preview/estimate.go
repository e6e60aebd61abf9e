package preview

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"tandem/markup"
)

// The view measures a block when it first comes into view; until then it
// places it at an estimated height: its text's length over the width, in
// rows of its text size. Estimates only need to be close: they decide the
// scroll bar and where a block far away is scrolled to.

// estimate is block b's height at width w, before it has widgets.
func estimate(b *markup.Block, w float32) float32 {
	inner := theme.InnerPadding()
	avail := max(w-float32(b.Quote*quoteStep+b.Depth*listStep)-2*inner, 60)
	switch b.Kind {
	case markup.Rule:
		return 4*theme.Padding() + theme.SeparatorThicknessSize()
	case markup.ImageBlock:
		return imageHeight(b.Image, avail+2*inner)
	case markup.Table:
		cols := 1
		for _, r := range b.Rows {
			cols = max(cols, len(r.Cells))
		}
		h := float32(0)
		for _, r := range b.Rows {
			rowH := float32(0)
			for j := range r.Cells {
				rowH = max(rowH, textHeight(r.Cells[j].Runs, avail/float32(cols)-2*inner))
			}
			h += rowH + 2*inner
		}
		return h + float32(len(b.Rows)-1)*theme.Padding()
	}
	h := textHeight(b.Runs, avail) + 2*inner
	if b.Kind == markup.Heading && b.Level <= 2 {
		h += 2 * theme.Padding()
	}
	return h
}

// estimateHeader is the header's height at width w, before it has
// widgets.
func estimateHeader(h markup.Header, w float32) float32 {
	inner := theme.InnerPadding()
	avail := max(w-2*inner, 60)
	total := 2 * theme.Padding()
	for _, t := range []struct {
		text string
		size markup.Size
	}{{h.Title, markup.SizeH1}, {h.Description, markup.SizeH5}, {h.Byline(), markup.SizeText}} {
		if t.text != "" {
			run := markup.Run{Text: t.text, Style: markup.RunStyle{Size: t.size}}
			total += textHeight([]markup.Run{run}, avail) + 2*inner + theme.Padding()
		}
	}
	if h.Image != nil && h.Image.Src != "" {
		total += imageHeight(h.Image, w) + theme.Padding()
	}
	return total
}

// imageHeight is the height of an image and its caption at width w: the
// picture's own when it is loaded already, else a guess.
func imageHeight(img *markup.Image, w float32) float32 {
	key := img.File
	if key == "" {
		key = img.URL
	}
	pic := min(w*0.5, 240)
	if s, ok := images.size(key); ok && s.Width > 0 {
		pw := min(s.Width, w-2*theme.InnerPadding())
		pic = pw * s.Height / s.Width
	}
	return pic + textMetrics(theme.SizeNameText, fyne.TextStyle{}).row + 2*theme.InnerPadding()
}

// textHeight is the height of segments wrapped at width avail: each
// segment's characters at its style's mean width, a row break after a
// segment that is not inline (and line spacing) and at each line break
// in its text.
func textHeight(runs []markup.Run, avail float32) float32 {
	rows, gaps, rowH := 0, 0, float32(0)
	lineW := float32(0)
	endRow := func() {
		rows += max(int(math.Ceil(float64(lineW/avail))), 1)
		lineW = 0
	}
	for _, t := range runs {
		m := textMetrics(sizeOf(t.Style), textStyleOf(t.Style))
		rowH = max(rowH, m.row)
		text := t.Text
		for {
			line, rest, more := strings.Cut(text, "\n")
			lineW += float32(utf8.RuneCountInString(line)) * m.char
			if !more {
				break
			}
			endRow()
			text = rest
		}
		if t.Style.Break {
			endRow()
			gaps++
		}
	}
	if lineW > 0 || rows == 0 {
		endRow()
	} else if gaps > 0 {
		gaps-- // none after the last row
	}
	if rowH == 0 {
		rowH = textMetrics(theme.SizeNameText, fyne.TextStyle{}).row
	}
	return float32(rows)*rowH + float32(gaps)*theme.LineSpacing()
}

type metrics struct{ char, row float32 }

type metricsKey struct {
	size  float32
	style fyne.TextStyle
}

var (
	metricsMu    sync.Mutex
	metricsCache = map[metricsKey]metrics{}
)

// sampleText is typical English and French prose, for the mean width of a
// character.
const sampleText = "The team wrote about what they learned this year. L'équipe a écrit sur ce qu'elle a appris cette année."

// textMetrics is the mean width of a character and the height of a row in
// a text size and style.
func textMetrics(name fyne.ThemeSizeName, style fyne.TextStyle) metrics {
	size := theme.Size(name)
	style = fyne.TextStyle{Bold: style.Bold, Italic: style.Italic, Monospace: style.Monospace}
	k := metricsKey{size, style}
	metricsMu.Lock()
	defer metricsMu.Unlock()
	if m, ok := metricsCache[k]; ok {
		return m
	}
	s := fyne.MeasureText(sampleText, size, style)
	m := metrics{char: s.Width / float32(utf8.RuneCountInString(sampleText)), row: s.Height}
	metricsCache[k] = m
	return m
}
