package authz

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Grant and response types a client may hold.
const (
	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
	responseTypeCode       = "code"
)

// client adapts a store.Client to fosite. It deliberately does not
// implement fosite.OpenIDConnectClient: fosite then accepts
// client_secret_basic and client_secret_post for confidential clients,
// "none" for public ones, and refuses client assertions.
type client struct{ c store.Client }

var (
	_ fosite.Client             = (*client)(nil)
	_ fosite.ResponseModeClient = (*client)(nil)
)

func (c *client) GetID() string             { return c.c.ID }
func (c *client) GetHashedSecret() []byte   { return c.c.SecretHash }
func (c *client) GetRedirectURIs() []string { return c.c.RedirectURIs }
func (c *client) IsPublic() bool            { return c.c.Public }
func (c *client) GetAudience() fosite.Arguments {
	return nil
}

func (c *client) GetGrantTypes() fosite.Arguments {
	if len(c.c.GrantTypes) == 0 {
		return fosite.Arguments{grantAuthorizationCode, grantRefreshToken}
	}
	return c.c.GrantTypes
}

func (c *client) GetResponseTypes() fosite.Arguments {
	if len(c.c.ResponseTypes) == 0 {
		return fosite.Arguments{responseTypeCode}
	}
	return c.c.ResponseTypes
}

func (c *client) GetScopes() fosite.Arguments { return c.c.Scopes }

// idTokenAlg is the algorithm the client's ID tokens are signed with.
func (c *client) idTokenAlg() store.SigningAlg {
	if c.c.IDTokenAlg == "" {
		return store.AlgRS256
	}
	return c.c.IDTokenAlg
}

// idTokenAlgOf is fc's ID token algorithm; RS256 for a client that is not
// ours, which does not happen.
func idTokenAlgOf(fc fosite.Client) store.SigningAlg {
	if c, ok := fc.(*client); ok {
		return c.idTokenAlg()
	}
	return store.AlgRS256
}

// GetResponseModes allows an explicit response_mode=query, the only mode
// offered.
func (c *client) GetResponseModes() []fosite.ResponseModeType {
	return []fosite.ResponseModeType{fosite.ResponseModeQuery}
}

// secretHasher stores client secrets as SHA-256 and compares in constant
// time. Secrets are 256-bit random values, so a slow password hash would
// add nothing but latency to every token request.
type secretHasher struct{}

var (
	_                 fosite.Hasher = secretHasher{}
	errSecretMismatch               = errors.New("authz: client secret does not match")
)

func (secretHasher) Hash(_ context.Context, data []byte) ([]byte, error) {
	sum := sha256.Sum256(data)
	return sum[:], nil
}

func (secretHasher) Compare(_ context.Context, hash, data []byte) error {
	sum := sha256.Sum256(data)
	if len(hash) != len(sum) || subtle.ConstantTimeCompare(hash, sum[:]) != 1 {
		return errSecretMismatch
	}
	return nil
}

// ClientSpec describes a client to register.
type ClientSpec struct {
	Name         string
	LogoURI      string
	RedirectURIs []string
	// Public clients (browser and native apps) get no secret and must use
	// PKCE.
	Public bool
	// Scopes the client may ask for; empty allows the base scopes and a
	// claim scope per topic of Catalogue.
	Scopes []string
	// Catalogue is the configured topic catalogue, for a client given no
	// Scopes. Default identity.DefaultCatalogue().
	Catalogue identity.Catalogue
	// IDTokenAlg is id_token_signed_response_alg: RS256, ES256 or EdDSA,
	// empty for the default, RS256.
	IDTokenAlg store.SigningAlg
	// PostLogoutRedirectURIs are where RP-initiated logout may return the
	// browser, matched exactly.
	PostLogoutRedirectURIs []string
	// Wallets are the addresses the client's service may sign
	// access-request API challenges with (ParseServiceWallets reads them).
	Wallets []common.Address
	// Resources are the resource identifiers (RFC 8707) the client's
	// resource servers read grants as: absolute https URIs (http only on
	// loopback) without a fragment.
	Resources []string
}

