package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTermsCommand: a glossary imported (CSV, then TBX) into the site's
// termbase; listed, as JSON and as TBX; and lint's translation-term where
// the translation does not follow it.
func TestTermsCommand(t *testing.T) {
	site := copySite(t, filepath.Join("..", "translate", "testdata", "site"))
	csv := filepath.Join(t.TempDir(), "glossary.csv")
	os.WriteFile(csv, []byte("en,fr\nbike lanes,voies cyclables\nspring,printemps\n"), 0o644)
	if code, _, errOut := run("terms", "--import", csv, site); code != 0 || !strings.Contains(errOut, "2 concepts added") {
		t.Fatalf("import: exit %d %s", code, errOut)
	}
	tbx := filepath.Join("..", "check", "terms", "testdata", "basic.tbx")
	if code, _, errOut := run("terms", "--import", tbx, site); code != 0 {
		t.Fatalf("import TBX: exit %d %s", code, errOut)
	}
	code, out, _ := run("terms", "--json", site)
	var tb struct {
		Concepts []struct {
			Terms map[string][]struct {
				Term string `json:"term"`
			} `json:"terms"`
		} `json:"concepts"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &tb) != nil || len(tb.Concepts) != 4 || tb.Concepts[0].Terms["fr"][0].Term != "voies cyclables" {
		t.Fatalf("terms --json: exit %d\n%s", code, out)
	}
	if code, out, _ := run("terms", "--tbx", site); code != 0 || !strings.Contains(out, "<conceptEntry") || !strings.Contains(out, "voies cyclables") {
		t.Errorf("terms --tbx: exit %d\n%.300s", code, out)
	}
	if code, out, _ := run("terms", site); code != 0 || !strings.Contains(out, "4 concepts") || !strings.Contains(out, "page de login (forbidden)") {
		t.Errorf("terms: exit %d\n%s", code, out)
	}
	// The French post says "pistes cyclables" where the terms want
	// "voies cyclables".
	_, lint, _ := run("lint", site)
	if !strings.Contains(lint, "[translation-term]") || !strings.Contains(lint, "voies cyclables") {
		t.Errorf("lint:\n%s", lint)
	}
}
