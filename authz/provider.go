package authz

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/openid"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
)

// Provider is idconnect's OAuth 2.0 / OpenID Connect provider.
type Provider struct {
	cfg        Config
	st         store.Store
	keys       *Keyring
	log        *slog.Logger
	oauth      fosite.OAuth2Provider
	clientAuth interface {
		AuthenticateClient(ctx context.Context, r *http.Request, form url.Values) (fosite.Client, error)
	}
	storage *Storage
	// verified remembers tokens whose signature checked out; see
	// verifiedTokens.
	verified *verifiedTokens[*GrantClaims]
	// typed remembers verified wallet and service tokens (issueTyped): their
	// subject, by token.
	typed *verifiedTokens[typedToken]
}

// Endpoint paths, relative to the issuer.
const (
	PathDiscovery  = "/.well-known/openid-configuration"
	PathJWKS       = "/.well-known/jwks.json"
	PathAuthorize  = "/oauth2/auth"
	PathToken      = "/oauth2/token"
	PathRevoke     = "/oauth2/revoke"
	PathIntrospect = "/oauth2/introspect"
	PathRegister   = "/oauth2/register"
	PathUserinfo   = "/userinfo"
	// PathGrantReads is where third-party resource servers run the read
	// rule (granttoken.PathGrantReads); web serves it.
	PathGrantReads = "/oauth2/grant-reads"
	// PathEndSession is RP-initiated logout; the web layer serves it,
	// with the rules of CheckLogout.
	PathEndSession = "/oauth2/logout"
)

// New composes the provider. keys must be configured with a TokenTTL at
// least as long as the access- and ID-token TTLs, so that a retired key
// outlives its tokens.
func New(cfg Config, st store.Store, keys *Keyring, log *slog.Logger) (*Provider, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	switch {
	case st == nil || keys == nil:
		return nil, fmt.Errorf("%w: a store and a keyring are required", ErrInvalidConfig)
	case keys.cfg.TokenTTL < cfg.maxTokenTTL():
		return nil, fmt.Errorf("%w: keyring TokenTTL %v is shorter than the token TTLs (%v)",
			ErrInvalidConfig, keys.cfg.TokenTTL, cfg.maxTokenTTL())
	}
	if log == nil {
		log = slog.Default()
	}
	p := &Provider{cfg: cfg, st: st, keys: keys, log: log, verified: newVerifiedTokens(cloneClaims),
		typed: newVerifiedTokens(func(t typedToken) typedToken { return t })}
	p.compose()
	return p, nil
}

// fositeConfig turns Config into fosite's.
func (p *Provider) fositeConfig() *fosite.Config {
	c := p.cfg
	return &fosite.Config{
		AccessTokenLifespan:   c.AccessTokenTTL,
		RefreshTokenLifespan:  c.RefreshTokenTTL,
		AuthorizeCodeLifespan: c.AuthCodeTTL,
		IDTokenLifespan:       c.IDTokenTTL,
		IDTokenIssuer:         c.Issuer,
		AccessTokenIssuer:     c.Issuer,
		TokenURL:              c.Issuer + PathToken,
		GlobalSecret:          c.GlobalSecret,
		// claim:1 must not imply claim:10, so no hierarchy.
		ScopeStrategy:               fosite.ExactScopeStrategy,
		AudienceMatchingStrategy:    resourceAudience,
		EnforcePKCEForPublicClients: true,
		// Refresh tokens only for persistent grants (offline_access).
		RefreshTokenScopes:    []string{consent.ScopeOffline},
		SanitationWhiteList:   codeSessionParams,
		ClientSecretsHasher:   secretHasher{},
		RedirectSecureChecker: fosite.IsRedirectURISecureStrict,
		MinParameterEntropy:   fosite.MinParameterEntropy,
	}
}

