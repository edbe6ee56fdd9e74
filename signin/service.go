package signin

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Store is the slice of store.Store sign-in needs.
type Store interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	GetAuthRequest(ctx context.Context, id string) (store.AuthRequest, error)
	UpdateAuthRequest(ctx context.Context, id string, fn func(store.AuthRequest) (store.AuthRequest, error)) (store.AuthRequest, error)
	CreateLoginSession(ctx context.Context, s store.LoginSession) error
	RevokeLoginSession(ctx context.Context, id string, at time.Time) error
	AppendAuditEvent(ctx context.Context, e store.AuditEvent) (store.AuditEvent, error)
	TakeOnboarding(ctx context.Context, at time.Time, limit int) (int, error)
}

var _ Store = (store.Store)(nil)

// Onboarder gives a wallet without an identity a new one from the factory,
// with the wallet as its management key. The factory's owner pays the gas.
type Onboarder interface {
	Onboard(ctx context.Context, wallet common.Address) (common.Address, error)
}

// Limiter is a set of token buckets by key; web.Limiter satisfies it.
type Limiter interface {
	Check(key string) (ok bool, retryAfter time.Duration)
}

// Grants finds a live persistent grant that covers a request, for
// prompt=none; consent.Grants satisfies it.
type Grants interface {
	Covering(ctx context.Context, clientID string, id common.Address, scopes []string) (store.Grant, bool, error)
}

// Onboarding says whether and how often wallets without an identity get one.
type Onboarding struct {
	// Onboarder is nil when onboarding is off: such wallets are told how
	// to get an identity.
	Onboarder Onboarder
	// PerIP limits onboardings per client IP; nil does not limit (dev).
	PerIP Limiter
	// DailyLimit bounds onboardings a UTC day across every node, counted
	// in the store; 0 does not limit (dev, where gas is free).
	DailyLimit int
}

// Config holds a Service's dependencies.
type Config struct {
	Store      Store
	Challenges *challenge.Service
	Directory  identity.Directory
	Grants     Grants // nil: prompt=none always answers consent_required
	Onboarding Onboarding
	// WalletLimit limits challenges and sign-ins per wallet; nil does not.
	WalletLimit Limiter
	// Domain is the issuer's host:port, Origin its scheme://host:port.
	Domain, Origin string
	ChainID        uint64
	SessionTTL     time.Duration
	Clock          func() time.Time // default time.Now
	Rand           io.Reader        // default crypto/rand.Reader
	Log            *slog.Logger     // default discards
}

// Service is wallet sign-in.
type Service struct {
	cfg Config
}

// New checks the configuration and returns a Service.
func New(cfg Config) (*Service, error) {
	var errs []error
	if cfg.Store == nil || cfg.Challenges == nil || cfg.Directory == nil {
		errs = append(errs, errors.New("Store, Challenges and Directory are required"))
	}
	if cfg.Domain == "" || cfg.Origin == "" || cfg.ChainID == 0 {
		errs = append(errs, errors.New("Domain, Origin and ChainID are required"))
	}
	if cfg.SessionTTL <= 0 {
		errs = append(errs, errors.New("SessionTTL must be positive"))
	}
	if cfg.Onboarding.DailyLimit < 0 {
		errs = append(errs, errors.New("Onboarding.DailyLimit must not be negative"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("signin: %w", errors.Join(errs...))
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg}, nil
}

// AccountRequest prefixes the request id of a sign-in to the owner's
// dashboard, which has no pending authorization request.
const AccountRequest = "acct-"

// IsAccountRequest reports whether id names a dashboard sign-in.
func IsAccountRequest(id string) bool {
	return len(id) > len(AccountRequest) && id[:len(AccountRequest)] == AccountRequest
}

// NewBinding returns a fresh browser-binding value: 32 random bytes,
// base64url. Only its store.BindingHash is ever stored.
func (s *Service) NewBinding() (string, error) {
	return newBinding(s.cfg.Rand)
}

func newBinding(r io.Reader) (string, error) {
	b := make([]byte, 32)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("signin: binding randomness: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// NewAccountRequestID returns a request id for a dashboard sign-in.
func (s *Service) NewAccountRequestID() (string, error) {
	v, err := newBinding(s.cfg.Rand)
	if err != nil {
		return "", err
	}
	return AccountRequest + v[:24], nil
}

// pending loads an unexpired authorization request bound to this browser,
// and its client.
func (s *Service) pending(ctx context.Context, id, binding string) (store.AuthRequest, store.Client, error) {
	req, err := s.cfg.Store.GetAuthRequest(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return req, store.Client{}, ErrRequestExpired
	case err != nil:
		return req, store.Client{}, fmt.Errorf("signin: load request: %w", err)
	case !s.cfg.Clock().Before(req.ExpiresAt):
		return req, store.Client{}, ErrRequestExpired
	case !req.BoundTo(binding):
		return req, store.Client{}, ErrForeignRequest
	}
	client, err := s.cfg.Store.GetClient(ctx, req.ClientID)
	if errors.Is(err, store.ErrNotFound) {
		return req, client, ErrRequestExpired
	}
	if err != nil {
		return req, client, fmt.Errorf("signin: load client: %w", err)
	}
	return req, client, nil
}

// allowWallet takes a token from the wallet's bucket.
func (s *Service) allowWallet(wallet common.Address) error {
	if s.cfg.WalletLimit == nil {
		return nil
	}
	if ok, retry := s.cfg.WalletLimit.Check("addr:" + wallet.Hex()); !ok {
		return &RateLimitError{Reason: ErrRateLimited, RetryAfter: retry}
	}
	return nil
}
