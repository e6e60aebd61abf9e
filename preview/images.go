package preview

import (
	"context"
	"errors"
	"image"
	_ "image/gif" // decoders for the images posts use
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	_ "golang.org/x/image/webp"

	"tandem/bug"
	"tandem/disk"
	"tandem/markup"
	"tandem/task"
)

// imageView shows an image block: the picture once loaded (scaled down
// to the width, never up), its alt text under it; the alt text alone
// while a remote image loads or when it cannot be shown.
type imageView struct {
	widget.BaseWidget
	img     *markup.Image
	align   markup.Align
	pic     *canvas.Image
	caption *widget.Label
	natural fyne.Size // the picture's size; zero until loaded
	err     error
	// onLoad is called when the picture arrives, its height with it.
	onLoad func()
}

func newImageView(img *markup.Image, align markup.Align) *imageView {
	v := &imageView{img: img, align: align, pic: canvas.NewImageFromImage(nil)}
	v.pic.FillMode = canvas.ImageFillContain
	v.pic.ScaleMode = canvas.ImageScaleSmooth
	alt := img.Alt
	if alt == "" {
		alt = filepath.Base(img.Src)
	}
	v.caption = widget.NewLabel(alt)
	v.caption.Wrapping = fyne.TextWrapWord
	v.caption.Importance = widget.LowImportance
	v.caption.TextStyle.Italic = true
	v.caption.Alignment = textAlign(align)
	v.ExtendBaseWidget(v)
	key, load := img.File, loadFile
	if key == "" {
		key, load = img.URL, loadURL
	}
	if strings.EqualFold(filepath.Ext(key), ".svg") {
		// Fyne draws SVG itself, at any size.
		v.pic.File = key
		v.natural = fyne.NewSize(480, 480)
		if a := v.pic.Aspect(); a > 0 {
			v.natural.Height = 480 / a
		}
		return v
	}
	if key == "" {
		v.err = errors.New(lang.L("image not found: {{.Src}}", map[string]any{"Src": img.Src}))
		v.caption.SetText(v.caption.Text + " — " + v.err.Error())
		return v
	}
	images.get(key, load, func(im image.Image, err error) {
		if err != nil {
			v.err = err
			v.caption.SetText(alt + " — " + err.Error())
		} else {
			v.pic.Image = im
			b := im.Bounds()
			v.natural = fyne.NewSize(float32(b.Dx()), float32(b.Dy()))
			v.pic.Refresh()
		}
		v.Refresh()
		if v.onLoad != nil {
			v.onLoad()
		}
	})
	return v
}

// CreateRenderer is part of fyne.Widget.
func (v *imageView) CreateRenderer() fyne.WidgetRenderer {
	return &imageRenderer{v: v, objs: []fyne.CanvasObject{v.pic, v.caption}}
}

type imageRenderer struct {
	v    *imageView
	objs []fyne.CanvasObject
}

// picSize is the picture's size at a width: its own, scaled down to fit.
func (v *imageView) picSize(width float32) fyne.Size {
	if v.natural.Width == 0 || width <= 0 {
		return fyne.Size{}
	}
	w := min(v.natural.Width, width-2*theme.InnerPadding())
	return fyne.NewSize(w, w*v.natural.Height/v.natural.Width)
}

func (r *imageRenderer) Layout(size fyne.Size) {
	p := r.v.picSize(size.Width)
	x := theme.InnerPadding() // where text starts
	switch r.v.align {
	case markup.Center:
		x = (size.Width - p.Width) / 2
	case markup.Right:
		x = size.Width - p.Width
	}
	r.v.pic.Move(fyne.NewPos(x, 0))
	r.v.pic.Resize(p)
	r.v.caption.Move(fyne.NewPos(0, p.Height))
	r.v.caption.Resize(fyne.NewSize(size.Width, r.v.caption.MinSize().Height))
}

func (r *imageRenderer) MinSize() fyne.Size {
	c := r.v.caption.MinSize()
	return fyne.NewSize(c.Width, r.v.picSize(r.v.Size().Width).Height+c.Height)
}

