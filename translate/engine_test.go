package translate

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// words is the test engines' "translation": English words to French,
// the tags kept as they are.
var words = strings.NewReplacer("Parks now close at ten in the evening, with", "Les parcs ferment maintenant à vingt-deux heures, avec les",
	"locked by staff.", "verrouillées par le personnel.", "See the", "Voir la", "map of parks", "carte des parcs", "and", "et",
	"the sign", "l’affiche", "Hello", "Bonjour", "world", "monde")

// engineServer is a loopback server answering as an engine's documented API,
// keeping what it received.
type engineServer struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests []*http.Request
	texts    []string
	status   int           // an error to answer with, 0 for none
	delay    time.Duration // an answer this slow
	lose     bool          // lose the placeholders of the first text
	glossary string        // the glossary_id of the last translate request
	entries  string        // the last glossary's entries
}

func (sv *engineServer) received(r *http.Request, texts []string) (int, bool) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	sv.requests = append(sv.requests, r)
	sv.texts = append(sv.texts, texts...)
	if sv.delay > 0 {
		time.Sleep(sv.delay)
	}
	return sv.status, sv.lose
}

func (sv *engineServer) translate(texts []string, lose bool) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = words.Replace(t)
		if lose && i == 0 {
			out[i] = placeholder.ReplaceAllString(out[i], "")
		}
	}
	return out
}

func newService(t *testing.T, name string) *engineServer {
	sv := &engineServer{}
	sv.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var texts []string
		switch name {
		case "deepl":
			if r.URL.Path == "/v2/glossaries" {
				var g struct {
					Entries string `json:"entries"`
					Format  string `json:"entries_format"`
				}
				json.NewDecoder(r.Body).Decode(&g)
				sv.mu.Lock()
				sv.entries = g.Entries
				sv.mu.Unlock()
				if g.Format != "tsv" || r.Header.Get("Authorization") != "DeepL-Auth-Key k:fx" {
					t.Errorf("glossary request %+v", g)
				}
				json.NewEncoder(w).Encode(map[string]string{"glossary_id": "g-1"})
				return
			}
			var body struct {
				Text        []string `json:"text"`
				TagHandling string   `json:"tag_handling"`
				Source      string   `json:"source_lang"`
				Target      string   `json:"target_lang"`
				Glossary    string   `json:"glossary_id"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			sv.mu.Lock()
			sv.glossary = body.Glossary
			sv.mu.Unlock()
			if r.URL.Path != "/v2/translate" || r.Header.Get("Authorization") != "DeepL-Auth-Key k:fx" || body.TagHandling != "html" || body.Source != "EN" || body.Target != "FR" || len(body.Text) > 50 {
				t.Errorf("deepl request: %s %v %+v", r.URL, r.Header, body)
			}
			texts = body.Text
		case "azure":
			var body []struct{ Text string }
			json.NewDecoder(r.Body).Decode(&body)
			q := r.URL.Query()
			if r.URL.Path != "/translate" || q.Get("api-version") != "3.0" || q.Get("from") != "en" || q.Get("to") != "fr" || q.Get("textType") != "html" ||
				r.Header.Get("Ocp-Apim-Subscription-Key") != "k:fx" || r.Header.Get("Ocp-Apim-Subscription-Region") != "canadacentral" {
				t.Errorf("azure request: %s %v", r.URL, r.Header)
			}
			for _, b := range body {
				texts = append(texts, b.Text)
			}
		case "libretranslate":
			var body struct {
				Q      []string `json:"q"`
				Source string   `json:"source"`
				Target string   `json:"target"`
				Format string   `json:"format"`
				Key    string   `json:"api_key"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			if r.URL.Path != "/translate" || body.Format != "html" || body.Source != "en" || body.Target != "fr" || body.Key != "k:fx" {
				t.Errorf("libretranslate request: %s %+v", r.URL, body)
			}
			texts = body.Q
		}
		status, lose := sv.received(r, texts)
		if status != 0 {
			w.WriteHeader(status)
			w.Write([]byte(`{"message":"no"}`))
			return
		}
		out := sv.translate(texts, lose)
		w.Header().Set("Content-Type", "application/json")
		switch name {
		case "deepl":
			var ts []map[string]string
			for _, o := range out {
				ts = append(ts, map[string]string{"detected_source_language": "EN", "text": o})
			}
			json.NewEncoder(w).Encode(map[string]any{"translations": ts})
		case "azure":
			var ts []map[string]any
			for _, o := range out {
				ts = append(ts, map[string]any{"translations": []map[string]string{{"text": o, "to": "fr"}}})
			}
			json.NewEncoder(w).Encode(ts)
		case "libretranslate":
			json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
		}
	}))
	t.Cleanup(sv.srv.Close)
	return sv
}

