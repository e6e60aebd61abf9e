package preview

import (
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tandem/markup"
)

// TestWrapRuns checks the text block's wrapping: no row wider than the
// width, every word kept in order, a word too long for a row broken
// between characters, line breaks and runs that break the line ending
// rows.
func TestWrapRuns(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(Theme(test.Theme()))
	plain := markup.RunStyle{}
	bold := markup.RunStyle{Bold: true}
	end := markup.RunStyle{Break: true}
	runs := []markup.Run{
		{Text: "Une phrase en français, avec « des guillemets » et ", Style: plain},
		{Text: "du texte en gras", Style: bold},
		{Text: " puis un mot interminable: anticonstitutionnellementanticonstitutionnellement.", Style: end},
		{Text: "Second line\nthird line", Style: plain},
	}
	for _, avail := range []float32{120, 200, 400, 2000} {
		rows, _ := wrapRuns(runs, avail)
		var got []string
		for i, r := range rows {
			if r.w > avail+0.5 {
				t.Errorf("width %v: row %d is %v wide", avail, i, r.w)
			}
			var b strings.Builder
			for _, pc := range r.pieces {
				b.WriteString(pc.text)
			}
			got = append(got, b.String())
		}
		joined := strings.Join(got, "")
		var want strings.Builder
		for _, r := range runs {
			want.WriteString(r.Text)
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(joined) != squash(want.String()) {
			t.Errorf("width %v: text changed:\n%q\n%q", avail, joined, want.String())
		}
		// "Second line" starts a row after the non-inline segment, and
		// "third line" after the line break.
		starts := map[string]bool{}
		for _, g := range got {
			starts[strings.Fields(g + " x")[0]] = true
		}
		if !starts["Second"] || !starts["third"] {
			t.Errorf("width %v: rows %q", avail, got)
		}
		if avail == 2000 && len(rows) != 3 {
			t.Errorf("width 2000: %d rows, want 3: %q", len(rows), got)
		}
	}
}

// TestTextBlockLinks checks that tapping a link's text opens it, and
// tapping other text does not.
func TestTextBlockLinks(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme(test.Theme()))
	d := markup.Render([]byte("Read [the guide](https://example.org/guide) today."), markup.Options{})
	b := newTextBlock(d.Blocks[0].Runs)
	w := test.NewWindow(b)
	w.Resize(fyne.NewSize(400, 100))
	var linkAt fyne.Position
	for i, o := range b.r.objs {
		if b.runs[b.r.objRun[i]].Link != "" {
			linkAt = o.Position().AddXY(2, 2)
		}
	}
	if got := b.linkAt(linkAt); got != "https://example.org/guide" {
		t.Fatalf("link at %v: %q", linkAt, got)
	}
	if got := b.linkAt(fyne.NewPos(10, 10)); got != "" {
		t.Errorf("plain text has link %q", got)
	}
	var opened []string
	openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	defer func() { openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) } }()
	test.TapAt(b, fyne.NewPos(10, 10))
	test.TapAt(b, linkAt)
	if len(opened) != 1 || opened[0] != "https://example.org/guide" {
		t.Errorf("opened %v", opened)
	}
}
