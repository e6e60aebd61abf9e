package markup

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// benchInput is the every-construct fixture (and the French fixture post
// after it) repeated to size bytes.
func benchInput(b *testing.B, size int) []byte {
	b.Helper()
	var src []byte
	for _, f := range []string{"every-construct.md", "site/_posts/fr/2024-05-02-chaque-construction.md"} {
		data, err := os.ReadFile(filepath.Join("..", "preview", "testdata", f))
		if err != nil {
			b.Fatal(err)
		}
		src = append(src, data...)
		src = append(src, "\n\n"...)
	}
	// Footnote definitions and link references would repeat: keep one.
	src = bytes.ReplaceAll(src, []byte("[^1]:"), []byte("Note 1:"))
	src = bytes.ReplaceAll(src, []byte("[^note]:"), []byte("Note 2:"))
	var out []byte
	for len(out) < size {
		out = append(out, src...)
	}
	return out[:size]
}

var benchSizes = []struct {
	name string
	size int
}{{"7KB", 7 << 10}, {"30KB", 30 << 10}, {"100KB", 100 << 10}}

// BenchmarkPreview is a preview render: parse and build the blocks and
// their RichText segments.
func BenchmarkPreview(b *testing.B) {
	benchEachSize(b, func(src []byte) { Render(src, Options{Flavour: Kramdown, RawHTML: true}) })
}

// benchEachSize runs f on the benchmark input at each size.
func benchEachSize(b *testing.B, f func(src []byte)) {
	for _, s := range benchSizes {
		src := benchInput(b, s.size)
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				f(src)
			}
		})
	}
}

// BenchmarkGoldmarkHTML is goldmark's own HTML rendering of the same text
// with the same extensions: the floor BenchmarkPreview is compared with.
func BenchmarkGoldmarkHTML(b *testing.B) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	benchEachSize(b, func(src []byte) {
		if err := md.Convert(src, io.Discard); err != nil {
			b.Fatal(err)
		}
	})
}

// rawHTMLInput is the WordPress-style fixture post (raw HTML) repeated to
// size bytes.
func rawHTMLInput(b *testing.B, size int) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "hugo-renderers", "posts", "en", "wordpress-export.md"))
	if err != nil {
		b.Fatal(err)
	}
	body := data[bytes.Index(data[3:], []byte("---\n"))+7:]
	var out []byte
	for len(out) < size {
		out = append(out, body...)
		out = append(out, '\n')
	}
	return out
}

var rawHTMLFlavours = []struct {
	name string
	opt  Options
}{
	{"blackfriday", Options{Flavour: Blackfriday, RawHTML: true, Typographer: true,
		Blackfriday: BlackfridayOptions{Fractions: true, SmartDashes: true, LatexDashes: true}}},
	{"goldmark-unsafe", Options{Flavour: Goldmark, RawHTML: true, Typographer: true}},
}

// BenchmarkRawHTMLPreview builds the preview of a 100 KB raw-HTML post
// (blocks and runs) with Blackfriday, as Hugo before 0.60 publishes it,
// and with goldmark and unsafe.
func BenchmarkRawHTMLPreview(b *testing.B) {
	src := rawHTMLInput(b, 100<<10)
	for _, f := range rawHTMLFlavours {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Render(src, f.opt)
			}
		})
	}
}

// BenchmarkRawHTMLKeystroke is the preview's work for one character typed
// into a paragraph of a 100 KB raw-HTML post: the cache renders again only
// the chunks around the edit.
func BenchmarkRawHTMLKeystroke(b *testing.B) {
	src := rawHTMLInput(b, 100<<10)
	at := bytes.Index(src[len(src)/2:], []byte("residents")) + len(src)/2
	for _, f := range rawHTMLFlavours {
		b.Run(f.name, func(b *testing.B) {
			c := NewCache()
			c.Render(src, f.opt)
			n := 0
			for b.Loop() {
				n++
				edited := append(append(append([]byte{}, src[:at]...), byte('a'+n%26)), src[at:]...)
				c.Render(edited, f.opt)
			}
		})
	}
}
