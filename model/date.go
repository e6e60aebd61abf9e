package model

import (
	"strings"
	"sync"
	"time"
)

// dateLayouts are the date shapes seen in Jekyll and Hugo front matter.
// Each is tried in turn; a shape matches when formatting the parsed time
// with it gives back the text exactly, so the shape can be kept on edit.
var dateLayouts = []string{
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.000Z07:00",
	"2006-01-02T15:04:05.000000Z07:00",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.000",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02",
}

// ParseDate reads a front-matter date and returns the time and the layout
// that writes it back exactly as it was.
func ParseDate(s string) (t time.Time, layout string, ok bool) {
	s = strings.TrimSpace(s)
	if !looksLikeDate(s) {
		return time.Time{}, "", false
	}
	// Dates of one site share a few shapes: the layout that wrote a value
	// of the same shape before is tried first.
	shape := dateShape(s)
	if v, hit := shapeLayouts.Load(shape); hit {
		l := v.(string)
		if t, err := time.Parse(l, s); err == nil && t.Format(l) == s {
			return t, l, true
		}
	}
	for _, l := range dateLayouts {
		if len(l) > len(s)+6 {
			continue
		}
		if t, err := time.Parse(l, s); err == nil && t.Format(l) == s {
			shapeLayouts.Store(shape, l)
			return t, l, true
		}
	}
	// A shape we do not know how to write back, but a valid date still.
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, "", true
		}
	}
	return time.Time{}, "", false
}

// shapeLayouts maps a date's shape (see dateShape) to the layout that
// wrote a value of that shape back exactly.
var shapeLayouts sync.Map

// dateShape is s with every digit as 9: 2024-03-05 09:00:00 -0500 and
// 2017-07-18 10:30:00 -0400 have the same shape.
func dateShape(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '9'
		}
	}
	return string(b)
}

// looksLikeDate is a quick test that s starts like YYYY-MM-DD, so that
// other values are not tried against every layout.
func looksLikeDate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// hasClock reports whether a layout has a time of day; hasZone whether it
// has a zone.
func hasClock(layout string) bool { return strings.Contains(layout, "15") }
func hasZone(layout string) bool {
	return strings.Contains(layout, "07") || strings.Contains(layout, "MST")
}

// ReshapeDate writes the date given as text in the shape of old, the value
// the field had: a new day keeps old's time of day and zone when the new
// text has none. It returns text unchanged when either is not a date.
func ReshapeDate(old, text string) string {
	ot, ol, ok1 := ParseDate(old)
	nt, nl, ok2 := ParseDate(text)
	if !ok1 || !ok2 || ol == "" || nl == ol {
		return text
	}
	if !hasClock(nl) {
		nt = time.Date(nt.Year(), nt.Month(), nt.Day(), ot.Hour(), ot.Minute(), ot.Second(), ot.Nanosecond(), ot.Location())
	} else if !hasZone(nl) {
		nt = time.Date(nt.Year(), nt.Month(), nt.Day(), nt.Hour(), nt.Minute(), nt.Second(), nt.Nanosecond(), ot.Location())
	}
	return nt.Format(ol)
}

// MoveDay writes other, a post's own date, on the day that value writes,
// keeping other's time of day, zone and shape: a shared date moved to
// another day moves the other post of the pair to that day, at its own
// time. When either is not a date it returns value in other's shape.
func MoveDay(other, value string) string {
	ot, ol, ok1 := ParseDate(other)
	nt, _, ok2 := ParseDate(value)
	if !ok1 || !ok2 || ol == "" {
		return ReshapeDate(other, value)
	}
	moved := time.Date(nt.Year(), nt.Month(), nt.Day(), ot.Hour(), ot.Minute(), ot.Second(), ot.Nanosecond(), ot.Location())
	return moved.Format(ol)
}
