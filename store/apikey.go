package store

import (
	"context"
	"time"
)

// APIKey lets a client call the access-request API. Only the SHA-256 of
// the key is stored; Prefix is its first characters, for display.
type APIKey struct {
	ID         string
	ClientID   string
	Name       string
	Hash       []byte
	Prefix     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// APIKeyStore keeps API keys.
type APIKeyStore interface {
	// CreateAPIKey fails with ErrAlreadyExists when the ID or hash is taken.
	CreateAPIKey(ctx context.Context, k APIKey) error
	// GetAPIKeyByHash returns revoked keys too, so that their use can be
	// audited: callers must check RevokedAt.
	GetAPIKeyByHash(ctx context.Context, hash []byte) (APIKey, error)
	// ListAPIKeys returns the client's keys, oldest first.
	ListAPIKeys(ctx context.Context, clientID string) ([]APIKey, error)
	// RevokeAPIKey marks the key revoked; the first revocation time wins.
	RevokeAPIKey(ctx context.Context, id string, at time.Time) error
	// TouchAPIKey records a successful use.
	TouchAPIKey(ctx context.Context, id string, at time.Time) error
}
