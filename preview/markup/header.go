package markup

import (
	"hash/fnv"
	"strings"
	"time"
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

// Key identifies what the header shows.
func (h Header) Key() uint64 {
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
