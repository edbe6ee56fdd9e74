package store

import (
	"context"
	"time"
)

// TokenKind names the fosite artifact an OAuthToken holds.
type TokenKind string

// Token kinds.
const (
	TokenCode    TokenKind = "code"
	TokenAccess  TokenKind = "access"
	TokenRefresh TokenKind = "refresh"
	TokenPKCE    TokenKind = "pkce"
	TokenOIDC    TokenKind = "oidc"
)

// OAuthToken is one fosite artifact, keyed by (Kind, Signature). Only the
// signature of a token is stored, never the token itself.
type OAuthToken struct {
	Kind      TokenKind
	Signature string
	// RequestID groups the artifacts of one authorization, so that a code
	// replay or a refresh-token revocation can reach all of them.
	RequestID string
	ClientID  string
	GrantID   string
	Subject   string
	// Active is false once a code is exchanged or a refresh token rotated;
	// such tokens are kept to detect replay.
	Active bool
	// Data is the serialized fosite request, opaque to the store.
	Data        []byte
	RequestedAt time.Time
	ExpiresAt   time.Time
}

// OAuthTokenStore keeps fosite artifacts.
type OAuthTokenStore interface {
	// CreateOAuthToken fails with ErrAlreadyExists on a duplicate key.
	CreateOAuthToken(ctx context.Context, t OAuthToken) error
	// HasOAuthToken reports whether a token (active or not) is stored under
	// the key, reading nothing else: the per-read check that an access
	// token was not revoked.
	HasOAuthToken(ctx context.Context, kind TokenKind, signature string) (bool, error)
	// GetOAuthToken returns inactive tokens too; callers check Active.
	GetOAuthToken(ctx context.Context, kind TokenKind, signature string) (OAuthToken, error)
	DeleteOAuthToken(ctx context.Context, kind TokenKind, signature string) error
	// SpendOAuthToken consumes a live token in one statement: the active
	// token (kind, signature) becomes the inactive token (kind, spentAs),
	// keeping its other fields, so that replay can still be detected under
	// the new key. Of concurrent calls for one token exactly one succeeds;
	// the others, and calls for a token that is inactive or absent, fail
	// with ErrNotFound. ErrAlreadyExists when spentAs is taken.
	SpendOAuthToken(ctx context.Context, kind TokenKind, signature, spentAs string) error
	// DeactivateOAuthToken sets Active to false, or fails with ErrNotFound.
	DeactivateOAuthToken(ctx context.Context, kind TokenKind, signature string) error
	// RevokeOAuthTokensByRequestID deactivates every token of the kind
	// issued for the request. Matching nothing is not an error, as RFC
	// 7009 revocation of an unknown token succeeds.
	RevokeOAuthTokensByRequestID(ctx context.Context, kind TokenKind, requestID string) error
	// DeleteOAuthTokensByRequestID deletes every token of the kind issued
	// for the request; matching nothing is not an error.
	DeleteOAuthTokensByRequestID(ctx context.Context, kind TokenKind, requestID string) error
}
