package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of the optional file at a site's root that
// overrides what Tandem detects. See docs/sites.md, "Site configuration".
const ConfigFile = ".tandem.yml"

// Config is the content of ConfigFile. Every entry is optional.
type Config struct {
	// Layout is "jekyll" or "hugo".
	Layout Layout `yaml:"layout"`
	// Languages in the order the window shows them, e.g. [en, fr].
	Languages []string `yaml:"languages"`
	// Folders maps a language to the folders, relative to the site, that
	// hold its posts.
	Folders map[string][]string `yaml:"folders"`
	// Pairing is trans_url, translationKey or path.
	Pairing Pairing `yaml:"pairing"`
	// Permalink is Jekyll's permalink pattern, when _config.yml is not
	// the one that builds the site.
	Permalink string `yaml:"permalink"`
	// Images is the folder where bare image names are found.
	Images string `yaml:"images"`
	// Fields overrides the inferred schema, field by field.
	Fields map[string]FieldConfig `yaml:"fields"`
	// Renderer overrides the renderer found from the site's build files.
	Renderer RendererConfig `yaml:"renderer"`
	// Source is the language posts are written in first and translated
	// from; the first of Languages when not set.
	Source string `yaml:"source"`
	// Typography sets the French typography check's rules and how it
	// writes a no-break space.
	Typography TypographyConfig `yaml:"typography"`
	// Hosts are the site's bilingual hosts: a link to one of them in one
	// language and to the same page in the other (canada.ca/en/… and
	// canada.ca/fr/…) is the same link to the translation checks.
	Hosts []string `yaml:"hosts"`
	// Translation is the team's machine translation engine for drafts
	// (the key is never in the site).
	Translation TranslationConfig `yaml:"translation"`
	// Accessibility extends the accessibility checks.
	Accessibility AccessibilityConfig `yaml:"accessibility"`
}

// AccessibilityConfig is the site's setting for the accessibility
// checks.
type AccessibilityConfig struct {
	// LinkText are more link texts that say nothing out of context (in
	// any language), beside Tandem's English and French ones.
	LinkText []string `yaml:"link-text"`
}

// TranslationConfig is the site's setting for drafting translations.
type TranslationConfig struct {
	// Engine is deepl, azure or libretranslate.
	Engine string `yaml:"engine"`
	// Endpoint is the service's address (a LibreTranslate server's).
	Endpoint string `yaml:"endpoint"`
	// Formality is DeepL's (more, less, prefer_more, prefer_less).
	Formality string `yaml:"formality"`
	// Fuzzy is the least score of a fuzzy match from the memory that a
	// draft takes (75 when not set).
	Fuzzy int `yaml:"fuzzy"`
}

// TypographyConfig is the French typography check's setting.
type TypographyConfig struct {
	// Rules is canada (the default: the Office québécois de la langue
	// française's and the Translation Bureau's), france (a narrow
	// no-break space before ; ! ?) or off.
	Rules string `yaml:"rules"`
	// NBSP is how a no-break space the fix adds is written: entity
	// (&nbsp;) or character (U+00A0); by default as the file already
	// writes them, else as most of the site's French posts do.
	NBSP string `yaml:"nbsp"`
}

// RendererConfig overrides what Tandem finds of a site's renderer.
type RendererConfig struct {
	// Name is kramdown, goldmark or blackfriday.
	Name string `yaml:"name"`
	// Version is the site generator's version ("0.55.6").
	Version     string `yaml:"version"`
	Unsafe      *bool  `yaml:"unsafe"`
	Typographer *bool  `yaml:"typographer"`
}

// FieldConfig overrides what Tandem infers about one front-matter field.
type FieldConfig struct {
	Kind     FieldKind `yaml:"kind"`
	Scope    Scope     `yaml:"scope"`
	Required *bool     `yaml:"required"`
	Choices  []string  `yaml:"choices"`
}

