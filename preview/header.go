package preview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tandem/preview/markup"
)

// headerObject shows the header as a post layout does: the title, the
// description, the byline, the image; a line under it.
func (v *View) headerObject(h markup.Header) fyne.CanvasObject {
	box := container.New(&columnLayout{})
	if h.Title != "" {
		st := widget.RichTextStyle{SizeName: SizeH1, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameForeground}
		t := widget.NewRichText(&widget.TextSegment{Text: h.Title, Style: st})
		t.Wrapping = fyne.TextWrapWord
		box.Add(t)
	}
	if h.Description != "" {
		st := widget.RichTextStyle{SizeName: SizeH5, ColorName: theme.ColorNameForeground}
		d := widget.NewRichText(&widget.TextSegment{Text: h.Description, Style: st})
		d.Wrapping = fyne.TextWrapWord
		box.Add(d)
	}
	if by := h.Byline(); by != "" {
		l := widget.NewLabel(by)
		l.Importance = widget.LowImportance
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	if h.Image != nil && h.Image.Src != "" {
		box.Add(newImageView(h.Image, markup.Left))
	}
	box.Add(widget.NewSeparator())
	return box
}
