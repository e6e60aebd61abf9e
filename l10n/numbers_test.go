package l10n

import (
	"strings"
	"testing"
)

func TestNumbersAgree(t *testing.T) {
	same := [][2]string{
		{"1,000.5 rows", "1 000,5 lignes"},
		{"1,000.5 rows", "1\u00a0000,5 lignes"},
		{"25% of them", "25 % d’entre eux"},
		{"$25", "25 $"},
		{"at 9:30", "à 9 h 30"},
		{"at 2:30 p.m.", "à 14 h 30"},
		{"at 9 a.m.", "à 9 h"},
		{"the 1st year", "la 1re année"},
		{"the 21st century", "le XXIe siècle"},
		{"November 20, 2017", "20 novembre 2017"},
		{"2017-11-20", "le 20 novembre 2017"},
		{"three people", "trois personnes"},
		{"3 people", "trois personnes"},
		{"three people", "3 personnes"},
		{"a dozen towns", "une douzaine de villes"},
		{"12 towns", "une douzaine de villes"},
		{"it’s one", "c&#8217;est un"},
		{"version 2.1", "version 2.1"},
	}
	differ := [][2]string{
		{"120,000 users", "160 000 utilisateurs"},
		{"at 9:30", "à 10 h 30"},
		{"on November 20", "le 21 novembre"},
		{"in 2017", "en 2018"},
		{"3 steps", "quatre étapes"},
		{"25%", "52 %"},
	}
	agree(t, same, differ)
}

// FuzzNumbers: the number reader reads any text without a panic, and a
// number written in digits is read as it is written, with a value.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"On November 20, 2017 at 2:30 p.m., 1,000 people", "Le 20 novembre 2017 à 14 h 30, 1 000,5 personnes", "the XXIe siècle, Ier, 3e, 21st, H1N1, #42"} {
		f.Add(s, "en")
		f.Add(s, "fr")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !MayHaveNumbers(text) {
			// Only words, never asked for: the check may skip the text.
			if miss := Missing(Numbers(text, lang), nil); len(miss) > 0 {
				t.Fatalf("%q: said to hold no number asked for, but %v", text, miss)
			}
		}
		for _, n := range Numbers(text, lang) {
			if n.Word {
				continue
			}
			if len(n.Values) == 0 || n.Text == "" || n.Text[0] >= '0' && n.Text[0] <= '9' && !strings.Contains(text, n.Text) {
				t.Fatalf("%q: read %+v", text, n)
			}
		}
	})
}

// TestLocalNumberForms: the forms a correct translation gives a number
// (a fiscal year, a magnitude, a number sign) agree, digits in a name
// are no number, and real mistakes are still told apart.
func TestLocalNumberForms(t *testing.T) {
	same := [][2]string{
		{"In FY 25-26 we", "Au cours de l’exercice 2025-2026, nous"},
		{"In FY25-26 we", "Pendant l’exercice 2025–2026"},
		{"in 2025-26", "en 2025-2026"},
		{"1.4K applications", "1 400 demandes"},
		{"2K users", "2 000 utilisateurs"},
		{"3M visits", "3 000 000 de visites"},
		{"10k steps", "10 000 pas"},
		{"issue #15", "le no 15"},
		{"the 18F team", "l’équipe de 18F"},
		{"the 18F team", "l’équipe américaine"},
		{"IDIP2019 and GC2025", "l’IDIP"},
		{"2017-11-20", "le 20 novembre 2017"},
	}
	differ := [][2]string{
		{"0.59 per cent", "0,5 pour cent"},
		{"120,000 users", "160 000 utilisateurs"},
		{"FY 25-26", "l’exercice 2024-2025"},
		{"1.4K applications", "1 500 demandes"},
		{"issue #15", "le no 16"},
		{"in 2025-26", "en 2025-2027"},
	}
	agree(t, same, differ)
}

// agree checks that each English ↔ French pair of same agrees on its
// numbers, both ways, and that each of differ does not.
func agree(t *testing.T, same, differ [][2]string) {
	t.Helper()
	for _, c := range same {
		a, b := Numbers(c[0], "en"), Numbers(c[1], "fr")
		if m, x := Missing(a, b), Missing(b, a); len(m)+len(x) > 0 {
			t.Errorf("%q ↔ %q: %v missing, %v extra", c[0], c[1], m, x)
		}
	}
	for _, c := range differ {
		a, b := Numbers(c[0], "en"), Numbers(c[1], "fr")
		if len(Missing(a, b))+len(Missing(b, a)) == 0 {
			t.Errorf("%q ↔ %q agree", c[0], c[1])
		}
	}
}