// ClientStore is what the client helpers need.
type ClientStore interface {
	CreateClient(ctx context.Context, c store.Client) error
	ListClients(ctx context.Context) ([]store.Client, error)
	DeleteClient(ctx context.Context, id string) error
}

// CreateClient registers a client and returns its id and, for a
// confidential client, its secret. Only the secret's SHA-256 is stored, so
// the secret cannot be shown again.
func CreateClient(ctx context.Context, s ClientStore, spec ClientSpec) (clientID, secret string, err error) {
	c, secret, err := newClient(spec, spec.Catalogue, rand.Reader, time.Now())
	if err != nil {
		return "", "", err
	}
	if err := s.CreateClient(ctx, c); err != nil {
		return "", "", fmt.Errorf("authz: create client: %w", err)
	}
	return c.ID, secret, nil
}

// ListClients returns every registered client, oldest first.
func ListClients(ctx context.Context, s ClientStore) ([]store.Client, error) {
	cs, err := s.ListClients(ctx)
	if err != nil {
		return nil, fmt.Errorf("authz: list clients: %w", err)
	}
	return cs, nil
}

// DeleteClient removes a client. Its outstanding tokens stop working:
// every token request looks the client up again. Providers keep clients in
// memory for Config.ClientCacheTTL, so pass the Provider as s to stop them
// on this node at once; other nodes, and servers running while this is
// called from another process, stop within that TTL.
func DeleteClient(ctx context.Context, s ClientStore, id string) error {
	if err := s.DeleteClient(ctx, id); err != nil {
		return fmt.Errorf("authz: delete client %q: %w", id, err)
	}
	return nil
}

// newClient validates spec and builds the record with fresh credentials.
func newClient(spec ClientSpec, cat identity.Catalogue, random io.Reader, now time.Time) (store.Client, string, error) {
	if err := spec.validate(); err != nil {
		return store.Client{}, "", err
	}
	idBytes := make([]byte, 16)
	if _, err := io.ReadFull(random, idBytes); err != nil {
		return store.Client{}, "", fmt.Errorf("authz: read random: %w", err)
	}
	scopes := slices.Clone(spec.Scopes)
	if len(scopes) == 0 {
		if len(cat) == 0 {
			cat = identity.DefaultCatalogue()
		}
		scopes = supportedScopes(cat)
	}
	alg := spec.IDTokenAlg
	if alg == "" {
		// Stored explicitly, so that a later change of default leaves
		// registered clients as they were.
		alg = store.AlgRS256
	}
	c := store.Client{
		ID: hex.EncodeToString(idBytes), Public: spec.Public, Name: strings.TrimSpace(spec.Name),
		LogoURI: spec.LogoURI, RedirectURIs: slices.Clone(spec.RedirectURIs),
		GrantTypes:    []string{grantAuthorizationCode, grantRefreshToken},
		ResponseTypes: []string{responseTypeCode}, Scopes: scopes, CreatedAt: now.UTC(),
		IDTokenAlg: alg, PostLogoutRedirectURIs: slices.Clone(spec.PostLogoutRedirectURIs),
		Wallets: slices.Clone(spec.Wallets), Resources: slices.Clone(spec.Resources),
	}
	if spec.Public {
		return c, "", nil
	}
	secret, err := randomString(random, 32)
	if err != nil {
		return store.Client{}, "", err
	}
	c.SecretHash, _ = secretHasher{}.Hash(context.Background(), []byte(secret))
	return c, secret, nil
}

