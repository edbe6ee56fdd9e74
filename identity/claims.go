package identity

import (
	"context"
	"errors"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
)

// ClaimState is the verdict on a claim.
type ClaimState string

const (
	StateValid       ClaimState = "valid"
	StateExpired     ClaimState = "expired"
	StateNotYetValid ClaimState = "not-yet-valid"
	StateRevoked     ClaimState = "revoked"
	StateUntrusted   ClaimState = "untrusted" // the issuer is not trusted for the topic
	StateInvalid     ClaimState = "invalid"   // bad signature, or the signer is not a claim key of the issuer
)

// Claim is an ERC-735 claim as stored on an identity.
type Claim struct {
	ID        common.Hash    `json:"id"`
	Topic     uint64         `json:"topic"`
	Scheme    uint64         `json:"scheme"`
	Issuer    common.Address `json:"issuer"`
	Signature []byte         `json:"-"`
	Data      []byte         `json:"-"`
	URI       string         `json:"uri,omitempty"`
}

// Judgement is a claim with the verdict on it.
type Judgement struct {
	Claim
	State        ClaimState     `json:"state"`
	Reason       string         `json:"reason,omitempty"`
	Signer       common.Address `json:"signer"`
	ValidFrom    *time.Time     `json:"validFrom,omitempty"`
	ValidUntil   *time.Time     `json:"validUntil,omitempty"`
	DocumentHash *common.Hash   `json:"documentHash,omitempty"`
}

// At applies the claim's validity window to a verdict read from the chain. Only a
// claim the chain finds valid can expire; a revoked claim stays revoked.
func (j Judgement) At(now time.Time) Judgement {
	if j.State != StateValid {
		return j
	}
	switch {
	case j.ValidUntil != nil && !now.Before(*j.ValidUntil):
		j.State, j.Reason = StateExpired, "expired "+j.ValidUntil.Format(time.RFC3339)
	case j.ValidFrom != nil && now.Before(*j.ValidFrom):
		j.State, j.Reason = StateNotYetValid, "valid from "+j.ValidFrom.Format(time.RFC3339)
	}
	return j
}

// ClaimsByTopic reads the identity's claims on a topic and judges them at now.
func (r *Reader) ClaimsByTopic(ctx context.Context, id common.Address, topic uint64, now time.Time) ([]Judgement, error) {
	verdicts, err := r.claimVerdicts(ctx, id, topic)
	if err != nil {
		return nil, err
	}
	for i := range verdicts {
		verdicts[i] = verdicts[i].At(now)
	}
	return verdicts, nil
}

// claimVerdicts reads and judges the claims on a topic without the time window, so
// the cache can keep the result and apply the clock on each read.
func (r *Reader) claimVerdicts(ctx context.Context, id common.Address, topic uint64) ([]Judgement, error) {
	ids, err := call(ctx, r.chain, id, r.identity.PackGetClaimIdsByTopic(new(big.Int).SetUint64(topic)), r.identity.UnpackGetClaimIdsByTopic)
	if err != nil {
		return nil, fail("getClaimIdsByTopic", id, r.notIdentity(ctx, id, err))
	}
	out := make([]Judgement, 0, len(ids))
	for _, claimID := range ids {
		c, err := r.Claim(ctx, id, claimID)
		if err != nil {
			return nil, err
		}
		j, err := r.judge(ctx, id, c)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, nil
}

// Claim reads one claim by id.
func (r *Reader) Claim(ctx context.Context, id common.Address, claimID common.Hash) (Claim, error) {
	got, err := call(ctx, r.chain, id, r.identity.PackGetClaim(claimID), r.identity.UnpackGetClaim)
	if err != nil {
		return Claim{}, fail("getClaim", id, r.notIdentity(ctx, id, err))
	}
	return Claim{
		ID: claimID, Topic: clampUint64(got.Topic), Scheme: clampUint64(got.Scheme), Issuer: got.Issuer,
		Signature: got.Signature, Data: got.Data, URI: got.Uri,
	}, nil
}

// Judge reads what the chain says of a claim and returns the verdict at now.
func (r *Reader) Judge(ctx context.Context, id common.Address, c Claim, now time.Time) (Judgement, error) {
	j, err := r.judge(ctx, id, c)
	return j.At(now), err
}

// judge checks, in order: the signature recovers; the signer holds purpose 3 on the
// issuer; no equivalent encoding of the signature is revoked; the issuer is trusted
// for the topic. An issuer that refuses a call (a revert, or no contract there)
// makes the claim invalid; any other failure to get an answer is an error, never a
// verdict, so a throttled node cannot make a revoked claim read as valid.
func (r *Reader) judge(ctx context.Context, id common.Address, c Claim) (Judgement, error) {
	j := Judgement{Claim: c, State: StateValid}
	if d, ok := DecodeClaimData(c.Data); ok {
		j.ValidFrom, j.ValidUntil = timePtr(d.ValidFrom), timePtr(d.ValidUntil)
		if d.DocumentHash != (common.Hash{}) {
			h := d.DocumentHash
			j.DocumentHash = &h
		}
	}
	signer, err := RecoverClaimSigner(id, c.Topic, c.Data, c.Signature)
	if err != nil {
		return invalid(j, "malformed signature"), nil
	}
	j.Signer = signer
	ok, err := r.keyHasPurpose(ctx, c.Issuer, contracts.KeyID(signer), PurposeClaim)
	switch {
	case refused(err):
		return invalid(j, "issuer "+c.Issuer.Hex()+" does not answer keyHasPurpose"), nil
	case err != nil:
		return j, err
	case !ok:
		return invalid(j, "signer "+signer.Hex()+" is not a claim key of the issuer"), nil
	}
	if c.Issuer != id { // a self-attested claim has no revocation registry
		revoked, err := r.revoked(ctx, c)
		switch {
		case refused(err):
			return invalid(j, "issuer "+c.Issuer.Hex()+" does not answer isClaimRevoked"), nil
		case err != nil:
			return j, err
		case revoked:
			j.State, j.Reason = StateRevoked, "revoked by the issuer"
			return j, nil
		}
	}
	return r.trust(ctx, j)
}

// revoked asks the issuer about every encoding of the claim's signature.
func (r *Reader) revoked(ctx context.Context, c Claim) (bool, error) {
	for _, enc := range SignatureEncodings(c.Signature) {
		revoked, err := call(ctx, r.chain, c.Issuer, r.issuer.PackIsClaimRevoked(enc), r.issuer.UnpackIsClaimRevoked)
		if err != nil || revoked {
			return revoked, err
		}
	}
	return false, nil
}

// refused reports an answer from the chain that the contract asked refused the
// call or answered nonsense: a verdict on the contract, unlike ErrChainUnavailable.
func refused(err error) bool {
	if err == nil || errors.Is(err, ErrChainUnavailable) {
		return false
	}
	return errors.Is(err, errReverted) || errors.Is(err, ErrBadChainData) ||
		errors.Is(err, ErrNoIdentity) || errors.Is(err, ErrNotIdentity)
}

func invalid(j Judgement, reason string) Judgement {
	j.State, j.Reason = StateInvalid, reason
	return j
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
