package issuer

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Revoke revokes this issuer's claim on the identity for the topic with
// revokeClaimBySignature: the one on the identity, and every copy the desk
// signed that is ready or added (a claim waiting for the owner's wallet, a
// renewal not settled yet), so that none can be added back. It refuses
// when nothing of this issuer on the topic is left to revoke.
func (d *Desk) Revoke(ctx context.Context, subject common.Address, topic uint64) (store.IssuedClaim, common.Hash, error) {
	if _, ok := d.cfg.Topics[topic]; !ok {
		return store.IssuedClaim{}, common.Hash{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	ctx, cancel := chainContext(ctx)
	defer cancel()
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	var sigs [][]byte
	add := func(sig []byte) {
		for _, s := range sigs {
			if bytes.Equal(s, sig) {
				return
			}
		}
		sigs = append(sigs, sig)
	}
	j, err := d.onChain(ctx, subject, topic)
	switch {
	case err == nil && j.State != identity.StateRevoked:
		add(j.Signature)
	case err != nil && !errors.Is(err, ErrNotFound):
		return store.IssuedClaim{}, common.Hash{}, err
	}
	claims, err := d.cfg.Store.ListIssuedClaims(ctx, subject)
	if err != nil {
		return store.IssuedClaim{}, common.Hash{}, err
	}
	for _, r := range claims {
		if r.Issuer == d.cfg.Issuer && r.Topic == topic && (r.State == store.IssuedReady || r.State == store.IssuedAdded) {
			add(r.Signature)
		}
	}
	if len(sigs) == 0 {
		if err == nil {
			return store.IssuedClaim{}, common.Hash{}, fmt.Errorf("%w: the claim on topic %d is already revoked", ErrRefused, topic)
		}
		return store.IssuedClaim{}, common.Hash{}, fmt.Errorf("%w: identity %s holds no claim of %s on topic %d", ErrNotFound, subject.Hex(), d.cfg.Issuer.Hex(), topic)
	}
	rec := store.IssuedClaim{Issuer: d.cfg.Issuer, Identity: subject, Topic: topic, ClaimID: identity.ClaimID(d.cfg.Issuer, topic), State: store.IssuedRevoked}
	for _, sig := range sigs {
		tx, err := d.send(ctx, "revoke claim", d.cfg.Issuer, claimissuer.NewClaimIssuer().PackRevokeClaimBySignature(sig))
		if err != nil && !(errors.Is(err, ErrRefused) && d.revokedOnChain(ctx, sig)) {
			return rec, rec.TxHash, err
		}
		if rec.TxHash == (common.Hash{}) { // the first: the claim on the identity, if any
			rec.Signature, rec.TxHash = sig, tx
		}
		for _, r := range claims {
			if !bytes.Equal(r.Signature, sig) {
				continue
			}
			if err := d.cfg.Store.MoveIssuedClaim(ctx, r.ID, []store.IssuedClaimState{store.IssuedReady, store.IssuedAdded}, store.IssuedRevoked, tx); err != nil && !errors.Is(err, store.ErrConsumed) {
				return rec, tx, err
			}
			if bytes.Equal(sig, sigs[0]) {
				rec, rec.State, rec.TxHash = r, store.IssuedRevoked, tx
			}
		}
	}
	return rec, rec.TxHash, nil
}

// revokedOnChain reports whether the issuer has revoked sig (a revoke that
// the chain refused because another did it first).
func (d *Desk) revokedOnChain(ctx context.Context, sig []byte) bool {
	ci := claimissuer.NewClaimIssuer()
	out, err := d.cfg.Sender.Backend.CallContract(ctx, ethereum.CallMsg{To: &d.cfg.Issuer, Data: ci.PackIsClaimRevoked(sig)}, nil)
	if err != nil {
		return false
	}
	revoked, err := ci.UnpackIsClaimRevoked(out)
	return err == nil && revoked
}
