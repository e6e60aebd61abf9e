package l10n

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// linkKeyRE is LinkKey as it was written, with langMarks' replacement:
// the scan must give what it gives.
func linkKeyRE(l string) string {
	l = strings.TrimSpace(l)
	if i := strings.IndexByte(l, '#'); i >= 0 {
		l = l[:i]
	}
	if u, err := url.PathUnescape(l); err == nil {
		l = u
	}
	l = strings.ToLower(l)
	l = strings.TrimPrefix(strings.TrimPrefix(l, "https://"), "http://")
	l = strings.TrimPrefix(l, "www.")
	l = langMarks.ReplaceAllString(l, "$1$3$5$6")
	return strings.TrimSuffix(strings.TrimSuffix(l, "/index.html"), "/")
}

var linkSeeds = []string{
	"https://www.canada.ca/en/services/benefits.html",
	"https://www.sac-isc.gc.ca/eng/1100100032374/1572457769548",
	"https://www.tbs.example/pol/doc-eng.aspx?id=32603",
	"https://service.example/page?lang=eng&x=1",
	"/en/fr/en-ca/english/francais/français/",
	"en/blog", "fr", "/EN", "https://digital.canada.ca/files/report-fr.docx",
	"a_fr?b", "a-eng#x", "a-en.Html?x", "/engliſh/", "x?lang=fra_", "x&lang=en-", "%2Fen%2F", "%zz/en/",
	"-en.\u212a", "/eng", "-fr.", "-fra.a.b",
}

func TestLinkKeyIsTheExpressions(t *testing.T) {
	for _, l := range linkSeeds {
		if got, want := LinkKey(l), linkKeyRE(l); got != want {
			t.Errorf("LinkKey(%q) = %q, want %q", l, got, want)
		}
	}
	if a, b := LinkKey("https://www.sac-isc.gc.ca/eng/1100/15"), LinkKey("https://www.sac-isc.gc.ca/fra/1100/15"); a != b {
		t.Errorf("/eng/ and /fra/ keyed apart: %q, %q", a, b)
	}
}

// FuzzLinkKey holds the scan to the regular expression it replaces.
func FuzzLinkKey(f *testing.F) {
	for _, l := range linkSeeds {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := LinkKey(l), linkKeyRE(l); got != want {
			t.Fatalf("LinkKey(%q) = %q, want %q", l, got, want)
		}
	})
}

func BenchmarkLinkKey(b *testing.B) {
	for b.Loop() {
		for _, l := range linkSeeds {
			LinkKey(l)
		}
	}
}

// TestLocalizedImages: the names real sites give an image's or a file's
// two languages are one image; other pictures are not.
func TestLocalizedImages(t *testing.T) {
	for _, c := range [][2]string{
		{"https://cdn.example/uploads/notice_to_appear_English_a81f3c.png", "https://cdn.example/uploads/notice_to_appear_French_b72e4d.png"},
		{"/img/translating-EN-01.svg", "/img/translating-FR-02.svg"},
		{"https://cdn.example/service_infographic_4f2a91.jpeg", "https://cdn.example/service_infographic_fr_9c1d22.jpeg"},
		{"https://cdn.example/2024/Operating_Model_V1-1015x1024.jpg", "https://cdn.example/2024/Operating_Model_V1_FR-1015x1024.jpg"},
		{"banner-en.png", "banner-fr.png"},
		{"/img/banner.png", "/img/fr_banner.png"},
		{"a/en/x.jpg", "a/fr/x.jpg"},
		{"team-anglais.png", "team-francais.png"},
		{"photo-scaled.jpg", "photo_fr-scaled.jpg"},
	} {
		if !LocalizedImage(c[0], c[1]) {
			a, _ := ImageStem(c[0])
			b, _ := ImageStem(c[1])
			t.Errorf("%s ↔ %s: %q, %q", c[0], c[1], a, b)
		}
	}
	for _, c := range [][2]string{
		{"banner.png", "photo.png"},
		{"chart-2023.png", "chart-2024.png"},
		{"blog_mindsets_1_en_ad5a462fae.jpg", "blog_mindsets_2_fr_df46769b48.jpg"},
		{"step-1.png", "step-2.png"},
	} {
		if LocalizedImage(c[0], c[1]) {
			t.Errorf("%s ↔ %s: one image", c[0], c[1])
		}
	}
}

// markSpansRE is markSpans as the expressions find them.
func markSpansRE(l string) []markSpan {
	var out []markSpan
	if m := subdomainMarkRE.FindStringSubmatchIndex(l); m != nil {
		out = append(out, markSpan{m[2], m[3], strings.ToLower(l[m[2]:m[3]])[:2]})
	}
	for _, m := range langMarks.FindAllStringSubmatchIndex(l, -1) {
		for _, g := range []int{2, 4, 7} {
			if m[2*g] >= 0 {
				out = append(out, markSpan{m[2*g], m[2*g+1], strings.ToLower(l[m[2*g]:m[2*g+1]])[:2]})
			}
		}
	}
	return out
}

var subdomainMarkRE = regexp.MustCompile(`(?i)^(?:[a-z][a-z0-9+.-]*://)?(en|fr)\.`)

var markSeeds = []string{"https://EN.wikipedia.org/wiki/X", "fr.example", "HTTPS://www.canada.ca/EN/services.html", "/FRANÇAIS/x", "/Français/", "x-ENG.PDF?a",
	"a?LANG=FRA&b", "ſ://en.x", "h\u212a://fr.y", "1x://en.a", "://en.a", "en.", "-en", "/engliſh/", "x_Fr#y", "%", ""}

func TestMarkSpansAreTheExpressions(t *testing.T) {
	for _, l := range append(markSeeds, linkSeeds...) {
		if got, want := fmt.Sprint(markSpans(l)), fmt.Sprint(markSpansRE(l)); got != want {
			t.Errorf("markSpans(%q) = %s, want %s", l, got, want)
		}
	}
}

func FuzzMarkSpans(f *testing.F) {
	for _, l := range append(markSeeds, linkSeeds...) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := fmt.Sprint(markSpans(l)), fmt.Sprint(markSpansRE(l)); got != want {
			t.Fatalf("markSpans(%q) = %s, want %s", l, got, want)
		}
	})
}
