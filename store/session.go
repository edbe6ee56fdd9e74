package store

import (
	"context"
	"time"
)

// LoginSession is an identity owner's signed-in browser session.
type LoginSession struct {
	ID string
	// Identity is the ONCHAINID contract address; Wallet the key that
	// signed the login.
	Identity  string
	Wallet    string
	ChainID   int64
	AuthTime  time.Time
	ExpiresAt time.Time
	RevokedAt time.Time
}

// LoginSessionStore keeps login sessions.
type LoginSessionStore interface {
	CreateLoginSession(ctx context.Context, s LoginSession) error
	GetLoginSession(ctx context.Context, id string) (LoginSession, error)
	// RevokeLoginSession records a logout; the first revocation time wins.
	RevokeLoginSession(ctx context.Context, id string, at time.Time) error
	DeleteLoginSession(ctx context.Context, id string) error
}

// AuthRequest is an /oauth2/auth request parked while the owner logs in
// and consents.
type AuthRequest struct {
	ID                  string
	ClientID            string
	RedirectURI         string
	Scopes              []string
	State               string
	Nonce               string
	CodeChallenge       string
	CodeChallengeMethod string
	// Form is the serialized original request, opaque to the store.
	Form []byte
	// Identity, Wallet and LoginSessionID are set once the owner logs in.
	Identity       string
	Wallet         string
	LoginSessionID string
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

// AuthRequestStore keeps pending authorization requests.
type AuthRequestStore interface {
	CreateAuthRequest(ctx context.Context, r AuthRequest) error
	GetAuthRequest(ctx context.Context, id string) (AuthRequest, error)
	// UpdateAuthRequest runs fn on the stored request inside one
	// transaction and stores its result. The ID cannot change.
	UpdateAuthRequest(ctx context.Context, id string, fn func(AuthRequest) (AuthRequest, error)) (AuthRequest, error)
	DeleteAuthRequest(ctx context.Context, id string) error
}
