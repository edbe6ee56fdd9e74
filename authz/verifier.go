package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// VerifierConfig configures a Verifier.
type VerifierConfig struct {
	// Issuer is the idconnect server, e.g. "https://id.example.com".
	Issuer string
	// HTTPClient fetches discovery and the JWKS and calls introspection.
	// Default: a client with a 10s timeout.
	HTTPClient *http.Client
	// Directory answers the on-chain key check (identity.Cache or Reader).
	Directory identity.Directory
	// IntrospectionClientID and IntrospectionSecret are the resource
	// server's client credentials. Immediate grants cannot be verified
	// without them.
	IntrospectionClientID, IntrospectionSecret string
	// Audience, when set, must be among the token's aud values.
	Audience string
	Clock    func() time.Time // default time.Now
}

// Verifier checks grant tokens for a third-party resource server: the
// signature against the issuer's JWKS (cached, refetched on an unknown
// kid), the wallet's key purpose on the chain, and, for immediate grants,
// that the grant is still unused (introspection).
type Verifier struct {
	cfg           VerifierConfig
	jwksURI       string
	introspectURI string

	mu        sync.Mutex // guards keys and fetchedAt
	keys      jose.JSONWebKeySet
	fetchedAt time.Time
}

// maxMetadataBody bounds discovery, JWKS and introspection responses.
const maxMetadataBody = 1 << 20

// NewVerifier fetches the issuer's discovery document and JWKS.
func NewVerifier(ctx context.Context, cfg VerifierConfig) (*Verifier, error) {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	var errs []error
	if err := checkIssuer(cfg.Issuer); err != nil {
		errs = append(errs, err)
	}
	if cfg.Directory == nil {
		errs = append(errs, errors.New("a Directory is required for the on-chain key check"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: verifier: %w", ErrInvalidConfig, errors.Join(errs...))
	}
	v := &Verifier{cfg: cfg}
	var meta Discovery
	if err := v.getJSON(ctx, cfg.Issuer+PathDiscovery, &meta); err != nil {
		return nil, err
	}
	if meta.Issuer != cfg.Issuer || meta.JWKSURI == "" {
		return nil, fmt.Errorf("%w: discovery names issuer %q, want %q", ErrUnavailable, meta.Issuer, cfg.Issuer)
	}
	v.jwksURI, v.introspectURI = meta.JWKSURI, meta.IntrospectionEndpoint
	if err := v.refreshKeys(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

// Verify returns the claims of a grant token that passes every check.
// Errors wrap ErrInvalidToken, ErrKeyRevoked, ErrGrantInactive or
// ErrUnavailable (fail closed).
func (v *Verifier) Verify(ctx context.Context, token string) (*GrantClaims, error) {
	c, err := parseAccessToken(ctx, token, v.key, v.cfg.Issuer, v.cfg.Clock())
	if err != nil {
		return nil, err
	}
	if v.cfg.Audience != "" && !slices.Contains(c.Audience, v.cfg.Audience) {
		return nil, invalidToken("not issued for this audience")
	}
	err = identity.RequirePurpose(ctx, v.cfg.Directory, c.Identity, c.Wallet,
		identity.PurposeManagement, identity.PurposeAction)
	switch {
	case errors.Is(err, identity.ErrMissingPurpose):
		return nil, fmt.Errorf("%w: %w", ErrKeyRevoked, err)
	case err != nil:
		return nil, fmt.Errorf("%w: key check: %w", ErrUnavailable, err)
	}
	if c.GrantKind == store.GrantImmediate {
		if err := v.introspect(ctx, token, c.GrantID); err != nil {
			return nil, err
		}
	}
	return c, nil
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

// introspect asks the issuer whether the grant is still active.
func (v *Verifier) introspect(ctx context.Context, token, grantID string) error {
	if v.introspectURI == "" || v.cfg.IntrospectionClientID == "" {
		return fmt.Errorf("%w: immediate grants need introspection credentials", ErrUnavailable)
	}
	form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, v.introspectURI, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("%w: introspection: %w", ErrUnavailable, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(v.cfg.IntrospectionClientID), url.QueryEscape(v.cfg.IntrospectionSecret))
	var out struct {
		Active  bool   `json:"active"`
		GrantID string `json:"grant_id"`
	}
	if err := v.do(req, &out); err != nil {
		return err
	}
	if !out.Active || out.GrantID != grantID {
		return ErrGrantInactive
	}
	return nil
}

func (v *Verifier) getJSON(ctx context.Context, u string, dst any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return v.do(req, dst)
}

// do sends req and decodes a 200 JSON answer into dst.
func (v *Verifier) do(req *http.Request, dst any) error {
	req.Header.Set("Accept", "application/json")
	resp, err := v.cfg.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %s %s: %w", ErrUnavailable, req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: %s %s: status %d", ErrUnavailable, req.Method, req.URL.Path, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxMetadataBody)).Decode(dst); err != nil {
		return fmt.Errorf("%w: %s %s: %w", ErrUnavailable, req.Method, req.URL.Path, err)
	}
	return nil
}
