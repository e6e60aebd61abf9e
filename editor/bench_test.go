package editor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"tandem/task"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tandem/editor/textarea"
	"tandem/model"
)

// longPair writes a pair of posts whose bodies are about size bytes of
// varied Markdown (my own text), and opens it in a window.
func longPair(b *testing.B, size int) (*Editor, *model.Site) {
	b.Helper()
	root := b.TempDir()
	paras := []string{
		"A paragraph of a long post, with “quotes”, a [link](https://example.org) and some **bold** words to make it look real.\n\n",
		"## A heading for the next part\n\n",
		"- a first point in a list\n- a second point, with *emphasis*\n- a third one\n\n",
		"> A quotation from someone the team interviewed, kept short.\n\n",
		"Another paragraph that runs on for a while so that it wraps over several rows in the editor and in the preview beside it.\n\n",
	}
	// The French is a translation of the English, paragraph by
	// paragraph, so that the translation checks see a real pair.
	frParas := []string{
		"Un paragraphe d’un long billet, avec des «&nbsp;guillemets&nbsp;», un [lien](https://example.org) et quelques mots en **gras** pour faire vrai.\n\n",
		"## Un intertitre pour la partie suivante\n\n",
		"- un premier point d’une liste\n- un deuxième point, avec de l’*emphase*\n- un troisième\n\n",
		"> Une citation d’une personne que l’équipe a interviewée, gardée courte.\n\n",
		"Un autre paragraphe qui se poursuit un moment pour qu’il s’étende sur plusieurs rangées dans l’éditeur et dans l’aperçu à côté.\n\n",
	}
	bodies := map[string]*strings.Builder{"en": {}, "fr": {}}
	for i := 0; bodies["en"].Len() < size; i++ {
		bodies["en"].WriteString(paras[i%len(paras)])
		bodies["fr"].WriteString(frParas[i%len(frParas)])
	}
	for _, l := range []string{"en", "fr"} {
		p := filepath.Join(root, "_posts", l, "2024-01-01-long-"+l+".md")
		os.MkdirAll(filepath.Dir(p), 0o755)
		other := map[string]string{"en": "fr", "fr": "en"}[l]
		os.WriteFile(p, []byte("---\ntitle: \"Long\"\ndate: 2024-01-01\ntrans_url: /2024/01/01/long-"+other+".html\n---\n"+bodies[l].String()), 0o644)
	}
	a := test.NewTempApp(b)
	e := New(a)
	e.win.Resize(fyne.NewSize(1400, 900))
	s, err := model.Open(root)
	if err != nil {
		b.Fatal(err)
	}
	e.ShowSite(s)
	e.watcher.Close()
	e.OpenPair(s.Pairs[0], "en")
	flushPreviews(e)
	return e, s
}

// BenchmarkKeystroke types one character in the middle of a body of each
// size in the window (test driver), as a key press arrives, and includes
// what it triggers: the editor, the model update, the post's lint, the
// title's unsaved mark and the preview's update (parse, blocks, widgets),
// which the window runs once typing pauses.
func BenchmarkKeystroke(b *testing.B) {
	for _, size := range []int{7 << 10, 30 << 10, 100 << 10, 1 << 20} {
		b.Run(sizeName(size), func(b *testing.B) { keystroke(b, size) })
	}
}

// BenchmarkKeystrokeChecksOff is BenchmarkKeystroke without the
// translation checks, for comparing in one run on a noisy machine.
func BenchmarkKeystrokeChecksOff(b *testing.B) {
	liveChecks = false
	defer func() { liveChecks = true }()
	for _, size := range []int{7 << 10, 100 << 10, 1 << 20} {
		b.Run(sizeName(size), func(b *testing.B) { keystroke(b, size) })
	}
}

// keystroke is BenchmarkKeystroke at one size.
func keystroke(b *testing.B, size int) {
	off := timeOffUI(b)
	e, s := longPair(b, size)
	c := e.column("en")
	en := c.body
	en.SetCursor(middleParagraph(b, en))
	e.win.Canvas().Focus(en) // once, as when a writer types
	typed := []rune(typing)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		en.TypedRune(typed[i%len(typed)])
		c.live.Flush()
		i++
	}
	b.StopTimer()
	if !strings.Contains(s.Pairs[0].Post("en").Doc.BodyText(), string(typed[:min(i, 12)])) {
		b.Fatal("the keystrokes did not reach the post")
	}
	b.ReportMetric(float64(off().Microseconds())/float64(i), "µs-off-UI/op")
}

