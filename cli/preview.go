package cli

import (
	"bytes"
	"fmt"
	"io"

	"tandem/markup"
	"tandem/model"
)

// previewCmd is `tandem preview FILE (-o OUT.html | --segments)`.
func previewCmd(args []string, stdout, stderr io.Writer) int {
	var file, out string
	segments, pair, invisible := false, false, false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "-o", "--output":
			if i+1 >= len(args) {
				return usageError(stderr, "preview: -o needs a file name")
			}
			i++
			out = args[i]
		case "--segments":
			segments = true
		case "--pair":
			pair = true
		case "--invisible":
			invisible = true
		default:
			if file != "" || (len(a) > 1 && a[0] == '-') {
				return usageError(stderr, "preview: unexpected %q", a)
			}
			file = a
		}
	}
	if file == "" || (out == "") == !segments {
		return usageError(stderr, "preview: tandem preview FILE (-o OUT.html | --segments)")
	}
	s, p, err := openPost(file)
	if err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 2
	}
	if p.Doc == nil {
		fmt.Fprintf(stderr, "tandem: %s: %v\n", p.Path, p.Err)
		return 1
	}
	if segments {
		_, d := markup.RenderPost(s, p, invisible)
		d.Dump(stdout)
		return 0
	}
	posts := []*model.Post{p}
	if pair {
		posts = nil
		for _, l := range s.Languages {
			if q := p.Pair.Post(l); q != nil && q.Doc != nil {
				posts = append(posts, q)
			}
		}
	}
	var buf bytes.Buffer
	if err := markup.WritePage(&buf, p.Title(), pagePosts(s, posts, invisible)); err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 1
	}
	if err := model.WriteFileAtomic(out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "tandem: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, out)
	return 0
}

// pagePosts renders posts for a page.
func pagePosts(s *model.Site, posts []*model.Post, invisible bool) []markup.PagePost {
	var pp []markup.PagePost
	for _, q := range posts {
		h, d := markup.RenderPost(s, q, invisible)
		pp = append(pp, markup.PagePost{Header: h, Doc: d})
	}
	return pp
}
