package consent

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// StateOf is a grant's state as its owner and service see it now: a
// request or an immediate grant past its expiry reads as expired before
// anything writes that down.
func StateOf(g store.Grant, now time.Time) store.GrantState {
	if (g.State == store.GrantRequested || g.State == store.GrantActive) && !g.ExpiresAt.IsZero() && !now.Before(g.ExpiresAt) {
		return store.GrantExpired
	}
	return g.State
}

// Challenge issues a fresh validation challenge of a requested grant for
// wallet: the owner approving later, from the dashboard, signs with the
// wallet they are logged in with rather than the one the first challenge
// named. owner must be the grant's identity.
func (a *AccessRequests) Challenge(ctx context.Context, id string, owner, wallet common.Address) (challenge.Challenge, error) {
	g, err := a.pending(ctx, id)
	if err != nil {
		return challenge.Challenge{}, err
	}
	if err := ownedBy(g, owner); err != nil {
		return challenge.Challenge{}, err
	}
	client, err := a.Store.GetClient(ctx, g.ClientID)
	if err != nil {
		return challenge.Challenge{}, fmt.Errorf("consent: access request: client: %w", err)
	}
	return a.issue(ctx, g, client.Name, wallet)
}

// Validate activates a requested grant with the owner's signature of one
// of its challenges (message; empty means the one issued with the
// request). The signature must be by a wallet holding a management or
// action key on the identity, over a fresh challenge of this grant whose
// ReCap lists exactly the grant's rights. It succeeds once.
func (a *AccessRequests) Validate(ctx context.Context, id, message, signature string) (store.Grant, error) {
	g, err := a.pending(ctx, id)
	if err != nil {
		return store.Grant{}, err
	}
	if message == "" {
		req, err := a.Store.GetAccessRequest(ctx, id)
		if err != nil {
			return store.Grant{}, fmt.Errorf("consent: access request: %w", err)
		}
		message = req.ChallengeMessage
	}
	v, err := a.verify(ctx, g, message, signature)
	if err != nil {
		return store.Grant{}, err
	}
	return a.decide(ctx, id, func(g store.Grant, now time.Time) store.Grant {
		g.State, g.ActivatedAt = store.GrantActive, now
		g.Wallet, g.ConsentMessage, g.ConsentSignature, g.ConsentHash = v.Address, message, signature, v.Hash.Hex()
		g.ExpiresAt = time.Time{}
		if g.Kind == store.GrantImmediate {
			g.ExpiresAt = now.Add(a.immediateTTL())
		}
		return g
	})
}

// verify checks a signed validation challenge of g with the one
// signed-consent rule: a fresh challenge of this grant, exactly its ReCap
// and statement, by a key of the identity.
func (a *AccessRequests) verify(ctx context.Context, g store.Grant, message, signature string) (challenge.Verified, error) {
	client, err := a.Store.GetClient(ctx, g.ClientID)
	if err != nil {
		return challenge.Verified{}, fmt.Errorf("consent: access request: client: %w", err)
	}
	return SignedConsent(ctx, a.Challenges, a.Directory, message, signature, Issued{
		Purpose: store.PurposeAccessGrant, Domain: a.domain(), URI: a.grantURI(g.ID), RequestID: g.ID,
		Identity: g.Identity, ReCap: a.recap(g), Statement: a.statement(g, client.Name),
	})
}

