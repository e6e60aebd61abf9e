package preview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tandem/markup"
)

// BenchmarkParagraphLayout lays out a 120-character paragraph whose text
// just changed (a new word each time, as when typing) at 521 px: with the
// preview's text block, and with Fyne's RichText, which the text block
// replaced.
func BenchmarkParagraphLayout(b *testing.B) {
	test.NewTempApp(b).Settings().SetTheme(Theme(test.Theme()))
	text := "Another paragraph that runs on for a while so that it wraps over several rows in the editor and in the preview beside it."
	n := 0
	next := func() *markup.Block {
		n++
		word := string(rune('a'+n%26)) + string(rune('a'+n/26%26)) + string(rune('a'+n/676%26))
		return &markup.Render([]byte(text[:60]+word+text[60:]), markup.Options{}).Blocks[0]
	}
	b.Run("textBlock", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			bl := next()
			b.StartTimer()
			heightOf(newTextBlock(bl.Runs), 521, 35)
		}
	})
	b.Run("RichText", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			bl := next()
			b.StartTimer()
			rt := widget.NewRichText(richSegments(bl.Runs)...)
			rt.Wrapping = fyne.TextWrapWord
			heightOf(rt, 521, 35)
		}
	})
}

// richSegments are runs as a RichText's segments, for the comparison.
func richSegments(runs []markup.Run) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, r := range runs {
		segs = append(segs, &widget.TextSegment{Text: r.Text, Style: widget.RichTextStyle{
			Inline: !r.Style.Break, SizeName: sizeOf(r.Style), ColorName: colorOf(r.Style),
			TextStyle: textStyleOf(r.Style), Alignment: textAlign(r.Style.Align)}})
	}
	return segs
}
