package model

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"tandem/bug"
	"tandem/disk"
)

// Batch is how long a watcher waits after a file event for more before it
// reports them together; MaxBatch caps that wait during a long storm.
const (
	Batch    = 150 * time.Millisecond
	MaxBatch = 600 * time.Millisecond
	// PollEvery is how often a polling watcher looks at the files.
	PollEvery = 2 * time.Second
)

// Watcher follows the files of a site that other programs change: its
// post folders, its configuration and its image folder, folders created
// later included. It reports changed paths (absolute) in batches, from its
// own goroutine. Where the system's watcher fails (watch limits, network
// shares) it polls instead, and says so in Mode.
type Watcher struct {
	site    *Site
	onBatch func(paths []string)

	mu      sync.Mutex
	mode    string
	pending map[string]bool
	first   time.Time
	timer   *time.Timer
	fs      *fsnotify.Watcher
	done    chan struct{}
	closed  bool
}

// Watch starts watching s. onBatch is called from the watcher's goroutine
// with each batch of changed paths; Mode says how it watches.
func (s *Site) Watch(onBatch func(paths []string)) *Watcher { return s.watch(onBatch, nil) }

// watch starts a watcher; a non-nil failure makes it poll (for tests).
func (s *Site) watch(onBatch func(paths []string), failure error) *Watcher {
	w := &Watcher{site: s, onBatch: onBatch, pending: map[string]bool{}, done: make(chan struct{})}
	fw, err := fsnotify.NewWatcher()
	if err == nil && failure != nil {
		fw.Close()
		fw, err = nil, failure
	}
	if err == nil {
		w.fs = fw
		for _, d := range s.watchedDirs() {
			if err = w.addTree(d); err != nil {
				break
			}
		}
	}
	if err != nil {
		if fw != nil {
			fw.Close()
			w.fs = nil
		}
		w.mode = "polling every 2 s: " + err.Error()
		go w.poll(w.snapshot())
		return w
	}
	w.mode = "watching"
	go w.run()
	return w
}

// Mode is "watching", or "polling every 2 s: why".
func (w *Watcher) Mode() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.mode
}

// Close stops the watcher; no batch is reported after it returns.
func (w *Watcher) Close() {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	w.closed = true
	if w.timer != nil {
		w.timer.Stop()
	}
	close(w.done)
	w.mu.Unlock()
	if w.fs != nil {
		w.fs.Close()
	}
}

// watchedDirs are the folders whose files matter: the site root (its
// configuration), config/, the post folders and the image folder.
func (s *Site) watchedDirs() []string {
	dirs := []string{s.Root}
	seen := map[string]bool{s.Root: true}
	add := func(rel string) {
		d := filepath.Join(s.Root, filepath.FromSlash(rel))
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	add("config")
	for _, l := range s.Languages {
		for _, f := range s.Folders[l] {
			add(f)
		}
	}
	if s.ImageDir != "" {
		add(s.ImageDir)
	}
	return dirs
}

// addTree watches dir and the folders under it (only dir itself for the
// site root, whose other folders are not the site's posts).
func (w *Watcher) addTree(dir string) error {
	disk.Touch("list", dir)
	if dir == w.site.Root {
		return w.fs.Add(dir)
	}
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // not created yet: its parent's events will say
			}
			return err
		}
		if !e.IsDir() {
			return nil
		}
		if strings.HasPrefix(e.Name(), ".") && p != dir {
			return filepath.SkipDir
		}
		return w.fs.Add(p)
	})
}

func (w *Watcher) run() {
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			// A bug in the handling of one event is reported and the
			// watcher goes on: the next event, or the poll, sees the file.
			_ = bug.Catch("watch "+ev.Name, func() { w.event(ev) })
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			// An overflowed queue loses events: look at everything again.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				for _, d := range w.site.watchedDirs() {
					w.add(d)
				}
			}
		}
	}
}

func (w *Watcher) event(ev fsnotify.Event) {
	if strings.HasPrefix(filepath.Base(ev.Name), ".") {
		return // temporary files, Tandem's own included
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && w.inSite(ev.Name) {
			// A folder made after the start: watch it, and report the files
			// it already has (a copy or a checkout fills it at once).
			w.addTree(ev.Name)
			filepath.WalkDir(ev.Name, func(p string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					w.add(p)
				}
				return nil
			})
			return
		}
	}
	w.add(ev.Name)
}

// inSite is whether a new folder is one Tandem watches: under a post or
// image folder, or one of them created now.
func (w *Watcher) inSite(p string) bool {
	for _, d := range w.site.watchedDirs() {
		if d != w.site.Root && (p == d || strings.HasPrefix(p, d+string(filepath.Separator))) {
			return true
		}
	}
	return false
}

// add queues a path for the next batch.
func (w *Watcher) add(p string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	now := time.Now()
	if len(w.pending) == 0 {
		w.first = now
	}
	w.pending[p] = true
	wait := Batch
	if left := MaxBatch - now.Sub(w.first); left < wait {
		wait = max(left, 0)
	}
	if w.timer == nil {
		w.timer = time.AfterFunc(wait, w.flush)
	} else {
		w.timer.Reset(wait)
	}
}

func (w *Watcher) flush() {
	w.mu.Lock()
	if w.closed || len(w.pending) == 0 {
		w.mu.Unlock()
		return
	}
	paths := make([]string, 0, len(w.pending))
	for p := range w.pending {
		paths = append(paths, p)
	}
	w.pending = map[string]bool{}
	w.mu.Unlock()
	// A bug in the reaction to one batch leaves the watcher watching.
	_ = bug.Catch("react to changes on disk", func() { w.onBatch(paths) })
}

// poll compares the watched files' sizes and times every PollEvery.
func (w *Watcher) poll(last map[string]fileStamp) {
	t := time.NewTicker(PollEvery)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
		}
		var now map[string]fileStamp
		if bug.Catch("poll "+w.site.Root, func() { now = w.snapshot() }) != nil {
			continue // this round is lost, not the watcher
		}
		var changed []string
		for p, st := range now {
			if last[p] != st {
				changed = append(changed, p)
			}
		}
		for p := range last {
			if _, ok := now[p]; !ok {
				changed = append(changed, p)
			}
		}
		last = now
		if len(changed) > 0 {
			w.mu.Lock()
			closed := w.closed
			w.mu.Unlock()
			if !closed {
				_ = bug.Catch("watch "+w.site.Root, func() { w.onBatch(changed) })
			}
		}
	}
}

type fileStamp struct {
	size int64
	mod  time.Time
}

func (w *Watcher) snapshot() map[string]fileStamp {
	out := map[string]fileStamp{}
	for _, d := range w.site.watchedDirs() {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() {
				if p != d && (d == w.site.Root || strings.HasPrefix(e.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := e.Info(); err == nil && !strings.HasPrefix(e.Name(), ".") {
				out[p] = fileStamp{fi.Size(), fi.ModTime()}
			}
			return nil
		})
	}
	return out
}
