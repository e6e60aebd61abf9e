package markup

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const keyText = "A paragraph with **bold** and a [link](https://example.org).\n\n![A chart](/images/chart.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"

func keysOf(opt Options) string {
	var b strings.Builder
	for _, bl := range Render([]byte(keyText), opt).Blocks {
		fmt.Fprintf(&b, "%x ", bl.Key)
	}
	return b.String()
}

// TestBlockKeysAreStable: a block's key is the same in another process
// (a silence or a draft mark recorded today holds tomorrow) and whether
// or not its image was found on disk (the window's render and lint's).
func TestBlockKeysAreStable(t *testing.T) {
	if os.Getenv("TANDEM_KEYS_CHILD") != "" {
		fmt.Print(keysOf(Options{Flavour: Goldmark}))
		return
	}
	here := keysOf(Options{Flavour: Goldmark})
	cmd := exec.Command(os.Args[0], "-test.run=^TestBlockKeysAreStable$")
	cmd.Env = append(os.Environ(), "TANDEM_KEYS_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), here) {
		t.Errorf("keys in this process %q, in another %q", here, out)
	}
	found := keysOf(Options{Flavour: Goldmark, Image: func(src string) Image { return Image{Src: src, File: "/site/static" + src} }})
	if found != here {
		t.Errorf("keys with the image found %q, without %q", found, here)
	}
}

// TestKeysOnly: a render for the checks (KeysOnly) gives the blocks and
// keys of a full render, without their runs, for the fixture sites'
// posts and the preview's spec texts, in each flavour.
func TestKeysOnly(t *testing.T) {
	var texts []string
	for _, glob := range []string{"../testdata/*/*/*/*.md", "../testdata/*/*/*/*/*.md", "../testdata/*/*/*/*/*/*.md", "testdata/spec/*.txt"} {
		names, _ := filepath.Glob(glob)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	texts = append(texts, keyText)
	if len(texts) < 20 {
		t.Fatalf("%d texts found", len(texts))
	}
	for _, fl := range []Flavour{Goldmark, Kramdown, Blackfriday} {
		for _, text := range texts {
			full := Render([]byte(text), Options{Flavour: fl})
			keys := Render([]byte(text), Options{Flavour: fl, KeysOnly: true})
			if len(full.Blocks) != len(keys.Blocks) {
				t.Fatalf("%v: %d blocks, keys only %d", fl, len(full.Blocks), len(keys.Blocks))
			}
			for i := range full.Blocks {
				a, b := full.Blocks[i], keys.Blocks[i]
				if a.Key != b.Key || a.Line != b.Line || len(a.Spans) != len(b.Spans) {
					t.Fatalf("%v block %d: %x %d, keys only %x %d", fl, i, a.Key, a.Line, b.Key, b.Line)
				}
				if b.Runs != nil || len(b.Rows) > 0 && b.Rows[0].Cells != nil && len(b.Rows[0].Cells) > 0 && b.Rows[0].Cells[0].Runs != nil {
					t.Fatalf("%v block %d: runs kept", fl, i)
				}
			}
		}
	}
}
