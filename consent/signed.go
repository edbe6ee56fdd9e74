package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// ErrNotAsIssued refuses a signed consent whose ReCap or statement is not
// the one the server issued. It is always wrapped in ErrBadSignature.
var ErrNotAsIssued = errors.New("consent: the signed message does not say what was issued")

// Issued is what a consent message said when the server issued it, and so
// what its signed copy must say.
type Issued struct {
	Purpose   store.ChallengePurpose
	Domain    string // the server's host
	URI       string // who receives the rights
	RequestID string // the authorization request or the grant
	// Address, when set, is the only wallet that may sign.
	Address *common.Address
	// Identity is the identity whose rights are shared; the signer must
	// hold MANAGEMENT or ACTION purpose on it.
	Identity common.Address
	// ReCap lists exactly the shown abilities against one resource.
	ReCap challenge.ReCap
	// Statement is the sentence as issued, ReCap sentence included.
	Statement string
}

// SignedConsent is the one rule of a signed consent, for the Connect flow's
// /consent and for the access-request API's validations. It holds when:
//
//  1. the message is a SIWE message for want's domain, uri and request id,
//     not expired, signed by the wallet (ERC-1271 for contracts), and its
//     nonce is fresh: Verify consumes it, so a signature counts once;
//  2. its ReCap names exactly one resource and exactly the shown abilities;
//  3. its statement is the one issued, word for word: whoever relays the
//     message cannot reword who receives the rights;
//  4. the signer holds MANAGEMENT (1) or ACTION (2) purpose on the identity.
//
// Errors wrap ErrChallengeExpired, ErrDecided (the nonce was used),
// ErrBadSignature (with ErrNotAsIssued for 2 and 3) or ErrNotOwner, each
// around the challenge or identity sentinel behind it.
func SignedConsent(ctx context.Context, ch Challenger, dir identity.Directory, message, signature string, want Issued) (challenge.Verified, error) {
	v, err := ch.Verify(ctx, message, signature, challenge.Expect{
		Purpose: want.Purpose, Domain: want.Domain, URI: want.URI, RequestID: want.RequestID, Address: want.Address,
	})
	switch {
	case errors.Is(err, challenge.ErrExpired):
		return v, fmt.Errorf("%w: %w", ErrChallengeExpired, err)
	case errors.Is(err, challenge.ErrNonce):
		return v, fmt.Errorf("%w: %w", ErrDecided, err)
	case errors.Is(err, challenge.ErrMalformed), errors.Is(err, challenge.ErrMismatch), errors.Is(err, challenge.ErrSignature):
		return v, fmt.Errorf("%w: %w", ErrBadSignature, err)
	case err != nil:
		return v, err
	}
	resources := want.ReCap.Resources()
	if len(resources) != 1 || v.ReCap == nil || len(v.ReCap.Resources()) != 1 ||
		!slices.Equal(v.ReCap.Abilities(resources[0]), want.ReCap.Abilities(resources[0])) {
		return v, fmt.Errorf("%w: %w: the ReCap does not list exactly the shown items", ErrBadSignature, ErrNotAsIssued)
	}
	if st := v.Message.GetStatement(); st == nil || *st != want.Statement {
		return v, fmt.Errorf("%w: %w: the statement is not the one issued", ErrBadSignature, ErrNotAsIssued)
	}
	err = identity.RequirePurpose(ctx, dir, want.Identity, v.Address, identity.PurposeManagement, identity.PurposeAction)
	if errors.Is(err, identity.ErrMissingPurpose) {
		return v, fmt.Errorf("%w: the wallet holds no management or action key on the identity: %w", ErrNotOwner, err)
	}
	return v, err
}

// ConsentStatement is the sentence of a consent message: who receives the
// rights, then the ReCap's own sentence. Both flows issue it and
// SignedConsent expects it back.
func ConsentStatement(recap challenge.ReCap, clientName string) string {
	return recap.Extend("Share with " + clientName + ".")
}
