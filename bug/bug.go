// Package bug turns a panic in Tandem's own code into a report instead of
// a dead process: the stack goes to a log file in the user's cache
// folder, and the caller gets an *Error it shows on the post concerned
// (an internal-error finding), while everything else carries on. It is
// gopls's bug package and Hugo's herrors in one small piece, and knows
// nothing of the window or the site model.
package bug

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"
)

// Error is a panic recovered by Catch.
type Error struct {
	// What was being done ("render content/en/blog/posts/x.md").
	What string
	// Value is what the code panicked with.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
	// Log is the file the report was written to ("" if none could be).
	Log string
}

func (e *Error) Error() string {
	return fmt.Sprintf("internal error while %s: %v", e.What, e.Value)
}

var (
	logMu   sync.Mutex
	logPath string // set by SetLog (tests) or found on first use
)

// SetLog makes the reports go to path (tests; "" finds the default again).
func SetLog(path string) {
	logMu.Lock()
	defer logMu.Unlock()
	logPath = path
}

// LogPath is the file reports are written to: tandem-errors.log in the
// user's cache folder (TANDEM_LOG names another).
func LogPath() string {
	logMu.Lock()
	defer logMu.Unlock()
	return logPathLocked()
}

func logPathLocked() string {
	if logPath != "" {
		return logPath
	}
	if p := os.Getenv("TANDEM_LOG"); p != "" {
		logPath = p
		return p
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	logPath = filepath.Join(dir, "Tandem", "tandem-errors.log")
	return logPath
}

// Catch runs f and returns nil, or the *Error it panicked with, reported.
func Catch(what string, f func()) (err *Error) {
	defer func() {
		if v := recover(); v != nil {
			err = Report(what, v, debug.Stack())
		}
	}()
	f()
	return nil
}

// Report writes a recovered panic to the log and returns it as an
// *Error.
func Report(what string, v any, stack []byte) *Error {
	e := &Error{What: what, Value: v, Stack: stack}
	logMu.Lock()
	defer logMu.Unlock()
	p := logPathLocked()
	if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
		if f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s tandem: internal error while %s: %v\n%s\n", time.Now().Format(time.RFC3339), what, v, stack)
			if f.Close() == nil {
				e.Log = p
			}
		}
	}
	return e
}

// injected is the text of TANDEM_INJECT_PANIC.
func injected() string { return os.Getenv("TANDEM_INJECT_PANIC") }

// Hook panics when TANDEM_INJECT_PANIC is set and text holds it: the
// tests' way to put a bug in the work on one post (its render) and see
// that it stays there. Without the variable it costs an environment lookup.
func Hook(text []byte) { HookIn("render", text) }

// HookIn is Hook for one stage of the work on a post ("render",
// "survey", "turn": lint's turn of a post, by its path): it panics there
// when TANDEM_INJECT_PANIC_IN names the stage (or is not set, for the
// render).
func HookIn(stage string, text []byte) {
	k := injected()
	if k == "" || !bytes.Contains(text, []byte(k)) {
		return
	}
	if in := os.Getenv("TANDEM_INJECT_PANIC_IN"); in == stage || in == "" && stage == "render" {
		panic("injected for a test: " + k)
	}
}
