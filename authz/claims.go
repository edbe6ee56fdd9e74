package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// GrantClaims are the claims of a verified grant token (an RFC 9068 access
// token).
type GrantClaims struct {
	Issuer string
	// Subject is the identity as CAIP-10: eip155:<ChainID>:<Identity>.
	Subject  string
	Audience []string
	ClientID string
	Scopes   []string
	GrantID  string
	// GrantKind is store.GrantImmediate (one read) or store.GrantPersistent.
	GrantKind store.GrantKind
	Identity  common.Address
	// Wallet signed the consent; it must still be a key of Identity.
	Wallet  common.Address
	ChainID uint64
	// Consent is the 0x-hex keccak256 EIP-191 hash of the signed consent.
	Consent   string
	JTI       string
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// HasScope reports whether the grant includes scope.
func (c *GrantClaims) HasScope(scope string) bool { return slices.Contains(c.Scopes, scope) }

// accessClaims is the JSON payload of a grant token.
type accessClaims struct {
	josejwt.Claims
	ClientID  string `json:"client_id"`
	Scope     string `json:"scope"`
	GrantID   string `json:"grant_id"`
	GrantKind string `json:"grant_kind"`
	Identity  string `json:"identity"`
	Wallet    string `json:"wallet"` // CAIP-10
	ChainID   uint64 `json:"chain_id"`
	Consent   string `json:"consent"`
}

const (
	// maxTokenLen bounds what the parser looks at; our tokens are < 1 KiB.
	maxTokenLen = 8 << 10
	// clockLeeway absorbs clock skew between nodes and resource servers.
	clockLeeway = 5 * time.Second
)

// tokenAlgs are the only algorithms a grant token may use.
var tokenAlgs = []jose.SignatureAlgorithm{jose.ES256, jose.EdDSA}

// keyFinder returns the published public key with a kid.
type keyFinder func(ctx context.Context, kid string) (jose.JSONWebKey, bool)

// parseAccessToken verifies a grant token's signature, type, issuer and
// lifetime, and decodes its claims. Every failure wraps ErrInvalidToken.
func parseAccessToken(ctx context.Context, raw string, keys keyFinder, issuer string, now time.Time) (*GrantClaims, error) {
	c, _, err := parseAccessTokenKID(ctx, raw, keys, issuer, now)
	return c, err
}

// parseAccessTokenKID is parseAccessToken that also names the key that
// signed the token.
func parseAccessTokenKID(ctx context.Context, raw string, keys keyFinder, issuer string, now time.Time) (*GrantClaims, string, error) {
	if len(raw) > maxTokenLen {
		return nil, "", invalidToken("token too long")
	}
	tok, err := josejwt.ParseSigned(raw, tokenAlgs)
	if err != nil {
		return nil, "", invalidToken(err.Error())
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); !isAccessTokenType(typ) {
		return nil, "", invalidToken(fmt.Sprintf("typ %q is not at+jwt", typ))
	}
	key, ok := keys(ctx, h.KeyID)
	if !ok {
		return nil, "", invalidToken("unknown signing key")
	}
	if key.Algorithm != h.Algorithm {
		return nil, "", invalidToken("algorithm does not match the key")
	}
	var c accessClaims
	if err := tok.Claims(key.Key, &c); err != nil {
		return nil, "", invalidToken(err.Error())
	}
	if c.Expiry == nil {
		return nil, "", invalidToken("no exp")
	}
	if err := c.ValidateWithLeeway(josejwt.Expected{Issuer: issuer, Time: now}, clockLeeway); err != nil {
		return nil, "", invalidToken(err.Error())
	}
	gc, err := c.grantClaims()
	return gc, h.KeyID, err
}

// isAccessTokenType accepts "at+jwt" and its full media type, as RFC 9068
// section 4 asks.
func isAccessTokenType(typ string) bool {
	t := strings.ToLower(typ)
	return t == typAccessToken || t == "application/"+typAccessToken
}

func invalidToken(why string) error {
	return fmt.Errorf("%w: %s", ErrInvalidToken, why)
}

// grantClaims checks that the claims describe a grant consistently.
func (c *accessClaims) grantClaims() (*GrantClaims, error) {
	kind := store.GrantKind(c.GrantKind)
	if kind != store.GrantImmediate && kind != store.GrantPersistent {
		return nil, invalidToken(fmt.Sprintf("grant_kind %q", c.GrantKind))
	}
	if c.GrantID == "" || c.ClientID == "" || c.ChainID == 0 {
		return nil, invalidToken("grant_id, client_id and chain_id are required")
	}
	id, err := identity.ParseAddress(c.Identity)
	if err != nil {
		return nil, invalidToken("identity is not an address")
	}
	walletChain, wallet, err := parseCAIP10(c.Wallet)
	if err != nil || walletChain != c.ChainID {
		return nil, invalidToken("wallet is not a CAIP-10 account on chain_id")
	}
	if c.Subject != identity.CAIP10(c.ChainID, id) {
		return nil, invalidToken("sub is not the identity's CAIP-10 id")
	}
	if !isHash(c.Consent) {
		return nil, invalidToken("consent is not a 0x-hex hash")
	}
	return &GrantClaims{
		Issuer: c.Issuer, Subject: c.Subject, Audience: c.Audience, ClientID: c.ClientID,
		Scopes: strings.Fields(c.Scope), GrantID: c.GrantID, GrantKind: kind,
		Identity: id, Wallet: wallet, ChainID: c.ChainID, Consent: c.Consent, JTI: c.ID,
		IssuedAt: c.IssuedAt.Time(), ExpiresAt: c.Expiry.Time(),
	}, nil
}

var errNotCAIP10 = errors.New("not an eip155 CAIP-10 account id")

// parseCAIP10 reads eip155:<chain id>:<address>.
func parseCAIP10(s string) (uint64, common.Address, error) {
	rest, ok := strings.CutPrefix(s, "eip155:")
	if !ok {
		return 0, common.Address{}, errNotCAIP10
	}
	chain, addr, ok := strings.Cut(rest, ":")
	if !ok || chain == "" || (len(chain) > 1 && chain[0] == '0') {
		return 0, common.Address{}, errNotCAIP10
	}
	n, err := strconv.ParseUint(chain, 10, 64)
	if err != nil || n == 0 {
		return 0, common.Address{}, errNotCAIP10
	}
	a, err := identity.ParseAddress(addr)
	if err != nil || strings.TrimSpace(addr) != addr {
		return 0, common.Address{}, errNotCAIP10
	}
	return n, a, nil
}

// isHash reports whether s is 0x followed by 64 hex digits.
func isHash(s string) bool {
	h, ok := strings.CutPrefix(s, "0x")
	if !ok || len(h) != 64 {
		return false
	}
	for _, c := range h {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
