package preview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme adds the preview's text sizes (headings H1 to H6, footnote
// references) to a theme.
func Theme(base fyne.Theme) fyne.Theme {
	if t, ok := base.(*previewTheme); ok {
		return t
	}
	return &previewTheme{base}
}

type previewTheme struct{ fyne.Theme }

var sizes = map[fyne.ThemeSizeName]float32{
	SizeH1: 26, SizeH2: 22, SizeH3: 19, SizeH4: 17, SizeH5: 15, SizeH6: 14, SizeSmall: 10,
}

func (t *previewTheme) Size(n fyne.ThemeSizeName) float32 {
	if s, ok := sizes[n]; ok {
		return s * t.Theme.Size(theme.SizeNameText) / 14
	}
	return t.Theme.Size(n)
}

// Font ignores underlining (drawn, not a font) and, for monospace text,
// weight and slant, as Fyne's default theme does.
func (t *previewTheme) Font(s fyne.TextStyle) fyne.Resource {
	s.Underline = false
	if s.Monospace || s.Symbol {
		s = fyne.TextStyle{Monospace: s.Monospace, Symbol: s.Symbol && !s.Monospace}
	}
	return t.Theme.Font(s)
}
