package markup

import (
	"sort"
	"strings"

	"tandem/model"
)

// ForPost returns the options a post of a site renders with: its site's
// converter and its settings (raw HTML, typographer...), and its images
// looked up where the site serves them.
func ForPost(s *model.Site, p *model.Post) Options {
	r := s.Renderer
	opt := Options{Flavour: Kramdown, RawHTML: r.Unsafe, Typographer: r.Typographer, SmartQuotes: r.SmartQuotes,
		HardWrap: r.HardWrap, BaseURL: s.BaseURL}
	switch r.Name {
	case model.Goldmark:
		opt.Flavour = Goldmark
	case model.Blackfriday:
		opt.Flavour = Blackfriday
		opt.Blackfriday = BlackfridayOptions{Fractions: r.Fractions, SmartDashes: r.SmartDashes,
			LatexDashes: r.LatexDashes, AngledQuotes: r.AngledQuotes, Extensions: r.Extensions, Mask: r.ExtensionsMask}
	}
	opt.Image = func(src string) Image {
		src = strings.TrimSpace(src)
		img := Image{Src: src}
		switch {
		case strings.HasPrefix(src, "http://"), strings.HasPrefix(src, "https://"):
			img.URL = src
		case strings.HasPrefix(src, "//"):
			img.URL = "https:" + src
		default:
			v := src
			if b := strings.TrimSuffix(s.BaseURL, "/"); b != "" && strings.HasPrefix(v, b+"/") {
				v = strings.TrimPrefix(v, b)
			}
			if i := strings.IndexAny(v, "?#"); i >= 0 {
				v = v[:i]
			}
			img.File = s.ImageFile(p, v)
		}
		return img
	}
	return opt
}

// ForText are the options to render p's body with as the checks read
// it: as ForPost, but an image is not looked for on disk (its File is
// ""), so that the checks never touch the disk and run on any goroutine.
func ForText(s *model.Site, p *model.Post) Options {
	opt := ForPost(s, p)
	resolve := opt.Image
	opt.Image = func(src string) Image {
		if img := strings.TrimSpace(src); strings.HasPrefix(img, "http://") || strings.HasPrefix(img, "https://") || strings.HasPrefix(img, "//") {
			return resolve(src)
		}
		return Image{Src: strings.TrimSpace(src)}
	}
	return opt
}

// HeaderOf reads a post's header fields: title, description (or
// summary), author, date, image (or thumbnail) and its alt text.
func HeaderOf(s *model.Site, p *model.Post, opt Options) Header {
	d := p.Doc
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := strings.TrimSpace(d.Get(k)); v != "" {
				return v
			}
		}
		return ""
	}
	h := Header{Lang: p.Lang, Title: first("title"), Description: first("description", "summary"), Author: first("author", "authors")}
	h.TitleSpans = formatSpans(h.Title, s.TitleFormat, opt)
	h.DescriptionSpans = formatSpans(h.Description, s.DescriptionFormat, opt)
	h.Date, _, _ = model.ParseDate(d.Get("date"))
	if src := first("image", "thumb", "thumbnail", "featured_image", "cover"); src != "" {
		img := Image{Src: src}
		if opt.Image != nil {
			img = opt.Image(src)
		}
		img.Alt = first("image-alt", "image_alt", "imageAlt", "alt")
		h.Image = &img
	}
	return h
}

// RenderPost renders a post's body and header as its site publishes them.
func RenderPost(s *model.Site, p *model.Post, invisible bool) (Header, *Doc) {
	opt := ForPost(s, p)
	opt.Invisible = invisible
	return HeaderOf(s, p, opt), Render([]byte(p.Doc.BodyText()), opt)
}

// PairImages are the local image files the pair's posts show: their
// front-matter images and the images of their bodies, as the preview
// finds them.
func PairImages(s *model.Site, pr *model.Pair) []string {
	var posts []PagePost
	for _, p := range pr.Posts {
		if p.Doc != nil {
			h, d := RenderPost(s, p, false)
			posts = append(posts, PagePost{Header: h, Doc: d})
		}
	}
	return ImagesOf(posts)
}

// ImagesOf are the local image files rendered posts show, each once.
func ImagesOf(posts []PagePost) []string {
	seen := map[string]bool{}
	for _, p := range posts {
		if img := p.Header.Image; img != nil && img.File != "" {
			seen[img.File] = true
		}
		for _, b := range p.Doc.Blocks {
			if b.Image != nil && b.Image.File != "" {
				seen[b.Image.File] = true
			}
		}
	}
	var out []string
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
