package issuer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/claimrenewal"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Issue signs a claim about subject on topic and puts it on the identity:
// through the issuer's execute when the issuer holds a CLAIM key on the
// subject, otherwise it is stored as ready and returned with the addClaim
// call for the owner's wallet. An identity that already holds this
// issuer's claim on the topic gets a renewal instead, so that the older
// signature is revoked as the new one replaces it.
func (d *Desk) Issue(ctx context.Context, subject common.Address, topic uint64, opt IssueOptions) (Issued, error) {
	ctx, cancel := chainContext(ctx)
	defer cancel()
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	p, err := d.plan(ctx, subject, topic, opt)
	if err != nil {
		return Issued{}, err
	}
	if err := d.cfg.Store.PutIssuedClaim(ctx, p.record); err != nil {
		return Issued{}, fmt.Errorf("issuer: store claim: %w", err)
	}
	return d.land(ctx, p)
}

// planned is a signed claim, its ready record, and how it goes on the
// chain when the issuer may add it.
type planned struct {
	claim  Claim
	record store.IssuedClaim
	send   func(context.Context) (common.Hash, error)
}

// plan signs a new claim, or a renewal where the identity already holds
// an unrevoked claim of this issuer on the topic.
func (d *Desk) plan(ctx context.Context, subject common.Address, topic uint64, opt IssueOptions) (planned, error) {
	if _, ok := d.cfg.Topics[topic]; !ok {
		return planned{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	if err := d.held(ctx, subject, topic); err != nil {
		return planned{}, err
	}
	old, err := d.onChain(ctx, subject, topic)
	switch {
	case err == nil && old.State != identity.StateRevoked:
		return d.planRenewal(ctx, subject, topic, old, opt)
	case err != nil && !errors.Is(err, ErrNotFound):
		return planned{}, err
	}
	c, rec, err := d.sign(ctx, subject, topic, opt)
	if err != nil {
		return planned{}, err
	}
	return planned{claim: c, record: rec, send: func(ctx context.Context) (common.Hash, error) { return d.add(ctx, c) }}, nil
}

// Renew issues the claim again with a later validUntil, replacing the
// current one (same claim id), and revokes the old signature, both or
// neither: through ClaimRenewal in one transaction when the issuer holds
// a CLAIM key on the subject; otherwise the new claim is ready for the
// owner's wallet, and the old signature is revoked once the new claim is
// on the identity (Settle).
func (d *Desk) Renew(ctx context.Context, subject common.Address, topic uint64) (Issued, error) {
	if _, ok := d.cfg.Topics[topic]; !ok {
		return Issued{}, fmt.Errorf("%w: %d", ErrTopic, topic)
	}
	ctx, cancel := chainContext(ctx)
	defer cancel()
	unlock := d.lockTopic(subject, topic)
	defer unlock()
	if err := d.held(ctx, subject, topic); err != nil {
		return Issued{}, err
	}
	old, err := d.onChain(ctx, subject, topic)
	if err != nil {
		return Issued{}, err
	}
	if old.State == identity.StateRevoked {
		return Issued{}, fmt.Errorf("%w: the claim on topic %d is revoked; issue a new one", ErrRefused, topic)
	}
	opt := IssueOptions{}
	if old.DocumentHash != nil {
		opt.DocumentHash = *old.DocumentHash
	}
	p, err := d.planRenewal(ctx, subject, topic, old, opt)
	if err != nil {
		return Issued{}, err
	}
	if err := d.cfg.Store.PutIssuedClaim(ctx, p.record); err != nil {
		return Issued{}, fmt.Errorf("issuer: store claim: %w", err)
	}
	return d.land(ctx, p)
}

func (d *Desk) planRenewal(ctx context.Context, subject common.Address, topic uint64, old identity.Judgement, opt IssueOptions) (planned, error) {
	c, rec, err := d.sign(ctx, subject, topic, opt)
	if err != nil {
		return planned{}, err
	}
	if old.ValidUntil != nil && !c.ValidUntil.After(*old.ValidUntil) {
		return planned{}, fmt.Errorf("%w: the new claim would end %s, the current one %s", ErrNotLater,
			c.ValidUntil.Format(time.RFC3339), old.ValidUntil.Format(time.RFC3339))
	}
	return planned{claim: c, record: rec, send: func(ctx context.Context) (common.Hash, error) {
		if d.cfg.Renewal == (common.Address{}) {
			return common.Hash{}, fmt.Errorf("%w: no ClaimRenewal contract is configured, so a renewal cannot be atomic", ErrRefused)
		}
		call := claimrenewal.NewClaimRenewal().PackRenew(d.cfg.Issuer, subject, new(big.Int).SetUint64(topic),
			c.Signature, c.Data, "", old.Signature)
		tx, err := d.send(ctx, "renew claim", d.cfg.Renewal, call)
		if err == nil {
			err = d.replaced(ctx, subject, topic, c, old.Signature, tx)
		}
		return tx, err
	}}, nil
}

// replaced marks the stored claims this issuer had on the topic, other
// than c, as replaced by tx.
func (d *Desk) replaced(ctx context.Context, subject common.Address, topic uint64, c Claim, oldSig []byte, tx common.Hash) error {
	claims, err := d.cfg.Store.ListIssuedClaims(ctx, subject)
	if err != nil {
		return err
	}
	for _, r := range claims {
		if r.Issuer == d.cfg.Issuer && r.Topic == topic && !bytes.Equal(r.Signature, c.Signature) && bytes.Equal(r.Signature, oldSig) {
			err := d.cfg.Store.MoveIssuedClaim(ctx, r.ID, []store.IssuedClaimState{store.IssuedReady, store.IssuedAdded}, store.IssuedReplaced, tx)
			if err != nil && !errors.Is(err, store.ErrConsumed) {
				return err
			}
		}
	}
	return nil
}

// sign signs the claim and builds its ready record.
func (d *Desk) sign(ctx context.Context, subject common.Address, topic uint64, opt IssueOptions) (Claim, store.IssuedClaim, error) {
	now := d.cfg.Clock()
	until := opt.ValidUntil
	if until.IsZero() {
		until = d.cfg.Topics[topic].Validity.Until(now)
	}
	c, err := Sign(ctx, d.cfg.Signer, d.cfg.Issuer, subject, Terms{Topic: topic, ValidFrom: now, ValidUntil: until, DocumentHash: opt.DocumentHash})
	if err != nil {
		return Claim{}, store.IssuedClaim{}, err
	}
	id, err := d.newID()
	if err != nil {
		return Claim{}, store.IssuedClaim{}, err
	}
	return c, store.IssuedClaim{ID: id, Issuer: d.cfg.Issuer, Identity: subject, Topic: topic, ClaimID: c.ID,
		Signature: c.Signature, Data: c.Data, ValidFrom: c.ValidFrom, ValidUntil: c.ValidUntil,
		DocumentHash: c.DocumentHash, State: store.IssuedReady, ApplicationID: opt.ApplicationID, IssuedAt: now}, nil
}

// land adds a stored ready claim with its send when the issuer holds a
// CLAIM key on the subject, or prepares the owner's addClaim when it
// does not. Call it outside any store transaction: it waits for a block.
func (d *Desk) land(ctx context.Context, p planned) (Issued, error) {
	c, rec := p.claim, p.record
	out := Issued{Claim: c, Record: rec}
	can, err := d.cfg.Chain.HasPurpose(ctx, c.Subject, d.cfg.Issuer, contracts.PurposeClaim)
	if err != nil {
		return out, chainErr("check the issuer's key on the identity", err)
	}
	if !can {
		out.Transaction = &Transaction{To: c.Subject, Data: addClaim(c.Topic, c.Issuer, c.Signature, c.Data), ChainID: d.cfg.ChainID}
		return out, nil
	}
	if out.TxHash, err = p.send(ctx); err != nil {
		return out, err
	}
	if err := d.cfg.Store.MoveIssuedClaim(ctx, rec.ID, []store.IssuedClaimState{store.IssuedReady}, store.IssuedAdded, out.TxHash); err != nil {
		return out, fmt.Errorf("issuer: store claim: %w", err)
	}
	out.Record.State, out.Record.TxHash = store.IssuedAdded, out.TxHash
	if d.cfg.Registrar != nil {
		out.Registered, out.RegisterErr = d.cfg.Registrar.Register(ctx, c.Subject)
	}
	return out, nil
}

// add adds c to its subject through the issuer's execute, and checks that
// it landed: execute does not revert when the call it makes fails.
func (d *Desk) add(ctx context.Context, c Claim) (common.Hash, error) {
	add := addClaim(c.Topic, c.Issuer, c.Signature, c.Data)
	call := claimissuer.NewClaimIssuer().PackExecute(c.Subject, new(big.Int), add)
	// execute swallows a failed inner call, so estimating it finds gas
	// that may starve addClaim: the inner call is estimated on its own
	// (as the issuer contract sends it) and added, with a margin.
	be := d.cfg.Sender.Backend
	inner, err := be.EstimateGas(ctx, ethereum.CallMsg{From: c.Issuer, To: &c.Subject, Data: add})
	if err != nil {
		return common.Hash{}, chainErr("estimate addClaim", err)
	}
	outer, err := be.EstimateGas(ctx, ethereum.CallMsg{From: d.cfg.Sender.From(), To: &d.cfg.Issuer, Data: call})
	if err != nil {
		return common.Hash{}, chainErr("estimate execute", err)
	}
	tx, err := d.sendGas(ctx, "add claim", d.cfg.Issuer, call, outer+inner*64/63+50_000)
	if err != nil {
		return common.Hash{}, err
	}
	got, err := d.cfg.Chain.Claim(ctx, c.Subject, c.ID)
	if err != nil {
		return common.Hash{}, chainErr("read the added claim", err)
	}
	if !bytes.Equal(got.Signature, c.Signature) {
		return common.Hash{}, fmt.Errorf("%w: identity %s did not take the claim (transaction %s)", ErrRefused, c.Subject.Hex(), tx.Hex())
	}
	return tx, nil
}

// AddClaimCall is the addClaim call that puts a stored claim on its
// identity, for the owner's wallet to send.
func AddClaimCall(c store.IssuedClaim) Transaction {
	return Transaction{To: c.Identity, Data: addClaim(c.Topic, c.Issuer, c.Signature, c.Data)}
}

// addClaim is the ERC-735 addClaim of a claim the desk signed.
func addClaim(topic uint64, iss common.Address, sig, data []byte) []byte {
	return contracts.IdentityCall().PackAddClaim(new(big.Int).SetUint64(topic), big.NewInt(SchemeECDSA), iss, sig, data, "")
}

// onChain reads this issuer's claim on the topic from the identity and
// judges it now. ErrNotFound: the identity holds none.
func (d *Desk) onChain(ctx context.Context, subject common.Address, topic uint64) (identity.Judgement, error) {
	c, err := d.cfg.Chain.Claim(ctx, subject, identity.ClaimID(d.cfg.Issuer, topic))
	if err != nil {
		return identity.Judgement{}, chainErr("read the claim", err)
	}
	if c.Issuer != d.cfg.Issuer || len(c.Signature) == 0 {
		return identity.Judgement{}, fmt.Errorf("%w: identity %s holds no claim of %s on topic %d", ErrNotFound, subject.Hex(), d.cfg.Issuer.Hex(), topic)
	}
	j, err := d.cfg.Chain.Judge(ctx, subject, c, d.cfg.Clock())
	if err != nil {
		return identity.Judgement{}, chainErr("judge the claim", err)
	}
	return j, nil
}
