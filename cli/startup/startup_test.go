package startup

import (
	"os"
	"testing"
)

func TestRestore(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	rename()
	if got := os.Getenv("LANG"); got != "C" {
		t.Errorf("LANG %q after init", got)
	}
	Restore()
	if got := os.Getenv("LANG"); got != "C.UTF-8" {
		t.Errorf("LANG %q after Restore", got)
	}
	t.Setenv("LANG", "fr_CA.UTF-8")
	rename()
	if got := os.Getenv("LANG"); got != "fr_CA.UTF-8" {
		t.Errorf("a real locale changed: %q", got)
	}
}
