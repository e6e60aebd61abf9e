package check

import (
	"strings"
	"testing"

	"tandem/preview/markup"
	"tandem/preview/markup/align"
)

// BenchmarkCheck100KB aligns and checks a 100 KB pair: the fixture's
// clean pair repeated to 100 KB of English (and as many copies of the
// French). align+check is what a pair costs from scratch once its posts
// are rendered; render+align+check includes rendering both; typography
// is the French post's typography alone.
func BenchmarkCheck100KB(b *testing.B) {
	s := copySite(b, "site")
	pr := pairOf(b, s, "budget-tool")
	en, fr := pr.Post("en"), pr.Post("fr")
	copies := (100<<10)/len(en.Doc.Body()) + 1
	en.Doc.SetBodyText(strings.Repeat(en.Doc.BodyText()+"\n", copies))
	fr.Doc.SetBodyText(strings.Repeat(fr.Doc.BodyText()+"\n", copies))
	_, ds := markup.RenderPost(s, en, false)
	_, dt := markup.RenderPost(s, fr, false)
	b.Run("align+check", func(b *testing.B) {
		for b.Loop() {
			fs := Translation(NewContext(s), SideOf(en, ds), SideOf(fr, dt), align.BlocksWith(ds.Blocks, dt.Blocks, SiteRatio(s)))
			if len(fs) != 0 {
				b.Fatalf("findings on a clean pair: %v", fs[0])
			}
		}
		b.ReportMetric(float64(len(en.Doc.Body())>>10), "KB-en")
	})
	b.Run("align", func(b *testing.B) {
		for b.Loop() {
			align.BlocksWith(ds.Blocks, dt.Blocks, SiteRatio(s))
		}
		b.ReportMetric(float64(len(ds.Blocks)), "source-blocks")
		b.ReportMetric(float64(len(dt.Blocks)), "target-blocks")
	})
	b.Run("check", func(b *testing.B) {
		ms := align.BlocksWith(ds.Blocks, dt.Blocks, SiteRatio(s))
		cx := NewContext(s)
		for b.Loop() {
			Translation(cx, SideOf(en, ds), SideOf(fr, dt), ms)
		}
	})
	b.Run("typography", func(b *testing.B) {
		for b.Loop() {
			Typography(s, fr)
		}
	})
	b.Run("render+align+check", func(b *testing.B) {
		for b.Loop() {
			Pair(s, pr)
		}
	})
}