// BenchmarkKeystrokeTranslation is BenchmarkKeystroke in the French
// column, with what the translation checks and the typography then do
// (off the UI thread, timed apart: µs-off-UI/op): the alignment updated
// around the block, the checks, the typography, the underlines and the
// structure map's marks.
func BenchmarkKeystrokeTranslation(b *testing.B) {
	for _, size := range []int{7 << 10, 30 << 10, 100 << 10} {
		b.Run(sizeName(size), func(b *testing.B) {
			off := timeOffUI(b)
			e, _ := longPair(b, size)
			c := e.column("fr")
			c.body.SetCursor(middleParagraph(b, c.body))
			e.win.Canvas().Focus(c.body)
			typed := []rune(typing)
			b.ResetTimer()
			i := 0
			for b.Loop() {
				c.body.TypedRune(typed[i%len(typed)])
				c.live.Flush()
				i++
			}
			b.StopTimer()
			if ms, _, _ := e.view.checks.live.Matches(); ms == nil {
				b.Fatal("the checks did not run")
			}
			b.ReportMetric(float64(off().Microseconds())/float64(i), "µs-off-UI/op")
		})
	}
}

// timeOffUI times apart, for the rest of b, the work the window runs off
// its UI thread (the checks', see offUI), and returns its total so far.
func timeOffUI(b *testing.B) func() time.Duration {
	var off time.Duration
	task.AroundWork(func(work func()) {
		b.StopTimer()
		t0 := time.Now()
		work()
		off += time.Since(t0)
		b.StartTimer()
	})
	// And the library's findings refreshed as the window does while
	// one types: twice a second at most.
	libraryPause = 500 * time.Millisecond
	b.Cleanup(func() {
		task.AroundWork(nil)
		libraryPause = 0
	})
	return func() time.Duration { return off }
}

// BenchmarkKeystrokeEditorOnly is the same keystroke without the preview
// update: what the UI thread spends while typing goes on.
func BenchmarkKeystrokeEditorOnly(b *testing.B) {
	for _, size := range []int{7 << 10, 100 << 10, 1 << 20} {
		b.Run(sizeName(size), func(b *testing.B) {
			e, _ := longPair(b, size)
			c := e.column("en")
			en := c.body
			en.SetCursor(middleParagraph(b, en))
			e.win.Canvas().Focus(en)
			typed := []rune(typing)
			b.ResetTimer()
			i := 0
			for b.Loop() {
				en.TypedRune(typed[i%len(typed)])
				i++
			}
			b.StopTimer()
			c.live.Stop()
		})
	}
}

// BenchmarkOpen1MB opens a pair of 1 MB posts: until both texts and
// previews are shown.
func BenchmarkOpen1MB(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		e, s := longPair(b, 1<<20)
		e.closePairNow()
		b.StartTimer()
		e.OpenPair(s.Pairs[0], "en")
		flushPreviews(e)
	}
}

// typing is what the benchmarks type, a character at a time.
const typing = "Le vent se lève, il faut tenter de vivre ; l’été sera chaud. "

// middleParagraph is the middle of the first long paragraph in the second
// half of the body: the same paragraph at every size.
func middleParagraph(b *testing.B, t *textarea.TextArea) textarea.Pos {
	for i := t.Lines() / 2; i < t.Lines(); i++ {
		if l := t.Line(i); strings.HasPrefix(l, "Another paragraph") || strings.HasPrefix(l, "Un autre paragraphe") {
			return textarea.Pos{Line: i, Col: len([]rune(l)) / 2}
		}
	}
	b.Fatal("no long paragraph in the second half")
	return textarea.Pos{}
}

func sizeName(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%dMB", n>>20)
	}
	return fmt.Sprintf("%dKB", n>>10)
}

// BenchmarkPreviewScroll scrolls the English preview of a 1 MB pair by a
// mouse-wheel step (the French one follows): blocks come into view,
// are made and measured.
func BenchmarkPreviewScroll(b *testing.B) {
	e, _ := longPair(b, 1<<20)
	c := e.column("en")
	b.ResetTimer()
	for b.Loop() {
		c.prev.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -60)})
	}
}
