package granttoken

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Errors of Verify and New.
var (
	// ErrInvalidToken: malformed, badly signed, expired, of another issuer,
	// or for another resource server.
	ErrInvalidToken = errors.New("granttoken: invalid grant token")
	// ErrGrantInactive: the issuer refused the read (revoked, used,
	// expired, the wallet's key removed).
	ErrGrantInactive = errors.New("granttoken: the grant is not active")
	// ErrUnavailable: the issuer could not be asked; the read fails closed.
	ErrUnavailable = errors.New("granttoken: the issuer cannot be reached")
	// ErrInvalidConfig: Config is incomplete.
	ErrInvalidConfig = errors.New("granttoken: invalid config")
)

// PathGrantReads is the issuer's read endpoint, relative to the issuer.
const PathGrantReads = "/oauth2/grant-reads"

// Config configures a Verifier.
type Config struct {
	// Issuer is the idconnect server, e.g. "https://id.example.com".
	Issuer string
	// Resource is this resource server's identifier (RFC 8707): clients
	// ask for tokens with resource=<Resource>, and their aud must name it.
	Resource string
	// ClientID and ClientSecret are this resource server's credentials
	// at the issuer (a confidential client).
	ClientID, ClientSecret string
	// HTTPClient fetches discovery and the JWKS and calls grant-reads.
	// Default: a client with a 10s timeout.
	HTTPClient *http.Client
	Clock      func() time.Time // default time.Now
}

// Verifier checks grant tokens for one resource server. It is safe for
// concurrent use.
type Verifier struct {
	cfg      Config
	jwksURI  string
	readsURI string

	mu        sync.Mutex // guards keys and fetchedAt
	keys      jose.JSONWebKeySet
	fetchedAt time.Time
}

const (
	// maxBody bounds discovery, JWKS and grant-reads answers.
	maxBody = 1 << 20
	// reloadGap bounds how often an unknown kid refetches the JWKS.
	reloadGap = 5 * time.Second
)

// New fetches the issuer's discovery document and JWKS.
func New(ctx context.Context, cfg Config) (*Verifier, error) {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	v := &Verifier{cfg: cfg, readsURI: cfg.Issuer + PathGrantReads}
	var meta struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := v.getJSON(ctx, cfg.Issuer+"/.well-known/openid-configuration", &meta); err != nil {
		return nil, err
	}
	if meta.Issuer != cfg.Issuer || meta.JWKSURI == "" {
		return nil, fmt.Errorf("%w: discovery names issuer %q, want %q", ErrUnavailable, meta.Issuer, cfg.Issuer)
	}
	v.jwksURI = meta.JWKSURI
	if err := v.refreshKeys(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

func (c Config) check() error {
	var errs []error
	if u, err := url.Parse(c.Issuer); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		strings.HasSuffix(c.Issuer, "/") || u.RawQuery != "" || u.Fragment != "" {
		errs = append(errs, fmt.Errorf("issuer %q is not an http(s) URL without a trailing slash", c.Issuer))
	}
	if u, err := url.Parse(c.Resource); c.Resource == "" || err != nil || !u.IsAbs() || strings.Contains(c.Resource, "#") {
		errs = append(errs, fmt.Errorf("resource %q is not an absolute URI without a fragment", c.Resource))
	}
	if c.ClientID == "" || c.ClientSecret == "" {
		errs = append(errs, errors.New("the resource server's client id and secret are required"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidConfig, errors.Join(errs...))
	}
	return nil
}

// Verify checks a grant token and records the read at the issuer, which
// consumes an immediate grant: call it once per read, and serve the read
// only when it returns no error. Errors wrap ErrInvalidToken,
// ErrGrantInactive or ErrUnavailable.
func (v *Verifier) Verify(ctx context.Context, token string) (*Grant, error) {
	c, err := parseToken(ctx, token, v.key, v.cfg.Issuer, v.cfg.Resource, v.cfg.Clock())
	if err != nil {
		return nil, err
	}
	return v.read(ctx, token, c)
}

// key finds a published key, refetching the JWKS (at most every
// reloadGap) when the kid is unknown: the issuer may have rotated.
func (v *Verifier) key(ctx context.Context, kid string) (jose.JSONWebKey, bool) {
	v.mu.Lock()
	keys, fetched := v.keys, v.fetchedAt
	v.mu.Unlock()
	if k := keys.Key(kid); len(k) > 0 {
		return k[0], true
	}
	if v.cfg.Clock().Sub(fetched) < reloadGap || v.refreshKeys(ctx) != nil {
		return jose.JSONWebKey{}, false
	}
	v.mu.Lock()
	k := v.keys.Key(kid)
	v.mu.Unlock()
	if len(k) == 0 {
		return jose.JSONWebKey{}, false
	}
	return k[0], true
}

func (v *Verifier) refreshKeys(ctx context.Context) error {
	var set jose.JSONWebKeySet
	err := v.getJSON(ctx, v.jwksURI, &set)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.fetchedAt = v.cfg.Clock()
	if err != nil {
		return err
	}
	v.keys = set
	return nil
}

func (v *Verifier) getJSON(ctx context.Context, u string, dst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := v.cfg.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("%w: GET %s: %w", ErrUnavailable, req.URL.Path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: GET %s: status %d", ErrUnavailable, req.URL.Path, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(dst); err != nil {
		return fmt.Errorf("%w: GET %s: %w", ErrUnavailable, req.URL.Path, err)
	}
	return nil
}
