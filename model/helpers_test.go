package model

import (
	"os"
	"path/filepath"
	"testing"
)

// copySite copies testdata/NAME into a temporary folder that the test may
// change, and returns its path.
func copySite(t testing.TB, name string) string {
	t.Helper()
	return copyTree(t, filepath.Join("..", "testdata", name))
}

func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func openSite(t testing.TB, root string) *Site {
	t.Helper()
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustPost(t testing.TB, s *Site, rel string) *Post {
	t.Helper()
	p := s.PostAt(rel)
	if p == nil {
		t.Fatalf("no post %s", rel)
	}
	return p
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// samplesDir is the shared sample site, when this checkout has it.
func samplesDir(t testing.TB) string {
	p := filepath.Join("..", "..", "shared", "samples", "jekyll-site")
	if _, err := os.Stat(p); err != nil {
		t.Skip("../shared/samples/jekyll-site is not here")
	}
	return p
}
