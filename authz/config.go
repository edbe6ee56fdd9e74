package authz

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/idconnect/idconnect/identity"
)

// Config configures a Provider. Zero durations select the defaults below.
type Config struct {
	// Issuer is the server's origin and optional path, with no trailing
	// slash, e.g. "http://127.0.0.1:8080". Every endpoint hangs off it.
	Issuer string

	AccessTokenTTL  time.Duration // default 15m
	IDTokenTTL      time.Duration // default 1h
	AuthCodeTTL     time.Duration // default 5m
	RefreshTokenTTL time.Duration // default 30 days
	// AuthRequestTTL bounds how long a parked /oauth2/auth request waits for
	// login and consent. Default 15m.
	AuthRequestTTL time.Duration

	// GlobalSecret keys the HMAC of authorization codes and refresh tokens.
	// At least 32 bytes; changing it invalidates outstanding codes and
	// refresh tokens.
	GlobalSecret []byte
	// RegistrationToken is the operator's bearer token for RFC 7591 dynamic
	// registration. Empty disables registration.
	RegistrationToken string
	// Catalogue is the configured topic catalogue: discovery lists a
	// claim:<topic> scope for each of its topics, and new clients may ask
	// for them. Default identity.DefaultCatalogue().
	Catalogue identity.Catalogue
	// LoginPath is where /oauth2/auth sends the browser with ?request=<id>.
	// Default "/login".
	LoginPath string
	// ClientCacheTTL is how long a node serves a client record from memory.
	// Deleting a client through the Provider takes effect on that node at
	// once; elsewhere (other nodes, the `client delete` command) it takes
	// up to this long. Default 5s; negative disables the cache.
	ClientCacheTTL time.Duration

	// AuthorizeLimit wraps the /oauth2/auth handler, to rate-limit it by
	// client IP; nil does not limit.
	AuthorizeLimit func(http.Handler) http.Handler

	Clock func() time.Time // default time.Now
	Rand  io.Reader        // default crypto/rand.Reader
}

// Defaults.
const (
	DefaultAccessTokenTTL  = 15 * time.Minute
	DefaultIDTokenTTL      = time.Hour
	DefaultAuthCodeTTL     = 5 * time.Minute
	DefaultRefreshTokenTTL = 30 * 24 * time.Hour
	DefaultAuthRequestTTL  = 15 * time.Minute
	DefaultLoginPath       = "/login"
	DefaultClientCacheTTL  = 5 * time.Second
)

// withDefaults fills zero fields and reports every invalid one at once.
func (c Config) withDefaults() (Config, error) {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.AccessTokenTTL, DefaultAccessTokenTTL)
	def(&c.IDTokenTTL, DefaultIDTokenTTL)
	def(&c.AuthCodeTTL, DefaultAuthCodeTTL)
	def(&c.RefreshTokenTTL, DefaultRefreshTokenTTL)
	def(&c.AuthRequestTTL, DefaultAuthRequestTTL)
	if len(c.Catalogue) == 0 {
		c.Catalogue = identity.DefaultCatalogue()
	}
	if c.LoginPath == "" {
		c.LoginPath = DefaultLoginPath
	}
	if c.ClientCacheTTL == 0 {
		c.ClientCacheTTL = DefaultClientCacheTTL
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	if c.Rand == nil {
		c.Rand = rand.Reader
	}
	var errs []error
	if err := checkIssuer(c.Issuer); err != nil {
		errs = append(errs, err)
	}
	for name, d := range map[string]time.Duration{
		"AccessTokenTTL": c.AccessTokenTTL, "IDTokenTTL": c.IDTokenTTL, "AuthCodeTTL": c.AuthCodeTTL,
		"RefreshTokenTTL": c.RefreshTokenTTL, "AuthRequestTTL": c.AuthRequestTTL,
	} {
		if d < time.Second {
			errs = append(errs, fmt.Errorf("%s must be at least 1s, got %v", name, d))
		}
	}
	if len(c.GlobalSecret) < 32 {
		errs = append(errs, fmt.Errorf("GlobalSecret must be at least 32 bytes, got %d", len(c.GlobalSecret)))
	}
	if !strings.HasPrefix(c.LoginPath, "/") || strings.HasPrefix(c.LoginPath, "//") {
		errs = append(errs, fmt.Errorf("LoginPath must be an absolute path, got %q", c.LoginPath))
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("%w: %w", ErrInvalidConfig, errors.Join(errs...))
	}
	return c, nil
}

// checkIssuer accepts an http(s) URL with a host, no trailing slash, no
// query and no fragment, as OpenID Connect Discovery requires.
func checkIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	switch {
	case err != nil:
		return fmt.Errorf("issuer %q: %w", issuer, err)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("issuer %q must be an http or https URL", issuer)
	case u.Host == "" || u.User != nil:
		return fmt.Errorf("issuer %q must name a host and no user", issuer)
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(issuer, "/") || strings.Contains(issuer, "#"):
		return fmt.Errorf("issuer %q must have no query, fragment or trailing slash", issuer)
	}
	return nil
}

// maxTokenTTL is the longest lifetime of a token signed by the keyring.
func (c Config) maxTokenTTL() time.Duration {
	return max(c.AccessTokenTTL, c.IDTokenTTL)
}
