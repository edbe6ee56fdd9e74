package authz

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"sync"
	"time"
)

// verifiedTokens remembers tokens that passed verification, by their
// SHA-256, until they expire. Checking an ES256 signature costs 50-100
// µs, and a persistent grant's token (or a wallet's, on the identity
// JSON-RPC) is presented on every call.
//
// Only what a token cannot change is remembered: its signature, type,
// issuer and claims. A hit is re-checked against the clock (expiry, with
// the leeway verification allows) and against the keyring (the signing
// key must still be published); revocation and rights are checked by the
// caller on every use, as before. Invalid tokens are never remembered.
type verifiedTokens[V any] struct {
	clone   func(V) V // a copy the caller may change
	mu      sync.RWMutex
	entries map[[sha256.Size]byte]verifiedToken[V]
}

type verifiedToken[V any] struct {
	v   V
	kid string
	// until is the last instant verification would accept the token.
	until time.Time
}

// maxVerifiedTokens bounds the memory a cache takes (about 1 KiB per
// token); past it, expired tokens are swept, and if none were, everything
// is dropped and re-verified on next use.
const maxVerifiedTokens = 16_384

func newVerifiedTokens[V any](clone func(V) V) *verifiedTokens[V] {
	return &verifiedTokens[V]{clone: clone, entries: map[[sha256.Size]byte]verifiedToken[V]{}}
}

// cloneClaims copies grant claims with their slices.
func cloneClaims(c *GrantClaims) *GrantClaims {
	cp := *c
	cp.Scopes, cp.Audience = slices.Clone(c.Scopes), slices.Clone(c.Audience)
	return &cp
}

// get returns a copy of a remembered, unexpired token whose key is still
// published.
func (v *verifiedTokens[V]) get(sum [sha256.Size]byte, now time.Time, published func(kid string) bool) (V, bool) {
	v.mu.RLock()
	e, ok := v.entries[sum]
	v.mu.RUnlock()
	if !ok || now.After(e.until) || !published(e.kid) {
		var zero V
		return zero, false
	}
	return v.clone(e.v), true
}

func (v *verifiedTokens[V]) put(sum [sha256.Size]byte, val V, kid string, until, now time.Time) {
	val = v.clone(val)
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.entries) >= maxVerifiedTokens {
		for k, e := range v.entries {
			if now.After(e.until) {
				delete(v.entries, k)
			}
		}
		if len(v.entries) >= maxVerifiedTokens {
			clear(v.entries)
		}
	}
	v.entries[sum] = verifiedToken[V]{v: val, kid: kid, until: until}
}

// parseAccessToken verifies a grant token (see the package function),
// answering from the verified-token cache when it can.
func (p *Provider) parseAccessToken(ctx context.Context, token string) (*GrantClaims, error) {
	return p.parseAccessTokenSum(ctx, token, sha256.Sum256([]byte(token)))
}

// parseAccessTokenSum is parseAccessToken for a token whose SHA-256 the
// caller already has.
func (p *Provider) parseAccessTokenSum(ctx context.Context, token string, sum [sha256.Size]byte) (*GrantClaims, error) {
	now := p.cfg.Clock()
	if c, ok := p.verified.get(sum, now, p.keys.isPublished); ok {
		return c, nil
	}
	c, kid, err := parseAccessTokenKID(ctx, token, p.keys.publicJWK, p.cfg.Issuer, now)
	if err != nil {
		return nil, err
	}
	p.verified.put(sum, c, kid, c.ExpiresAt.Add(clockLeeway), now)
	return c, nil
}

// isPublished reports whether the key with kid may still verify tokens,
// without re-reading the store.
func (k *Keyring) isPublished(kid string) bool {
	_, ok := k.lookup(kid)
	return ok
}

// hashKey is accessTokenHash for a token whose SHA-256 is sum.
func hashKey(sum [sha256.Size]byte) string {
	return base64.RawURLEncoding.EncodeToString(sum[:])
}
