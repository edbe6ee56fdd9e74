package store

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// ApplicationState is where a claim application stands.
type ApplicationState string

// The states of an application. A pending application gets exactly one
// decision.
const (
	ApplicationPending  ApplicationState = "pending"
	ApplicationApproved ApplicationState = "approved"
	ApplicationRejected ApplicationState = "rejected"
)

// Application is an owner's application to an issuer for a claim topic.
// Its fields and documents are personal data: the store only ever sees
// them sealed (WrappedKey and Ciphertext, opened with the identity's
// "application:<id>" associated data) and BundleHash, the SHA-256 of
// WrappedKey ‖ Ciphertext that the issued claim's documentHash commits to.
type Application struct {
	ID          string
	Issuer      common.Address
	Identity    common.Address
	Topic       uint64
	State       ApplicationState
	SubmittedAt time.Time
	ReviewedAt  time.Time      // zero while pending
	Reviewer    common.Address // the wallet that decided
	Reason      string         // why it was rejected, or a reviewer's note
	ClaimID     common.Hash    // the claim an approval issued
	BundleHash  common.Hash
	BundleSize  int64 // bytes of the sealed bundle
	WrappedKey  []byte
	Ciphertext  []byte // read only by GetApplication
}

// ApplicationDecision is a reviewer's decision on a pending application.
type ApplicationDecision struct {
	State    ApplicationState // approved or rejected
	Reviewer common.Address
	Reason   string
	ClaimID  common.Hash
	At       time.Time
}

// ApplicationQuery selects applications; empty members select all. Pages
// run oldest first, the order of a review queue, or newest first.
type ApplicationQuery struct {
	Issuer   common.Address
	Identity common.Address
	State    ApplicationState
	Newest   bool
	Cursor   string
	Limit    int
}

// ApplicationStore keeps claim applications.
type ApplicationStore interface {
	// CreateApplication stores a new application. An identity has at most
	// one pending application per issuer and topic: a second one fails
	// with ErrAlreadyExists.
	CreateApplication(ctx context.Context, a Application) error
	// GetApplication returns the application with its sealed bundle.
	GetApplication(ctx context.Context, id string) (Application, error)
	// ListApplications returns a page of applications without their
	// sealed bundles, and the cursor of the next page ("" at the end).
	ListApplications(ctx context.Context, q ApplicationQuery) ([]Application, string, error)
	// DecideApplication records the one decision on a pending
	// application and returns it decided. An application that was
	// already decided fails with ErrConsumed, whoever decided first.
	DecideApplication(ctx context.Context, id string, d ApplicationDecision) (Application, error)
}

// IssuedClaimState is where a claim the server signed stands.
type IssuedClaimState string

// The states of an issued claim.
const (
	// IssuedReady is signed but not on the identity yet: the owner's
	// wallet adds it, or the server does once it can.
	IssuedReady IssuedClaimState = "ready"
	// IssuedAdded is on the identity.
	IssuedAdded IssuedClaimState = "added"
	// IssuedReplaced was renewed: the newer claim took its claim id, and
	// its signature is revoked.
	IssuedReplaced IssuedClaimState = "replaced"
	// IssuedRevoked has its signature revoked on the issuer.
	IssuedRevoked IssuedClaimState = "revoked"
)

// IssuedClaim is a claim the server signed as an issuer. Everything in
// it also goes on the chain, so none of it is personal data.
type IssuedClaim struct {
	ID            string
	Issuer        common.Address
	Identity      common.Address
	Topic         uint64
	ClaimID       common.Hash
	Signature     []byte
	Data          []byte
	ValidFrom     time.Time
	ValidUntil    time.Time
	DocumentHash  common.Hash
	State         IssuedClaimState
	TxHash        common.Hash // the transaction that added, replaced or revoked it
	ApplicationID string      // empty for a claim issued without an application
	IssuedAt      time.Time
	NoticeAt      time.Time // when the owner was told it is about to lapse
}

// IssuedClaimStore keeps the claims the server signed.
type IssuedClaimStore interface {
	PutIssuedClaim(ctx context.Context, c IssuedClaim) error
	GetIssuedClaim(ctx context.Context, id string) (IssuedClaim, error)
	// CurrentIssuedClaim returns the newest ready or added claim of
	// issuer about identity on topic.
	CurrentIssuedClaim(ctx context.Context, issuer, identity common.Address, topic uint64) (IssuedClaim, error)
	// MoveIssuedClaim moves a claim that is in one of the states from to
	// the state to, with the transaction that did it. A claim in another
	// state fails with ErrConsumed.
	MoveIssuedClaim(ctx context.Context, id string, from []IssuedClaimState, to IssuedClaimState, tx common.Hash) error
	// ListIssuedClaims returns every claim issued about identity, newest
	// first.
	ListIssuedClaims(ctx context.Context, identity common.Address) ([]IssuedClaim, error)
	// ExpiringIssuedClaims returns up to limit ready or added claims that
	// lapse before the given time and whose owner was not told yet,
	// soonest first.
	ExpiringIssuedClaims(ctx context.Context, before time.Time, limit int) ([]IssuedClaim, error)
	// MarkExpiryNotice records that the owner was told; a second mark
	// fails with ErrConsumed.
	MarkExpiryNotice(ctx context.Context, id string, at time.Time) error
}
