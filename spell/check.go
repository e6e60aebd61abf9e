package spell

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Rule is the id of a misspelled word's finding (the window shows them
// under the text fields).
const Rule = "spelling"

// Dictionary is an .aff and its .dic: the words, each with its flags
// (a word may be there more than once: homonyms).
type Dictionary struct {
	aff   *Aff
	words map[string][]flags
	// sfx and pfx index the affixes by the text they add.
	sfx, pfx       map[string][]*affix
	maxSfx, maxPfx int // the longest added texts, in bytes
	// zero are the suffixes that add and strip nothing, by flag: only a
	// word whose own flags have one may take them.
	zero map[flag][]*affix

	// The words the compound rules may use, their letters, the longest.
	ruleOnce  sync.Once
	ruleWords map[string][]flags
	ruleChars map[rune]bool
	ruleMax   int

	// seen keeps the answers for the words checked last (a post says
	// most of its words many times), for any goroutine.
	mu   sync.Mutex
	seen map[string]bool
}

// cacheSize is how many answers a dictionary keeps before it starts
// again.
const cacheSize = 200_000

// Read reads a dictionary from its .aff and .dic.
func Read(aff, dic io.Reader) (*Dictionary, error) {
	a, err := ReadAff(aff)
	if err != nil {
		return nil, fmt.Errorf("aff: %v", err)
	}
	d := &Dictionary{aff: a, words: map[string][]flags{}, sfx: map[string][]*affix{}, pfx: map[string][]*affix{}, zero: map[flag][]*affix{}}
	for _, s := range a.suffixes {
		if s.add == "" && s.strip == "" {
			d.zero[s.flag] = append(d.zero[s.flag], s) // the stem is the word
			continue
		}
		d.sfx[s.add] = append(d.sfx[s.add], s)
		d.maxSfx = max(d.maxSfx, len(s.add))
	}
	for _, p := range a.pfxAll {
		d.pfx[p.add] = append(d.pfx[p.add], p)
		d.maxPfx = max(d.maxPfx, len(p.add))
	}
	sc := bufio.NewScanner(dic)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			continue // the count
		}
		if line == "" || strings.HasPrefix(line, "\t") {
			continue
		}
		// word[/flags][ morphology], a slash in the word escaped as \/.
		word, rest := line, ""
		if i := strings.IndexAny(line, " \t"); i >= 0 {
			word, rest = line[:i], line[i:]
		}
		_ = rest
		var fl flags
		for i := 0; i < len(word); i++ {
			if word[i] == '\\' && i+1 < len(word) && word[i+1] == '/' {
				i++
				continue
			}
			if word[i] == '/' {
				fl = a.parseFlags(word[i+1:])
				word = word[:i]
				break
			}
		}
		word = strings.ReplaceAll(word, "\\/", "/")
		d.words[word] = append(d.words[word], fl)
	}
	return d, sc.Err()
}

// Correct reports whether word is spelled right, as Hunspell says. It may
// be called from any goroutine.
func (d *Dictionary) Correct(word string) bool {
	d.mu.Lock()
	ok, known := d.seen[word]
	d.mu.Unlock()
	if known {
		return ok
	}
	ok = d.correct(word)
	d.mu.Lock()
	if d.seen == nil || len(d.seen) >= cacheSize {
		d.seen = map[string]bool{}
	}
	d.seen[word] = ok
	d.mu.Unlock()
	return ok
}

func (d *Dictionary) correct(word string) bool {
	a := d.aff
	for _, c := range a.iconv {
		word = strings.ReplaceAll(word, c[0], c[1])
	}
	if word == "" || isNumber(word) {
		return true
	}
	if d.checkCase(word) {
		return true
	}
	// Trailing dots are not part of a word (an abbreviation's aside).
	if t := strings.TrimRight(word, "."); t != word && t != "" && d.checkCase(t) {
		return true
	}
	return d.checkBreaks(word, 0)
}

