package editor

import (
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"tandem/assets"
)

// AppID is Tandem's application ID (FyneApp.toml).
const AppID = "ca.tandem.editor"

// Run opens the window: on the site or post file in args, else the last
// site used, else (the first time) the built-in sample site. It returns
// when the window is closed.
func Run(args []string) {
	a := app.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	SetupLanguage(a)
	e := New(a)
	target, focus := "", ""
	if len(args) > 0 {
		target = args[0]
		if st, err := os.Stat(target); err == nil && !st.IsDir() {
			focus, _ = filepath.Abs(target)
			target = siteOf(target)
		}
	} else if last := a.Preferences().String(prefLastSite); last != "" && isDir(last) {
		target = last
	} else if dir, err := userDataDir(); err == nil {
		target, err = firstStart(dir, copySample)
		if err != nil {
			fyne.LogError("could not copy the sample site", err)
		}
	}
	e.win.Show()
	if target != "" {
		e.OpenSite(target, focus)
	}
	a.Run()
}

// SetupLanguage loads the interface's translations, in the language chosen
// in Preferences or else the system's (fr_* → French).
func SetupLanguage(a fyne.App) {
	if l := a.Preferences().String(prefUILanguage); l != "" {
		os.Setenv("LANGUAGE", l) // read by Fyne's locale lookup
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("translations", err)
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// siteOf is the folder to open for a post file: the nearest folder above
// it that looks like a site, else the file's own folder.
func siteOf(file string) string {
	abs, _ := filepath.Abs(file)
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		for _, marker := range []string{"_config.yml", "_posts", "content", "hugo.toml", "hugo.yaml", "config.toml", ".tandem.yml"} {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir
			}
		}
		if filepath.Dir(dir) == dir {
			return filepath.Dir(abs)
		}
	}
}

func userDataDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Tandem"), nil
}

// copySample writes the built-in sample site to target.
func copySample(target string) error {
	sub, err := fs.Sub(assets.Sample, "sample")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	return os.CopyFS(target, sub)
}
