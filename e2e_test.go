package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEnd starts the real binary under Xvfb on a copy of a fixture
// site, with a post given on the command line, types into the focused body
// editor with xdotool, saves with Ctrl+S and checks the file on disk. It
// runs when Xvfb and xdotool are installed (make test installs them on
// Debian) and is skipped elsewhere.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "tandem")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "site")
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", "jekyll"))); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(site, "_posts", "fr", "2024-06-12-quoi-de-neuf.md")
	before, _ := os.ReadFile(post)

	display := fmt.Sprintf(":%d", 100+os.Getpid()%400)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	defer xvfb.Process.Kill()
	env := append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "LANGUAGE=en")
	xdo := func(args ...string) string {
		cmd := exec.Command("xdotool", args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	waitFor(t, 10*time.Second, "the X server", func() bool {
		cmd := exec.Command("xdotool", "getdisplaygeometry")
		cmd.Env = env
		return cmd.Run() == nil
	})

	app := exec.Command(bin, post)
	app.Env = env
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer app.Process.Kill()
	// The window's title names the post once the pair is open.
	var win string
	waitFor(t, 60*time.Second, "the window with the post", func() bool {
		cmd := exec.Command("xdotool", "search", "--name", "new this June")
		cmd.Env = env
		out, err := cmd.Output()
		win = strings.TrimSpace(string(out))
		return err == nil && win != ""
	})
	win = strings.Fields(win)[0]
	xdo("windowfocus", "--sync", win) // no window manager under Xvfb
	xdo("type", "--delay", "20", "Bonjour, ")
	waitFor(t, 10*time.Second, "the unsaved mark in the title", func() bool {
		return strings.HasSuffix(xdo("getwindowname", win), "•")
	})
	xdo("key", "ctrl+s")
	waitFor(t, 10*time.Second, "the saved file", func() bool {
		b, _ := os.ReadFile(post)
		return !bytes.Equal(b, before)
	})
	after, _ := os.ReadFile(post)
	want := strings.Replace(string(before), "---\nTrois petits", "---\nBonjour, Trois petits", 1)
	if string(after) != want {
		t.Errorf("file after typing and Ctrl+S:\n%s\nwant:\n%s\napp output:\n%s", after, want, logs.String())
	}
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s after %v", what, limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
