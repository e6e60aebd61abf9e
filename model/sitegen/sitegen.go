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
