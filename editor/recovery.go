package editor

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tandem/disk"
	"tandem/model"
	"tandem/task"
)

// RecoveryEvery is how often unsaved text is copied to the recovery
// folder.
const RecoveryEvery = 3 * time.Second

// recoveryEntry is one post's unsaved text, kept in the user's data folder
// (never in the site) until it is saved or deliberately discarded.
type recoveryEntry struct {
	Site  string    `json:"site"`
	Path  string    `json:"path"`
	Time  time.Time `json:"time"`
	Text  string    `json:"text"`
	file  string
	entry *model.Post
}

// recoveryDir is the recovery folder in the app's own storage.
func (e *Editor) recoveryDir() string {
	return filepath.Join(e.app.Storage().RootURI().Path(), "recovery")
}

func recoveryName(site, path string) string {
	h := sha256.Sum256([]byte(site + "\x00" + path))
	return hex.EncodeToString(h[:12]) + ".json"
}

// startRecovery copies the unsaved text of the open posts every
// RecoveryEvery: the copy is taken on the UI thread, written off it.
func (e *Editor) startRecovery() {
	go func() {
		defer task.Recover("", "copy the unsaved text")
		t := time.NewTicker(RecoveryEvery)
		defer t.Stop()
		for range t.C {
			var entries []recoveryEntry
			var clean []string
			fyne.DoAndWait(func() { entries, clean = e.recoverySnapshot() })
			e.writeRecovery(entries, clean)
		}
	}()
}

// recoverySnapshot lists the open posts' unsaved texts, and the recovery
// files of open posts that have none any more.
func (e *Editor) recoverySnapshot() (entries []recoveryEntry, clean []string) {
	e.recoveryMu.Lock()
	defer e.recoveryMu.Unlock()
	if e.ws.Model == nil {
		return nil, nil
	}
	for _, c := range e.columns() {
		p := c.post
		if p == nil || p.Doc == nil {
			continue
		}
		name := recoveryName(e.ws.Model.Root, p.Path)
		if !p.Dirty() {
			clean = append(clean, name)
			continue
		}
		text := string(p.Doc.Bytes())
		if e.recovered[name] == text {
			continue // written already
		}
		e.recovered[name] = text
		entries = append(entries, recoveryEntry{Site: e.ws.Model.Root, Path: p.Path, Time: time.Now(), Text: text, file: name})
	}
	return entries, clean
}

// writeRecovery writes recovery files (atomically) and removes those of
// posts saved since.
func (e *Editor) writeRecovery(entries []recoveryEntry, clean []string) {
	e.recoveryMu.Lock()
	defer e.recoveryMu.Unlock()
	dir := e.recoveryDir()
	for _, r := range entries {
		data, err := json.Marshal(r)
		if err != nil {
			continue
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			fyne.LogError("recovery folder", err)
			return
		}
		if err := model.WritePrivateFileAtomic(filepath.Join(dir, r.file), data); err != nil {
			fyne.LogError("recovery copy", err)
			continue
		}
		trace("recovery written %s %s", r.Path, filepath.Join(dir, r.file))
	}
	for _, name := range clean {
		os.Remove(filepath.Join(dir, name))
	}
}

// SaveRecoveryNow writes the unsaved text of the open posts at once (on a
// signal to quit). It runs on the UI thread.
func (e *Editor) SaveRecoveryNow() {
	entries, clean := e.recoverySnapshot()
	e.writeRecovery(entries, clean)
}

// forgetRecovery removes a post's recovery copy: it was saved, or its
// edits deliberately discarded.
func (e *Editor) forgetRecovery(p *model.Post) {
	if e.ws.Model == nil || p == nil {
		return
	}
	name := recoveryName(e.ws.Model.Root, p.Path)
	e.recoveryMu.Lock()
	delete(e.recovered, name)
	e.recoveryMu.Unlock()
	os.Remove(filepath.Join(e.recoveryDir(), name))
}

// pendingRecovery lists the recovery copies of site s whose text differs
// from the post's file.
func (e *Editor) pendingRecovery(s *model.Site) []recoveryEntry {
	disk.Touch("list", e.recoveryDir())
	ents, _ := os.ReadDir(e.recoveryDir())
	var out []recoveryEntry
	for _, ent := range ents {
		if ent.IsDir() || !strings.HasSuffix(ent.Name(), ".json") || strings.HasPrefix(ent.Name(), ".") {
			continue
		}
		file := filepath.Join(e.recoveryDir(), ent.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		var r recoveryEntry
		if json.Unmarshal(data, &r) != nil || r.Site != s.Root {
			continue
		}
		r.file = ent.Name()
		r.entry = s.PostAt(r.Path)
		if r.entry != nil {
			r.entry.Load() // to compare with the whole file
		}
		if r.entry != nil && r.entry.Doc != nil && string(r.entry.Doc.Bytes()) == r.Text {
			os.Remove(file) // nothing to recover: the file has this text
			continue
		}
		out = append(out, r)
	}
	return out
}

// offerRecovery asks, after a crash, whether to restore the unsaved text
// found for site s, showing what differs from each file on disk.
func (e *Editor) offerRecovery(s *model.Site, found []recoveryEntry) {
	if len(found) == 0 {
		return
	}
	for _, r := range found {
		trace("recovery offered %s", r.Path)
	}
	list := container.NewVBox()
	for _, r := range found {
		r := r
		when := r.Time.Local().Format("2006-01-02 15:04")
		diff := widget.NewButton(lang.L("Show differences"), func() { e.showRecoveryDiff(r) })
		list.Add(container.NewBorder(nil, nil, nil, diff, widget.NewLabel(r.Path+" ("+when+")")))
	}
	msg := widget.NewLabel(lang.L("Tandem closed without saving your latest changes to these posts. Restore them?"))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	restore := widget.NewButton(lang.L("Restore"), func() {
		d.Hide()
		e.restore(s, found)
	})
	restore.Importance = widget.HighImportance
	discard := widget.NewButton(lang.L("Discard"), func() {
		d.Hide()
		for _, r := range found {
			os.Remove(filepath.Join(e.recoveryDir(), r.file))
		}
	})
	d = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes found"), container.NewBorder(msg, nil, nil, nil, list), e.win)
	d.SetButtons([]fyne.CanvasObject{discard, restore})
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

func (e *Editor) showRecoveryDiff(r recoveryEntry) {
	disk := ""
	if r.entry != nil && r.entry.Doc != nil {
		disk = string(r.entry.Doc.Bytes())
	}
	e.showDiff(r.Path, disk, lang.L("Recovered"), r.Text)
}

// restore puts the recovered text back as unsaved edits and opens the
// first restored post's pair.
func (e *Editor) restore(s *model.Site, found []recoveryEntry) {
	var first *model.Post
	for _, r := range found {
		p := r.entry
		if p == nil {
			e.showError(lang.L("Not restored"), &model.SaveError{Path: r.Path, Err: os.ErrNotExist})
			continue
		}
		if err := p.Restore([]byte(r.Text)); err != nil {
			e.showError(lang.L("Not restored"), err)
			continue
		}
		e.recoveryMu.Lock()
		e.recovered[r.file] = r.Text
		e.recoveryMu.Unlock()
		if first == nil {
			first = p
		}
	}
	if first == nil || e.ws.Model != s {
		return
	}
	e.showPair(first.Pair, first.Lang)
	e.setStatus(lang.L("Restored: save to keep it"))
}
