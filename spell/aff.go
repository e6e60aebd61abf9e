// Package spell is a Hunspell-compatible spelling checker in Go: it reads
// Hunspell's .aff and .dic files and accepts the words Hunspell accepts,
// for what the Canadian English and French dictionaries use (SET UTF-8,
// the flag types, PFX and SFX with their conditions, cross products and
// continuation classes, NEEDAFFIX, KEEPCASE, FORBIDDENWORD,
// ONLYINCOMPOUND, CIRCUMFIX, ICONV, BREAK, COMPOUNDRULE, capitalisation).
// It needs no C library, on any system.
package spell

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// flag is one affix or word flag, whatever the file's FLAG type: a
// number the Aff gives each flag it reads (0 for none).
type flag uint32

// flags is a word's or an affix's set of flags.
type flags []flag

func (fs flags) has(f flag) bool {
	if f == 0 {
		return false
	}
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// affix is one PFX or SFX entry.
type affix struct {
	flag   flag
	cross  bool
	strip  string
	add    string
	cont   flags // continuation classes
	cond   condition
	prefix bool
}

// condition is an affix's condition: a sequence of characters or
// character classes the stem must start (prefix) or end (suffix) with.
type condition []charClass

type charClass struct {
	set    string
	negate bool
	any    bool
}

func parseCondition(s string) (condition, error) {
	if s == "." || s == "" {
		return nil, nil
	}
	var c condition
	for i := 0; i < len(s); {
		switch s[i] {
		case '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("condition %q: no ]", s)
			}
			body := s[i+1 : i+j]
			cc := charClass{}
			if strings.HasPrefix(body, "^") {
				cc.negate, body = true, body[1:]
			}
			cc.set = body
			c = append(c, cc)
			i += j + 1
		case '.':
			c = append(c, charClass{any: true})
			i++
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			c = append(c, charClass{set: s[i : i+n]})
			i += n
		}
	}
	return c, nil
}

func (cc charClass) match(r rune) bool {
	if cc.any {
		return true
	}
	in := strings.ContainsRune(cc.set, r)
	return in != cc.negate
}

// matchEnd reports whether word ends with the condition (a suffix's).
func (c condition) matchEnd(word string) bool {
	for i := len(c) - 1; i >= 0; i-- {
		r, n := utf8.DecodeLastRuneInString(word)
		if n == 0 || !c[i].match(r) {
			return false
		}
		word = word[:len(word)-n]
	}
	return true
}

// matchStart reports whether word starts with the condition (a
// prefix's).
func (c condition) matchStart(word string) bool {
	for _, cc := range c {
		r, n := utf8.DecodeRuneInString(word)
		if n == 0 || !cc.match(r) {
			return false
		}
		word = word[n:]
	}
	return true
}

// Aff is what an .aff file says.
type Aff struct {
	flagType      string // "", "long", "num", "UTF-8"
	Try           string
	Key           string
	WordChars     string
	needAffix     flag
	forbidden     flag
	keepCase      flag
	onlyInCompnd  flag
	circumfix     flag
	noSuggest     flag
	fullStrip     bool
	compoundMin   int
	compoundRules []string // each a sequence of flags with * and ?
	iconv, oconv  [][2]string
	breaks        []string
	suffixes      []*affix
	pfxAll        []*affix
	rep           [][2]string
	maps          []string
	crossBy       map[string]bool // "SFX flag" → cross product
	breakSet      bool            // BREAK was given (else Hunspell's default)
	ids           map[string]flag
}

// parseFlags reads a flag field as the file's FLAG type says.
func (a *Aff) parseFlags(s string) flags {
	var out flags
	switch a.flagType {
	case "long":
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i += 2 {
			out = append(out, a.id(string(rs[i:i+2])))
		}
	case "num":
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, a.id(p))
			}
		}
	default:
		for _, r := range s {
			out = append(out, a.id(string(r)))
		}
	}
	return out
}

