package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// GrantKind says how often a grant may be used.
type GrantKind string

// Grant kinds.
const (
	// GrantImmediate allows exactly one resource read.
	GrantImmediate GrantKind = "immediate"
	// GrantPersistent allows reads until the owner revokes it or it expires.
	GrantPersistent GrantKind = "persistent"
)

// GrantState is a grant's lifecycle state.
type GrantState string

// Grant states.
const (
	GrantRequested GrantState = "requested"
	GrantActive    GrantState = "active"
	GrantUsed      GrantState = "used"
	GrantDenied    GrantState = "denied"
	GrantRevoked   GrantState = "revoked"
	GrantExpired   GrantState = "expired"
)

// Grant records rights an identity owner gave a client, with the signed
// consent that proves it.
type Grant struct {
	ID       string
	Kind     GrantKind
	State    GrantState
	Identity common.Address
	ChainID  int64
	Wallet   common.Address
	ClientID string
	Scopes   []string
	// Resource and Fields describe an access-request grant's target.
	Resource    string
	Fields      []string
	Purpose     string
	CallbackURL string
	// ConsentMessage is the exact signed text; ConsentSignature the
	// wallet's 0x-hex signature; ConsentHash the 0x-hex EIP-191 hash that
	// grant tokens carry.
	ConsentMessage   string
	ConsentSignature string
	ConsentHash      string
	CreatedAt        time.Time
	ActivatedAt      time.Time
	// ExpiresAt zero means the grant does not expire by time.
	ExpiresAt  time.Time
	UsedAt     time.Time
	RevokedAt  time.Time
	LastUsedAt time.Time
	UsageCount int64
}

// Usable is UseGrant's rule: nil when g is active and not expired at at,
// else the error UseGrant fails with, which wraps ErrGrantInactive:
// ErrGrantUsed, ErrGrantRevoked, ErrGrantExpired or ErrGrantNotActivated.
func (g Grant) Usable(at time.Time) error {
	switch g.State {
	case GrantActive:
		if !g.ExpiresAt.IsZero() && !g.ExpiresAt.After(at) {
			return ErrGrantExpired
		}
		return nil
	case GrantUsed:
		return ErrGrantUsed
	case GrantRevoked:
		return ErrGrantRevoked
	case GrantExpired:
		return ErrGrantExpired
	}
	return ErrGrantNotActivated
}

// GrantStatus is the part of a grant that decides whether it may be read:
// what a resource read checks on every request, without the signed
// consent and the lists a full Grant carries.
type GrantStatus struct {
	ID        string
	Kind      GrantKind
	State     GrantState
	Identity  common.Address
	ClientID  string
	ExpiresAt time.Time // zero: no expiry by time
	// TokenRevoked tells whether the access token GetGrantStatus was asked
	// about was revoked on its own (RFC 7009), its grant staying active.
	TokenRevoked bool
	// Profile is the identity's sealed profile, when GetGrantStatus was
	// asked for it and one is stored.
	Profile *Profile
}

// StatusQuery asks GetGrantStatus for more than the grant's status, in the
// same read: a resource read then costs one round trip.
type StatusQuery struct {
	// AccessTokenHash, when not empty, asks whether the access token
	// stored under this signature (kind TokenAccess) was revoked.
	AccessTokenHash string
	// Profile asks for the sealed profile of the grant's identity.
	Profile bool
}

// GrantUsage is one successful resource read under a grant. ID is assigned
// by the store.
type GrantUsage struct {
	ID       int64
	GrantID  string
	At       time.Time
	Resource string
	Fields   []string
	ClientID string
}

// GrantFilter selects grants for ListGrants. Empty fields match anything.
type GrantFilter struct {
	// Identity zero matches any identity.
	Identity common.Address
	ClientID string
	State    GrantState
	// Cursor is the next value returned by the previous page, or empty.
	Cursor string
	Limit  int
}

