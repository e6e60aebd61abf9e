// Package markup turns a post's Markdown into blocks the way its site
// publishes it: Jekyll's kramdown or Hugo's goldmark, raw HTML, images,
// Liquid tags and shortcodes. One parse gives a list of blocks; each block
// carries the spans the standalone HTML page writes and the styled runs
// the window draws, made from those same spans. It knows nothing of Fyne:
// the headless commands and the checks use it as the window does.
package markup

// Flavour is the Markdown converter the site publishes with.
type Flavour int

// Flavours.
const (
	// Kramdown is Jekyll's converter (GFM input).
	Kramdown Flavour = iota
	// Goldmark is Hugo's converter from 0.60, with Hugo's default
	// extensions.
	Goldmark
	// Blackfriday is Hugo's converter before 0.60 (see blackfriday.go).
	Blackfriday
)

// Options say how a post is rendered.
type Options struct {
	Flavour Flavour
	// RawHTML is whether raw HTML is published; when false (Hugo's default)
	// it is left out as Hugo leaves it out.
	RawHTML bool
	// Image resolves an image source as written to a local file or a
	// remote URL; nil leaves sources as written.
	Image func(src string) Image
	// Typographer makes quotes, dashes and ellipses typographic, as the
	// site's converter does (goldmark's typographer, Blackfriday's
	// smartypants, kramdown's smart quotes).
	Typographer bool
	// SmartQuotes are kramdown's smart_quotes entity names, when the
	// site sets them ("lsaquo,rsaquo,laquo,raquo").
	SmartQuotes string
	// HardWrap makes a line break in a paragraph a line break (kramdown's
	// hard_wrap).
	HardWrap bool
	// Blackfriday holds Hugo's blackfriday settings.
	Blackfriday BlackfridayOptions
	// BaseURL is Jekyll's baseurl, for {{ site.baseurl }}.
	BaseURL string
	// Invisible shows no-break spaces, zero-width spaces and tabs.
	Invisible bool
	// KeysOnly makes the blocks' keys without keeping their runs (what
	// only reads spans: the checks).
	KeysOnly bool
}

// Style is a span's inline formatting.
type Style uint16

// Inline styles.
const (
	Bold Style = 1 << iota
	Italic
	Code
	Strike
	Sup         // a footnote reference
	Placeholder // a Liquid tag or Hugo shortcode, shown as a label
	Invisible   // a mark standing for an invisible character
	Underline
)

// Span is a run of text in one style.
type Span struct {
	Text  string
	Style Style
	Link  string
	// Break ends the line after this span (a hard line break).
	Break bool
}

// Kind is a block's kind.
type Kind uint8

// Block kinds.
const (
	Paragraph Kind = iota
	Heading
	CodeBlock
	Rule
	Table
	ImageBlock
	Note // a placeholder block: raw HTML omitted, a Liquid block tag
)

var kindNames = [...]string{"paragraph", "heading", "code", "rule", "table", "image", "note"}

func (k Kind) String() string { return kindNames[k] }

// Align is a block's horizontal alignment.
type Align uint8

// Alignments.
const (
	Left Align = iota
	Center
	Right
)

// Image is an image as written and where it was found.
type Image struct {
	Src   string // as written
	File  string // local file, when found
	URL   string // remote URL
	Alt   string
	Title string
	Link  string // the link the image sits in
	// Decorative: raw HTML marks the image as decoration (role
	// "presentation" or "none", aria-hidden), which needs no alt text.
	Decorative bool
}

// Cell is one table cell.
type Cell struct {
	Spans []Span
	Align Align
	// Images are the sources of the images the cell shows (as
	// placeholders in its text); Pictures the images themselves (their
	// alt text).
	Images   []string
	Pictures []Image
	// Runs are the cell's text as the window draws it.
	Runs []Run
}

// Row is one table row.
type Row struct {
	Cells  []Cell
	Header bool
}

// Block is one block of the rendered post: a paragraph, a heading, a list
// item's paragraph, a code block, a table, an image.
type Block struct {
	Kind  Kind
	Level int // heading level 1-6
	// Depth is the list nesting depth; Marker is the bullet or number shown
	// before a list item's first block ("" for its later blocks).
	Depth  int
	Marker string
	// Loose is true for the blocks of a loose list's items (items apart
	// by blank lines), whose paragraphs a page writes as <p>.
	Loose bool
	// Quote is the block quote nesting depth.
	Quote int
	Align Align
	Spans []Span
	Code  string
	Lang  string // a code block's language
	Rows  []Row
	Image *Image
	// Line and End are the source lines the block comes from, 1-based,
	// counted in the text given to Render.
	Line, End int
	// Runs are the block's text as the window draws it (a table's are in
	// its cells; an image and a rule have none).
	Runs []Run
	// Key identifies the block's content wherever it is in the post (its
	// lines aside): a hash of what it shows, made with the block.
	Key uint64
}

// Doc is a rendered post body.
type Doc struct {
	Blocks []Block
	// Lines is the number of source lines.
	Lines int
}

// BlockAt returns the index of the block that holds source line line (or
// the nearest one after it), -1 when there are no blocks.
func (d *Doc) BlockAt(line int) int {
	if len(d.Blocks) == 0 {
		return -1
	}
	for i := range d.Blocks {
		if d.Blocks[i].End >= line {
			return i
		}
	}
	return len(d.Blocks) - 1
}
