package consent

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
)

// A signed revocation is a SIWE message with its own request id, so that
// a validation challenge can never revoke and a revocation challenge can
// never validate.
const revocationPrefix = "revoke:"

// Revoke ends a grant for its owner (logged in as owner): requested or
// active, from the access-request API or the Connect flow. Every read
// checks the grant in the store, so it takes effect on the next read on
// every node; refresh tokens of a Connect grant stop with it.
func (a *AccessRequests) Revoke(ctx context.Context, id string, owner common.Address) (store.Grant, error) {
	g, err := a.grant(ctx, id)
	if err != nil {
		return store.Grant{}, err
	}
	if err := ownedBy(g, owner); err != nil {
		return store.Grant{}, err
	}
	var out store.Grant
	err = a.Store.InTx(ctx, func(ctx context.Context) error {
		g, err := a.Store.RevokeGrant(ctx, id, a.Clock().UTC())
		switch {
		case errors.Is(err, store.ErrGrantInactive):
			return fmt.Errorf("%w: %w", ErrDecided, err)
		case err != nil:
			return err
		}
		out = g
		// A request revoked before it was answered is answered: it leaves
		// the owner's pending list.
		if _, err := a.Store.DecideAccessRequest(ctx, id, a.Clock().UTC()); err != nil &&
			!errors.Is(err, store.ErrConsumed) && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		a.audit(ctx, g, store.AuditRevocation, "owner")
		return a.Notices.Revoked(ctx, g)
	})
	if err != nil {
		return store.Grant{}, fmt.Errorf("consent: revoke %s: %w", id, err)
	}
	return out, nil
}

// RevocationChallenge issues the message a wallet of the owner signs to
// revoke grant id without a browser session.
func (a *AccessRequests) RevocationChallenge(ctx context.Context, id string, wallet common.Address) (challenge.Challenge, error) {
	g, err := a.grant(ctx, id)
	if err != nil {
		return challenge.Challenge{}, err
	}
	// Only a wallet that could sign the revocation gets a challenge, so
	// that nobody else stores challenges or learns more than that the id
	// is unknown to them.
	if err := a.holdsKey(ctx, g, wallet); errors.Is(err, ErrNotOwner) {
		return challenge.Challenge{}, ErrUnknownGrant
	} else if err != nil {
		return challenge.Challenge{}, err
	}
	return a.Challenges.Issue(ctx, challenge.Request{
		Purpose: store.PurposeAccessGrant, Domain: a.domain(), URI: a.grantURI(g.ID), Address: wallet,
		Statement: "Revoke access grant " + g.ID + ".", RequestID: revocationPrefix + g.ID,
	})
}

// RevokeSigned revokes grant id on a signed revocation challenge: the
// signer must hold a management or action key on the grant's identity.
func (a *AccessRequests) RevokeSigned(ctx context.Context, id, message, signature string) (store.Grant, error) {
	g, err := a.grant(ctx, id)
	if err != nil {
		return store.Grant{}, err
	}
	v, err := a.signed(ctx, g, revocationPrefix+g.ID, message, signature)
	if errors.Is(err, ErrDecided) {
		// A used revocation challenge is no signature for this one.
		err = fmt.Errorf("%w: the revocation challenge was already used", ErrBadSignature)
	}
	if err != nil {
		return store.Grant{}, err
	}
	if err := a.holdsKey(ctx, g, v.Address); err != nil {
		return store.Grant{}, err
	}
	return a.Revoke(ctx, id, g.Identity)
}
