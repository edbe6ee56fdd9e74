package store

import (
	"errors"
	"fmt"
)

// Sentinel errors returned by every backend. Backends wrap them with %w and
// context, so compare with errors.Is.
var (
	// ErrNotFound means no record has the requested key.
	ErrNotFound = errors.New("store: not found")
	// ErrAlreadyExists means a record with the same key is already stored.
	ErrAlreadyExists = errors.New("store: already exists")
	// ErrConsumed means a single-use record (a challenge nonce, an access
	// request decision) was already used.
	ErrConsumed = errors.New("store: already consumed")
	// ErrBindingMismatch means a record bound to one browser (a login
	// challenge, an authorization request) was presented by another.
	ErrBindingMismatch = errors.New("store: bound to another browser")
	// ErrLimitReached means a counted budget (onboardings a day) is spent.
	ErrLimitReached = errors.New("store: limit reached")
	// ErrExpired means the record's expiry is at or before the given time.
	ErrExpired = errors.New("store: expired")
	// ErrUnavailable means the database cannot be reached, opened, or is
	// locked or busy beyond the configured timeout. It is worth retrying
	// later; the wrapped message names the backend, never a password.
	ErrUnavailable = errors.New("store: database unavailable")
	// ErrSealBroken means sealed data failed authentication: it was
	// tampered with, or opened with the wrong key or associated data.
	ErrSealBroken = errors.New("store: sealed data cannot be opened")
)

// ErrGrantInactive means the grant cannot be used: it is the one error
// every surface (resource reads, /userinfo, token refresh, revocation,
// minting) tests with errors.Is. The reasons below wrap it, for the
// surfaces that say why (audit details, the access-request API's state).
var ErrGrantInactive = errors.New("store: grant cannot be used")

// Why a grant cannot be used. Each wraps ErrGrantInactive.
var (
	// ErrGrantUsed means an immediate grant has already served its one read.
	ErrGrantUsed = fmt.Errorf("%w: already used", ErrGrantInactive)
	// ErrGrantRevoked means the grant was revoked by its owner.
	ErrGrantRevoked = fmt.Errorf("%w: revoked", ErrGrantInactive)
	// ErrGrantNotActivated means the grant was never activated (requested)
	// or was denied.
	ErrGrantNotActivated = fmt.Errorf("%w: never activated, or denied", ErrGrantInactive)
	// ErrGrantExpired means the grant's time ran out. It also wraps
	// ErrExpired.
	ErrGrantExpired = fmt.Errorf("%w: %w", ErrGrantInactive, ErrExpired)
)

// ErrNoTx means Commit or Rollback was given a context that carries no
// transaction of this store.
var ErrNoTx = errors.New("store: no transaction in context")

// ErrInvalidCursor means a page cursor was not produced by this store.
var ErrInvalidCursor = errors.New("store: invalid page cursor")
