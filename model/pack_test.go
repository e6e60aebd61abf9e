package model

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func packedFindings() []Finding {
	return []Finding{
		newFinding("content/fr/a.md", 3, "typography-fr", Info, "", "no-break spaces go between a number's groups (10 000)"),
		newFinding("content/fr/a.md", 7, "translation-link", Warning, "", "the link to %s is %d lines away (%v, %d, %d, %g, %t, %c)",
			"https://example.org/é", 12, int64(-5), uint(7), uint64(1<<40), 2.5, true, 'é'),
		{Path: "content/fr/a.md", Line: 9, Rule: "lint-front-matter", Severity: Error, Message: "a message made whole", Field: "title",
			SourceLine: 4, Block: "b:12-13", Replace: [2]string{"10 000", "10\u00a0000"}},
		newFinding("content/fr/b.md", 0, RuleInternal, Error, "", "Tandem could not check this post because of a bug in Tandem; the post is unchanged. Details: %s", "index out of range"),
		newFinding("content/fr/b.md", -1, "", "", "", ""),
	}
}

func TestPackedFindingsAreTheSame(t *testing.T) {
	var k Packer
	fs := packedFindings()
	b, ok := k.Pack(fs)
	if !ok {
		t.Fatal("not packed")
	}
	got := k.Unpack(b)
	if !reflect.DeepEqual(got, fs) {
		t.Fatalf("unpacked:\n%#v\nwant:\n%#v", got, fs)
	}
	// The French message is made from the same arguments.
	fr := func(f string) string { return "FR " + f }
	for i := range fs {
		if got[i].Text(fr) != fs[i].Text(fr) {
			t.Errorf("%d: Text %q, want %q", i, got[i].Text(fr), fs[i].Text(fr))
		}
	}
	// Packed again, by the same Packer (its names kept), the same.
	b2, _ := k.Pack(fs)
	if !reflect.DeepEqual(k.Unpack(b2), fs) {
		t.Error("packed a second time, not the same")
	}
	// Shared strings are kept once, by number, a path once a list, and a
	// message made from its format not at all.
	for _, shared := range []string{"typography-fr", "10 000)", "translation-link", "lines away (-5"} {
		if n := strings.Count(string(b), shared); n > 0 {
			t.Errorf("%q packed %d times", shared, n)
		}
	}
	if n := strings.Count(string(b), "content/fr/a.md"); n != 1 {
		t.Errorf("the path packed %d times, want once", n)
	}
	if k.Unpack(nil) != nil {
		t.Error("nothing packed unpacks to findings")
	}
}

func TestAFindingOfAnotherArgumentIsNotPacked(t *testing.T) {
	var k Packer
	fs := []Finding{newFinding("a.md", 1, "r", Info, "", "took %v", time.Second)}
	if _, ok := k.Pack(fs); ok {
		t.Error("a time.Duration argument packed: it would come back an int64")
	}
}

func TestManyNamesArePackedAsStrings(t *testing.T) {
	var k Packer
	var fs []Finding
	for i := range packNames + 50 {
		msg := fmt.Sprintf("message number %d, made whole", i)
		fs = append(fs, Finding{Path: "a.md", Line: i, Rule: "rule", Severity: Info, Message: msg, format: msg})
	}
	b, ok := k.Pack(fs)
	if !ok || !reflect.DeepEqual(k.Unpack(b), fs) {
		t.Fatal("not the same")
	}
	if len(k.names) > packNames {
		t.Errorf("%d names kept, at most %d", len(k.names), packNames)
	}
}

func FuzzPackFindings(f *testing.F) {
	f.Add("content/fr/a.md", 3, "typography-fr", "info", "title", "the %s is %d", "arg", 12, "b:1", "x", "y", 2.5, true)
	f.Add("", 0, "", "", "", "", "", 0, "", "", "", 0.0, false)
	f.Add("é\x00ü", -7, "r\xff", "error", "", "100%", "%", -1, "\n", "\u00a0", "", -0.0, true)
	f.Fuzz(func(t *testing.T, path string, line int, rule, sev, field, format, s string, n int, block, r0, r1 string, x float64, yes bool) {
		if x != x {
			x = 0 // NaN is not equal to itself
		}
		var k Packer
		fs := []Finding{
			newFinding(path, line, rule, Severity(sev), field, format, s, n, x, yes),
			{Path: path, Line: line + 1, Rule: rule, Severity: Severity(sev), Field: field, Message: format, format: format},
			{Path: path + "/other", Line: n, Rule: rule, Severity: Severity(sev), Message: format + s, Field: field, SourceLine: line, Block: block, Replace: [2]string{r0, r1}},
			newFinding(strings.ToUpper(path), n, field, Severity(rule), sev, s, int32(n), uint(len(s)), uint64(len(path)), int64(line)),
		}
		b, ok := k.Pack(fs)
		if !ok {
			t.Fatal("not packed")
		}
		if got := k.Unpack(b); !reflect.DeepEqual(got, fs) {
			t.Errorf("unpacked:\n%#v\nwant:\n%#v", got, fs)
		}
	})
}
