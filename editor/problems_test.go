package editor

import (
	"path/filepath"
	"strings"
	"testing"

	"tandem/model"
)

// TestProblemsLeadWithTheWorkAtHand: the open pair's findings first, then
// the pairs to do, then the rest of the site by rule (the largest group
// first) and its notes folded under one line; a group opens on a click;
// the title counts the first two parts only; the filter leaves notes out.
func TestProblemsLeadWithTheWorkAtHand(t *testing.T) {
	s, err := model.Open(copyOf(t, filepath.Join("..", "testdata", "jekyll")))
	if err != nil {
		t.Fatal(err)
	}
	open := s.PostAt("_posts/en/2024-03-05-community-gardens.md")
	todo := s.PostAt("_posts/en/2024-07-20-summer-hours.md")
	found := map[string][]model.Finding{}
	add := func(p *model.Post, rule string, sev model.Severity) {
		found[p.Path] = append(found[p.Path], model.NewFinding(p.Path, 1, rule, sev, "", "a finding"))
	}
	add(open, "translation-number", model.Warning)
	add(todo, "missing-counterpart", model.Warning)
	var published []*model.Post
	for _, p := range s.Posts {
		if p.Pair != open.Pair && p.Pair != todo.Pair {
			published = append(published, p)
		}
	}
	add(published[0], "typography-fr", model.Info)
	add(published[1], "typography-fr", model.Info)
	add(published[0], "translation-structure", model.Warning)
	add(published[1], "translation-structure", model.Warning)
	add(published[2], "image-not-found", model.Warning)
	of := func(path string) []model.Finding { return found[path] }
	isOpen := map[*model.Post]bool{}
	for _, p := range open.Pair.Posts {
		isOpen[p] = true
	}
	toDoHere := func(p *model.Post) bool { return p.Pair == todo.Pair }
	expanded := map[string]bool{}
	show := func(filter int) (string, int) {
		rows, n := problemRows(s.Posts, of, isOpen, toDoHere, expanded, filter)
		var lines []string
		for _, r := range rows {
			lines = append(lines, r.text())
		}
		return strings.Join(lines, "\n"), n
	}
	got, n := show(severityAll)
	want := []string{"This pair (1)", "community-gardens.md — a finding", "Changed, not published yet (1)", "summer-hours.md — a finding",
		"The rest of the site (5)", "▸ translation-structure (2)", "▸ image-not-found (1)", "▸ 2 notes on published posts"}
	for i, w := range want {
		if lines := strings.Split(got, "\n"); i >= len(lines) || !strings.Contains(lines[i], w) {
			t.Fatalf("row %d: want %q in\n%s", i, w, got)
		}
	}
	if n != 2 {
		t.Errorf("the title counts %d, want 2 (the open pair's and the pair to do)", n)
	}
	expanded["translation-structure"] = true
	if got, _ := show(severityAll); strings.Count(got, "    ⚠") != 2 {
		t.Errorf("the opened group does not show its findings:\n%s", got)
	}
	if got, _ := show(severityNoNotes); strings.Contains(got, "notes on published posts") {
		t.Errorf("the filter left the notes:\n%s", got)
	}
}
