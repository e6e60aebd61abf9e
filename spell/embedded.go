package spell

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// The built-in dictionaries (see dictionaries/README.md).
//
//go:embed dictionaries/*.gz
var dictionaries embed.FS

var builtIn = map[string]*lazy{"en": {name: "en_CA"}, "fr": {name: "fr"}}

type lazy struct {
	name  string
	once  sync.Once
	d     *Dictionary
	err   error
	ready atomic.Pointer[Dictionary] // d, once read
}

// Languages are the languages with a built-in dictionary.
var Languages = []string{"en", "fr"}

// ForLanguage is the built-in dictionary of a language code (en, en-CA,
// fr, fr_CA…), read and decompressed the first time it is asked for
// (about a second for French: ask off the UI thread).
func ForLanguage(lang string) (*Dictionary, error) {
	code := strings.ToLower(lang)
	if len(code) > 2 {
		code = code[:2]
	}
	l, ok := builtIn[code]
	if !ok {
		return nil, fmt.Errorf("no dictionary for %q (Tandem has %s)", lang, strings.Join(Languages, ", "))
	}
	l.once.Do(func() {
		l.d, l.err = readEmbedded(l.name)
		if l.d != nil {
			l.ready.Store(l.d)
		}
	})
	return l.d, l.err
}

func readEmbedded(name string) (*Dictionary, error) {
	open := func(ext string) (io.ReadCloser, error) {
		f, err := dictionaries.Open("dictionaries/" + name + ext + ".gz")
		if err != nil {
			return nil, err
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		return z, nil
	}
	aff, err := open(".aff")
	if err != nil {
		return nil, err
	}
	defer aff.Close()
	dic, err := open(".dic")
	if err != nil {
		return nil, err
	}
	defer dic.Close()
	return Read(aff, dic)
}

// SiteFile is a site's own word list for language lang, at its root:
// the team's words, kept in the site and shared through git.
func SiteFile(lang string) string {
	return ".tandem-dictionary." + strings.ToLower(lang[:min(2, len(lang))]) + ".txt"
}

// SiteWords are the words a site accepts besides the dictionary's in
// language lang: its SiteFile, one word a line (# starts a comment).
func SiteWords(root, lang string) map[string]bool {
	out := map[string]bool{}
	b, err := os.ReadFile(filepath.Join(root, SiteFile(lang)))
	if err != nil {
		return out
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out[l] = true
		}
	}
	return out
}

// Loaded is the built-in dictionary of lang when it has been read
// already (nil before: ForLanguage reads it).
func Loaded(lang string) *Dictionary {
	code := strings.ToLower(lang)
	if len(code) > 2 {
		code = code[:2]
	}
	if l, ok := builtIn[code]; ok {
		return l.ready.Load()
	}
	return nil
}