// signed verifies a message signed for grant g under requestID (the
// grant's id, or its revocation's), consuming its nonce.
func (a *AccessRequests) signed(ctx context.Context, g store.Grant, requestID, message, signature string) (challenge.Verified, error) {
	v, err := a.Challenges.Verify(ctx, message, signature, challenge.Expect{
		Purpose: store.PurposeAccessGrant, Domain: a.domain(), URI: a.grantURI(g.ID), RequestID: requestID,
	})
	switch {
	case errors.Is(err, challenge.ErrExpired):
		return v, fmt.Errorf("%w: %w", ErrChallengeExpired, err)
	case errors.Is(err, challenge.ErrNonce):
		// The one signature of this challenge was already used.
		return v, fmt.Errorf("%w: %w", ErrDecided, err)
	case errors.Is(err, challenge.ErrMalformed), errors.Is(err, challenge.ErrMismatch), errors.Is(err, challenge.ErrSignature):
		return v, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return v, err
}

// holdsKey refuses a wallet without a management or action key on g's
// identity.
func (a *AccessRequests) holdsKey(ctx context.Context, g store.Grant, wallet common.Address) error {
	err := identity.RequirePurpose(ctx, a.Directory, g.Identity, wallet, identity.PurposeManagement, identity.PurposeAction)
	if errors.Is(err, identity.ErrMissingPurpose) {
		return fmt.Errorf("%w: the wallet holds no management or action key on the identity", ErrNotOwner)
	}
	return err
}

// grant reads grant id, ErrUnknownGrant when there is none.
func (a *AccessRequests) grant(ctx context.Context, id string) (store.Grant, error) {
	g, err := a.Store.GetGrant(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Grant{}, ErrUnknownGrant
	}
	return g, err
}

// Deny records the owner's refusal of a requested grant.
func (a *AccessRequests) Deny(ctx context.Context, id string, owner common.Address) (store.Grant, error) {
	g, err := a.pending(ctx, id)
	if err != nil {
		return store.Grant{}, err
	}
	if err := ownedBy(g, owner); err != nil {
		return store.Grant{}, err
	}
	return a.decide(ctx, id, func(g store.Grant, _ time.Time) store.Grant {
		g.State = store.GrantDenied
		return g
	})
}

// decide records the decision on a requested grant once, in one
// transaction with the notice to the service: of concurrent deciders only
// the first succeeds, the others get ErrDecided.
func (a *AccessRequests) decide(ctx context.Context, id string, change func(store.Grant, time.Time) store.Grant) (store.Grant, error) {
	now := a.Clock().UTC()
	var out store.Grant
	err := a.Store.InTx(ctx, func(ctx context.Context) error {
		if _, err := a.Store.DecideAccessRequest(ctx, id, now); err != nil {
			if errors.Is(err, store.ErrConsumed) {
				return ErrDecided
			}
			return err
		}
		g, err := a.Store.UpdateGrant(ctx, id, func(g store.Grant) (store.Grant, error) {
			if StateOf(g, now) != store.GrantRequested {
				return g, fmt.Errorf("%w: it is %s", ErrDecided, StateOf(g, now))
			}
			return change(g, now), nil
		})
		if err != nil {
			return err
		}
		out = g
		a.audit(ctx, g, store.AuditConsent, string(g.State))
		return a.Notices.Decided(ctx, g)
	})
	if err != nil {
		return store.Grant{}, fmt.Errorf("consent: access request %s: %w", id, err)
	}
	return out, nil
}

// pending reads a grant that still waits for its owner's decision.
func (a *AccessRequests) pending(ctx context.Context, id string) (store.Grant, error) {
	g, err := a.grant(ctx, id)
	if err != nil {
		return store.Grant{}, err
	}
	switch st := StateOf(g, a.Clock()); {
	case g.State == store.GrantRequested && st == store.GrantExpired:
		return store.Grant{}, ErrRequestExpired
	case st != store.GrantRequested:
		return store.Grant{}, fmt.Errorf("%w: it is %s", ErrDecided, st)
	}
	return g, nil
}

// ownedBy refuses anyone but the grant's identity.
func ownedBy(g store.Grant, owner common.Address) error {
	if g.Identity != owner {
		return ErrNotOwner
	}
	return nil
}

func (a *AccessRequests) audit(ctx context.Context, g store.Grant, kind store.AuditKind, detail string) {
	_, _ = a.Store.AppendAuditEvent(ctx, store.AuditEvent{At: a.Clock().UTC(), Kind: kind, Actor: g.Identity.Hex(),
		Identity: g.Identity, ClientID: g.ClientID, GrantID: g.ID, Detail: detail})
}
