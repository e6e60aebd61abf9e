package preview

import (
	"hash/fnv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Header is what a post layout shows above the body, from the front
// matter: title, description, author, date and image.
type Header struct {
	Lang        string
	Title       string
	Description string
	Author      string
	Date        time.Time // zero when the post has none
	Image       *Image
}

func (h Header) key() uint64 {
	f := fnv.New64a()
	f.Write([]byte(h.Lang + "\x00" + h.Title + "\x00" + h.Description + "\x00" + h.Author + "\x00" + h.Date.String()))
	if h.Image != nil {
		f.Write([]byte("\x00" + h.Image.Src + "\x00" + h.Image.File + "\x00" + h.Image.URL + "\x00" + h.Image.Alt))
	}
	return f.Sum64()
}

var monthNames = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
}

// FormatDate writes a date the way the post's language does: "March 5,
// 2024", "5 mars 2024".
func FormatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	switch lang {
	case "fr":
		d := itoa(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return d + " " + monthNames["fr"][t.Month()-1] + " " + itoa(t.Year())
	case "en":
		return monthNames["en"][t.Month()-1] + " " + itoa(t.Day()) + ", " + itoa(t.Year())
	}
	return t.Format("2006-01-02")
}

// Byline is "author · date".
func (h Header) Byline() string {
	var parts []string
	if h.Author != "" {
		parts = append(parts, h.Author)
	}
	if d := FormatDate(h.Date, h.Lang); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// headerObject shows the header as a post layout does: the title, the
// description, the byline, the image; a line under it.
func (v *View) headerObject(h Header) fyne.CanvasObject {
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
		box.Add(newImageView(h.Image, Left))
	}
	box.Add(widget.NewSeparator())
	return box
}
