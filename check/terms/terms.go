// Package terms is a site's termbase: its terms in each language, with
// the preferred and forbidden ones, kept as TBX (ISO 30042) in the site;
// imported from TBX or CSV; checked in a translation (the checks'
// translation-term).
package terms

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"tandem/disk"
	"tandem/model"
)

// TermFile is the site's termbase, at its root: TBX (ISO 30042), kept
// with the site's files and shared like them.
const TermFile = ".tandem-terms.tbx"

// Term statuses (TBX's administrativeStatus).
const (
	Preferred  = "preferredTerm-admn-sts"
	Admitted   = "admittedTerm-admn-sts"
	Deprecated = "deprecatedTerm-admn-sts"
	Superseded = "supersededTerm-admn-sts"
)

// Term is one term of a concept in one language, with its status.
type Term struct {
	Text   string `json:"term"`
	Status string `json:"status,omitempty"` // "" reads as admitted
}

// Forbidden reports whether the term is not to be used.
func (t Term) Forbidden() bool { return t.Status == Deprecated || t.Status == Superseded }

// Concept is one entry of the termbase: its terms by language.
type Concept struct {
	ID    string            `json:"id"`
	Terms map[string][]Term `json:"terms"`
}

// Preferred is the concept's preferred term in lang (the first allowed
// one when none is marked preferred), "" when it has none.
func (c Concept) Preferred(lang string) string {
	for _, t := range c.Terms[lang] {
		if t.Status == Preferred {
			return t.Text
		}
	}
	for _, t := range c.Terms[lang] {
		if !t.Forbidden() {
			return t.Text
		}
	}
	return ""
}

// Termbase is a site's terms.
type Termbase struct {
	Concepts []Concept `json:"concepts"`
}

// The TBX elements Tandem reads and writes (TBX-Basic in the DCA style of
// ISO 30042:2019; the older martif/termEntry/langSet/tig too).
type tbxDoc struct {
	XMLName xml.Name     `xml:"tbx"`
	Type    string       `xml:"type,attr"`
	Style   string       `xml:"style,attr"`
	Lang    string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Xmlns   string       `xml:"xmlns,attr"`
	Header  tbxHeader    `xml:"tbxHeader"`
	Entries []tbxConcept `xml:"text>body>conceptEntry"`
}

type tbxHeader struct {
	Title string `xml:"fileDesc>titleStmt>title"`
}

type tbxConcept struct {
	ID    string    `xml:"id,attr"`
	Langs []tbxLang `xml:"langSec"`
	Old   []tbxLang `xml:"langSet"`
}

type tbxLang struct {
	Lang  string    `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Terms []tbxTerm `xml:"termSec"`
	Old   []tbxTerm `xml:"tig"`
}

type tbxTerm struct {
	Term  string    `xml:"term"`
	Notes []tbxNote `xml:"termNote"`
}

type tbxNote struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// ReadTBX reads a TBX file (TBX-Basic, TBX 2019 DCA or the older
// martif); a file that is not TBX is an error naming what is wrong.
func ReadTBX(r io.Reader) (*Termbase, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Entries    []tbxConcept `xml:"text>body>conceptEntry"`
		OldEntries []tbxConcept `xml:"text>body>termEntry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not a TBX file: %w", err)
	}
	tb := &Termbase{}
	for i, e := range append(doc.Entries, doc.OldEntries...) {
		c := Concept{ID: e.ID, Terms: map[string][]Term{}}
		if c.ID == "" {
			c.ID = fmt.Sprintf("c%d", i+1)
		}
		for _, ls := range append(e.Langs, e.Old...) {
			lang := strings.ToLower(strings.SplitN(ls.Lang, "-", 2)[0])
			for _, ts := range append(ls.Terms, ls.Old...) {
				t := Term{Text: strings.TrimSpace(ts.Term)}
				for _, n := range ts.Notes {
					if n.Type == "administrativeStatus" {
						t.Status = strings.TrimSpace(n.Value)
					}
				}
				if t.Text != "" {
					c.Terms[lang] = append(c.Terms[lang], t)
				}
			}
		}
		if len(c.Terms) > 0 {
			tb.Concepts = append(tb.Concepts, c)
		}
	}
	return tb, nil
}

