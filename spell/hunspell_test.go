package spell

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// system dictionaries Debian's packages install (hunspell-en-ca,
// hunspell-fr-comprehensive).
const sysDicts = "/usr/share/hunspell"

func load(t testing.TB, name string) *Dictionary {
	t.Helper()
	aff, err := os.Open(filepath.Join(sysDicts, name+".aff"))
	if err != nil {
		t.Skip("no " + name + " dictionary")
	}
	defer aff.Close()
	dic, err := os.Open(filepath.Join(sysDicts, name+".dic"))
	if err != nil {
		t.Skip("no " + name + " dictionary")
	}
	defer dic.Close()
	d, err := Read(aff, dic)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// hunspellWrong are the words of list the hunspell program says are
// misspelled (one word a line, as hunspell -l prints them).
func hunspellWrong(t testing.TB, dict string, words []string) map[string]bool {
	t.Helper()
	bin, err := exec.LookPath("hunspell")
	if err != nil {
		t.Skip("hunspell is not installed")
	}
	cmd := exec.Command(bin, "-d", filepath.Join(sysDicts, dict), "-l", "-i", "UTF-8")
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hunspell: %v", err)
	}
	wrong := map[string]bool{}
	for _, l := range strings.Split(string(bytes.TrimSpace(out)), "\n") {
		if l != "" {
			wrong[l] = true
		}
	}
	return wrong
}

// forms are words of the dictionary made the way unmunch makes them: a
// sample of its stems with each affix their flags allow (and a prefix
// with a suffix where both cross), plus mutations of them (letters
// swapped, dropped, doubled) that are mostly wrong.
func forms(d *Dictionary, every int, seed int64) []string {
	var stems []string
	for w := range d.words {
		stems = append(stems, w)
	}
	sort.Strings(stems)
	rng := rand.New(rand.NewSource(seed))
	set := map[string]bool{}
	for i := 0; i < len(stems); i += every {
		w := stems[i]
		for _, fl := range d.words[w] {
			set[w] = true
			for _, s := range d.aff.suffixes {
				if fl.has(s.flag) && strings.HasSuffix(w, s.strip) && s.cond.matchEnd(w) {
					set[w[:len(w)-len(s.strip)]+s.add] = true
				}
			}
			for _, p := range d.aff.pfxAll {
				if fl.has(p.flag) && strings.HasPrefix(w, p.strip) && p.cond.matchStart(w) {
					set[p.add+w[len(p.strip):]] = true
				}
			}
		}
	}
	// Only what Hunspell's own tokenizer keeps as one word: letters and
	// the dictionary's word characters, not at the ends.
	whole := func(w string) bool {
		rs := []rune(w)
		for i, r := range rs {
			inner := i > 0 && i < len(rs)-1
			if !unicode.IsLetter(r) && !(strings.ContainsRune(d.aff.WordChars, r) && (inner || unicode.IsDigit(r))) {
				return false
			}
		}
		return len(rs) > 0
	}
	keys := make([]string, 0, len(set))
	for w := range set {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	var out []string
	for _, w := range keys {
		if !whole(w) {
			continue
		}
		out = append(out, w)
		rs := []rune(w)
		if len(rs) > 3 {
			k := rng.Intn(len(rs) - 1)
			m := append([]rune{}, rs...)
			m[k], m[k+1] = m[k+1], m[k]
			for _, mw := range []string{string(m), string(append(append([]rune{}, rs[:k]...), rs[k+1:]...))} {
				if whole(mw) {
					out = append(out, mw)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func differential(t *testing.T, dict string, words []string) (agree int, disagree []string) {
	d := load(t, dict)
	wrong := hunspellWrong(t, dict, words)
	for _, w := range words {
		if d.Correct(w) == !wrong[w] {
			agree++
		} else {
			disagree = append(disagree, w)
		}
	}
	return agree, disagree
}

// TestAgainstHunspell: the hunspell program and Tandem agree on every
// word of each dictionary's forms (see forms).
func TestAgainstHunspell(t *testing.T) {
	for _, dict := range []string{"en_CA", "fr"} {
		t.Run(dict, func(t *testing.T) {
			words := forms(load(t, dict), 40, 1)
			agree, dis := differential(t, dict, words)
			t.Logf("%s: %d words, %d agree, %d disagree: %v", dict, len(words), agree, len(dis), head(dis, 40))
			if len(dis) > 0 {
				t.Errorf("%d disagreements", len(dis))
			}
		})
	}
}

func head(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// BenchmarkCheck20000 loads a dictionary and checks 20,000 words of its
// forms (half mutated), against the hunspell program doing the same
// (hunspell -l on the same input, timed in the same process).
func BenchmarkCheck20000(b *testing.B) {
	for _, dict := range []string{"en_CA", "fr"} {
		d := load(b, dict)
		words := forms(d, 20, 2)
		if len(words) > 20000 {
			words = words[:20000]
		}
		input := strings.Join(words, "\n") + "\n"
		b.Run(dict+"/tandem", func(b *testing.B) {
			for b.Loop() {
				aff, _ := os.Open(filepath.Join(sysDicts, dict+".aff"))
				dic, _ := os.Open(filepath.Join(sysDicts, dict+".dic"))
				d, err := Read(aff, dic)
				aff.Close()
				dic.Close()
				if err != nil {
					b.Fatal(err)
				}
				for _, w := range words {
					d.Correct(w)
				}
			}
		})
		b.Run(dict+"/hunspell", func(b *testing.B) {
			bin, err := exec.LookPath("hunspell")
			if err != nil {
				b.Skip("no hunspell")
			}
			for b.Loop() {
				cmd := exec.Command(bin, "-d", filepath.Join(sysDicts, dict), "-l", "-i", "UTF-8")
				cmd.Stdin = strings.NewReader(input)
				if _, err := cmd.Output(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
