package preview

import (
	"bytes"
	"hash/fnv"
	"hash/maphash"
	"regexp"
)

// Cache renders a post again after an edit by re-parsing only the parts
// that changed. The text is cut into chunks at blank lines where a new
// top-level block starts (never inside a code fence, a raw HTML block
// that spans blank lines, or before a line that continues a list); each
// chunk's blocks are kept by the chunk's hash. Link reference definitions
// are read from the whole text and given to every chunk. A post with
// footnotes is rendered whole, as their numbers depend on the whole text.
// A Cache is used by one goroutine at a time.
type Cache struct {
	optKey uint64
	chunks map[uint64][]Block
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{chunks: map[uint64][]Block{}} }

var (
	footnoteRef = regexp.MustCompile(`\[\^[^\]\s]+\]`)
	linkRefDef  = regexp.MustCompile(`(?m)^ {0,3}\[[^\]\^][^\]]*\]:[ \t]*\S.*$`)
)

// Render renders src as Render does, reusing the blocks of unchanged
// chunks.
func (c *Cache) Render(src []byte, opt Options) *Doc {
	if bytes.Contains(src, []byte("[^")) && footnoteRef.Match(src) {
		c.chunks = map[uint64][]Block{}
		return Render(src, opt)
	}
	refs := linkRefDefs(src)
	h := fnv.New64a()
	h.Write(refs)
	h.Write([]byte{byte(opt.Flavour), boolByte(opt.RawHTML), boolByte(opt.Invisible)})
	h.Write([]byte(opt.BaseURL))
	if k := h.Sum64(); k != c.optKey || c.chunks == nil {
		c.optKey, c.chunks = k, map[uint64][]Block{}
	}
	doc := &Doc{}
	next := make(map[uint64][]Block, len(c.chunks))
	line := 1
	for _, ch := range splitChunks(src) {
		text := src[ch.start:ch.end]
		k := hashBytes(text)
		blocks, ok := c.chunks[k]
		if !ok {
			part := text
			if len(refs) > 0 {
				part = append(append(append([]byte{}, text...), "\n\n"...), refs...)
			}
			blocks = Render(part, opt).Blocks
			lines := bytes.Count(text, []byte("\n")) + 1
			kept := blocks[:0:0]
			for i := range blocks {
				if blocks[i].Line <= lines { // not from the appended definitions
					blocks[i].key = blockKey(&blocks[i])
					kept = append(kept, blocks[i])
				}
			}
			blocks = kept
		}
		next[k] = blocks
		for _, b := range blocks {
			b.Line += line - 1
			b.End += line - 1
			doc.Blocks = append(doc.Blocks, b)
		}
		line += ch.lines
	}
	c.chunks = next
	doc.Lines = line - 1
	return doc
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// chunkSeed keys chunk hashes for the life of the process.
var chunkSeed = maphash.MakeSeed()

func hashBytes(b []byte) uint64 { return maphash.Bytes(chunkSeed, b) }

type chunk struct {
	start, end int // byte offsets
	lines      int // lines it holds
}

// splitChunks cuts src at blank lines where a new top-level block begins.
func splitChunks(src []byte) []chunk {
	var out []chunk
	start, lines := 0, 0
	fence := byte(0)
	rawEnd := ""
	prevBlank := false
	for pos := 0; pos < len(src); {
		nl := bytes.IndexByte(src[pos:], '\n')
		end := len(src)
		if nl >= 0 {
			end = pos + nl + 1
		}
		line := src[pos:end]
		t := bytes.TrimRight(line, "\r\n")
		blank := len(bytes.TrimSpace(t)) == 0
		// A cut before this line?
		if prevBlank && !blank && fence == 0 && rawEnd == "" && startsBlock(t) && pos > start {
			out = append(out, chunk{start, pos, lines})
			start, lines = pos, 0
		}
		trimmed := bytes.TrimLeft(t, " ")
		switch {
		case fence != 0:
			if len(trimmed) >= 3 && trimmed[0] == fence && bytes.Count(trimmed[:3], []byte{fence}) == 3 {
				fence = 0
			}
		case rawEnd != "":
			if bytes.Contains(t, []byte(rawEnd)) {
				rawEnd = ""
			}
		case len(t)-len(trimmed) <= 3 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			fence = trimmed[0]
		default:
			rawEnd = rawBlockEnd(trimmed)
		}
		prevBlank = blank
		lines++
		pos = end
	}
	if start < len(src) || len(out) == 0 {
		out = append(out, chunk{start, len(src), lines})
	}
	return out
}

// startsBlock is whether a line after a blank line starts a block of its
// own at the top level: not indented, not a list item (which may belong
// to the list above), not a definition.
func startsBlock(t []byte) bool {
	if len(t) == 0 || t[0] == ' ' || t[0] == '\t' || t[0] == ':' {
		return false
	}
	if (t[0] == '-' || t[0] == '*' || t[0] == '+') && (len(t) == 1 || t[1] == ' ' || t[1] == '\t') {
		return false
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')') {
		return false
	}
	return true
}

// rawBlockEnd is the text that ends a raw HTML block opened on this line
// and spanning blank lines (a comment, pre, script, style), "" when none
// stays open.
func rawBlockEnd(t []byte) string {
	if len(t) < 4 || t[0] != '<' {
		return ""
	}
	for open, end := range map[string]string{"<!--": "-->", "<pre": "</pre>", "<script": "</script>", "<style": "</style>", "<textarea": "</textarea>"} {
		if bytes.HasPrefix(bytes.ToLower(t), []byte(open)) && !bytes.Contains(bytes.ToLower(t), []byte(end)) {
			return end
		}
	}
	return ""
}

// linkRefDefs returns the link reference definition lines of src, found
// by looking at the lines with "]:" only.
func linkRefDefs(src []byte) []byte {
	var refs []byte
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte("]:"))
		if i < 0 {
			return refs
		}
		i += off
		start := bytes.LastIndexByte(src[:i], '\n') + 1
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		if line := src[start:end]; linkRefDef.Match(line) {
			refs = append(append(refs, line...), '\n')
		}
		off = end
		if off >= len(src) {
			return refs
		}
	}
}
