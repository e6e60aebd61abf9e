// Package sitegen writes generated sites for benchmarks and figures:
// shaped like the real ones of FACTS.md, in text of its own.
package sitegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Hugo writes a Hugo site of n pairs in root: folded descriptions, image
// and thumb URLs, a translationKey, a body of about 9 KB with Markdown,
// raw HTML, &nbsp; and typographic quotes (10,000 pairs are about 236 MB).
func Hugo(root string, n int) error {
	var err error
	writeFile := func(path, text string) {
		if err == nil {
			err = write(path, text)
		}
	}
	writeFile(filepath.Join(root, "hugo.toml"), "baseURL = \"https://blog.example/\"\ndefaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n")
	en := "A paragraph of the post about a service we rebuilt, with “quotes”, a [link](https://example.org/guide) and **bold** text, long enough to look like the real thing we publish.\n\n"
	fr := "Un paragraphe du billet sur un service que nous avons refait, avec « des guillemets », un [lien](https://example.org/fr/guide) et du texte en **gras**, assez long pour avoir l’air vrai&nbsp;!\n\n"
	html := "<p>Exported from the old site: <a href=\"https://example.org/a\">a link</a>, <em>emphasis</em> and it&#8217;s fine.</p>\n<h2 class=\"wp-block-heading\">A heading</h2>\n\n"
	body := func(p string) string {
		var s strings.Builder
		for s.Len() < 9000 {
			s.WriteString(p)
			if s.Len()%5 == 0 {
				s.WriteString(html)
			}
		}
		return s.String()
	}
	enBody, frBody := body(en), body(fr)
	for i := 0; i < n; i++ {
		key := fmt.Sprintf("post-%d", i)
		date := fmt.Sprintf("20%02d-%02d-%02dT12:%02d:00.000Z", 10+i%15, 1+i%12, 1+i%28, i%60)
		post := func(lang, title, desc, text string) string {
			return fmt.Sprintf("---\ntitle: \"%s %d\"\ndescription: >-\n  %s\n  on two lines.\nauthor: Jo Martin\ndate: %s\nimage: https://blog.example/images/%s-%s.jpg\nimage-alt: A picture\nthumb: https://blog.example/images/%s-thumb.jpg\ntranslationKey: %s\nlayout: post\n---\n%s",
				title, i, desc, date, key, lang, key, key, text)
		}
		writeFile(filepath.Join(root, "content", "en", "blog", "posts", key+".md"), post("en", "Post", "A description of the post", enBody))
		writeFile(filepath.Join(root, "content", "fr", "blog", "posts", "billet-"+strconv.Itoa(i)+".md"), post("fr", "Billet", "La description du billet", frBody))
	}
	return err
}

func write(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// HugoLinked writes a Hugo site of n pairs in root whose pairs each have
// links of their own, localized as real translations localize them: the
// previous pair's post through each language's host and slug, a
// bilingual government host's /en/ and /fr/ pages with translated names,
// another's eng and fra paths, a partner's page in one language, a
// language-named chart with each upload's hash, and a report file named
// for its language. The links the site's translations teach the checks
// grow with the site, as on a real one. Bodies are about 3 KB.
func HugoLinked(root string, n int) error {
	var err error
	writeFile := func(path, text string) {
		if err == nil {
			err = write(path, text)
		}
	}
	writeFile(filepath.Join(root, "hugo.toml"), "defaultContentLanguage = \"en\"\n[languages.en]\nbaseURL = \"https://digital.example/\"\ncontentDir = \"content/en\"\n"+
		"[languages.fr]\nbaseURL = \"https://numerique.example/\"\ncontentDir = \"content/fr\"\n[markup.goldmark.renderer]\nunsafe = true\n")
	hash := func(i, salt int) string {
		return strconv.FormatInt(int64((i*7919+salt*104729)%0xffffff+0x100000), 16) + "a"
	}
	for i := 0; i < n; i++ {
		prev, topic := (i/2*2+n-1)%n, i/2 // two pairs link to each: the site learns them
		en := fmt.Sprintf(`We rebuilt service %[1]d this year with the people who use it, and published what we learned along the way for other teams.

Read [the previous post](https://digital.example/blog/posts/post-%[2]d/) first, then the [benefits page](https://www.canada.ca/en/services/benefits-%[4]d.html) that explains who can apply.

<p>The agency keeps its <a href="https://www.agency.example/eng/%[1]d/guide.html">guide</a> up to date, and our partner wrote a <a href="https://partner.example/studies/report-%[1]d">study</a> of 1,200 applications.</p>

## What the numbers say

In FY 24-25 the office received 1.4K applications a month, and %[1]d people answered our survey.

![A chart of applications](https://cdn.example/uploads/chart_%[1]d_en_%[3]s.png)

The full [report](https://digital.example/files/report-%[1]d-en.pdf) has the details, with 12 tables and 3 annexes.

## Next steps

We will test a shorter form in the spring and write about it here.
`, i, prev, hash(i, 1), topic)
		fr := fmt.Sprintf(`Cette année, nous avons refait le service %[1]d avec les personnes qui l’utilisent, et publié ce que nous avons appris pour les autres équipes.

Lisez d’abord [le billet précédent](https://numerique.example/blog/posts/billet-%[2]d/), puis la [page des prestations](https://www.canada.ca/fr/services/prestations-%[4]d.html) qui explique qui peut présenter une demande.

<p>L’organisme tient son <a href="https://www.agency.example/fra/%[1]d/guide.html">guide</a> à jour, et notre partenaire a rédigé une <a href="https://partner.example/studies/report-%[1]d">étude</a> de 1 200 demandes.</p>

## Ce que disent les chiffres

Au cours de l’exercice 2024-2025, le bureau a reçu 1 400 demandes par mois, et %[1]d personnes ont répondu à notre sondage.

![Un graphique des demandes](https://cdn.example/uploads/chart_%[1]d_fr_%[3]s.png)

Le [rapport](https://digital.example/files/report-%[1]d-fr.pdf) complet donne les détails, avec 12 tableaux et 3 annexes.

## Prochaines étapes

Nous mettrons à l’essai un formulaire plus court au printemps et nous en parlerons ici.
`, i, prev, hash(i, 2), topic)
		date := fmt.Sprintf("20%02d-%02d-%02dT12:%02d:00.000Z", 10+i%15, 1+i%12, 1+i%28, i%60)
		post := func(title, text string) string {
			return fmt.Sprintf("---\ntitle: \"%s %d\"\ndate: %s\nauthor: Jo Martin\ntranslationKey: pair-%d\n---\n%s", title, i, date, i, text)
		}
		writeFile(filepath.Join(root, "content", "en", "blog", "posts", fmt.Sprintf("post-%d.md", i)), post("Service", en))
		writeFile(filepath.Join(root, "content", "fr", "blog", "posts", fmt.Sprintf("billet-%d.md", i)), post("Le service", fr))
	}
	return err
}
