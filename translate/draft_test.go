package translate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/check"
	"tandem/check/terms"
	"tandem/memory"
	"tandem/model"
)

func testSite(t *testing.T) string {
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "site"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func froms(r *Result) []string {
	var out []string
	for _, b := range r.Blocks {
		out = append(out, b.From)
	}
	return out
}

// TestDraftFromMemoryAndEngine: a post without a translation gets one:
// the paragraph the memory has word for word from it (100), the one it
// has but a word (fuzzy), the rest from the engine with links and
// images localized and French typography applied; code as it is; the
// engine received only words.
func TestDraftFromMemoryAndEngine(t *testing.T) {
	root := testSite(t)
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	p := s.PostAt("_posts/en/2024-03-10-park-hours.md")
	if err := p.Pair.Load(); err != nil {
		t.Fatal(err)
	}
	sv := newService(t, "deepl")
	tb := &terms.Termbase{Concepts: []terms.Concept{{Terms: map[string][]terms.Term{"en": {{Text: "park"}}, "fr": {{Text: "parc"}}}}}}
	res, err := Draft(context.Background(), s, p, Options{Memory: memory.Build(s), Engine: engineFor(t, "deepl", sv, 2*time.Second), Terms: tb})
	if err != nil {
		t.Fatal(err)
	}
	if sv.glossary != "g-1" || sv.entries != "park\tparc\n" {
		t.Errorf("the terms did not go as a glossary: id %q, entries %q", sv.glossary, sv.entries)
	}
	if !res.Created || res.Target == nil || res.Target.Lang != "fr" {
		t.Fatalf("no French post created: %+v", res)
	}
	want := []string{FromMemory, FromFuzzy, FromEngine, FromUntranslated, FromEngine}
	if got := froms(res); !slices.Equal(got, want) {
		t.Errorf("drafted from %v, want %v", got, want)
	}
	if res.Blocks[0].Score != 100 || res.Blocks[1].Score < DefaultThreshold || res.Blocks[1].Score == 100 {
		t.Errorf("scores %d %d", res.Blocks[0].Score, res.Blocks[1].Score)
	}
	body := res.Target.Doc.BodyText()
	for _, w := range []string{"La ville a ouvert deux nouvelles pistes cyclables", "Les parcs ferment", "`gates`", "```\nhours: 6-22\n```",
		"[carte des parcs](https://draft.example/fr/parks)", "![l’affiche](/images/sign-fr.png)"} {
		if !strings.Contains(body, w) {
			t.Errorf("the draft lacks %q:\n%s", w, body)
		}
	}
	lines := strings.Split(res.Target.Doc.BodyText(), "\n")
	for _, b := range res.Blocks {
		first := b.Target[0] - res.Target.Doc.BodyLine() // 0-based in the body
		if first < 0 || first >= len(lines) || strings.TrimSpace(lines[first]) == "" {
			t.Errorf("block %+v does not start on a line of text", b)
		}
	}
	for _, sent := range sv.texts {
		for _, bad := range []string{"https://", "gates", "/images/", "hours: 6-22"} {
			if strings.Contains(sent, bad) {
				t.Errorf("%q went to the engine: %s", bad, sent)
			}
		}
	}
	// Written, the draft's blocks are marked until read: lint says so.
	if err := res.Save(root); err != nil {
		t.Fatal(err)
	}
	s2, err := model.OpenFrontMatter(root)
	if err != nil {
		t.Fatal(err)
	}
	// One finding at least on each drafted block, none elsewhere.
	at := draftLines(check.Pair(s2, s2.PostAt(res.Target.Path).Pair), res.Target.Path, t)
	for _, b := range res.Blocks {
		n := 0
		for l := b.Target[0]; l <= b.Target[1]; l++ {
			n += at[l]
		}
		if n == 0 {
			t.Errorf("drafted block %+v has no translation-draft finding", b)
		}
	}
	for l := range at {
		if !slices.ContainsFunc(res.Blocks, func(b Block) bool { return l >= b.Target[0] && l <= b.Target[1] }) {
			t.Errorf("a translation-draft finding on line %d, drafted nowhere", l)
		}
	}
	// A block edited is read: its mark no longer holds.
	fr := s2.PostAt(res.Target.Path)
	fr.Load()
	fr.Doc.SetBodyText(strings.Replace(fr.Doc.BodyText(), "Les parcs ferment", "Nos parcs ferment", 1))
	if err := fr.Save(); err != nil {
		t.Fatal(err)
	}
	s3, _ := model.OpenFrontMatter(root)
	edited := res.Blocks[2].Target[0]
	if after := draftLines(check.Pair(s3, s3.PostAt(res.Target.Path).Pair), res.Target.Path, t); after[edited] != 0 || after[res.Blocks[0].Target[0]] == 0 {
		t.Errorf("after an edit of line %d the marks are %v", edited, after)
	}
}

// draftLines counts the translation-draft findings by line (all on path,
// all notes).
func draftLines(fs []model.Finding, path string, t *testing.T) map[int]int {
	at := map[int]int{}
	for _, f := range fs {
		if f.Rule == check.RuleDraft {
			at[f.Line]++
			if f.Path != path || f.Severity != model.Info {
				t.Errorf("draft finding %v", f)
			}
		}
	}
	return at
}

// TestDraftFallsBack: an engine that refuses the key, or loses a block's
// placeholders, leaves those blocks untranslated, never half-restored.
func TestDraftFallsBack(t *testing.T) {
	for _, c := range []struct {
		status int
		lose   bool
	}{{403, false}, {456, false}, {0, true}} {
		root := testSite(t)
		s, _ := model.OpenFrontMatter(root)
		p := s.PostAt("_posts/en/2024-03-10-park-hours.md")
		p.Pair.Load()
		sv := newService(t, "libretranslate")
		sv.status, sv.lose = c.status, c.lose
		res, err := Draft(context.Background(), s, p, Options{Memory: memory.Build(s), Engine: engineFor(t, "libretranslate", sv, 2*time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		got := froms(res)
		if c.status != 0 {
			if res.EngineErr == nil || slices.Contains(got, FromEngine) || got[0] != FromMemory {
				t.Errorf("HTTP %d: %v, %v", c.status, res.EngineErr, got)
			}
			continue
		}
		if got[2] != FromUntranslated || res.Blocks[2].Note == "" || got[4] != FromEngine {
			t.Errorf("a lost placeholder: %v %+v", got, res.Blocks[2])
		}
		if body := res.Target.Doc.BodyText(); !strings.Contains(body, "Parks now close at ten in the evening, with `gates` locked by staff.") {
			t.Errorf("the mangled block is not the source's text:\n%s", body)
		}
	}
}

// TestDraftKeepsTheTranslation: a translation with one paragraph left in
// English gets that paragraph drafted in its place; its other blocks and
// lines stay as they were.
func TestDraftKeepsTheTranslation(t *testing.T) {
	root := testSite(t)
	fr := filepath.Join(root, "_posts", "fr", "2024-02-01-pistes-cyclables.md")
	b, _ := os.ReadFile(fr)
	left := strings.Replace(string(b), "Les travaux commencent lundi et se terminent en juin.", "Work starts on Monday and ends in June, then the lanes open.", 1)
	os.WriteFile(fr, []byte(left), 0o644)
	s, _ := model.OpenFrontMatter(root)
	p := s.PostAt("_posts/fr/2024-02-01-pistes-cyclables.md")
	p.Pair.Load()
	res, err := Draft(context.Background(), s, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || len(res.Blocks) != 1 || res.Blocks[0].From != FromUntranslated {
		t.Fatalf("%+v", res.Blocks)
	}
	if got := string(res.Target.Doc.Bytes()); got != left {
		t.Errorf("with nothing to draft from, the file changed:\n%s", got)
	}
}

// TestDraftTheSampleFromTheRest: each pair of the shared sample, its
// translation taken away, drafted from a memory of the other pairs: the
// draft never fails, every source block is drafted, and each block's
// lines are where the report says.
func TestDraftTheSampleFromTheRest(t *testing.T) {
	src := filepath.Join("..", "..", "shared", "samples", "jekyll-site")
	if _, err := os.Stat(src); err != nil {
		t.Skip("no shared sample")
	}
	base, err := model.OpenFrontMatter(src)
	if err != nil {
		t.Fatal(err)
	}
	drafted, fromMemory := 0, 0
	for _, pr := range base.Pairs {
		en, fr := pr.Post("en"), pr.Post("fr")
		if en == nil || fr == nil {
			continue
		}
		root := filepath.Join(t.TempDir(), "site")
		if err := os.CopyFS(root, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(fr.Path))); err != nil {
			t.Fatal(err)
		}
		s, err := model.OpenFrontMatter(root)
		if err != nil {
			t.Fatal(err)
		}
		p := s.PostAt(en.Path)
		p.Pair.Load()
		res, err := Draft(context.Background(), s, p, Options{Memory: memory.Build(s)})
		if err != nil {
			t.Fatalf("%s: %v", en.Path, err)
		}
		body := strings.Split(res.Target.Doc.BodyText(), "\n")
		for _, b := range res.Blocks {
			i := b.Target[0] - res.Target.Doc.BodyLine()
			if i < 0 || b.Target[1]-res.Target.Doc.BodyLine() >= len(body) || strings.TrimSpace(body[i]) == "" {
				t.Errorf("%s: block %+v is not where it says", en.Path, b)
			}
			drafted++
			if b.From == FromMemory || b.From == FromFuzzy {
				fromMemory++
			}
		}
	}
	t.Logf("%d blocks drafted, %d from the memory of the other pairs", drafted, fromMemory)
	if drafted == 0 {
		t.Error("nothing drafted")
	}
}

// BenchmarkDraftFromMemory drafts a 10 KB post from the memory alone,
// then with an engine (a loopback DeepL) for what the memory lacks: a
// memory of 150 paragraphs, half the post's paragraphs in it.
func BenchmarkDraftFromMemory(b *testing.B) {
	root := filepath.Join(b.TempDir(), "site")
	os.CopyFS(root, os.DirFS(filepath.Join("testdata", "site")))
	// A word of its own in each paragraph (a memory's index skips the
	// words most of its units have).
	word := func(i int) string {
		w := ""
		for i++; i > 0; i /= 7 {
			w += []string{"kal", "lom", "mir", "nub", "pes", "rot", "sav"}[i%7]
		}
		return w
	}
	var en, fr strings.Builder
	for i := range 150 {
		w := func(k int) string { return word(i*5 + k) }
		fmt.Fprintf(&en, "The %s %s team rebuilt the %s %s form %d for %s.\n\n", w(0), w(1), w(2), w(3), i, w(4))
		fmt.Fprintf(&fr, "L’équipe %s %s a refait le formulaire %s %s %d pour %s.\n\n", w(0), w(1), w(2), w(3), i, w(4))
	}
	head := func(lang, other string) string {
		return fmt.Sprintf("---\ntitle: \"Old %s\"\nlang: %s\nlayout: post\ntrans_url: \"/2023/01/01/old-%s\"\n---\n\n", lang, lang, other)
	}
	os.WriteFile(filepath.Join(root, "_posts", "en", "2023-01-01-old-en.md"), []byte(head("en", "fr")+en.String()), 0o644)
	os.WriteFile(filepath.Join(root, "_posts", "fr", "2023-01-01-old-fr.md"), []byte(head("fr", "en")+fr.String()), 0o644)
	var post strings.Builder
	for i := 0; post.Len() < 10<<10; i++ {
		if i%2 == 0 {
			w := func(k int) string { return word(i*5 + k) }
			fmt.Fprintf(&post, "The %s %s team rebuilt the %s %s form %d for %s.\n\n", w(0), w(1), w(2), w(3), i, w(4))
		} else {
			fmt.Fprintf(&post, "A new paragraph %d says what changed this year and what comes next for the team.\n\n", i)
		}
	}
	newHead := "---\ntitle: \"New post\"\nlang: en\nlayout: post\n---\n\n"
	os.WriteFile(filepath.Join(root, "_posts", "en", "2024-09-01-new.md"), []byte(newHead+post.String()), 0o644)
	s, err := model.OpenFrontMatter(root)
	if err != nil {
		b.Fatal(err)
	}
	m := memory.Build(s)
	t := &testing.T{}
	for _, withEngine := range []bool{false, true} {
		name := "memory"
		var sv *engineServer
		var eng Engine
		if withEngine {
			name = "memory+engine"
			sv = newService(t, "deepl")
			eng = engineFor(t, "deepl", sv, 5*time.Second)
		}
		b.Run(name, func(b *testing.B) {
			blocks, engine, mem := 0, 0, 0
			for b.Loop() {
				s, _ := model.OpenFrontMatter(root)
				p := s.PostAt("_posts/en/2024-09-01-new.md")
				p.Pair.Load()
				res, err := Draft(context.Background(), s, p, Options{Memory: m, Engine: eng})
				if err != nil {
					b.Fatal(err)
				}
				blocks, engine, mem = len(res.Blocks), 0, 0
				for _, bl := range res.Blocks {
					switch bl.From {
					case FromEngine:
						engine++
					case FromMemory, FromFuzzy:
						mem++
					}
				}
			}
			b.ReportMetric(float64(blocks), "blocks")
			b.ReportMetric(float64(mem), "memory-blocks")
			if sv != nil {
				b.ReportMetric(float64(len(sv.requests))/float64(b.N), "requests/post")
				b.ReportMetric(float64(engine), "engine-blocks")
			}
		})
	}
}
