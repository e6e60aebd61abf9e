package editor

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/template"
)

// englishWords are words of English that French text never holds (a
// French message with one has English left in it).
var englishWords = regexp.MustCompile(`(?i)\b(the|is|are|was|of|and|with|needed|could|should|not|post|pair|file|found|saved|this|that|which|there|here|version French|version English)\b`)

// literal are what a French message may show as written: placeholders,
// code, addresses, file names, options, markup.
var literal = regexp.MustCompile("\\{\\{[^}]*\\}\\}|%\\[\\d\\][a-z]|%[a-z]|`[^`]*`|https?://\\S+|\\.tandem[\\w.-]*|--[a-z-]+|<[^>]*>|\\w+=\"[^\"]*\"|\\b\\w+\\.(md|yml|tsv|tbx|json|toml|docx|png)\\b|\\b[A-Z]{2,}[a-z]*\\b|translation: endpoint|TANDEM_[A-Z_]+")

// TestFrenchMessagesAreFrench: every message of the interface's French
// catalogue, as written and with sample arguments filled in, holds no
// English word, names a language as French grammar wants it ("la version
// française", not "la version Français"), and puts a space before its
// colons, as French typography does.
func TestFrenchMessagesAreFrench(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "assets", "translations", "fr.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]any
	if err := json.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	// The arguments as the French interface gives them.
	args := map[string]any{"Language": "Anglais", "LanguageInText": "anglais", "Feminine": "anglaise", "Masculine": "anglais", "Count": 2, "Path": "contenu/billet.md", "Line": 12, "Field": "titre", "Value": "Un titre",
		"Name": "goldmark", "Version": "0.55.6", "From": "Dockerfile", "Host": "exemple.ca", "Service": "DeepL", "Branch": "main",
		"Why": "une raison", "What": "Le billet n’a pas pu être créé", "Title": "Un titre", "Memory": 1, "Fuzzy": 1, "Engine": 1, "Untranslated": 1}
	check := func(key, fr string) {
		text := literal.ReplaceAllString(fr, " ")
		if m := englishWords.FindString(text); m != "" {
			t.Errorf("%q: English (%q) in French: %q", key, m, fr)
		}
		if i := strings.Index(text, ":"); i > 0 && !strings.HasSuffix(text[:i], " ") && !strings.HasSuffix(text[:i], "\u00a0") {
			t.Errorf("%q: no space before the colon: %q", key, fr)
		}
		tm, err := template.New("").Parse(fr)
		if err != nil {
			t.Errorf("%q: %v", key, err)
			return
		}
		var out strings.Builder
		if err := tm.Execute(&out, args); err != nil {
			return // a message of other arguments
		}
		if m := regexp.MustCompile(`version (Anglais|Français|anglais|français)\b|billet (Anglais|Français)`).FindString(out.String()); m != "" {
			t.Errorf("%q: %q reads %q", key, out.String(), m)
		}
	}
	for k, v := range cat {
		switch v := v.(type) {
		case string:
			check(k, v)
		case map[string]any:
			for _, form := range v {
				if s, ok := form.(string); ok {
					check(k, s)
				}
			}
		}
	}
}
