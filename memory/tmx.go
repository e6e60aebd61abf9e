package memory

import (
	"encoding/xml"
	"io"
	"strings"
)

// TMX 1.4b, as the translators' tools read it (OmegaT, Trados, memoQ):
// a header with the required attributes, then a translation unit per
// unit with a variant per language. A unit says where it came from (a
// prop) and whether it is a sentence or a whole block (segtype).

type tmxDoc struct {
	XMLName xml.Name  `xml:"tmx"`
	Version string    `xml:"version,attr"`
	Header  tmxHeader `xml:"header"`
	Body    tmxBody   `xml:"body"`
}

type tmxHeader struct {
	CreationTool        string `xml:"creationtool,attr"`
	CreationToolVersion string `xml:"creationtoolversion,attr"`
	SegType             string `xml:"segtype,attr"`
	OTmf                string `xml:"o-tmf,attr"`
	AdminLang           string `xml:"adminlang,attr"`
	SrcLang             string `xml:"srclang,attr"`
	DataType            string `xml:"datatype,attr"`
}

type tmxBody struct {
	Units []tmxUnit `xml:"tu"`
}

type tmxUnit struct {
	SegType  string       `xml:"segtype,attr,omitempty"`
	Props    []tmxProp    `xml:"prop"`
	Variants []tmxVariant `xml:"tuv"`
}

type tmxProp struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type tmxVariant struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"` // xml:lang
	Seg  string `xml:"seg"`
}

// WriteTMX writes the memory as a TMX 1.4b document; version is the
// writing tool's.
func (m *Memory) WriteTMX(w io.Writer, version string) error {
	doc := tmxDoc{Version: "1.4", Header: tmxHeader{
		CreationTool: "Tandem", CreationToolVersion: version, SegType: "paragraph", OTmf: "Tandem",
		AdminLang: "en", SrcLang: m.Source, DataType: "markdown",
	}}
	for _, u := range m.Units() {
		tu := tmxUnit{Props: []tmxProp{{Type: "x-from", Value: u.Path + ":" + itoa(u.Line)}},
			Variants: []tmxVariant{{m.Source, u.Source}, {m.Target, u.Target}}}
		if u.Sentence {
			tu.SegType = "sentence"
		}
		doc.Body.Units = append(doc.Body.Units, tu)
	}
	if _, err := io.WriteString(w, xml.Header+`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`+"\n"); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ReadTMX reads what WriteTMX writes (for tests and tools): the source
// language and each unit's variants by language.
func ReadTMX(r io.Reader) (srclang string, units []map[string]string, err error) {
	var doc tmxDoc
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return "", nil, err
	}
	for _, tu := range doc.Body.Units {
		u := map[string]string{}
		for _, v := range tu.Variants {
			u[strings.ToLower(v.Lang)] = v.Seg
		}
		units = append(units, u)
	}
	return doc.Header.SrcLang, units, nil
}