// compose builds fosite from exactly the handlers idconnect offers.
func (p *Provider) compose() {
	fc := p.fositeConfig()
	p.storage = &Storage{st: p.st, clock: p.cfg.Clock, parseAccess: p.parseAccessToken,
		clients: newClientCache(p.cfg.ClientCacheTTL, p.cfg.Clock), codes: newIssuedCodes()}
	hmac := compose.NewOAuth2HMACStrategy(fc)
	p.storage.codeSignature = hmac.AuthorizeCodeSignature
	tokens := &tokenStrategy{
		HMACSHAStrategy: hmac, keys: p.keys, grants: grantChecker{st: p.st, clock: p.cfg.Clock},
		issuer: p.cfg.Issuer, ttl: p.cfg.AccessTokenTTL, clock: p.cfg.Clock, rand: p.cfg.Rand,
	}
	signer := &idTokenSigner{keys: p.keys}
	strategy := &compose.CommonStrategy{
		CoreStrategy: tokens,
		OpenIDConnectTokenStrategy: &idTokenStrategy{
			DefaultStrategy: openid.DefaultStrategy{Signer: signer, Config: fc}, keys: p.keys,
		},
		Signer: signer,
	}
	core := compose.Compose(fc, p.storage, strategy,
		codeGrantFactory,
		refreshGrantFactory,
		compose.OpenIDConnectExplicitFactory,
		compose.OAuth2PKCEFactory,
		compose.OAuth2TokenIntrospectionFactory,
		revocationFactory,
	)
	// Grant reads authenticate resource servers exactly as the token
	// endpoint authenticates clients: with fosite's own client authentication.
	p.clientAuth = core.(*fosite.Fosite)
	p.oauth = issuerResponses{OAuth2Provider: core, p: p}
}

// Mount registers the provider's endpoints.
func (p *Provider) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET "+PathDiscovery, p.serveDiscovery)
	mux.HandleFunc("GET "+PathJWKS, p.serveJWKS)
	mux.Handle("GET "+PathAuthorize, p.authorizeHandler())
	mux.Handle("POST "+PathAuthorize, p.authorizeHandler())
	mux.Handle("POST "+PathToken, browserCallable(p.serveToken))
	mux.Handle("OPTIONS "+PathToken, browserCallable(nil))
	mux.Handle("POST "+PathRevoke, browserCallable(p.serveRevoke))
	mux.Handle("OPTIONS "+PathRevoke, browserCallable(nil))
	mux.HandleFunc("POST "+PathIntrospect, p.serveIntrospect)
	mux.HandleFunc("POST "+PathRegister, p.serveRegister)
}

// VerifyAccessToken checks a grant token's signature against the JWKS,
// its type (at+jwt), issuer and expiry, and that it was not revoked
// (RFC 7009), and returns its claims. It does not consume the grant or
// check the chain: resource handlers call store.UseGrant and the
// key-purpose check next.
func (p *Provider) VerifyAccessToken(ctx context.Context, token string) (*GrantClaims, error) {
	c, hash, err := p.VerifyGrantToken(ctx, token)
	if err != nil {
		return nil, err
	}
	revoked, err := p.storage.revokedHash(ctx, hash)
	if err != nil {
		return nil, fmt.Errorf("authz: verify access token: %w", err)
	}
	if revoked {
		return nil, invalidToken("revoked")
	}
	return c, nil
}

// VerifyGrantToken is VerifyAccessToken without the revocation check: it
// returns the key under which the token would be stored as revoked, for a
// resource handler that checks it in the same store read as the grant
// (consent.Read.TokenHash, store.GrantStore.GetGrantStatus).
func (p *Provider) VerifyGrantToken(ctx context.Context, token string) (*GrantClaims, string, error) {
	sum := sha256.Sum256([]byte(token))
	c, err := p.parseAccessTokenSum(ctx, token, sum)
	if err != nil {
		return nil, "", err
	}
	return c, hashKey(sum), nil
}

// logError records an OAuth error that is the server's fault; client
// mistakes are answered, not logged.
func (p *Provider) logError(ctx context.Context, what string, err error) {
	rfc := fosite.ErrorToRFC6749Error(err)
	if rfc.CodeField < http.StatusInternalServerError && !errors.Is(err, fosite.ErrServerError) {
		return
	}
	p.log.ErrorContext(ctx, "authz: "+what, "err", err, "debug", rfc.DebugField)
}

// publicJWK is the keyFinder of the server's own keyring.
func (k *Keyring) publicJWK(ctx context.Context, kid string) (jose.JSONWebKey, bool) {
	rk, ok := k.verificationKey(ctx, kid)
	if !ok {
		return jose.JSONWebKey{}, false
	}
	return rk.jwk, true
}