// UnmarshalYAML accepts a folder as a single string as well as a list.
func (c *Config) UnmarshalYAML(n *yaml.Node) error {
	var raw struct {
		Layout    Layout                 `yaml:"layout"`
		Languages []string               `yaml:"languages"`
		Folders   map[string]yaml.Node   `yaml:"folders"`
		Pairing   Pairing                `yaml:"pairing"`
		Permalink string                 `yaml:"permalink"`
		Images    string                 `yaml:"images"`
		Fields    map[string]FieldConfig `yaml:"fields"`
		Renderer  RendererConfig         `yaml:"renderer"`
		Source    string                 `yaml:"source"`
		Typo      TypographyConfig       `yaml:"typography"`
		Hosts     []string               `yaml:"hosts"`
		Transl    TranslationConfig      `yaml:"translation"`
	}
	if err := n.Decode(&raw); err != nil {
		return err
	}
	*c = Config{Layout: raw.Layout, Languages: raw.Languages, Pairing: raw.Pairing,
		Permalink: raw.Permalink, Images: raw.Images, Fields: raw.Fields, Renderer: raw.Renderer, Source: raw.Source,
		Typography: raw.Typo, Hosts: raw.Hosts, Translation: raw.Transl}
	for lang, v := range raw.Folders {
		var list []string
		if v.Kind == yaml.ScalarNode {
			list = []string{v.Value}
		} else if err := v.Decode(&list); err != nil {
			return fmt.Errorf("folders.%s: %v", lang, err)
		}
		if c.Folders == nil {
			c.Folders = map[string][]string{}
		}
		for i := range list {
			list[i] = strings.Trim(filepath.ToSlash(list[i]), "/")
		}
		c.Folders[lang] = list
	}
	return nil
}

// readConfig reads ConfigFile at root; a missing file is no error.
func readConfig(root string) (*Config, error) {
	b, err := os.ReadFile(filepath.Join(root, ConfigFile))
	if os.IsNotExist(err) {
		return &Config{}, nil
	}
	if err != nil {
		return nil, err
	}
	var c Config
	if err := yaml.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %v", ConfigFile, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	switch c.Layout {
	case "", Jekyll, Hugo:
	default:
		return nil, fmt.Errorf("%s: layout must be jekyll or hugo, not %q", ConfigFile, c.Layout)
	}
	switch c.Renderer.Name {
	case "", Kramdown, Goldmark, Blackfriday:
	default:
		return nil, fmt.Errorf("%s: renderer.name must be kramdown, goldmark or blackfriday, not %q", ConfigFile, c.Renderer.Name)
	}
	switch c.Typography.Rules {
	case "", "canada", "france", "off":
	default:
		return nil, fmt.Errorf("%s: typography.rules must be canada, france or off, not %q", ConfigFile, c.Typography.Rules)
	}
	switch c.Typography.NBSP {
	case "", "entity", "character":
	default:
		return nil, fmt.Errorf("%s: typography.nbsp must be entity or character, not %q", ConfigFile, c.Typography.NBSP)
	}
	switch c.Pairing {
	case "", ByTransURL, ByTranslationKey, ByPath:
	default:
		return nil, fmt.Errorf("%s: pairing must be trans_url, translationKey or path, not %q", ConfigFile, c.Pairing)
	}
	return &c, nil
}

// readSiteFile decodes a site's own YAML or TOML config file into a map.
// It reports whether the file exists.
func readSiteFile(path string) (map[string]any, bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false, nil
	}
	m := map[string]any{}
	switch filepath.Ext(path) {
	case ".toml":
		_, err = toml.Decode(string(b), &m)
	default:
		err = yaml.Unmarshal(b, &m)
	}
	if err != nil {
		return nil, true, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	return m, true, nil
}

// get is a config key's value whatever the case it is written in (Hugo's
// keys are case-insensitive: baseURL, baseUrl, baseurl).
func get(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func num(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

// Typography is the site's French typography setting (.tandem.yml).
func (s *Site) Typography() TypographyConfig { return s.config.Typography }

// Translation is the site config's setting for drafting translations.
func (s *Site) Translation() TranslationConfig { return s.config.Translation }

// Accessibility is the site's setting for the accessibility checks.
func (s *Site) Accessibility() AccessibilityConfig { return s.config.Accessibility }

// Hosts are the bilingual hosts the site config names.
func (s *Site) Hosts() []string { return s.config.Hosts }