// checkBreaks splits word at a BREAK pattern and checks each part, as
// Hunspell does for hyphenated words.
func (d *Dictionary) checkBreaks(word string, depth int) bool {
	if depth > 10 {
		return false
	}
	for _, b := range d.aff.breaks {
		switch {
		case strings.HasPrefix(b, "^"):
			p := b[1:]
			if strings.HasPrefix(word, p) && len(word) > len(p) {
				rest := word[len(p):]
				if d.checkCase(rest) || d.checkBreaks(rest, depth+1) {
					return true
				}
			}
		case strings.HasSuffix(b, "$"):
			p := b[:len(b)-1]
			if strings.HasSuffix(word, p) && len(word) > len(p) {
				rest := word[:len(word)-len(p)]
				if d.checkCase(rest) || d.checkBreaks(rest, depth+1) {
					return true
				}
			}
		default:
			for i := strings.Index(word, b); i >= 0; {
				left, right := word[:i], word[i+len(b):]
				if left != "" && right != "" && (d.checkCase(left) || d.checkBreaks(left, depth+1)) && (d.checkCase(right) || d.checkBreaks(right, depth+1)) {
					return true
				}
				j := strings.Index(word[i+len(b):], b)
				if j < 0 {
					break
				}
				i += len(b) + j
			}
		}
	}
	return false
}

// capitalisation types, as Hunspell's.
const (
	noCap = iota
	initCap
	allCap
	huhCap
)

