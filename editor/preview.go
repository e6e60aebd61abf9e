package editor

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"tandem/markup"
	"tandem/model"
	"tandem/preview"
)

// Preference keys of the preview.
// previewPane makes the column's top pane: its fields and its live
// preview, as two tabs.
func (c *column) previewPane(form fyne.CanvasObject) fyne.CanvasObject {
	c.prev = preview.NewView()
	c.live = preview.NewLive(c.prev)
	if c.post != nil {
		c.live.Post = c.post.Path
	}
	c.live.OnRendered = func() {
		if c.post != nil {
			trace("rendered %s", c.post.Path)
		}
		c.updateCounts()
		if c.typed && c.body != nil && c.body.Focused() {
			c.followCaret() // a block typed just now is in the preview now
		}
		c.typed = false
		if k := c.view.checks; k != nil && liveChecks {
			k.run()
		}
	}
	c.prev.OnScrolled = func(block int, frac float32) { c.ed.scrolled(c, block, frac) }
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Fields"), theme.ListIcon(), form),
		container.NewTabItemWithIcon(lang.L("Preview"), theme.VisibilityIcon(), c.prev),
	)
	if prefShowPreview.get(c.ed.app) {
		c.tabs.SelectIndex(1)
	}
	c.tabs.OnSelected = func(*container.TabItem) {
		prefShowPreview.set(c.ed.app, c.tabs.SelectedIndex() == 1)
	}
	return c.tabs
}

// liveChecks runs the translation checks and typography after each
// render (benchmarks turn it off to compare).
var liveChecks = true

// options are how the column's post renders, with the window's choices.
func (c *column) options() markup.Options {
	opt := markup.ForPost(c.ed.ws.Model, c.post)
	opt.Invisible = prefInvisible.get(c.ed.app)
	return opt
}

// refreshHeader reads the header fields again (after a field edit) and
// renders the preview.
func (c *column) refreshHeader() {
	if c.prev == nil {
		return
	}
	c.header = markup.HeaderOf(c.ed.ws.Model, c.post, c.options())
	c.queueBody()
}

// queueBody renders the post's body, as the editor has it, once typing
// pauses. (The model's body bytes are replaced, never changed, on each
// edit: the preview reads them without a copy.)
func (c *column) queueBody() {
	if c.live == nil || c.post == nil || c.post.Doc == nil {
		return
	}
	if d := c.post.Doc; bytes.IndexByte(d.Body(), '\r') < 0 {
		c.live.UpdateBytes(c.header, d.Body(), c.options())
	} else {
		c.live.Update(c.header, d.BodyText(), c.options()) // CRLF read as the editor shows it
	}
}

// followCaret scrolls the preview to the block the caret is in.
func (c *column) followCaret() {
	if c.prev != nil && c.body != nil {
		c.prev.ShowLine(c.body.Cursor().Line + 1)
	}
}

// scrolled scrolls the other previews to the same block when previews
// scroll together.
func (e *Editor) scrolled(from *column, block int, frac float32) {
	if !prefScrollSync.get(e.app) {
		return
	}
	for _, c := range e.columns() {
		if c == from || c.prev == nil {
			continue
		}
		// Block 0 is the header; the alignment maps the post's blocks.
		to := block
		if k := e.view.checks; k != nil && block > 0 {
			if j := k.counterpart(from, block-1); j >= 0 {
				to = j + 1
			}
		}
		c.prev.ScrollToBlock(to, frac)
	}
}

// showPreview selects the preview tab of every column, or the fields tab.
func (e *Editor) showPreview(on bool) {
	prefShowPreview.set(e.app, on)
	for _, c := range e.columns() {
		if c.tabs != nil {
			c.tabs.SelectIndex(map[bool]int{false: 0, true: 1}[on])
		}
	}
}

// togglePreview switches between the preview and the fields.
func (e *Editor) togglePreview() {
	e.showPreview(!prefShowPreview.get(e.app))
}

// setInvisible shows or hides no-break spaces and other invisible
// characters in the previews.
func (e *Editor) setInvisible(on bool) {
	prefInvisible.set(e.app, on)
	for _, c := range e.columns() {
		if c.prev != nil {
			c.queueBody()
		}
	}
}

// openInBrowser writes the open pair as a standalone page in the user's
// temporary folder (never in the site) and opens it.
func (e *Editor) openInBrowser() {
	pr := e.pair()
	if pr == nil {
		return
	}
	posts := e.shownPosts()
	if len(posts) == 0 {
		return
	}
	var buf bytes.Buffer
	if err := markup.WritePage(&buf, plainTitle(pr.Title()), posts); err != nil {
		e.showError(lang.L("The preview page could not be written"), err)
		return
	}
	dir := filepath.Join(os.TempDir(), "tandem-preview")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.showError(lang.L("The preview page could not be written"), err)
		return
	}
	name := filepath.Join(dir, pageName(pr, e.ws.Model.Languages)+".html")
	if err := model.WriteFileAtomic(name, buf.Bytes()); err != nil {
		e.showError(lang.L("The preview page could not be written"), err)
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(name)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows: file:///C:/...
	}
	if err := e.app.OpenURL(u); err != nil {
		e.showError(lang.L("The browser could not be opened"), err)
		return
	}
	e.setStatus(lang.L("Preview page written to {{.Path}}", map[string]any{"Path": name}))
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// pageName is the file name of the pair's first post in the site's
// language order, safe for any system.
func pageName(pr *model.Pair, langs []string) string {
	for _, l := range langs {
		p := pr.Post(l)
		if p == nil {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(p.Path), filepath.Ext(p.Path))
		if n := strings.Trim(unsafeName.ReplaceAllString(base, "-"), "-"); n != "" {
			return n
		}
	}
	return "post"
}

// shownPosts are the open pair's posts as the previews show them: their
// documents are rendered already (off the UI thread); one not yet
// rendered is rendered now.
func (e *Editor) shownPosts() []markup.PagePost {
	var posts []markup.PagePost
	for _, c := range e.columns() {
		if c.post == nil || c.post.Doc == nil {
			continue
		}
		d := c.prev.Doc()
		if d == nil {
			d = markup.Render([]byte(c.body.Text()), c.options())
		}
		posts = append(posts, markup.PagePost{Header: c.header, Doc: d})
	}
	return posts
}
