package preview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"tandem/markup"
)

// headerObject shows the header as a post layout does: the title, the
// description, the byline, the image; a line under it.
func (v *View) headerObject(h markup.Header) fyne.CanvasObject {
	box := container.New(&columnLayout{})
	// The title and the description as the post layout prints them (HTML
	// or Markdown in them applied, when it does).
	if h.Title != "" {
		box.Add(newTextBlock(markup.TextRuns(h.TitleParts(), markup.RunStyle{Size: markup.SizeH1, Bold: true})))
	}
	if h.Description != "" {
		box.Add(newTextBlock(markup.TextRuns(h.DescriptionParts(), markup.RunStyle{Size: markup.SizeH5})))
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
