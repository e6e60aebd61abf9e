package preview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func BenchmarkMeasureParagraph(b *testing.B) {
	test.NewTempApp(b).Settings().SetTheme(Theme(test.Theme()))
	v := NewView()
	text := "Another paragraph that runs on for a while so that it wraps over several rows in the editor and in the preview beside it."
	n := 0
	next := func() *Doc {
		n++
		return Render([]byte(text[:60]+string(rune('a'+n%26))+string(rune('a'+n/26%26))+text[60:]), Options{})
	}
	b.Run("heightOf", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			d := next()
			b.StartTimer()
			o := v.blockObject(&d.Blocks[0])
			heightOf(o, 521, 35)
		}
	})
	b.Run("resizeFirst", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			d := next()
			b.StartTimer()
			o := v.blockObject(&d.Blocks[0])
			o.Resize(fyne.NewSize(521, 35))
			h := o.MinSize().Height
			if h != 35 {
				o.Resize(fyne.NewSize(521, h))
			}
		}
	})
}