// WriteTBX writes the termbase as TBX-Basic (ISO 30042:2019, DCA style).
func (tb *Termbase) WriteTBX(w io.Writer, srcLang string) error {
	doc := tbxDoc{Type: "TBX-Basic", Style: "dca", Lang: srcLang, Xmlns: "urn:iso:std:iso:30042:ed-2"}
	doc.Header.Title = "Terms of the site, kept by Tandem"
	for _, c := range tb.Concepts {
		e := tbxConcept{ID: c.ID}
		langs := make([]string, 0, len(c.Terms))
		for l := range c.Terms {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			ls := tbxLang{Lang: l}
			for _, t := range c.Terms[l] {
				tt := tbxTerm{Term: t.Text}
				if t.Status != "" {
					tt.Notes = []tbxNote{{Type: "administrativeStatus", Value: t.Status}}
				}
				ls.Terms = append(ls.Terms, tt)
			}
			e.Langs = append(e.Langs, ls)
		}
		doc.Entries = append(doc.Entries, e)
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ReadCSV reads a glossary as CSV (a TERMIUM Plus export, a department's
// list): a header naming the languages' columns (en, fr, English,
// French, TERM_EN…), or the source's terms then the translation's.
func ReadCSV(r io.Reader, langs []string) (*Termbase, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("not a CSV file: %v", err)
	}
	if len(rows) == 0 || len(langs) < 2 {
		return &Termbase{}, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, l := range langs {
			name := map[string]string{"en": "english", "fr": "french"}[l]
			if h == l || h == name || strings.HasSuffix(h, "_"+l) || strings.HasPrefix(h, l+"_") || h == "français" && l == "fr" {
				if _, ok := col[l]; !ok {
					col[l] = i
				}
			}
		}
	}
	body := rows[1:]
	if len(col) < 2 { // no header: the first two columns
		col = map[string]int{langs[0]: 0, langs[1]: 1}
		body = rows
	}
	tb := &Termbase{}
	for _, row := range body {
		c := Concept{ID: fmt.Sprintf("c%d", len(tb.Concepts)+1), Terms: map[string][]Term{}}
		for l, i := range col {
			if i < len(row) && strings.TrimSpace(row[i]) != "" {
				c.Terms[l] = []Term{{Text: strings.TrimSpace(row[i]), Status: Preferred}}
			}
		}
		if len(c.Terms) >= 2 {
			tb.Concepts = append(tb.Concepts, c)
		}
	}
	return tb, nil
}

// Clone is a copy of tb that may be changed without changing tb.
func (tb *Termbase) Clone() *Termbase {
	out := &Termbase{Concepts: make([]Concept, len(tb.Concepts))}
	for i, c := range tb.Concepts {
		terms := make(map[string][]Term, len(c.Terms))
		for l, ts := range c.Terms {
			terms[l] = append([]Term(nil), ts...)
		}
		out.Concepts[i] = Concept{ID: c.ID, Terms: terms}
	}
	return out
}

// Save writes the termbase into the site, atomically.
func (tb *Termbase) Save(root, srcLang string) error {
	var b bytes.Buffer
	if err := tb.WriteTBX(&b, srcLang); err != nil {
		return err
	}
	name := filepath.Join(root, TermFile)
	disk.Touch("write", name)
	return model.WriteFileAtomic(name, b.Bytes())
}

// Merge adds other's concepts whose terms the termbase does not have.
func (tb *Termbase) Merge(other *Termbase) int {
	have := map[string]bool{}
	for _, c := range tb.Concepts {
		for l, ts := range c.Terms {
			for _, t := range ts {
				have[l+"\x00"+strings.ToLower(t.Text)] = true
			}
		}
	}
	n := 0
	for _, c := range other.Concepts {
		dup := false
		for l, ts := range c.Terms {
			for _, t := range ts {
				dup = dup || have[l+"\x00"+strings.ToLower(t.Text)]
			}
		}
		if !dup {
			c.ID = fmt.Sprintf("c%d", len(tb.Concepts)+1)
			tb.Concepts = append(tb.Concepts, c)
			n++
		}
	}
	return n
}

// In are the concepts whose terms in lang (allowed ones) a text holds:
// the terms of a block, for the translator.
func (tb *Termbase) In(text, lang string) []Concept {
	var out []Concept
	if tb == nil {
		return nil
	}
	for _, c := range tb.Concepts {
		for _, t := range c.Terms[lang] {
			if !t.Forbidden() && hasTerm(text, t.Text) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// TermIssue is a term of the source whose translation does not follow
// the termbase: the preferred translation missing, or a forbidden one
// used.
type TermIssue struct {
	Source    string // the term in the source
	Preferred string // its preferred translation
	Forbidden string // the forbidden term the translation uses, if so
}

// Check finds the termbase's issues in a translation: source (in
// srcLang) and target (in tgtLang) being aligned text.
func (tb *Termbase) Check(source, target, srcLang, tgtLang string) []TermIssue {
	var out []TermIssue
	for _, c := range tb.Concepts {
		want := c.Preferred(tgtLang)
		if want == "" {
			continue
		}
		for _, st := range c.Terms[srcLang] {
			if st.Forbidden() || !hasTerm(source, st.Text) {
				continue
			}
			issue := TermIssue{Source: st.Text, Preferred: want}
			for _, tt := range c.Terms[tgtLang] {
				if tt.Forbidden() && hasTerm(target, tt.Text) {
					issue.Forbidden = tt.Text
				}
			}
			if issue.Forbidden != "" || !hasAnyTerm(target, c.Terms[tgtLang]) {
				out = append(out, issue)
			}
			break
		}
	}
	return out
}

func hasAnyTerm(text string, ts []Term) bool {
	for _, t := range ts {
		if !t.Forbidden() && hasTerm(text, t.Text) {
			return true
		}
	}
	return false
}

// hasTerm reports whether term is in text as whole words, case aside
// for its first letter (a term starts a sentence).
func hasTerm(text, term string) bool {
	if term == "" {
		return false
	}
	lt, lterm := strings.ToLower(text), strings.ToLower(term)
	for i := 0; ; {
		k := strings.Index(lt[i:], lterm)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(lterm)
		before := a == 0 || !isWordRune(lastRune(lt[:a]))
		after := b == len(lt) || !isWordRune(firstRune(lt[b:]))
		if before && after {
			return true
		}
		i = a + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// Propose finds candidate terms in a site's aligned texts (source and
// translation, each pair of texts one aligned block): a name of two to
// five words the source writes with capitals ("Canadian Digital
// Service", "Open Data Day") in at least three blocks, whose
// translations all hold the same name ("Service numérique canadien")
// — translated the same way every time. Terms the termbase has already
// are left out.
func (tb *Termbase) Propose(texts [][2]string, srcLang, tgtLang string) []Concept {
	where := map[string][]int{} // a source name → the blocks that have it
	for k, t := range texts {
		for _, s := range uniq(names(t[0])) {
			where[s] = append(where[s], k)
		}
	}
	var out []Concept
	for s, ks := range where {
		if len(ks) < 3 || tb.has(srcLang, s) {
			continue
		}
		// The translation: the longest phrase starting with a capital
		// that every one of those blocks' translations holds.
		var common map[string]bool
		for _, k := range ks {
			here := phrases(texts[k][1])
			if common == nil {
				common = here
				continue
			}
			for p := range common {
				if !here[p] {
					delete(common, p)
				}
			}
		}
		best := ""
		for p := range common {
			if len(p) > len(best) || len(p) == len(best) && p < best {
				best = p
			}
		}
		if best != "" && !tb.has(tgtLang, best) {
			out = append(out, Concept{Terms: map[string][]Term{srcLang: {{Text: s}}, tgtLang: {{Text: best}}}})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Terms[srcLang][0].Text < out[j].Terms[srcLang][0].Text })
	for i := range out {
		out[i].ID = fmt.Sprintf("proposed%d", i+1)
	}
	return out
}

// phrases are a text's runs of two to five words that start with a
// capital, as a set.
func phrases(text string) map[string]bool {
	out := map[string]bool{}
	for _, seg := range segments(text) {
		words := splitWords(seg)
		for i := range words {
			if !capital(words[i]) {
				continue
			}
			for n := 2; n <= 5 && i+n <= len(words); n++ {
				out[strings.Join(words[i:i+n], " ")] = true
			}
		}
	}
	return out
}

// segments are a text's runs between punctuation: a name does not go
// over a comma, a bracket or the end of a sentence.
func segments(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".!?:;,()[]{}\"“”«»\n", r) })
}

func splitWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’')
	})
}

func (tb *Termbase) has(lang, term string) bool {
	for _, c := range tb.Concepts {
		for _, t := range c.Terms[lang] {
			if strings.EqualFold(t.Text, term) {
				return true
			}
		}
	}
	return false
}

// names are the capitalized names of two to five words in a text (small
// joining words allowed inside: "Service de l'emploi", "Office of the
// Chief"); a sentence's first word is a name's only when the next word
// is capitalized and it is not a small word ("The").
func names(text string) []string {
	joins := map[string]bool{"of": true, "the": true, "for": true, "de": true, "du": true, "des": true, "la": true, "le": true, "l'": true, "l’": true, "pour": true, "d'": true, "d’": true}
	var out []string
	for _, sentence := range segments(text) {
		words := splitWords(sentence)
		for i := 0; i < len(words); {
			if !capital(words[i]) || i == 0 && (joins[strings.ToLower(words[i])] || smallWords[strings.ToLower(words[i])] || len(words) < 2 || !capital(words[1])) {
				i++
				continue
			}
			j, last := i+1, i
			for j < len(words) && j-i < 8 {
				if capital(words[j]) {
					last = j
				} else if !joins[strings.ToLower(words[j])] {
					break
				}
				j++
			}
			if n := last - i + 1; n >= 2 && n <= 5 {
				out = append(out, strings.Join(words[i:last+1], " "))
			}
			i = last + 1
		}
	}
	return out
}

// smallWords start sentences without being names.
var smallWords = map[string]bool{"a": true, "an": true, "this": true, "our": true, "we": true, "les": true, "un": true, "une": true, "ce": true, "cette": true, "nos": true, "notre": true}

func capital(w string) bool {
	r := firstRune(w)
	return unicode.IsUpper(r) && len(w) > 1
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