// validate reports every problem of the spec at once.
func (spec ClientSpec) validate() error {
	var errs []error
	name := strings.TrimSpace(spec.Name)
	if name == "" || len(name) > 200 || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		errs = append(errs, errors.New("name must be 1-200 printable characters"))
	}
	if spec.LogoURI != "" {
		if err := checkWebURL(spec.LogoURI); err != nil {
			errs = append(errs, fmt.Errorf("logo_uri: %w", err))
		}
	}
	if len(spec.RedirectURIs) == 0 {
		errs = append(errs, errors.New("at least one redirect URI is required"))
	}
	for i, u := range spec.RedirectURIs {
		if err := checkRedirectURI(u); err != nil {
			errs = append(errs, fmt.Errorf("redirect URI %q: %w", u, err))
		} else if slices.Index(spec.RedirectURIs, u) != i {
			errs = append(errs, fmt.Errorf("redirect URI %q is listed twice", u))
		}
	}
	for _, s := range spec.Scopes {
		if !knownScope(s) {
			errs = append(errs, fmt.Errorf("unknown scope %q", s))
		}
	}
	if spec.IDTokenAlg != "" && !slices.Contains(ringAlgs, spec.IDTokenAlg) {
		errs = append(errs, fmt.Errorf("ID token algorithm %q is not one of %v", spec.IDTokenAlg, ringAlgs))
	}
	for i, u := range spec.PostLogoutRedirectURIs {
		if err := checkRedirectURI(u); err != nil {
			errs = append(errs, fmt.Errorf("post-logout redirect URI %q: %w", u, err))
		} else if slices.Index(spec.PostLogoutRedirectURIs, u) != i {
			errs = append(errs, fmt.Errorf("post-logout redirect URI %q is listed twice", u))
		}
	}
	for i, r := range spec.Resources {
		if err := checkRegisteredResource(r); err != nil {
			errs = append(errs, fmt.Errorf("resource %q: %w", clip(r), err))
		} else if slices.Index(spec.Resources, r) != i {
			errs = append(errs, fmt.Errorf("resource %q is listed twice", r))
		}
	}
	switch {
	case len(spec.Resources) > maxClientResources:
		errs = append(errs, fmt.Errorf("at most %d resources", maxClientResources))
	case len(spec.Resources) > 0 && spec.Public:
		// Grant reads authenticate with the client's secret.
		errs = append(errs, errors.New("a public client has no credentials to read grants as a resource"))
	}
	for i, w := range spec.Wallets {
		if w == (common.Address{}) {
			errs = append(errs, errors.New("the zero address cannot be a wallet"))
		} else if slices.Index(spec.Wallets, w) != i {
			errs = append(errs, fmt.Errorf("wallet %s is listed twice", w.Hex()))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidClient, errors.Join(errs...))
	}
	return nil
}

// maxClientResources bounds the resources one client registers.
const maxClientResources = 32

// checkRegisteredResource accepts what a grant read may name (an RFC 8707
// resource) that is also a web origin a resource server can be reached
// at: https, or http on loopback, with no fragment or user info.
func checkRegisteredResource(raw string) error {
	if err := checkResource(raw); err != nil {
		return err
	}
	return checkWebURL(raw)
}

// checkRedirectURI accepts an absolute https URL, or http on a loopback or
// localhost host (as fosite's strict checker does), with no fragment and
// no user info. Authorization requests must then repeat it exactly.
func checkRedirectURI(raw string) error {
	if err := checkWebURL(raw); err != nil {
		return err
	}
	u, _ := url.Parse(raw)
	if !fosite.IsValidRedirectURI(u) {
		return errors.New("not a valid redirect URI")
	}
	return nil
}

// checkWebURL accepts https URLs, and http ones on localhost.
func checkWebURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || len(raw) > 2000:
		return errors.New("not a URL of at most 2000 characters")
	case !u.IsAbs() || u.Host == "" || u.Opaque != "":
		return errors.New("must be an absolute URL")
	case u.User != nil || u.Fragment != "" || strings.Contains(raw, "#"):
		return errors.New("must have no user info and no fragment")
	case !fosite.IsRedirectURISecureStrict(context.Background(), u):
		return errors.New("must use https (http only for localhost)")
	}
	return nil
}
