package model

import (
	"encoding/binary"
	"fmt"
	"math"
)

// A Packer packs findings into bytes, for holding many of them a while
// (lint holds a translation's findings until its turn, on a site of tens
// of thousands of pairs): the bytes hold no pointer for the collector to
// follow, and the strings findings share (rules, severities, fields,
// message formats) are kept once, by number. A Packer is used by one
// goroutine at a time; what it packs, only it unpacks.
type Packer struct {
	ids   map[string]uint64
	names []string
}

// Each packed finding starts with its flags.
const (
	packSamePath   = 1 << iota // its path is the one before's
	packFormatText             // its message is its format as it is
	packFormatMade             // its message is its format made with its arguments
)

// The kinds of a message's arguments a Packer keeps, each as itself (a
// message made again from its format must be the same).
const (
	argString byte = iota
	argInt
	argInt64
	argInt32
	argUint
	argUint64
	argFloat
	argBool
)

// Pack is fs packed; ok is false when one of them cannot be (an argument
// of its message of another kind than a string, a number or a bool):
// hold fs itself then.
func (k *Packer) Pack(fs []Finding) (b []byte, ok bool) {
	path := ""
	for i, f := range fs {
		var flags uint64
		if i > 0 && f.Path == path {
			flags |= packSamePath
		}
		switch {
		case f.Message == f.format:
			flags |= packFormatText
		case f.format != "" && fmt.Sprintf(f.format, f.args...) == f.Message:
			flags |= packFormatMade // made again when unpacked: held, a message is most of a finding
		}
		b = binary.AppendUvarint(b, flags)
		if flags&packSamePath == 0 {
			b = packString(b, f.Path)
			path = f.Path
		}
		b = binary.AppendVarint(b, int64(f.Line))
		b = binary.AppendVarint(b, int64(f.SourceLine))
		b = k.packName(b, f.Rule)
		b = k.packName(b, string(f.Severity))
		b = k.packName(b, f.Field)
		b = k.packName(b, f.format)
		if flags&(packFormatText|packFormatMade) == 0 {
			b = packString(b, f.Message)
		}
		b = packString(b, f.Block)
		b = packString(b, f.Replace[0])
		b = packString(b, f.Replace[1])
		b = binary.AppendUvarint(b, uint64(len(f.args)))
		for _, a := range f.args {
			switch v := a.(type) {
			case string:
				b = packString(append(b, argString), v)
			case int:
				b = binary.AppendVarint(append(b, argInt), int64(v))
			case int64:
				b = binary.AppendVarint(append(b, argInt64), v)
			case int32:
				b = binary.AppendVarint(append(b, argInt32), int64(v))
			case uint:
				b = binary.AppendUvarint(append(b, argUint), uint64(v))
			case uint64:
				b = binary.AppendUvarint(append(b, argUint64), v)
			case float64:
				b = binary.LittleEndian.AppendUint64(append(b, argFloat), math.Float64bits(v))
			case bool:
				c := byte(0)
				if v {
					c = 1
				}
				b = append(b, argBool, c)
			default:
				return nil, false
			}
		}
	}
	return b, true
}

// Unpack is the findings b packs (from Pack, by this Packer), as they
// were.
func (k *Packer) Unpack(b []byte) []Finding {
	var out []Finding
	r := unpacker{b: b}
	path := ""
	for len(r.b) > 0 {
		var f Finding
		flags := r.uvarint()
		if flags&packSamePath == 0 {
			path = r.string()
		}
		f.Path = path
		f.Line = int(r.varint())
		f.SourceLine = int(r.varint())
		f.Rule = k.name(&r)
		f.Severity = Severity(k.name(&r))
		f.Field = k.name(&r)
		f.format = k.name(&r)
		switch {
		case flags&packFormatText != 0:
			f.Message = f.format
		case flags&packFormatMade == 0:
			f.Message = r.string()
		}
		f.Block = r.string()
		f.Replace[0] = r.string()
		f.Replace[1] = r.string()
		if n := r.uvarint(); n > 0 {
			f.args = make([]any, n)
			for i := range f.args {
				kind := r.b[0]
				r.b = r.b[1:]
				switch kind {
				case argString:
					f.args[i] = r.string()
				case argInt:
					f.args[i] = int(r.varint())
				case argInt64:
					f.args[i] = r.varint()
				case argInt32:
					f.args[i] = int32(r.varint())
				case argUint:
					f.args[i] = uint(r.uvarint())
				case argUint64:
					f.args[i] = r.uvarint()
				case argFloat:
					f.args[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.b))
					r.b = r.b[8:]
				case argBool:
					f.args[i] = r.b[0] == 1
					r.b = r.b[1:]
				}
			}
		}
		if flags&packFormatMade != 0 {
			f.Message = fmt.Sprintf(f.format, f.args...)
		}
		out = append(out, f)
	}
	return out
}

// packNames is how many names a Packer keeps: a site's findings share a
// few hundred; past that (messages made whole, each its own format), a
// name is packed as a string.
const packNames = 1 << 12

// packName appends name's number plus one, giving it one the first time,
// or 0 and name itself once the Packer keeps packNames.
func (k *Packer) packName(b []byte, name string) []byte {
	id, ok := k.ids[name]
	if !ok {
		if len(k.names) >= packNames {
			return packString(append(b, 0), name)
		}
		if k.ids == nil {
			k.ids = map[string]uint64{}
		}
		id = uint64(len(k.names))
		k.ids[name] = id
		k.names = append(k.names, name)
	}
	return binary.AppendUvarint(b, id+1)
}

// name reads what packName wrote.
func (k *Packer) name(r *unpacker) string {
	if id := r.uvarint(); id > 0 {
		return k.names[id-1]
	}
	return r.string()
}

func packString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// unpacker reads what Pack wrote.
type unpacker struct{ b []byte }

func (r *unpacker) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	r.b = r.b[n:]
	return v
}

func (r *unpacker) varint() int64 {
	v, n := binary.Varint(r.b)
	r.b = r.b[n:]
	return v
}

func (r *unpacker) string() string {
	n := r.uvarint()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
