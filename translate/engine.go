package translate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Engine is a machine-translation service: Translate translates texts
// (HTML: the protected blocks) from language src to tgt, in order.
type Engine interface {
	// Name is the service's name as the user chose it ("deepl",
	// "azure", "libretranslate"); Host the address the text goes to.
	Name() string
	Host() string
	Translate(ctx context.Context, texts []string, src, tgt string) ([]string, error)
}

// Config is how the user set an engine up (Preferences, .tandem.yml's
// translation: {engine, endpoint, formality}); the key never comes from
// the site (the system keychain, or TANDEM_MT_KEY).
type Config struct {
	Engine    string // deepl, azure, libretranslate
	Endpoint  string // the service's address; empty: the service's own
	Key       string
	Region    string // Azure's resource region, when it has one
	Formality string // DeepL's: default, more, less, prefer_more, prefer_less
	Glossary  string // DeepL's glossary id
	Timeout   time.Duration
}

// Engines are the engines Tandem knows, by name.
var Engines = []string{"deepl", "azure", "libretranslate"}

// NewEngine is the engine c names.
func NewEngine(c Config) (Engine, error) {
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	client := &http.Client{Timeout: c.Timeout}
	switch strings.ToLower(c.Engine) {
	case "deepl":
		if c.Endpoint == "" {
			c.Endpoint = "https://api.deepl.com"
			if strings.HasSuffix(c.Key, ":fx") { // a free account's key
				c.Endpoint = "https://api-free.deepl.com"
			}
		}
		return &deepl{service{c, client, "DeepL"}}, nil
	case "azure":
		if c.Endpoint == "" {
			c.Endpoint = "https://api.cognitive.microsofttranslator.com"
		}
		return &azure{service{c, client, "Azure Translator"}}, nil
	case "libretranslate":
		if c.Endpoint == "" {
			return nil, &Error{Kind: NoEndpoint, Engine: "libretranslate"}
		}
		return &libre{service{c, client, "LibreTranslate"}}, nil
	}
	return nil, &Error{Kind: UnknownEngine, Engine: c.Engine}
}

// ErrorKind is what went wrong with an engine.
type ErrorKind int

// The kinds of engine errors.
const (
	UnknownEngine ErrorKind = iota
	NoEndpoint
	KeyRefused
	Quota
	TooMany
	TimedOut
	Unreachable
	ServiceFailed
	BadAnswer
	Insecure    // plain http:// to a host that is not this machine
	NotApproved // an endpoint only the site's configuration names
)

// Error is an engine's failure, said in a sentence in English (Error)
// and French (French).
type Error struct {
	Kind   ErrorKind
	Engine string
	Status int
	Err    error
	// Host and Endpoint: the address an Insecure or NotApproved error is
	// about.
	Host, Endpoint string
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) sentences() (string, string) {
	n := e.Engine
	switch e.Kind {
	case UnknownEngine:
		return fmt.Sprintf("%q is not a translation engine Tandem knows (deepl, azure, libretranslate)", n),
			fmt.Sprintf("« %s » n’est pas un service de traduction que Tandem connaît (deepl, azure, libretranslate)", n)
	case NoEndpoint:
		return "LibreTranslate needs the address of your server (--endpoint, or translation: endpoint in .tandem.yml)",
			"LibreTranslate a besoin de l’adresse de votre serveur (--endpoint, ou translation: endpoint dans .tandem.yml)"
	case KeyRefused:
		return fmt.Sprintf("%s refused the key: check it in Preferences (or TANDEM_MT_KEY)", n),
			fmt.Sprintf("%s a refusé la clé : vérifiez-la dans les préférences (ou TANDEM_MT_KEY)", n)
	case Quota:
		return fmt.Sprintf("the %s account has used its quota of characters for now", n),
			fmt.Sprintf("le compte %s a épuisé son quota de caractères pour l’instant", n)
	case TooMany:
		return fmt.Sprintf("%s is receiving too many requests: try again in a minute", n),
			fmt.Sprintf("%s reçoit trop de demandes : réessayez dans une minute", n)
	case TimedOut:
		return fmt.Sprintf("%s did not answer in time", n), fmt.Sprintf("%s n’a pas répondu à temps", n)
	case Unreachable:
		return fmt.Sprintf("%s cannot be reached: check the network connection", n),
			fmt.Sprintf("impossible de joindre %s : vérifiez la connexion au réseau", n)
	case BadAnswer:
		return fmt.Sprintf("%s gave an answer Tandem cannot read", n), fmt.Sprintf("%s a donné une réponse que Tandem ne sait pas lire", n)
	case Insecure:
		return fmt.Sprintf("%s would be sent the post over plain http://, which anyone on the way can read: use its https:// address", n),
			fmt.Sprintf("%s recevrait le billet en http:// simple, lisible par quiconque sur le chemin : utilisez son adresse https://", n)
	case NotApproved:
		return fmt.Sprintf("the site's configuration (.tandem.yml) sends drafts to %s, which you have not approved: nothing was sent; to approve it, run again with --endpoint %s", e.Host, e.Endpoint),
			fmt.Sprintf("la configuration du site (.tandem.yml) envoie les ébauches à %s, que vous n’avez pas approuvé : rien n’a été envoyé; pour l’approuver, relancez avec --endpoint %s", e.Host, e.Endpoint)
	}
	return fmt.Sprintf("%s failed (HTTP %d)", n, e.Status), fmt.Sprintf("%s a échoué (HTTP %d)", n, e.Status)
}

