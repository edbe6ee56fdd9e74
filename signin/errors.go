package signin

import (
	"errors"
	"time"
)

// Sentinel errors. Every error the Service returns wraps one of them or a
// challenge sentinel (a refused signed message); test with errors.Is.
var (
	// ErrRequestExpired means the authorization request is unknown,
	// decided, expired, or its client is gone.
	ErrRequestExpired = errors.New("signin: the authorization request has expired")
	// ErrForeignRequest means the authorization request was started in
	// another browser.
	ErrForeignRequest = errors.New("signin: the authorization request belongs to another browser")
	// ErrRateLimited means too many attempts for one wallet.
	ErrRateLimited = errors.New("signin: too many attempts")
	// ErrNoIdentity means the wallet has no identity and none may be
	// created for it here.
	ErrNoIdentity = errors.New("signin: the wallet has no identity")
	// ErrOnboardingLimited means too many identities were created from
	// this client IP lately.
	ErrOnboardingLimited = errors.New("signin: too many new identities from this network")
	// ErrOnboardingBudget means today's budget of new identities is spent.
	ErrOnboardingBudget = errors.New("signin: today's budget of new identities is spent")
	// ErrChainUnavailable means the chain could not be read or written.
	ErrChainUnavailable = errors.New("signin: the chain is unavailable")
	// ErrMissingPurpose means the wallet is not a management or action key
	// of its identity.
	ErrMissingPurpose = errors.New("signin: the wallet is not a management or action key")
)

// RateLimitError is a refusal that may be retried after RetryAfter. It
// wraps Reason: ErrRateLimited or ErrOnboardingLimited.
type RateLimitError struct {
	Reason     error
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string { return e.Reason.Error() }
func (e *RateLimitError) Unwrap() error { return e.Reason }
