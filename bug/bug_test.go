package bug

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatchReportsAndLogs(t *testing.T) {
	log := filepath.Join(t.TempDir(), "sub", "errors.log")
	SetLog(log)
	defer SetLog("")
	var m map[string]int
	err := Catch("render post.md", func() { m["x"] = 1 })
	if err == nil {
		t.Fatal("a panic was not caught")
	}
	if err.Log != log || !strings.Contains(err.Error(), "render post.md") {
		t.Fatalf("report %+v", err)
	}
	data, rerr := os.ReadFile(log)
	if rerr != nil {
		t.Fatal(rerr)
	}
	if !strings.Contains(string(data), "assignment to entry in nil map") || !strings.Contains(string(data), "bug_test.go") {
		t.Fatalf("the log lacks the panic or its stack:\n%s", data)
	}
	if Catch("nothing", func() {}) != nil {
		t.Fatal("no panic, yet an error")
	}
}

func TestHookOnlyWithTheVariable(t *testing.T) {
	SetLog(filepath.Join(t.TempDir(), "errors.log"))
	defer SetLog("")
	t.Setenv("TANDEM_INJECT_PANIC", "")
	if Catch("hook", func() { Hook([]byte("any text")) }) != nil {
		t.Fatal("Hook panicked without TANDEM_INJECT_PANIC")
	}
	t.Setenv("TANDEM_INJECT_PANIC", "BOOM")
	if Catch("hook", func() { Hook([]byte("no marker")) }) != nil {
		t.Fatal("Hook panicked on a text without the marker")
	}
	if Catch("hook", func() { Hook([]byte("a BOOM here")) }) == nil {
		t.Fatal("Hook did not panic on the marker")
	}
}

// TestHookIn: a stage's hook panics only where TANDEM_INJECT_PANIC_IN
// names it (the render's when it names none).
func TestHookIn(t *testing.T) {
	t.Setenv("TANDEM_INJECT_PANIC", "BOOM")
	panics := func(stage string) (p bool) {
		defer func() { p = recover() != nil }()
		HookIn(stage, []byte("a BOOM here"))
		return false
	}
	t.Setenv("TANDEM_INJECT_PANIC_IN", "")
	if !panics("render") || panics("survey") {
		t.Error("without a stage: the render's hook only")
	}
	t.Setenv("TANDEM_INJECT_PANIC_IN", "survey")
	if panics("render") || !panics("survey") {
		t.Error("the survey's stage: its hook only")
	}
}
