// Package task runs the window's background work: the work on a
// goroutine of its own, off the UI thread, then its result applied on the
// UI thread with fyne.Do. A panic in either is recovered (package bug): the
// stack goes to the log, the handler set with OnBug hears of it on the UI
// thread with the post it concerns, and the window carries on.
package task

import (
	"runtime/debug"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"tandem/bug"
)

var (
	mu     sync.Mutex
	onBug  func(post string, err *bug.Error)
	inline atomic.Bool
)

// OnBug sets the function told, on the UI thread, of each panic the
// tasks recover: the post it concerns ("" for none) and the report.
func OnBug(f func(post string, err *bug.Error)) {
	mu.Lock()
	defer mu.Unlock()
	onBug = f
}

// Inline makes Go run the work and its result on the calling goroutine
// (tests with Fyne's test driver, where fyne.Do runs at once); the same
// recovery applies.
func Inline(on bool) { inline.Store(on) }

// Go runs work off the UI thread, then (when work ended without a panic
// and then is not nil) then on the UI thread. post is the site path of
// the post the work is about, "" for none; what says what it does, for
// the log ("render", "check the translation").
func Go(post, what string, work, then func()) {
	run := func() {
		w := work
		if p := around.Load(); p != nil {
			w = func() { (*p)(work) }
		}
		if err := bug.Catch(what+" "+post, w); err != nil {
			report(post, err)
			return
		}
		if then != nil {
			Do(post, what, then)
		}
	}
	if inline.Load() {
		run()
		return
	}
	running.Add(1)
	go func() {
		defer running.Done()
		run()
	}()
}

// around, when set, runs each task's work (AroundWork).
var around atomic.Pointer[func(work func())]

// AroundWork makes every task's work run through f (nil: none): a
// benchmark times the work off the UI thread apart.
func AroundWork(f func(work func())) {
	if f == nil {
		around.Store(nil)
		return
	}
	around.Store(&f)
}

// running counts the tasks under way (Wait).
var running sync.WaitGroup

// Wait waits until the tasks under way, and those they started, have
// ended (for tests: the window is then settled).
func Wait() { running.Wait() }

// Do runs f on the UI thread, recovering a panic as Go does.
func Do(post, what string, f func()) {
	ui := fyne.Do
	if p := onUI.Load(); p != nil {
		ui = *p
	}
	ui(func() { Guard(post, what, f) })
}

// onUI is how Do gets a function to the UI thread, when not fyne.Do.
var onUI atomic.Pointer[func(func())]

// OnUI makes Do hand its functions to ui (nil: fyne.Do again). A test
// whose goroutine plays the UI thread queues them and runs them there:
// Fyne's test driver runs fyne.Do's function at once, on the goroutine
// that calls it.
func OnUI(ui func(func())) {
	if ui == nil {
		onUI.Store(nil)
		return
	}
	onUI.Store(&ui)
}

// Guard runs f on the calling goroutine (the UI thread: an event
// handler), recovering a panic as Go does.
func Guard(post, what string, f func()) {
	if err := bug.Catch(what+" "+post, f); err != nil {
		tell(post, err)
	}
}

// Recover is deferred at the top of a goroutine that does not go through
// Go (a long-lived loop): a panic is reported instead of ending the
// process.
func Recover(post, what string) {
	if v := recover(); v != nil {
		report(post, bug.Report(what+" "+post, v, debug.Stack()))
	}
}

// Report tells the handler, on the UI thread, of a bug that work
// elsewhere recovered from (bug.Catch) and answered in its own way.
func Report(post string, err *bug.Error) { report(post, err) }

// report tells the handler of err, on the UI thread.
func report(post string, err *bug.Error) {
	if inline.Load() {
		tell(post, err)
		return
	}
	ui := fyne.Do
	if p := onUI.Load(); p != nil {
		ui = *p
	}
	ui(func() { tell(post, err) })
}

func tell(post string, err *bug.Error) {
	mu.Lock()
	f := onBug
	mu.Unlock()
	if f != nil {
		// A handler that fails must not take the window with it.
		_ = bug.Catch("report a bug", func() { f(post, err) })
	}
}
