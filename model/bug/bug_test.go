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
	// injected was read once, without the variable in this test binary.
	if os.Getenv("TANDEM_INJECT_PANIC") != "" {
		t.Skip("set outside")
	}
	if Catch("hook", func() { Hook("any text") }) != nil {
		t.Fatal("Hook panicked without TANDEM_INJECT_PANIC")
	}
}
