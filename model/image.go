package model

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"tandem/disk"
)

var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true}

// AddImage copies an image into the site's image folder under a safe name
// made from name (never over an existing file) and returns the value an
// image field takes to name it: the bare name in a Jekyll site whose layout
// adds the folder, else the site-absolute path.
func (s *Site) AddImage(name string, r io.Reader) (string, error) {
	disk.Touch("write", s.Root)
	ext := strings.ToLower(path.Ext(name))
	if !imageExts[ext] {
		return "", fmt.Errorf("%s is not an image Tandem knows (png, jpg, gif, webp, svg, avif)", name)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	dir := s.ImageDir
	if dir == "" || s.Layout == Hugo && dir == "static" {
		dir = path.Join(s.ImageDir, "images")
	}
	base := Slugify(strings.TrimSuffix(name, path.Ext(name)))
	if base == "" {
		base = "image"
	}
	if err := os.MkdirAll(filepath.Join(s.Root, filepath.FromSlash(dir)), 0o755); err != nil {
		return "", err
	}
	for i := 1; ; i++ {
		file := base + ext
		if i > 1 {
			file = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		rel := path.Join(dir, file)
		target, err := s.safePath(rel)
		if err != nil {
			return "", err
		}
		if old, err := os.ReadFile(target); err == nil {
			if bytes.Equal(old, data) {
				return s.imageValue(dir, file), nil // the same image is already there
			}
			continue
		}
		if err := writeAtomic(target, data, true); err != nil {
			if os.IsExist(err) {
				continue
			}
			return "", err
		}
		s.listing().set(target, true)
		return s.imageValue(dir, file), nil
	}
}

func (s *Site) imageValue(dir, file string) string {
	if s.Layout == Jekyll && dir == s.ImageDir && s.ImageDir != "" {
		return file
	}
	if s.Layout == Hugo && strings.HasPrefix(dir+"/", "static/") {
		return "/" + path.Join(strings.TrimPrefix(dir, "static"), file)
	}
	return "/" + path.Join(dir, file)
}

// Images lists the image files of the site's image folder, as an image
// field names them, for a chooser.
func (s *Site) Images() []string {
	dir := s.ImageDir
	if s.Layout == Hugo && dir == "static" {
		dir = "static/images"
	}
	ents, err := os.ReadDir(filepath.Join(s.Root, filepath.FromSlash(dir)))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() && imageExts[strings.ToLower(path.Ext(e.Name()))] {
			out = append(out, s.imageValue(dir, e.Name()))
		}
	}
	return out
}
