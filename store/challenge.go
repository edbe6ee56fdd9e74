package store

import (
	"context"
	"time"
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
)

// Challenge is a single-use SIWE nonce.
type Challenge struct {
	Nonce   string
	Purpose ChallengePurpose
	// RequestID ties the nonce to the pending request it was issued for.
	RequestID string
	// Address is the wallet expected to sign, when known in advance.
	Address    string
	IssuedAt   time.Time
	ExpiresAt  time.Time
	ConsumedAt time.Time
}

// ChallengeStore issues and consumes nonces.
type ChallengeStore interface {
	// CreateChallenge fails with ErrAlreadyExists when the nonce is taken.
	CreateChallenge(ctx context.Context, c Challenge) error
	// ConsumeChallenge marks the nonce used at now and returns it. It
	// succeeds exactly once per nonce, across goroutines and across
	// processes sharing the database. Otherwise it fails with ErrNotFound,
	// ErrConsumed, or ErrExpired (ExpiresAt at or before now).
	ConsumeChallenge(ctx context.Context, nonce string, now time.Time) (Challenge, error)
	// DeleteExpiredChallenges removes challenges that expired before the
	// given time, consumed or not, and returns how many it removed.
	DeleteExpiredChallenges(ctx context.Context, before time.Time) (int64, error)
}
