package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// LoginSession is an identity owner's signed-in browser session.
type LoginSession struct {
	ID string
	// Identity is the ONCHAINID contract address; Wallet the key that
	// signed the login.
	Identity  common.Address
	Wallet    common.Address
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
	// Form is the serialized original request, opaque to the store. It
	// holds only the parameters the flow reads, never what else was sent.
	Form []byte
	// BrowserBinding is the BindingHash of the random value in the cookie
	// of the browser that sent the request: only that browser may sign in
	// and consent for it.
	BrowserBinding string
	// Prompt is the OIDC prompt values, space-separated ("login",
	// "consent", "none", "select_account"); max_age=0 is stored as login.
	Prompt string
	// MaxAge is the OIDC max_age in seconds, 0 when absent: a sign-in
	// older than that must be renewed.
	MaxAge int64
	// LoginHint is the wallet the client suggested, or zero.
	LoginHint common.Address
	// Identity, Wallet and LoginSessionID are set once the owner logs in;
	// before that they are zero (SignedIn tells).
	Identity       common.Address
	Wallet         common.Address
	LoginSessionID string
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

// HasPrompt reports whether the request's prompt parameter holds v.
func (a AuthRequest) HasPrompt(v string) bool {
	return slices.Contains(strings.Fields(a.Prompt), v)
}

// BoundTo reports whether cookie is the value the request was bound to.
// An unbound request matches no browser.
func (a AuthRequest) BoundTo(cookie string) bool {
	return a.BrowserBinding != "" && cookie != "" &&
		subtle.ConstantTimeCompare([]byte(a.BrowserBinding), []byte(BindingHash(cookie))) == 1
}

// BindingHash is how a browser-binding cookie value is stored: its
// SHA-256 in hex. The value is 32 random bytes, so no salt is needed.
func BindingHash(cookie string) string {
	sum := sha256.Sum256([]byte(cookie))
	return hex.EncodeToString(sum[:])
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