func (r *imageRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *imageRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *imageRenderer) Destroy()                     {}

// Resize lays the image out again: its height follows its width.
func (v *imageView) Resize(s fyne.Size) {
	old := v.Size()
	v.BaseWidget.Resize(s)
	if old.Width != s.Width && v.natural.Width > 0 {
		// The height changed with the width: let the column lay out again.
		task.Do("", "lay out an image", func() { v.Refresh() })
	}
}

// imageCache holds decoded images by file or URL, loads each once, off
// the UI thread, and hands them to callbacks on the UI thread.
type imageCache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
	order   []string // least recently used first
	loading sync.WaitGroup
}

type cacheEntry struct {
	img     image.Image
	err     error
	stamp   time.Time // a file's modification time
	done    bool
	waiting []func(image.Image, error)
}

const cacheSize = 48

var images = &imageCache{entries: map[string]*cacheEntry{}}

// get calls cb on the UI thread with the image key names, loading it in
// the background unless it is cached (a file is loaded again when it
// changed).
func (c *imageCache) get(key string, load func(string) (image.Image, error), cb func(image.Image, error)) {
	stamp := time.Time{}
	if !strings.Contains(key, "://") {
		disk.Touch("stat", key)
		if fi, err := os.Stat(key); err == nil {
			stamp = fi.ModTime()
		}
	}
	c.mu.Lock()
	e := c.entries[key]
	if e != nil && e.done && e.stamp.Equal(stamp) {
		c.touch(key)
		c.mu.Unlock()
		cb(e.img, e.err)
		return
	}
	if e != nil && !e.done {
		e.waiting = append(e.waiting, cb)
		c.mu.Unlock()
		return
	}
	e = &cacheEntry{stamp: stamp, waiting: []func(image.Image, error){cb}}
	c.entries[key] = e
	c.touch(key)
	c.mu.Unlock()
	c.loading.Add(1)
	var img image.Image
	var err error
	var waiting []func(image.Image, error)
	task.Go("", "load the image "+key, func() {
		// A decoder's panic on a broken file is that image's error.
		if b := bug.Catch("load the image "+key, func() { img, err = load(key) }); b != nil {
			img, err = nil, errors.New(lang.L("not an image Tandem can show"))
		}
		c.mu.Lock()
		e.img, e.err, e.done = img, err, true
		waiting = e.waiting
		e.waiting = nil
		c.mu.Unlock()
	}, func() {
		defer c.loading.Done()
		for _, f := range waiting {
			f(img, err)
		}
	})
}

// size is the size of image key when it is loaded, without loading it.
func (c *imageCache) size(key string) (fyne.Size, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[key]; e != nil && e.done && e.img != nil {
		b := e.img.Bounds()
		return fyne.NewSize(float32(b.Dx()), float32(b.Dy())), true
	}
	return fyne.Size{}, false
}

// touch marks key as just used and drops the oldest finished entries.
func (c *imageCache) touch(key string) {
	for i, k := range c.order {
		if k == key {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, key)
	for len(c.order) > cacheSize {
		k := c.order[0]
		if e := c.entries[k]; e != nil && !e.done {
			break
		}
		delete(c.entries, k)
		c.order = c.order[1:]
	}
}

func loadFile(path string) (image.Image, error) {
	disk.Touch("read", path)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, errors.New(lang.L("cannot show {{.File}}: {{.Err}}", map[string]any{"File": filepath.Base(path), "Err": err}))
	}
	return img, nil
}

// remote is the client for remote images: a short timeout, so that a
// slow server leaves the alt text showing.
var remote = &http.Client{Timeout: 15 * time.Second}

func loadURL(u string) (image.Image, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := remote.Do(req)
	if err != nil {
		return nil, errors.New(lang.L("could not load the image"))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(lang.L("the server answered {{.Status}}", map[string]any{"Status": resp.Status}))
	}
	img, _, err := image.Decode(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, errors.New(lang.L("not an image Tandem can show"))
	}
	return img, nil
}

// WaitImages waits for the images being loaded, for tests.
func WaitImages() { images.loading.Wait() }