func engineFor(t *testing.T, name string, sv *engineServer, timeout time.Duration) Engine {
	e, err := NewEngine(Config{Engine: name, Endpoint: sv.srv.URL, Key: "k:fx", Region: "canadacentral", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestEnginesAsTheirAPIsSay: each engine sends its service's documented
// request, in batches within its limits, and reads its answer; the
// service's errors are sentences in English and French.
func TestEnginesAsTheirAPIsSay(t *testing.T) {
	for _, name := range Engines {
		t.Run(name, func(t *testing.T) {
			sv := newService(t, name)
			e := engineFor(t, name, sv, 2*time.Second)
			texts := make([]string, 120)
			for i := range texts {
				texts[i] = Protect("Hello **world**").Text
			}
			out, err := e.Translate(context.Background(), texts, "en", "fr")
			if err != nil || len(out) != len(texts) {
				t.Fatalf("%d answers, %v", len(out), err)
			}
			if got, err := Protect("Hello **world**").Restore(out[119]); err != nil || got != "Bonjour **monde**" {
				t.Errorf("restored %q, %v", got, err)
			}
			if name != "azure" && len(sv.requests) < 3 {
				t.Errorf("%d requests for 120 texts: not batched by 50", len(sv.requests))
			}
			for code, kind := range map[int]ErrorKind{403: KeyRefused, 456: Quota, 429: TooMany, 500: ServiceFailed} {
				sv.status = code
				_, err := e.Translate(context.Background(), texts[:1], "en", "fr")
				var ee *Error
				if !errors.As(err, &ee) || ee.Kind != kind || ee.Error() == "" || ee.French() == "" || ee.Error() == ee.French() {
					t.Errorf("HTTP %d: %v", code, err)
				}
			}
			sv.status = 0
			sv.delay = 300 * time.Millisecond
			slow := engineFor(t, name, sv, 50*time.Millisecond)
			var ee *Error
			if _, err := slow.Translate(context.Background(), texts[:1], "en", "fr"); !errors.As(err, &ee) || ee.Kind != TimedOut {
				t.Errorf("a slow answer: %v", err)
			}
		})
	}
	var ee *Error
	if _, err := NewEngine(Config{Engine: "babel"}); !errors.As(err, &ee) || ee.Kind != UnknownEngine {
		t.Errorf("an unknown engine: %v", err)
	}
	if e, _ := NewEngine(Config{Engine: "deepl", Key: "abc:fx"}); e.Host() != "api-free.deepl.com" {
		t.Errorf("a free key goes to %s", e.Host())
	}
	if e, _ := NewEngine(Config{Engine: "deepl", Key: "abc"}); e.Host() != "api.deepl.com" {
		t.Errorf("a pro key goes to %s", e.Host())
	}
}

func TestBatchesKeepTheLimits(t *testing.T) {
	texts := []string{strings.Repeat("a", 60), strings.Repeat("b", 60), "c", strings.Repeat("d", 200), "e"}
	bs := batches(texts, 2, 100)
	var flat []string
	for _, b := range bs {
		total := 0
		for _, t := range b {
			total += len(t)
		}
		if len(b) > 2 || total > 100 && len(b) > 1 {
			t.Errorf("a batch over the limits: %d texts, %d bytes", len(b), total)
		}
		flat = append(flat, b...)
	}
	if strings.Join(flat, "|") != strings.Join(texts, "|") {
		t.Errorf("the batches lost or moved texts")
	}
}
