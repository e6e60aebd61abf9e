package preview

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"tandem/bug"
	"tandem/markup"
	"tandem/task"
)

// Debounce is how long typing pauses before the preview is rendered.
const Debounce = 150 * time.Millisecond

// Live renders a post's preview as it is edited: Update is called on the
// UI thread with each change and returns at once; once changes pause for
// Debounce, the text is parsed in the background and the result shown
// with fyne.Do. A result overtaken by a newer change is dropped.
type Live struct {
	view  *View
	cache *markup.Cache

	mu      sync.Mutex
	running sync.Mutex // held while a render runs
	header  markup.Header
	src     []byte // never changed once given
	opt     markup.Options
	seq     uint64
	timer   *time.Timer
	pending bool // a change waits for Flush (see RenderOnFlushOnly)
	// OnRendered, when set, is called on the UI thread after a result is
	// shown.
	OnRendered func()
	// Post is the site path of the post shown, for the report of a bug
	// in its render.
	Post string
}

// failedDoc is what the preview shows of a post whose render failed.
func failedDoc(err *bug.Error) *markup.Doc {
	log := err.Log
	if log == "" {
		log = fmt.Sprint(err.Value)
	}
	msg := lang.L("Tandem could not show this post because of a bug in Tandem; the post is unchanged. Details: {{.Log}}", map[string]any{"Log": log})
	return markup.NoteDoc(msg)
}

// NewLive returns a Live that shows its renders in v.
func NewLive(v *View) *Live { return &Live{view: v, cache: markup.NewCache()} }

// Pin keeps the document d (one this Live rendered) as it is until Unpin,
// for reading on another goroutine: a document no longer shown is
// otherwise recycled for a later render.
func (l *Live) Pin(d *markup.Doc) { l.cache.Pin(d) }

// Unpin undoes a Pin.
func (l *Live) Unpin(d *markup.Doc) { l.cache.Unpin(d) }

// Update schedules a render of text with header h and options opt.
func (l *Live) Update(h markup.Header, text string, opt markup.Options) {
	l.UpdateBytes(h, []byte(text), opt)
}

// UpdateBytes is Update with the text as bytes, which must never change
// afterwards (a post's body in the model, replaced on each edit rather
// than changed: the render then needs no copy of it).
func (l *Live) UpdateBytes(h markup.Header, src []byte, opt markup.Options) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.header, l.src, l.opt = h, src, opt
	l.seq++
	if onFlushOnly {
		l.pending = true
		return
	}
	if l.timer == nil {
		// The render is a task of its own once the pause is over.
		l.timer = time.AfterFunc(Debounce, func() { task.Go(l.Post, "render", l.render, nil) })
	} else {
		l.timer.Reset(Debounce)
	}
}

// onFlushOnly makes Lives render only when flushed.
var onFlushOnly bool

// RenderOnFlushOnly makes every Live render only when Flush is called:
// for tests with Fyne's test driver, where fyne.Do runs on the calling
// goroutine, so that a render on the timer's goroutine would change the
// widgets beside the test.
func RenderOnFlushOnly(on bool) { onFlushOnly = on }

// Stop drops a pending render.
func (l *Live) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	l.pending = false
	if l.timer != nil {
		l.timer.Stop()
	}
}

// Flush renders a pending change now, in the calling goroutine, and
// waits for a render already running. It is for tests and the test
// driver, where fyne.Do runs at once; a window's UI thread must not call
// it.
func (l *Live) Flush() {
	l.mu.Lock()
	pending := l.pending || l.timer != nil && l.timer.Stop()
	l.pending = false
	l.mu.Unlock()
	if pending {
		l.render()
	}
	l.running.Lock()
	l.running.Unlock()
}

func (l *Live) render() {
	l.running.Lock()
	defer l.running.Unlock()
	l.mu.Lock()
	h, src, opt, seq := l.header, l.src, l.opt, l.seq
	l.mu.Unlock()
	var d *markup.Doc
	// A bug in the render shows as a note in the preview and a finding on
	// the post (task.Report); the post and the window are left alone.
	if err := bug.Catch("render "+l.Post, func() { d = l.cache.Render(src, opt) }); err != nil {
		l.cache.Reset()
		d = failedDoc(err)
		task.Report(l.Post, err)
	}
	task.Do(l.Post, "show the render of", func() {
		l.mu.Lock()
		current := seq == l.seq
		l.mu.Unlock()
		if !current {
			l.cache.Recycle(d)
			return
		}
		old := l.view.Doc()
		l.view.Set(h, d)
		l.cache.Recycle(old)
		if l.OnRendered != nil {
			l.OnRendered()
		}
	})
}