// GrantStore keeps grants and their usage log.
type GrantStore interface {
	CreateGrant(ctx context.Context, g Grant) error
	GetGrant(ctx context.Context, id string) (Grant, error)
	// GetGrantStatus reads only a grant's GrantStatus, for the per-read
	// check, with what q asks for. Errors: ErrNotFound.
	GetGrantStatus(ctx context.Context, id string, q StatusQuery) (GrantStatus, error)
	// UpdateGrant runs fn on the stored grant inside one transaction, with
	// the row locked, and stores its result. The ID cannot change.
	UpdateGrant(ctx context.Context, id string, fn func(Grant) (Grant, error)) (Grant, error)
	// ListGrants returns grants newest first, and a cursor for the next
	// page, empty on the last one.
	ListGrants(ctx context.Context, f GrantFilter) ([]Grant, string, error)
	// UseGrant atomically records one read at u.At. The grant must be
	// active and not expired at u.At. An immediate grant becomes used, so
	// that of concurrent calls exactly one succeeds; a persistent grant
	// counts the use. The usage row is written in the same transaction.
	// Errors: ErrNotFound, or ErrGrantInactive wrapped by its reason
	// (Usable).
	UseGrant(ctx context.Context, id string, u GrantUsage) (Grant, error)
	// RecordGrantUsage appends reads that were already allowed, by a check
	// of the grant made when each was served, to the usage log, and adds
	// them to their grants' usage counts and last-use times, all in one
	// transaction. Unlike UseGrant it checks no state: a read allowed just
	// before its grant was revoked is still logged. It is how reads of
	// persistent grants are recorded in batches. A u.ID is ignored. Errors:
	// ErrNotFound when a grant does not exist, and then nothing is recorded.
	RecordGrantUsage(ctx context.Context, us []GrantUsage) error
	// RecordJournaledUsage moves rows of a node's local usage journal into
	// the usage log: in one transaction it records, as RecordGrantUsage
	// does, the rows whose grant still exists (a grant deleted since its
	// read takes its rows with it) and raises the journal's mark to seq,
	// the journal's sequence number of the last row. A replay after a
	// crash skips the rows at or below the mark, so each row is recorded
	// once. A mark never moves back.
	RecordJournaledUsage(ctx context.Context, journal string, seq uint64, us []GrantUsage) error
	// UsageJournalMark returns the journal's mark, 0 for a journal never
	// recorded.
	UsageJournalMark(ctx context.Context, journal string) (uint64, error)
	// RevokeGrant moves a requested or active grant to revoked. Otherwise
	// it fails with ErrGrantInactive, wrapped by its reason (Usable).
	RevokeGrant(ctx context.Context, id string, at time.Time) (Grant, error)
	// ListGrantUsage returns a grant's reads newest first.
	ListGrantUsage(ctx context.Context, grantID, cursor string, limit int) ([]GrantUsage, string, error)
}

// AccessRequest is a request made through the access-request REST API,
// waiting for the owner's signature.
type AccessRequest struct {
	ID          string
	GrantID     string
	ClientID    string
	Identity    common.Address
	Resource    string
	Fields      []string
	Kind        GrantKind
	Purpose     string
	CallbackURL string
	// ChallengeMessage is the SIWE text the owner must sign; its nonce is
	// ChallengeNonce.
	ChallengeMessage string
	ChallengeNonce   string
	CreatedAt        time.Time
	ExpiresAt        time.Time
	DecidedAt        time.Time
}

// AccessRequestStore keeps access requests.
type AccessRequestStore interface {
	CreateAccessRequest(ctx context.Context, r AccessRequest) error
	GetAccessRequest(ctx context.Context, id string) (AccessRequest, error)
	// ListPendingAccessRequests returns the identity's undecided requests,
	// newest first, including expired ones so the owner can see them.
	ListPendingAccessRequests(ctx context.Context, identity common.Address, cursor string, limit int) ([]AccessRequest, string, error)
	// DecideAccessRequest records the owner's decision time. It succeeds
	// once; later calls fail with ErrConsumed.
	DecideAccessRequest(ctx context.Context, id string, at time.Time) (AccessRequest, error)
}
