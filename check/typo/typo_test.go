package typo

import (
	"fmt"
	"strings"
	"testing"

	"tandem/lines"
)

// fixed is text with Canadian fixes, no-break spaces written as ~ for
// &nbsp; in the cases.
func fixed(text string, opt Options) string {
	return Apply(text, Check(text, opt))
}

func TestCanadianRules(t *testing.T) {
	cases := []struct{ in, want string }{
		// The colon: a space becomes no-break, none gets one.
		{"Voici la liste : trois points", "Voici la liste~: trois points"},
		{"Voici la liste: trois points", "Voici la liste~: trois points"},
		{"Déjà bon~: rien", "Déjà bon~: rien"},
		{"Déjà bon\u00a0: rien", "Déjà bon\u00a0: rien"},
		{"**Note :** le texte", "**Note~:** le texte"},
		{"Il est 9:30 ce matin", "Il est 9:30 ce matin"},
		// No space before ; ! ?
		{"Vraiment ? Oui !", "Vraiment? Oui!"},
		{"Vraiment~? Oui\u00a0! Et ; puis", "Vraiment? Oui! Et; puis"},
		{"Pourquoi?! Enfin", "Pourquoi?! Enfin"},
		{"Une image ![texte](a.png) ici", "Une image ![texte](a.png) ici"},
		// Guillemets.
		{"Il dit « bonjour » et «salut»", "Il dit «~bonjour~» et «~salut~»"},
		{"« bonjour »", "«~bonjour~»"},
		// Units, percent, dollars.
		{"Une hausse de 25% et de 25 % pour 30$ ou 30 $", "Une hausse de 25~% et de 25~% pour 30~$ ou 30~$"},
		{"Il fait 20°C ou 20 °C, à 10 km de là", "Il fait 20~°C ou 20~°C, à 10~km de là"},
		{"Le prix est de $25", "Le prix est de $25"},
		{"les 2 mois et 3 maisons", "les 2 mois et 3 maisons"},
		// Times.
		{"de 13h30 à 15 h, puis 9 h 05", "de 13~h~30 à 15~h, puis 9~h~05"},
		{"pendant 5 heures", "pendant 5 heures"},
		// Number groups, not years nor phone numbers.
		{"Plus de 10 000 personnes et 1 250 000 $", "Plus de 10~000 personnes et 1~250~000~$"},
		{"En 2017, 2018 et 2019", "En 2017, 2018 et 2019"},
		{"Composez le 613 555 1234", "Composez le 613 555 1234"},
		{"La version 2.1 : notes", "La version 2.1~: notes"},
		// Never code, URLs, tags, Liquid, shortcodes, link targets.
		{"Le code `a : b ; c` reste", "Le code `a : b ; c` reste"},
		{"Voir https://exemple.ca/page?x=1 ! Merci", "Voir https://exemple.ca/page?x=1! Merci"},
		{"Un [lien](https://exemple.ca/a?b=c \"titre : x\") ici", "Un [lien](https://exemple.ca/a?b=c \"titre : x\") ici"},
		{"<img alt=\"Texte : oui !\" src=\"a.png\"> Texte : oui", "<img alt=\"Texte : oui !\" src=\"a.png\"> Texte~: oui"},
		{"{% include x.html titre=\"a : b\" %} et {{< figure src=\"a : b\" >}}", "{% include x.html titre=\"a : b\" %} et {{< figure src=\"a : b\" >}}"},
		{"<p>Le texte : ici</p>", "<p>Le texte~: ici</p>"},
		{"Entités&#8217;s &amp; autres ; non", "Entités&#8217;s &amp; autres; non"},
		// Line starts: definitions, lists.
		{": une définition", ": une définition"},
		{"- ! rien", "- ! rien"},
	}
	for _, c := range cases {
		in := strings.ReplaceAll(c.in, "~", "&nbsp;")
		got := fixed(in, Options{Mode: Body})
		want := strings.ReplaceAll(c.want, "~", "&nbsp;")
		if got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
		if again := Check(got, Options{Mode: Body}); len(again) != 0 {
			t.Errorf("%q: a second pass still fixes %v", got, again)
		}
	}
}

