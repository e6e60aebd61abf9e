package check

import (
	"strings"
	"unicode"
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

// proseWords are a text's words, without names (a capital not at a
// sentence's start) and numbers.
func proseWords(text string) []string {
	var out []string
	start := true
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' && r != '.' && r != '!' && r != '?'
	}) {
		end := strings.ContainsAny(w[len(w)-1:], ".!?")
		w = strings.Trim(w, ".!?'’-")
		if w == "" {
			start = start || end
			continue
		}
		r := []rune(w)
		if unicode.IsUpper(r[0]) && !start {
			start = end
			continue // a name
		}
		start = end
		out = append(out, strings.ToLower(w))
	}
	return out
}

// untranslated reports whether target text, the counterpart of source
// text, was left in the source language src (tgt the translation's):
// the same words, or almost all of them src's commonest words and none
// of tgt's.
func untranslated(source, target, src, tgt string) bool {
	tw := proseWords(target)
	if len(tw) < 5 {
		return false // a name, a title of a work, a short label
	}
	sw := proseWords(source)
	if strings.Join(sw, " ") == strings.Join(tw, " ") {
		return true
	}
	a, b := stopwords[src], stopwords[tgt]
	if a == nil || b == nil {
		return false
	}
	ns, nt := 0, 0
	for _, w := range tw {
		if i := strings.IndexAny(w, "'’"); i > 0 && i < len(w)-1 {
			// l’équipe, d’un: elision is French (don’t, English).
			if tgt == "fr" {
				nt++
			} else if src == "fr" {
				ns++
			}
			continue
		}
		if a[w] {
			ns++
		}
		if b[w] {
			nt++
		}
	}
	return ns >= 3 && nt == 0 && ns*4 >= len(tw)
}
