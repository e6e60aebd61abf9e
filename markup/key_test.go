package markup

import (
	"fmt"
	"os"
	"os/exec"
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