func TestCodeBlocksUntouched(t *testing.T) {
	text := "Texte : un\n\n```\ncode : deux ; trois\n```\n\n    indenté : quatre\n\n{% highlight go %}\nx : y\n{% endhighlight %}\n\n<pre>a : b\nc : d</pre>\n\n<!-- note : x\nsuite : y -->\n\n[ref]: https://exemple.ca/a : b\n\n| a | b |\n|:--|--:|\n| c : d | e |\n"
	got := fixed(text, Options{Mode: Body, Style: Character})
	want := strings.Replace(text, "Texte : un", "Texte\u00a0: un", 1)
	want = strings.Replace(want, "| c : d |", "| c\u00a0: d |", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFranceRules(t *testing.T) {
	got := fixed("Vraiment ? Oui! Et : puis", Options{Rules: France, Style: Character})
	if want := "Vraiment\u202f? Oui\u202f! Et\u00a0: puis"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStyleOf(t *testing.T) {
	for _, c := range []struct {
		text       string
		style      Style
		consistent bool
	}{
		{"a&nbsp;: b &nbsp;", Entity, true},
		{"a\u00a0: b", Character, true},
		{"a\u00a0: b\u00a0; c&nbsp;", Character, false},
		{"rien", Entity, false},
	} {
		if s, ok := StyleOf(c.text); s != c.style || ok != c.consistent {
			t.Errorf("%q: %v %v, want %v %v", c.text, s, ok, c.style, c.consistent)
		}
	}
}

// TestMemoIsCheck: the memo's fixes are Check's, after edits that open
// and close a code block above lines it remembers.
func TestMemoIsCheck(t *testing.T) {
	var m Memo
	texts := []string{
		"Un : deux\n\nTrois ; quatre\n\n« cinq »\n",
		"Un : deux\n\n```\nTrois ; quatre\n\n« cinq »\n",
		"Un : deux\n\n```\nTrois ; quatre\n```\n\n« cinq »\n",
		"Un : deux\n\nTrois ; quatre !\n\n« cinq »\n",
		"",
	}
	for _, tx := range texts {
		want := Check(tx, Options{Mode: Body})
		got := m.Check(tx, Options{Mode: Body})
		if len(got) != len(want) {
			t.Fatalf("%q: %v, want %v", tx, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: %v, want %v", tx, got, want)
			}
		}
	}
}

// BenchmarkCheck100KB checks a 100 KB French text from scratch and, with
// a memo, after a keystroke in one line.
func BenchmarkCheck100KB(b *testing.B) {
	para := "Le conseil a dit : nous verrons ; la séance « publique » a lieu à 19h et 40% des 10 000 sièges sont pris !\n\n"
	text := strings.Repeat(para, (100<<10)/len(para)+1)
	b.Run("scratch", func(b *testing.B) {
		for b.Loop() {
			Check(text, Options{Mode: Body})
		}
	})
	b.Run("memo", func(b *testing.B) {
		var m Memo
		m.Check(text, Options{Mode: Body})
		mid := len(text) / 2
		edited := text[:mid] + "x" + text[mid:]
		i := 0
		for b.Loop() {
			if i%2 == 0 {
				m.Check(edited, Options{Mode: Body})
			} else {
				m.Check(text, Options{Mode: Body})
			}
			i++
		}
	})
}

// TestNoSpaceBeforeSemicolonAfterGuillemet: Canada's rules take the space
// out before ; ! ? after a closing guillemet too.
func TestNoSpaceBeforeSemicolonAfterGuillemet(t *testing.T) {
	text := "il a dit «\u00a0oui\u00a0» ; puis"
	got := Apply(text, Check(text, Options{Mode: Body, Style: Character}))
	if want := "il a dit «\u00a0oui\u00a0»; puis"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzCheckSkipsOnlyQuietLines: Check, which does not split into tokens
// the lines no rule can look at, finds what checking every line's tokens
// finds, for any text, in each mode, style and set of rules.
func FuzzCheckSkipsOnlyQuietLines(f *testing.F) {
	f.Add("Voici la liste : trois points\n\n```\ncode : ici\n```\n<!-- un\ncommentaire -->\nÀ 9 h 30, « oui » ; 50 % !\n{% raw %}\n{{ x }} : y\n{% endraw %}\nFin")
	f.Add("<div\nclass=\"a\">Bonjour : toi</div>\n    code ; ici\n- liste ?\n&laquo;Salut&raquo; &#58;")
	f.Add("Une ligne\n&laquo;Salut&raquo;\nEt « celle-ci »")
	f.Fuzz(func(t *testing.T, text string) {
		for _, opt := range []Options{{Mode: Body}, {Mode: Field}, {Mode: Body, Rules: France, Style: Character}} {
			sc := lines.NewScanner(opt.Mode == Body)
			var want []Fix
			c := checker{opt: opt}
			sc.Lines(text, func(tk []lines.Token) {
				c.t = tk
				want = c.line(want)
			})
			if got := Check(text, opt); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%q %+v:\n%v\nevery line: %v", text, opt, got, want)
			}
		}
	})
}
