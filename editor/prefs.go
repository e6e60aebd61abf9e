package editor

import "fyne.io/fyne/v2"

// The preferences the window keeps, each with its key and default in one
// place: read them with get, so that no caller has a default of its own.
var (
	prefLastSite    = stringPref{"lastSite"}   // the site opened last
	prefRecent      = listPref{"recentSites"}  // Open recent, newest first
	prefUILanguage  = stringPref{"uiLanguage"} // "", "en" or "fr"
	prefWidth       = floatPref{"windowWidth", 1280}
	prefHeight      = floatPref{"windowHeight", 820}
	prefLibSplit    = floatPref{"librarySplit", 0.24}
	prefColSplit    = floatPref{"columnSplit", 0.5}
	prefShowPreview = boolPref{"showPreview", true} // Preview tab, else Fields
	prefInvisible   = boolPref{"showInvisible", false}
	prefScrollSync  = boolPref{"scrollTogether", true}
	// Words in capitals (ISC, GC2025) are spell-checked too; by default
	// they pass, as acronyms and names.
	prefSpellCapitals = boolPref{"spellCapitals", false}
	prefGitName       = stringPref{"gitName"}  // the commit's author when git knows none
	prefGitEmail      = stringPref{"gitEmail"} // and the author's email
	// The translation engine for drafts (its key in the keychain), and
	// the least score of a fuzzy match a draft takes; the site's
	// .tandem.yml when not set.
	prefMTEngine   = stringPref{"mtEngine"} // "", deepl, azure, libretranslate
	prefMTEndpoint = stringPref{"mtEndpoint"}
	prefMTRegion   = stringPref{"mtRegion"}
	prefMTFuzzy    = floatPref{"mtFuzzy", 0} // 0: the site's, or 75
)

type boolPref struct {
	key string
	def bool
}

func (p boolPref) get(a fyne.App) bool    { return a.Preferences().BoolWithFallback(p.key, p.def) }
func (p boolPref) set(a fyne.App, v bool) { a.Preferences().SetBool(p.key, v) }

type floatPref struct {
	key string
	def float64
}

func (p floatPref) get(a fyne.App) float64    { return a.Preferences().FloatWithFallback(p.key, p.def) }
func (p floatPref) set(a fyne.App, v float64) { a.Preferences().SetFloat(p.key, v) }

type stringPref struct{ key string }

func (p stringPref) get(a fyne.App) string    { return a.Preferences().String(p.key) }
func (p stringPref) set(a fyne.App, v string) { a.Preferences().SetString(p.key, v) }

type listPref struct{ key string }

func (p listPref) get(a fyne.App) []string    { return a.Preferences().StringList(p.key) }
func (p listPref) set(a fyne.App, v []string) { a.Preferences().SetStringList(p.key, v) }
