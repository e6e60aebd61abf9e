package markup

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// extensionBlock renders the blocks of goldmark's extensions: tables,
// footnotes and definition lists.
func (r *Renderer) extensionBlock(n ast.Node) {
	switch n := n.(type) {
	case *east.Table:
		var rows []Row
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			_, header := row.(*east.TableHeader)
			var cells []Cell
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				tc, ok := c.(*east.TableCell)
				if !ok {
					continue
				}
				old := r.style
				if header {
					r.style |= Bold
				}
				cells = append(cells, r.cell(func() { r.inlines(tc) }, tableAlign(tc.Alignment), tc))
				r.style = old
			}
			rows = append(rows, Row{Cells: cells, Header: header})
		}
		r.add(Block{Kind: Table, Rows: rows}, n)
	case *east.FootnoteList:
		r.add(Block{Kind: Rule}, n)
		r.depth++
		for f := n.FirstChild(); f != nil; f = f.NextSibling() {
			if fn, ok := f.(*east.Footnote); ok {
				r.marker = itoa(fn.Index) + "."
				r.children(fn)
				if r.marker != "" {
					r.add(Block{Kind: Paragraph}, fn)
				}
			}
		}
		r.depth--
	case *east.FootnoteBacklink:
	case *east.DefinitionList:
		r.children(n)
	case *east.DefinitionTerm:
		old := r.style
		r.style |= Bold
		r.paragraph(n, Paragraph, 0)
		r.style = old
	case *east.DefinitionDescription:
		r.depth++
		r.children(n)
		r.depth--
	default:
		if n.Type() == ast.TypeBlock {
			r.children(n)
		}
	}
}

func tableAlign(a east.Alignment) Align {
	switch a {
	case east.AlignCenter:
		return Center
	case east.AlignRight:
		return Right
	}
	return Left
}
