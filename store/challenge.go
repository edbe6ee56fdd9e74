package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// ChallengePurpose says which flow a challenge nonce belongs to, so a nonce
// issued for one flow cannot be replayed in another.
type ChallengePurpose string

// Challenge purposes.
const (
	PurposeLogin       ChallengePurpose = "login"
	PurposeConsent     ChallengePurpose = "consent"
	PurposeAccessGrant ChallengePurpose = "access-grant"
	PurposeService     ChallengePurpose = "service"
	// PurposeWallet signs a wallet in to the identity JSON-RPC.
	PurposeWallet ChallengePurpose = "wallet"
)

// Challenge is a single-use SIWE nonce.
type Challenge struct {
	Nonce   string
	Purpose ChallengePurpose
	// RequestID ties the nonce to the pending request it was issued for.
	RequestID string
	// Address is the wallet expected to sign, when known in advance, or
	// zero.
	Address common.Address
	// Binding is the hash (BindingHash) of the random value in the cookie of
	// the browser that asked for the challenge, or empty for challenges that
	// are not tied to a browser. Only the hash is stored, so a database leak
	// does not let anyone answer a pending challenge.
	Binding    string
	IssuedAt   time.Time
	ExpiresAt  time.Time
	ConsumedAt time.Time
}

// ChallengeStore issues and consumes nonces.
type ChallengeStore interface {
	// CreateChallenge fails with ErrAlreadyExists when the nonce is taken.
	CreateChallenge(ctx context.Context, c Challenge) error
	// ConsumeChallenge is ConsumeBoundChallenge for challenges that are
	// not bound to a browser: a bound one fails with ErrBindingMismatch.
	ConsumeChallenge(ctx context.Context, nonce string, now time.Time) (Challenge, error)
	// ConsumeBoundChallenge marks the nonce used at now and returns it,
	// provided its stored Binding equals binding. It succeeds exactly once
	// per nonce, across goroutines and across processes sharing the
	// database. Otherwise it fails with ErrNotFound, ErrConsumed,
	// ErrExpired (ExpiresAt at or before now) or ErrBindingMismatch; a
	// mismatch leaves the nonce unconsumed, so a stranger presenting a
	// signed message costs its rightful browser nothing.
	ConsumeBoundChallenge(ctx context.Context, nonce, binding string, now time.Time) (Challenge, error)
	// DeleteExpiredChallenges removes challenges that expired before the
	// given time, consumed or not, and returns how many it removed.
	DeleteExpiredChallenges(ctx context.Context, before time.Time) (int64, error)
}
