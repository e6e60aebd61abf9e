package editor

import (
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"tandem/assets"
)

// AppID is Tandem's application ID (FyneApp.toml).
const AppID = "ca.tandem.editor"

// quitGrace is how long Tandem waits for Fyne to end after a signal to
// quit before it copies the unsaved text and exits by itself.
const quitGrace = 5 * time.Second

// Run opens the window: on the site or post file in args, else the last
// site used, else (the first time) the built-in sample site. It returns
// when the window is closed.
func Run(args []string) {
	a := app.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	SetupLanguage(a)
	e := New(a)
	e.startRecovery()
	// Asked to quit by the system: Fyne quits on SIGINT and SIGTERM (and
	// Run returns, below); a closed terminal (SIGHUP) quits the same way.
	quit := make(chan os.Signal, 1)
	signal.Notify(quit, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		if <-quit == syscall.SIGHUP {
			fyne.Do(a.Quit)
		}
		// Fyne 2.7.1 can hang on its way out when a signal comes while
		// input events are still queued (its event queue waits on a UI
		// queue already closed). Should the app not have ended after a
		// while, the unsaved text is copied here and the process leaves.
		time.Sleep(quitGrace)
		e.SaveRecoveryNow()
		trace("exit forced after %v", quitGrace)
		os.Exit(1)
	}()
	e.win.Show()
	switch last := prefLastSite.get(a); {
	case len(args) > 0:
		if st, err := os.Stat(args[0]); err == nil && !st.IsDir() {
			e.OpenFile(args[0])
		} else {
			e.OpenSite(args[0])
		}
	case last != "" && isDir(last):
		e.OpenSite(last)
	default:
		e.showStart() // the first start, or the last site gone
	}
	if f := startProfile(); f != nil {
		defer stopProfile(f)
	}
	a.Run()
	// However the app ended (a signal included), unsaved text is copied
	// for the next start; after a normal quit, nothing is left unsaved.
	e.SaveRecoveryNow()
}

// startProfile writes a CPU profile of the session to the file
// TANDEM_CPUPROFILE names, if any (for reports of a slow window; read it
// with go tool pprof).
func startProfile() *os.File {
	name := os.Getenv("TANDEM_CPUPROFILE")
	if name == "" {
		return nil
	}
	f, err := os.Create(name)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fyne.LogError("TANDEM_CPUPROFILE", err)
		return nil
	}
	return f
}

func stopProfile(f *os.File) {
	pprof.StopCPUProfile()
	f.Close()
}

// SetupLanguage loads the interface's translations, in the language chosen
// in Preferences or else the system's (fr_* → French).
func SetupLanguage(a fyne.App) {
	if l := prefUILanguage.get(a); l != "" {
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

// firstStart copies the built-in sample site to the user's data folder
// when it is not there yet, and returns its path.
func firstStart() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return copySample(filepath.Join(dir, "Tandem", "Tandem sample site"))
}

// copySample writes the built-in sample site to target, unless target
// exists (the user's copy is theirs), and returns target.
func copySample(target string) (string, error) {
	if _, err := os.Stat(target); err == nil {
		return target, nil
	}
	sub, err := fs.Sub(assets.Sample, "sample")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	return target, os.CopyFS(target, sub)
}