// id is flag name's number.
func (a *Aff) id(name string) flag {
	if f, ok := a.ids[name]; ok {
		return f
	}
	f := flag(len(a.ids) + 1)
	a.ids[name] = f
	return f
}

// flagNamed is the flag a name stands for (0 when the file has none).
func (a *Aff) flagNamed(name string) flag { return a.ids[name] }

func (a *Aff) oneFlag(s string) flag {
	if fs := a.parseFlags(s); len(fs) > 0 {
		return fs[0]
	}
	return 0
}

// ReadAff reads an .aff file (UTF-8, as both dictionaries declare).
func ReadAff(r io.Reader) (*Aff, error) {
	a := &Aff{crossBy: map[string]bool{}, ids: map[string]flag{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimPrefix(sc.Text(), "\ufeff")
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		arg := ""
		if len(f) > 1 {
			arg = f[1]
		}
		switch f[0] {
		case "SET":
			if arg != "UTF-8" {
				return nil, fmt.Errorf("line %d: SET %s: only UTF-8 dictionaries are read", n, arg)
			}
		case "FLAG":
			a.flagType = arg
		case "TRY":
			a.Try = arg
		case "KEY":
			a.Key = arg
		case "WORDCHARS":
			a.WordChars = arg
		case "NEEDAFFIX", "PSEUDOROOT":
			a.needAffix = a.oneFlag(arg)
		case "FORBIDDENWORD":
			a.forbidden = a.oneFlag(arg)
		case "KEEPCASE":
			a.keepCase = a.oneFlag(arg)
		case "ONLYINCOMPOUND":
			a.onlyInCompnd = a.oneFlag(arg)
		case "CIRCUMFIX":
			a.circumfix = a.oneFlag(arg)
		case "NOSUGGEST":
			a.noSuggest = a.oneFlag(arg)
		case "FULLSTRIP":
			a.fullStrip = true
		case "COMPOUNDMIN":
			a.compoundMin, _ = strconv.Atoi(arg)
		case "COMPOUNDRULE":
			if len(f) > 1 && !isCount(f) {
				a.compoundRules = append(a.compoundRules, arg)
			}
		case "ICONV", "OCONV", "REP":
			if len(f) >= 3 {
				pair := [2]string{f[1], f[2]}
				switch f[0] {
				case "ICONV":
					a.iconv = append(a.iconv, pair)
				case "OCONV":
					a.oconv = append(a.oconv, pair)
				default:
					a.rep = append(a.rep, [2]string{strings.ReplaceAll(f[1], "_", " "), strings.ReplaceAll(f[2], "_", " ")})
				}
			}
		case "BREAK":
			a.breakSet = true
			if !isCount(f) {
				a.breaks = append(a.breaks, arg)
			}
		case "MAP":
			if !isCount(f) {
				a.maps = append(a.maps, arg)
			}
		case "PFX", "SFX":
			if len(f) == 4 && (f[2] == "Y" || f[2] == "N") {
				a.crossBy[f[0]+" "+f[1]] = f[2] == "Y" // the header: flag, cross product, count
				continue
			}
			if len(f) < 5 {
				return nil, fmt.Errorf("line %d: %s needs flag, strip, affix and condition", n, f[0])
			}
			af := &affix{flag: a.oneFlag(f[1]), prefix: f[0] == "PFX"}
			if f[2] != "0" {
				af.strip = f[2]
			}
			add, cont, _ := strings.Cut(f[3], "/")
			if add != "0" {
				af.add = add
			}
			af.cont = a.parseFlags(cont)
			c, err := parseCondition(f[4])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			af.cond = c
			af.cross = a.crossBy[f[0]+" "+f[1]]
			if af.prefix {
				a.pfxAll = append(a.pfxAll, af)
			} else {
				a.suffixes = append(a.suffixes, af)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !a.breakSet {
		a.breaks = []string{"-", "^-", "-$"} // Hunspell's default
	}
	return a, nil
}

func isCount(f []string) bool {
	if len(f) != 2 {
		return false
	}
	_, err := strconv.Atoi(f[1])
	return err == nil
}
