// Package assets holds the files built into Tandem: the icon, the
// translations of its interface, and a sample bilingual site for the first
// start.
package assets

import (
	"embed"
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// Translations holds translations/en.json and translations/fr.json, for
// lang.AddTranslationsFS.
//
//go:embed translations
var Translations embed.FS

// Sample is a small bilingual Jekyll site (folder "sample"), copied to the
// user's data folder the first time Tandem starts.
//
//go:embed all:sample
var Sample embed.FS