func (e *Error) Error() string { en, _ := e.sentences(); return en }

// French is the error's sentence in French.
func (e *Error) French() string { _, fr := e.sentences(); return fr }

// batches cuts texts into runs of at most n texts and size bytes each
// (a text larger than size is a batch of its own).
func batches(texts []string, n, size int) [][]string {
	var out [][]string
	var cur []string
	total := 0
	for _, t := range texts {
		if len(cur) > 0 && (len(cur) == n || total+len(t) > size) {
			out = append(out, cur)
			cur, total = nil, 0
		}
		cur = append(cur, t)
		total += len(t)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// post sends a request and decodes its JSON answer into v, turning the
// service's failures into Errors.
func post(ctx context.Context, client *http.Client, name string, req *http.Request, v any) error {
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		var ne net.Error
		switch {
		case errors.Is(err, context.Canceled):
			return err
		case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
			return &Error{Kind: TimedOut, Engine: name, Err: err}
		}
		return &Error{Kind: Unreachable, Engine: name, Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return &Error{Kind: Unreachable, Engine: name, Err: err}
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return &Error{Kind: KeyRefused, Engine: name, Status: resp.StatusCode}
	case resp.StatusCode == 456 || resp.StatusCode == http.StatusPaymentRequired:
		return &Error{Kind: Quota, Engine: name, Status: resp.StatusCode}
	case resp.StatusCode == http.StatusTooManyRequests:
		return &Error{Kind: TooMany, Engine: name, Status: resp.StatusCode}
	case resp.StatusCode/100 != 2:
		return &Error{Kind: ServiceFailed, Engine: name, Status: resp.StatusCode}
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &Error{Kind: BadAnswer, Engine: name, Err: err}
	}
	return nil
}

func jsonRequest(method, addr string, v any) (*http.Request, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(method, addr, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

func hostOf(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.Host != "" {
		return u.Host
	}
	return addr
}

// service is what every engine has: its configuration, its HTTP client
// and its name.
type service struct {
	c      Config
	client *http.Client
	name   string
}

func (sv *service) Name() string { return sv.name }
func (sv *service) Host() string { return hostOf(sv.c.Endpoint) }

// url is the address of one of the service's paths.
func (sv *service) url(path string) string { return strings.TrimSuffix(sv.c.Endpoint, "/") + path }

// inBatches translates texts a batch at a time (at most n texts and size
// bytes, see batches): one request makes each batch's translations,
// which must be as many as its texts.
func (sv *service) inBatches(texts []string, n, size int, one func(batch []string) ([]string, error)) ([]string, error) {
	var out []string
	for _, b := range batches(texts, n, size) {
		got, err := one(b)
		if err != nil {
			return nil, err
		}
		if len(got) != len(b) {
			return nil, &Error{Kind: BadAnswer, Engine: sv.name}
		}
		out = append(out, got...)
	}
	return out, nil
}

// Glossaries are engines that take the site's terms as a glossary
// (DeepL): Glossary makes one of the pairs of terms (source, target) for
// the requests that follow.
type Glossaries interface {
	Glossary(ctx context.Context, pairs [][2]string, src, tgt string) error
}

// Glossary makes a DeepL glossary of the site's terms (POST
// /v2/glossaries, the entries as TSV) and uses it for the requests that
// follow.
func (d *deepl) Glossary(ctx context.Context, pairs [][2]string, src, tgt string) error {
	if len(pairs) == 0 {
		return nil
	}
	var tsv strings.Builder
	for _, p := range pairs {
		clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }
		tsv.WriteString(clean(p[0]) + "\t" + clean(p[1]) + "\n")
	}
	req, err := jsonRequest("POST", d.url("/v2/glossaries"), map[string]string{
		"name": "Tandem: the site's terms", "source_lang": strings.ToLower(src), "target_lang": strings.ToLower(tgt),
		"entries": tsv.String(), "entries_format": "tsv"})
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "DeepL-Auth-Key "+d.c.Key)
	var ans struct {
		ID string `json:"glossary_id"`
	}
	if err := post(ctx, d.client, d.name, req, &ans); err != nil {
		return err
	}
	d.c.Glossary = ans.ID
	return nil
}

// deepl is DeepL API v2: POST /v2/translate, at most 50 texts and 128 KiB
// a request.
type deepl struct{ service }

func (d *deepl) Translate(ctx context.Context, texts []string, src, tgt string) ([]string, error) {
	return d.inBatches(texts, 50, 120<<10, func(b []string) ([]string, error) {
		body := map[string]any{"text": b, "source_lang": strings.ToUpper(src), "target_lang": strings.ToUpper(tgt), "tag_handling": "html"}
		if d.c.Formality != "" {
			body["formality"] = d.c.Formality
		}
		if d.c.Glossary != "" {
			body["glossary_id"] = d.c.Glossary
		}
		req, err := jsonRequest("POST", d.url("/v2/translate"), body)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "DeepL-Auth-Key "+d.c.Key)
		var ans struct {
			Translations []struct {
				Text string `json:"text"`
			} `json:"translations"`
		}
		if err := post(ctx, d.client, d.name, req, &ans); err != nil {
			return nil, err
		}
		var out []string
		for _, t := range ans.Translations {
			out = append(out, t.Text)
		}
		return out, nil
	})
}

// azure is Azure AI Translator v3: POST /translate, at most 1,000 texts
// and 50,000 characters a request.
type azure struct{ service }

func (a *azure) Translate(ctx context.Context, texts []string, src, tgt string) ([]string, error) {
	return a.inBatches(texts, 1000, 45000, func(b []string) ([]string, error) {
		items := make([]map[string]string, len(b))
		for i, t := range b {
			items[i] = map[string]string{"Text": t}
		}
		q := url.Values{"api-version": {"3.0"}, "from": {src}, "to": {tgt}, "textType": {"html"}}
		req, err := jsonRequest("POST", a.url("/translate?"+q.Encode()), items)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Ocp-Apim-Subscription-Key", a.c.Key)
		if a.c.Region != "" {
			req.Header.Set("Ocp-Apim-Subscription-Region", a.c.Region)
		}
		var ans []struct {
			Translations []struct {
				Text string `json:"text"`
			} `json:"translations"`
		}
		if err := post(ctx, a.client, a.name, req, &ans); err != nil {
			return nil, err
		}
		var out []string
		for _, t := range ans {
			if len(t.Translations) == 0 {
				return nil, &Error{Kind: BadAnswer, Engine: a.name}
			}
			out = append(out, t.Translations[0].Text)
		}
		return out, nil
	})
}

// libre is a LibreTranslate server: POST /translate with q a list.
type libre struct{ service }

func (l *libre) Translate(ctx context.Context, texts []string, src, tgt string) ([]string, error) {
	return l.inBatches(texts, 50, 100<<10, func(b []string) ([]string, error) {
		body := map[string]any{"q": b, "source": src, "target": tgt, "format": "html"}
		if l.c.Key != "" {
			body["api_key"] = l.c.Key
		}
		req, err := jsonRequest("POST", l.url("/translate"), body)
		if err != nil {
			return nil, err
		}
		var ans struct {
			TranslatedText json.RawMessage `json:"translatedText"`
		}
		if err := post(ctx, l.client, l.name, req, &ans); err != nil {
			return nil, err
		}
		var list []string
		if err := json.Unmarshal(ans.TranslatedText, &list); err != nil {
			return nil, &Error{Kind: BadAnswer, Engine: l.name}
		}
		return list, nil
	})
}
