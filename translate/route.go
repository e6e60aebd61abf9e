package translate

import (
	"bufio"
	"bytes"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"tandem/model"
)

// Where a draft's words and the user's key may go. A site's repository
// is shared: whoever's change is merged can edit its .tandem.yml. So the
// site's endpoint is a suggestion the user approves once per site and
// host (the approval kept in the user's configuration folder, never in
// the site); a key belongs to a host (the keychain keeps it per engine
// and host, as publishing keeps git tokens), and TANDEM_MT_KEY goes only
// to the engine's own service or to an endpoint the user gave; and text
// goes over HTTPS, or plain HTTP to this machine only.

// officialHosts are each engine's own service hosts.
var officialHosts = map[string][]string{
	"deepl": {"api.deepl.com", "api-free.deepl.com"},
	"azure": {"api.cognitive.microsofttranslator.com", "api-apc.cognitive.microsofttranslator.com",
		"api-eur.cognitive.microsofttranslator.com", "api-nam.cognitive.microsofttranslator.com"},
	"libretranslate": {"libretranslate.com"},
}

// Official is whether endpoint (empty: the engine's default) is engine's
// own service.
func Official(engine, endpoint string) bool {
	engine = strings.ToLower(engine)
	if endpoint == "" {
		return engine == "deepl" || engine == "azure"
	}
	h := hostName(endpoint)
	for _, o := range officialHosts[engine] {
		if h == o {
			return true
		}
	}
	return false
}

// hostName is an address's host, lower case, without its port.
func hostName(endpoint string) string {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || u.Host == "" {
		return strings.ToLower(strings.TrimSpace(endpoint))
	}
	return strings.ToLower(u.Hostname())
}

// Loopback is whether an address's host is this machine.
func Loopback(endpoint string) bool {
	h := hostName(endpoint)
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Secure says whether text may go to endpoint: HTTPS, or HTTP to this
// machine; an *Error (Insecure) otherwise.
func Secure(engine, endpoint string) error {
	if endpoint == "" {
		return nil // the service's own, https
	}
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err == nil && (strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http") && Loopback(endpoint)) {
		return nil
	}
	return &Error{Kind: Insecure, Engine: engine, Host: hostName(endpoint), Endpoint: endpoint}
}

// KeyName is the keychain entry of engine's key for the service at
// endpoint: per engine and host (DeepL's two hosts, and Azure's global
// and regional ones, are one service: one key).
func KeyName(engine, endpoint string) string {
	engine = strings.ToLower(engine)
	host := hostName(endpoint)
	if Official(engine, endpoint) {
		host = officialHosts[engine][0]
	}
	return "translation/" + engine + "/" + host
}

// Route is where a draft goes: the engine's configuration, whether its
// endpoint is only the site's choice, and whether the user's key from
// the environment may go with the text.
type Route struct {
	Config
	// Site: the endpoint is the one the site's .tandem.yml names, not
	// the user's (Preferences, --endpoint).
	Site bool
	// EnvKey: TANDEM_MT_KEY may be sent (to the service's own host, or
	// to an endpoint the user gave).
	EnvKey bool
}

// Host is the host the route sends text to.
func (r Route) Host() string {
	if r.Endpoint == "" {
		if hs := officialHosts[strings.ToLower(r.Engine)]; len(hs) > 0 {
			return hs[0]
		}
	}
	return hostName(r.Endpoint)
}

// Plan is the route for a draft: the user's engine and endpoint (user;
// userEndpoint says whether the endpoint is the user's own choice) when
// set, else the site's (site: .tandem.yml's translation). It checks that
// the text would go over HTTPS (or to this machine), and that an
// endpoint only the site names is approved (approved(host)); the key
// from the environment goes only where the user's choice or the
// service's own host is.
func Plan(user Config, userEndpoint bool, site model.TranslationConfig, approved func(host string) bool) (Route, error) {
	r := Route{Config: user}
	if r.Engine == "" {
		r.Engine = site.Engine
	}
	if r.Formality == "" {
		r.Formality = site.Formality
	}
	if !userEndpoint || r.Endpoint == "" {
		r.Endpoint = ""
		userEndpoint = false
		if strings.EqualFold(r.Engine, site.Engine) && site.Endpoint != "" {
			r.Endpoint, r.Site = site.Endpoint, true
		}
	}
	if r.Engine == "" {
		return r, nil
	}
	if err := Secure(r.Engine, r.Endpoint); err != nil {
		return r, err
	}
	official := Official(r.Engine, r.Endpoint)
	if r.Site && !official && (approved == nil || !approved(r.Host())) {
		return r, &Error{Kind: NotApproved, Engine: r.Engine, Host: r.Host(), Endpoint: r.Endpoint}
	}
	r.EnvKey = official || userEndpoint
	return r, nil
}

// Approvals are the endpoints a user approved for their sites, per site
// and host, kept in the user's configuration folder (never in the site):
// one line each, the site's folder and the host, by a tab.
type Approvals struct {
	mu   sync.Mutex
	path string
}

// UserApprovals are the user's approvals (in os.UserConfigDir's Tandem
// folder).
func UserApprovals() (*Approvals, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, err
	}
	return &Approvals{path: filepath.Join(dir, "Tandem", "approved-translation-hosts.tsv")}, nil
}

// siteKey is a site's folder as approvals name it: absolute, cleaned.
func siteKey(root string) string {
	if abs, err := filepath.Abs(root); err == nil {
		return filepath.Clean(abs)
	}
	return filepath.Clean(root)
}

// Approved is whether the user approved host for the site at root.
func (a *Approvals) Approved(root, host string) bool {
	if a == nil {
		return false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b, err := os.ReadFile(a.path)
	if err != nil {
		return false
	}
	want := siteKey(root) + "\t" + strings.ToLower(host)
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if sc.Text() == want {
			return true
		}
	}
	return false
}

// Approve records that the user approved host for the site at root
// (atomically; once).
func (a *Approvals) Approve(root, host string) error {
	if a.Approved(root, host) {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b, err := os.ReadFile(a.path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	b = append(b, siteKey(root)+"\t"+strings.ToLower(host)+"\n"...)
	if err := os.MkdirAll(filepath.Dir(a.path), 0o700); err != nil {
		return err
	}
	return model.WriteFileAtomic(a.path, b)
}

// ApprovedFor is a's approval test for the site at root (Plan's
// approved).
func (a *Approvals) ApprovedFor(root string) func(host string) bool {
	return func(host string) bool { return a.Approved(root, host) }
}
