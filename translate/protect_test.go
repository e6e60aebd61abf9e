package translate

import (
	"strings"
	"testing"
)

var blocks = []string{
	"A paragraph with **bold**, *emphasis*, `code`, a [link](https://example.org/guide \"Guide\") and an image ![a chart](/images/chart-en.png).",
	"## A heading with a footnote[^1]",
	"- a first item\n- a second item with <abbr title=\"Government of Canada\">GC</abbr>\n  continued here",
	"1. One&nbsp;: first\n2) Two",
	"> A quotation, {{< ref \"other.md\" >}} and {% link _posts/x.md %} and {{ site.baseurl }}",
	"| a | b |\n|---|---|\n| c & d | e < f |",
	"Text with R&D, 3 < 4 and a <https://example.org> autolink.\r\nSecond line",
	"    indented code\n    more",
	"<p>Raw <em>HTML</em> paragraph</p>",
	"",
	"*",
	"é\xff\xfe broken",
}

func TestProtectRestoresWhatItKept(t *testing.T) {
	for _, b := range blocks {
		p := Protect(b)
		got, err := p.Restore(p.Text)
		if err != nil || got != b {
			t.Errorf("%q: restored %q (%v) from %q", b, got, err, p.Text)
		}
		for _, bad := range []string{"https://", "example.org", "chart-en", "`code`", "abbr", "ref ", "baseurl", "&nbsp;", "[^1]"} {
			if strings.Contains(b, bad) && strings.Contains(p.Text, bad) {
				t.Errorf("%q: %q goes to the engine: %s", b, bad, p.Text)
			}
		}
	}
}

func TestProtectSendsTheWords(t *testing.T) {
	p := Protect(blocks[0])
	for _, w := range []string{"A paragraph with", "bold", "emphasis", "link", "a chart"} {
		if !strings.Contains(p.Text, w) {
			t.Errorf("%q is not sent: %s", w, p.Text)
		}
	}
	// A translation that keeps the placeholders, in another order.
	p = Protect("Hello **world**")
	tr := strings.Replace(strings.Replace(p.Text, "Hello ", "Bonjour le ", 1), "world", "monde", 1)
	if got, err := p.Restore(tr); err != nil || got != "Bonjour le **monde**" {
		t.Errorf("restored %q, %v (from %q)", got, err, tr)
	}
	// As engines give tags back.
	if got, err := p.Restore(`Bonjour le <x id='0'/>monde<x id="1" />`); err != nil || got != "Bonjour le **monde**" {
		t.Errorf("self-closed: %q %v", got, err)
	}
	for _, mangled := range []string{"Bonjour le monde", `Bonjour <x id="0"></x><x id="0"></x>`, `Bonjour <x id="0"></x> <x id="1"></x> <x id="7"></x>`} {
		if _, err := p.Restore(mangled); err != ErrMangled {
			t.Errorf("%q: %v, want ErrMangled", mangled, err)
		}
	}
}

// FuzzProtectRestore: any block, protected then "translated" as it is,
// comes back byte for byte.
func FuzzProtectRestore(f *testing.F) {
	for _, b := range blocks {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b string) {
		p := Protect(b)
		got, err := p.Restore(p.Text)
		if err != nil || got != b {
			t.Fatalf("%q: restored %q (%v) from %q", b, got, err, p.Text)
		}
	})
}
