package granttoken

import (
	"context"
	"fmt"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
)

// Grant is a verified grant token and the issuer's answer to its read.
type Grant struct {
	Issuer   string
	Subject  string // the identity as CAIP-10: eip155:<chain>:<identity>
	Audience []string
	ClientID string // the relying party the owner granted
	Scopes   []string
	GrantID  string
	// GrantKind is "immediate" (one read, across every resource server)
	// or "persistent".
	GrantKind string
	Identity  string // the identity contract, 0x-hex
	Wallet    string // the wallet that signed the consent, CAIP-10
	ChainID   uint64
	Consent   string // 0x-hex keccak256 EIP-191 hash of the signed consent
	ExpiresAt time.Time
	// Claims are the granted on-chain claims, judged by the issuer at
	// this read.
	Claims []Claim
}

// HasScope reports whether the grant includes scope.
func (g *Grant) HasScope(scope string) bool {
	for _, s := range g.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// Claim is one judged on-chain claim of a granted claim:<topic> scope.
type Claim struct {
	Topic     uint64     `json:"topic"`
	TopicName string     `json:"topic_name"`
	Issuer    string     `json:"issuer"`
	State     string     `json:"state"` // valid, expired, revoked, untrusted, invalid
	Expiry    *time.Time `json:"expiry,omitempty"`
	DataHash  string     `json:"data_hash"`
}

const (
	// maxTokenLen bounds what the parser looks at; grant tokens are < 1 KiB.
	maxTokenLen = 8 << 10
	// clockLeeway absorbs clock skew between the issuer and this server.
	clockLeeway = 5 * time.Second
)

// tokenAlgs are the only algorithms a grant token may use.
var tokenAlgs = []jose.SignatureAlgorithm{jose.ES256, jose.EdDSA}

type keyFinder func(ctx context.Context, kid string) (jose.JSONWebKey, bool)

// tokenClaims is the JSON payload of a grant token.
type tokenClaims struct {
	josejwt.Claims
	ClientID  string `json:"client_id"`
	Scope     string `json:"scope"`
	GrantID   string `json:"grant_id"`
	GrantKind string `json:"grant_kind"`
	Identity  string `json:"identity"`
	Wallet    string `json:"wallet"`
	ChainID   uint64 `json:"chain_id"`
	Consent   string `json:"consent"`
}

// parseToken verifies a grant token's signature against the issuer's
// keys, its type (RFC 9068 at+jwt), issuer, audience (resource) and
// expiry. Every failure wraps ErrInvalidToken.
func parseToken(ctx context.Context, raw string, keys keyFinder, issuer, resource string, now time.Time) (*Grant, error) {
	if len(raw) > maxTokenLen {
		return nil, invalid("token too long")
	}
	tok, err := josejwt.ParseSigned(raw, tokenAlgs)
	if err != nil {
		return nil, invalid(err.Error())
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); !strings.EqualFold(typ, "at+jwt") && !strings.EqualFold(typ, "application/at+jwt") {
		return nil, invalid(fmt.Sprintf("typ %.20q is not at+jwt", typ))
	}
	key, ok := keys(ctx, h.KeyID)
	if !ok {
		return nil, invalid("unknown signing key")
	}
	if key.Algorithm != h.Algorithm {
		return nil, invalid("algorithm does not match the key")
	}
	var c tokenClaims
	if err := tok.Claims(key.Key, &c); err != nil {
		return nil, invalid(err.Error())
	}
	if c.Expiry == nil {
		return nil, invalid("no exp")
	}
	want := josejwt.Expected{Issuer: issuer, AnyAudience: josejwt.Audience{resource}, Time: now}
	if err := c.ValidateWithLeeway(want, clockLeeway); err != nil {
		return nil, invalid(err.Error())
	}
	if c.GrantID == "" || c.ClientID == "" || (c.GrantKind != "immediate" && c.GrantKind != "persistent") {
		return nil, invalid("grant_id, client_id and grant_kind are required")
	}
	return &Grant{
		Issuer: c.Issuer, Subject: c.Subject, Audience: c.Audience, ClientID: c.ClientID,
		Scopes: strings.Fields(c.Scope), GrantID: c.GrantID, GrantKind: c.GrantKind,
		Identity: c.Identity, Wallet: c.Wallet, ChainID: c.ChainID, Consent: c.Consent,
		ExpiresAt: c.Expiry.Time(),
	}, nil
}

func invalid(why string) error { return fmt.Errorf("%w: %s", ErrInvalidToken, why) }
