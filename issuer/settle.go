package issuer

import (
	"bytes"
	"context"
	"errors"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Settle brings the stored claims of subject in line with the chain: a
// ready claim that the owner's wallet added is marked added, and every
// older claim of this issuer on the topic that it replaced is revoked and
// marked replaced. It works from what is stored and on the chain each
// time, so a run that failed half-way is finished by the next. The
// dashboard calls it when the owner's transaction is mined.
func (d *Desk) Settle(ctx context.Context, subject common.Address) error {
	claims, err := d.cfg.Store.ListIssuedClaims(ctx, subject)
	if err != nil {
		return err
	}
	topics := map[uint64]bool{}
	for _, r := range claims {
		if r.Issuer == d.cfg.Issuer && (r.State == store.IssuedReady || r.State == store.IssuedAdded) {
			topics[r.Topic] = true
		}
	}
	added := false
	for topic := range topics {
		newly, err := d.settleTopic(ctx, subject, topic, claims)
		if err != nil {
			return err
		}
		added = added || newly
	}
	if added && d.cfg.Registrar != nil {
		// Registration follows the claims; it does not hold them back.
		_, _ = d.cfg.Registrar.Register(ctx, subject)
	}
	return nil
}

// settleTopic is Settle for one topic, and reports whether a ready claim
// was found on the identity.
func (d *Desk) settleTopic(ctx context.Context, subject common.Address, topic uint64, claims []store.IssuedClaim) (bool, error) {
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	got, err := d.cfg.Chain.Claim(ctx, subject, identity.ClaimID(d.cfg.Issuer, topic))
	if err != nil {
		return false, chainErr("read the claim", err)
	}
	var current *store.IssuedClaim
	for i, r := range claims {
		if r.Issuer == d.cfg.Issuer && r.Topic == topic && got.Issuer == d.cfg.Issuer && bytes.Equal(r.Signature, got.Signature) {
			current = &claims[i]
		}
	}
	if current == nil {
		return false, nil // the identity holds none of ours, or one signed elsewhere
	}
	newly := false
	if current.State == store.IssuedReady {
		if err := d.cfg.Store.MoveIssuedClaim(ctx, current.ID, []store.IssuedClaimState{store.IssuedReady}, store.IssuedAdded, common.Hash{}); err != nil && !errors.Is(err, store.ErrConsumed) {
			return false, err
		}
		newly = true
	}
	for _, old := range claims {
		if old.ID == current.ID || old.Issuer != d.cfg.Issuer || old.Topic != topic || old.State != store.IssuedAdded || !old.IssuedAt.Before(current.IssuedAt) {
			continue
		}
		tx, err := d.send(ctx, "revoke the replaced claim", d.cfg.Issuer, claimissuer.NewClaimIssuer().PackRevokeClaimBySignature(old.Signature))
		if err != nil && !(errors.Is(err, ErrRefused) && d.revokedOnChain(ctx, old.Signature)) {
			return newly, err
		}
		if err := d.cfg.Store.MoveIssuedClaim(ctx, old.ID, []store.IssuedClaimState{store.IssuedAdded}, store.IssuedReplaced, tx); err != nil && !errors.Is(err, store.ErrConsumed) {
			return newly, err
		}
	}
	return newly, nil
}
