package issuer

import (
	"errors"
	"fmt"

	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
)

// Errors of the issuer's flows. Each surface maps them to its own answer
// (a JSON-RPC error code, an HTTP status); the wrapped message says which
// field or which claim, in words an owner or a reviewer can act on.
var (
	// ErrTopic refuses a topic that is not in the catalogue.
	ErrTopic = errors.New("issuer: topic is not in the catalogue")
	// ErrApplication refuses an application that does not match its
	// topic's form: a missing or ill-typed field, a document of a type the
	// topic does not accept, or one over the size limits.
	ErrApplication = errors.New("issuer: application does not match the topic's form")
	// ErrDecided refuses a second decision on an application.
	ErrDecided = errors.New("issuer: application already decided")
	// ErrNotLater refuses a claim that would end no later than the one the
	// identity already holds from this issuer on the topic: it would
	// replace it with a shorter one.
	ErrNotLater = errors.New("issuer: the identity already holds a claim of this issuer on the topic that ends as late or later")
	// ErrPending refuses an application while the identity's previous one
	// for the topic waits for review.
	ErrPending = errors.New("issuer: an application for this topic is already waiting for review")
	// ErrNotFound means no such application, or no claim of this issuer
	// on the identity for the topic.
	ErrNotFound = errors.New("issuer: not found")
	// ErrHeld refuses to issue, renew or approve a claim on a topic that
	// a standing screening hit holds for the identity, until a reviewer
	// clears the hit.
	ErrHeld = errors.New("issuer: a screening hit holds this topic for the identity")
	// ErrNotReviewer refuses a wallet that holds no CLAIM (3) key on the
	// issuer identity.
	ErrNotReviewer = errors.New("issuer: wallet is not a reviewer of this issuer")
	// ErrRefused means the chain refused the transaction (it reverted):
	// the claim is already revoked, the identity does not accept claims
	// from this issuer, or the issuer's keys are not set up.
	ErrRefused = errors.New("issuer: the chain refused the transaction")
)

// chainErr tells a transaction the chain refused from a chain that did
// not answer.
func chainErr(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, contracts.ErrTxFailed) || identity.Reverted(err):
		return fmt.Errorf("%w: %s: %v", ErrRefused, op, err)
	case errors.Is(err, identity.ErrChainUnavailable):
		return fmt.Errorf("issuer: %s: %w", op, err)
	}
	var answered gethrpc.Error
	if errors.As(err, &answered) {
		// The node answered, and refused for a reason of its own (no
		// funds for gas, a nonce taken): not an outage, and not for the
		// caller to fix. It stays an internal error, logged where it ends.
		return fmt.Errorf("issuer: %s: the node refused the transaction: %w", op, err)
	}
	return fmt.Errorf("issuer: %s: %w: %w", op, identity.ErrChainUnavailable, err)
}
