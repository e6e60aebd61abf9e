package check

import (
	"bytes"
	"strings"
	"tandem/markup"
	"unicode"
	"unicode/utf8"
)

// stopwords are a language's commonest words: a block of prose whose
// words are nearly all another language's was left untranslated.
var stopwords = map[string]map[string]bool{
	"en": set("the of and to in is that for it with as was on be by this are from at or have an they which you were " +
		"their has been will would there what about can our we more when who its into also how these than other " +
		"some them could should only over such do does did not but if so my your his her just new use used"),
	"fr": set("le la les des du de un une et est que qui pour dans en sur avec au aux ce ces cette il elle ils elles " +
		"nous vous son sa ses leur leurs par plus pas ne se sont été être ont était aussi comme mais ou où donc " +
		"tout tous toutes très peut faire fait notre nos votre vos dont même entre sans chez lors afin ainsi"),
}

func set(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// proseWords calls f with each of a text's words in lower case (the
// buffer is reused), without names (a capital not at a sentence's start)
// and numbers, until f returns false; it returns how many it read.
func proseWords(text string, f func(w []byte) bool) int {
	n := 0
	start := true
	var buf []byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			if r == '.' || r == '!' || r == '?' {
				start = true
			}
			i += size
			continue
		}
		j := i
		buf = buf[:0]
		upper := unicode.IsUpper(r)
		for j < len(text) {
			q, sz := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(q) && q != '\'' && q != '’' && q != '-' {
				break
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(q))
			j += sz
		}
		i = j
		if upper && !start {
			continue // a name
		}
		start = false
		n++
		if f != nil && !f(buf) {
			break
		}
	}
	return n
}

// untranslated reports whether target text, the counterpart of source
// text, was left in the source language src (tgt the translation's):
// the same words, or almost all of them src's commonest words and none
// of tgt's.
func untranslated(source, target, src, tgt string) bool {
	if sameWords(source, target) {
		return proseWords(target, nil) >= 5 // else a name, a title of a work, a short label
	}
	nt, inSrc, inTgt, ok := languageWords(target, src, tgt, true)
	return ok && nt >= 5 && inSrc >= 3 && inTgt == 0 && inSrc*4 >= nt
}

// languageWords counts text's prose words, and among them lang's and
// other's commonest words, stopping at the first of other's; with elision,
// an elided word (l’équipe, d’un) counts as French's. ok is false when
// either language has no list of common words.
func languageWords(text, lang, other string, elision bool) (n, inLang, inOther int, ok bool) {
	a, b := stopwords[lang], stopwords[other]
	if a == nil || b == nil {
		return 0, 0, 0, false
	}
	proseWords(text, func(w []byte) bool {
		n++
		if i := bytes.IndexAny(w, "'’"); elision && i > 0 && i < len(w)-1 {
			// l’équipe, d’un: elision is French (don’t, English).
			if other == "fr" {
				inOther++
			} else if lang == "fr" {
				inLang++
			}
			return inOther == 0
		}
		if a[string(w)] {
			inLang++
		}
		if b[string(w)] {
			inOther++
		}
		return inOther == 0
	})
	return n, inLang, inOther, true
}

// sameWords reports whether a and b are the same words, however spaced.
func sameWords(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		for i < len(a) && j < len(b) && !isSpace(a[i]) && !isSpace(b[j]) {
			if a[i] != b[j] {
				return false
			}
			i, j = i+1, j+1
		}
		if (i < len(a) && !isSpace(a[i])) || (j < len(b) && !isSpace(b[j])) {
			return false
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Untranslated reports whether tgt, aligned with src, is still in the
// source's language (sl; the translation's is tl), as the checks read it.
func Untranslated(src, tgt []markup.Block, sl, tl string) bool {
	c := &pairCheck{src: Side{Lang: sl}, tgt: Side{Lang: tl}}
	return c.leftUntranslated(src, tgt)
}