func capType(word string) int {
	upper, lower, first := 0, 0, false
	for i, r := range word {
		if unicode.IsUpper(r) {
			upper++
			if i == 0 {
				first = true
			}
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	switch {
	case upper == 0:
		return noCap
	case lower == 0:
		return allCap
	case upper == 1 && first:
		return initCap
	}
	return huhCap
}

// checkCase checks word and the case forms Hunspell tries for it.
func (d *Dictionary) checkCase(word string) bool {
	switch capType(word) {
	case noCap, huhCap:
		return d.lookup(word, false)
	case initCap:
		return d.lookup(word, false) || d.lookup(strings.ToLower(word), true)
	default: // all capitals
		if d.lookup(word, false) {
			return true
		}
		rs := []rune(strings.ToLower(word))
		lower := string(rs)
		rs[0] = unicode.ToUpper(rs[0])
		if d.lookup(string(rs), true) || d.lookup(lower, true) {
			return true
		}
		// L'AMOUR: the elision's part in capitals too.
		if i := strings.IndexAny(lower, "'’"); i > 0 && i < len(lower)-1 {
			rs := []rune(lower)
			k := utf8.RuneCountInString(lower[:i]) + 1
			if k < len(rs) {
				rs[k] = unicode.ToUpper(rs[k])
				if d.lookup(string(rs), true) {
					return true
				}
			}
		}
		return false
	}
}

// lookup checks word as written: a dictionary word, or one with affixes,
// or a compound of COMPOUNDRULE. recased: the word is another case of
// what was written, which a KEEPCASE word refuses.
func (d *Dictionary) lookup(word string, recased bool) bool {
	a := d.aff
	forbidden := false
	for _, fl := range d.words[word] {
		if fl.has(a.forbidden) {
			forbidden = true
			continue
		}
		if fl.has(a.needAffix) || fl.has(a.onlyInCompnd) || recased && fl.has(a.keepCase) {
			continue
		}
		return true
	}
	if forbidden {
		return false
	}
	if d.affixed(word, recased) {
		return true
	}
	return d.compound(word)
}

// stemOK reports whether stem is in the dictionary with flag f (and
// with the other flags in need), fit to take affixes.
func (d *Dictionary) stemOK(stem string, f flag, need []flag, recased bool) bool {
	a := d.aff
	for _, fl := range d.words[stem] {
		if !fl.has(f) || fl.has(a.forbidden) || fl.has(a.onlyInCompnd) || recased && fl.has(a.keepCase) {
			continue
		}
		ok := true
		for _, n := range need {
			ok = ok && fl.has(n)
		}
		if ok {
			return true
		}
	}
	return false
}

// forbiddenStem: a stem the dictionary forbids with this affix.
func (d *Dictionary) affixed(word string, recased bool) bool {
	a := d.aff
	// Suffixes (and a second suffix inside the first).
	if d.suffixed(word, nil, recased, 0) {
		return true
	}
	// Prefixes, and a prefix with a suffix.
	for n := 0; n <= min(len(word), d.maxPfx); n++ {
		if n < len(word) && !utf8.RuneStart(word[n]) {
			continue
		}
		for _, p := range d.pfx[word[:n]] {
			rest := word[n:]
			if rest == "" && !a.fullStrip {
				continue
			}
			stem := p.strip + rest
			if !p.cond.matchStart(stem) {
				continue
			}
			needOther := p.cont.has(a.needAffix) || p.cont.has(a.circumfix)
			if !needOther && d.stemOK(stem, p.flag, nil, recased) {
				return true
			}
			if d.suffixed(stem, p, recased, 0) {
				return true
			}
		}
	}
	return false
}

// suffixes calls f with each suffix whose added text ends word, and the
// word without it, until f returns true.
func (d *Dictionary) suffixes(word string, f func(s *affix, rest string) bool) bool {
	for _, fl := range d.words[word] {
		for _, x := range fl {
			for _, s := range d.zero[x] {
				if f(s, word) {
					return true
				}
			}
		}
	}
	for n := 0; n <= min(len(word), d.maxSfx); n++ {
		at := len(word) - n
		if at < len(word) && !utf8.RuneStart(word[at]) {
			continue
		}
		for _, s := range d.sfx[word[at:]] {
			if f(s, word[:at]) {
				return true
			}
		}
	}
	return false
}

// suffixed reports whether word is a stem with a suffix: with prefix p
// already taken off (nil for none), which the suffix's continuation or
// the stem's flags (cross products) must allow; depth 1 is a suffix
// inside another, whose flag outer is.
func (d *Dictionary) suffixed(word string, p *affix, recased bool, depth int) bool {
	a := d.aff
	return d.suffixes(word, func(s *affix, rest string) bool {
		if rest == "" && !a.fullStrip {
			return false
		}
		stem := rest + s.strip
		if !s.cond.matchEnd(stem) {
			return false
		}
		if p != nil {
			// The prefix with this suffix: by cross product, or because
			// the suffix allows it.
			circ := p.cont.has(a.circumfix) || s.cont.has(a.circumfix)
			if circ && !(p.cont.has(a.circumfix) && s.cont.has(a.circumfix)) {
				return false
			}
			if s.cont.has(p.flag) && (d.stemOK(stem, s.flag, nil, recased) || depth == 0 && d.innerSuffix(stem, s, recased)) {
				return true
			}
			return p.cross && s.cross && d.stemOK(stem, s.flag, []flag{p.flag}, recased)
		}
		if s.cont.has(a.needAffix) || s.cont.has(a.circumfix) {
			// This suffix needs another affix: a suffix outside it is
			// tried by innerSuffix; a prefix, by affixed.
			return false
		}
		return d.stemOK(stem, s.flag, nil, recased) || depth == 0 && d.innerSuffix(stem, s, recased)
	})
}

// innerSuffix reports whether word (what an outer suffix left) is a stem
// with a suffix whose continuation classes allow the outer one.
func (d *Dictionary) innerSuffix(word string, outer *affix, recased bool) bool {
	a := d.aff
	return d.suffixes(word, func(s *affix, rest string) bool {
		if !s.cont.has(outer.flag) || rest == "" && !a.fullStrip {
			return false
		}
		stem := rest + s.strip
		return s.cond.matchEnd(stem) && d.stemOK(stem, s.flag, nil, recased)
	})
}

// compound checks word against COMPOUNDRULE: a sequence of dictionary
// words whose flags the rule's pattern matches (en_CA's ordinal numbers:
// 21st, 112th).
func (d *Dictionary) compound(word string) bool {
	a := d.aff
	if len(a.compoundRules) == 0 {
		return false
	}
	d.ruleOnce.Do(d.indexRuleWords)
	for _, r := range word {
		if !d.ruleChars[r] {
			return false // a letter no word of the rules has
		}
	}
	rs := []rune(word)
	min := max(a.compoundMin, 1)
	// parts[i] are the flag sets of the words that start at rune i, by
	// their end.
	type part struct {
		end int
		fl  flags
	}
	parts := make([][]part, len(rs))
	for i := range rs {
		for j := i + min; j <= len(rs) && j-i <= d.ruleMax; j++ {
			for _, fl := range d.ruleWords[string(rs[i:j])] {
				parts[i] = append(parts[i], part{j, fl})
			}
		}
	}
	for _, rule := range a.compoundRules {
		pat := d.aff.parseRule(rule)
		var match func(at, k int, n int) bool
		match = func(at, k, n int) bool {
			if k == len(pat) {
				return at == len(rs) && n >= 2
			}
			el := pat[k]
			if el.op == '*' || el.op == '?' {
				if match(at, k+1, n) {
					return true
				}
			}
			if at >= len(rs) {
				return false
			}
			for _, pt := range parts[at] {
				if !pt.fl.has(el.f) {
					continue
				}
				next := k + 1
				if el.op == '*' {
					next = k // more of the same
					if match(pt.end, k+1, n+1) {
						return true
					}
				}
				if match(pt.end, next, n+1) {
					return true
				}
			}
			return false
		}
		if match(0, 0, 0) {
			return true
		}
	}
	return false
}

// indexRuleWords finds the words the compound rules may use: those with
// one of their flags.
func (d *Dictionary) indexRuleWords() {
	d.ruleWords, d.ruleChars = map[string][]flags{}, map[rune]bool{}
	ruleFlags := map[flag]bool{}
	for _, rule := range d.aff.compoundRules {
		for _, el := range d.aff.parseRule(rule) {
			ruleFlags[el.f] = true
		}
	}
	for w, fls := range d.words {
		for _, fl := range fls {
			for _, f := range fl {
				if ruleFlags[f] {
					d.ruleWords[w] = append(d.ruleWords[w], fl)
					d.ruleMax = max(d.ruleMax, utf8.RuneCountInString(w))
					for _, r := range w {
						d.ruleChars[r] = true
					}
					break
				}
			}
		}
	}
}

type ruleEl struct {
	f  flag
	op byte // 0, '*' or '?'
}

func (a *Aff) parseRule(rule string) []ruleEl {
	var out []ruleEl
	for i := 0; i < len(rule); {
		var f string
		if rule[i] == '(' {
			j := strings.IndexByte(rule[i:], ')')
			if j < 0 {
				break
			}
			f, i = rule[i+1:i+j], i+j+1
		} else {
			_, n := utf8.DecodeRuneInString(rule[i:])
			f, i = rule[i:i+n], i+n
		}
		el := ruleEl{f: a.flagNamed(f)}
		if i < len(rule) && (rule[i] == '*' || rule[i] == '?') {
			el.op = rule[i]
			i++
		}
		out = append(out, el)
	}
	return out
}

// isNumber: Hunspell accepts numbers (1,000.5, 2017, 3-4) as written.
func isNumber(w string) bool {
	digit := false
	prevSep := true
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digit, prevSep = true, false
		case r == '.' || r == ',' || r == '-':
			if prevSep {
				return false
			}
			prevSep = true
		default:
			return false
		}
	}
	return digit && !prevSep
}
