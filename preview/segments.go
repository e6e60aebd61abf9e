package preview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"tandem/markup"
)

// Size names of the preview's own text sizes, provided by Theme.
const (
	SizeH1    fyne.ThemeSizeName = "tandem-h1"
	SizeH2    fyne.ThemeSizeName = "tandem-h2"
	SizeH3    fyne.ThemeSizeName = "tandem-h3"
	SizeH4    fyne.ThemeSizeName = "tandem-h4"
	SizeH5    fyne.ThemeSizeName = "tandem-h5"
	SizeH6    fyne.ThemeSizeName = "tandem-h6"
	SizeSmall fyne.ThemeSizeName = "tandem-small"
)

// runSizes are the theme's names of markup's text sizes.
var runSizes = [...]fyne.ThemeSizeName{theme.SizeNameText, SizeH1, SizeH2, SizeH3, SizeH4, SizeH5, SizeH6, SizeSmall}

// runColors are the theme's names of markup's colours.
var runColors = [...]fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePrimary,
	theme.ColorNameHyperlink, theme.ColorNameDisabled, theme.ColorNamePlaceHolder}

// sizeOf is the theme size name a run is drawn at.
func sizeOf(st markup.RunStyle) fyne.ThemeSizeName { return runSizes[st.Size] }

// colorOf is the theme colour name a run is drawn in.
func colorOf(st markup.RunStyle) fyne.ThemeColorName { return runColors[st.Color] }

// textStyleOf is the font style a run is drawn in.
func textStyleOf(st markup.RunStyle) fyne.TextStyle {
	return fyne.TextStyle{Bold: st.Bold, Italic: st.Italic, Monospace: st.Mono, Underline: st.Underline}
}

func textAlign(a markup.Align) fyne.TextAlign {
	switch a {
	case markup.Center:
		return fyne.TextAlignCenter
	case markup.Right:
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}
