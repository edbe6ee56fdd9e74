package store

import (
	"context"
	"time"
)

// SigningAlg is a JWS algorithm the server signs tokens with.
type SigningAlg string

// Signing algorithms.
const (
	AlgES256 SigningAlg = "ES256"
	AlgEdDSA SigningAlg = "EdDSA"
	AlgRS256 SigningAlg = "RS256"
)

// SigningKey is a JWT signing key. The private half is sealed by the
// caller before it reaches the store.
type SigningKey struct {
	KID           string
	Alg           SigningAlg
	PrivateSealed []byte
	PublicJWK     []byte
	CreatedAt     time.Time
	// NotAfter is when the public key may leave the JWKS: the last token
	// it signed has expired. Zero means "keep publishing".
	NotAfter time.Time
	// RetiredAt is when the key stopped signing; zero while active.
	RetiredAt time.Time
}

// SigningKeyStore keeps signing keys.
type SigningKeyStore interface {
	CreateSigningKey(ctx context.Context, k SigningKey) error
	// ListSigningKeys returns every key, oldest first.
	ListSigningKeys(ctx context.Context) ([]SigningKey, error)
	// RetireSigningKey stops the key signing at the given time and keeps
	// its public half published until notAfter. Retiring twice fails with
	// ErrConsumed, so two nodes rotating at once notice each other.
	RetireSigningKey(ctx context.Context, kid string, at, notAfter time.Time) error
}
