package model

import "testing"

// TestSampleSite reads the shared sample of a real bilingual Jekyll blog,
// when the checkout has it: every post pairs, and a no-edit save of every
// field of every post changes no byte.
func TestSampleSite(t *testing.T) {
	root := copyTree(t, samplesDir(t))
	s := openSite(t, root)
	if s.Layout != Jekyll || len(s.Posts) != 22 {
		t.Fatalf("%s, %d posts", s.Layout, len(s.Posts))
	}
	paired := 0
	for _, pr := range s.Pairs {
		if len(pr.Posts) == 2 {
			paired++
		}
	}
	if paired != 11 {
		t.Errorf("%d pairs, want 11", paired)
	}
	if s.ImageDir != "assets/img/cds/post-images" {
		t.Errorf("image dir %q", s.ImageDir)
	}
	for _, f := range s.Lint() {
		switch f.Rule {
		case RuleRequired: // the 2017 posts have no image-alt
		default:
			t.Errorf("unexpected finding: %s", f)
		}
	}
	roundTripAll(t, s)
}
