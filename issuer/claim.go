package issuer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
)

// SchemeECDSA is the ERC-735 signature scheme of the claims issued here.
const SchemeECDSA = 1

// Claim is a claim the issuer signed, ready for the subject identity's
// addClaim.
type Claim struct {
	ID           common.Hash    // identity.ClaimID(Issuer, Topic)
	Subject      common.Address // the identity the claim is about
	Issuer       common.Address // the ClaimIssuer contract
	Topic        uint64
	Scheme       uint64
	Data         []byte // abi.encode(uint64 validFrom, uint64 validUntil, bytes32 documentHash)
	Signature    []byte
	ValidFrom    time.Time
	ValidUntil   time.Time
	DocumentHash common.Hash
}

// Terms are what a claim states: its topic, when it is valid, and the
// hash of its document bundle (zero for none).
type Terms struct {
	Topic        uint64
	ValidFrom    time.Time
	ValidUntil   time.Time
	DocumentHash common.Hash
}

// ErrTerms refuses a claim that cannot be issued as asked.
var ErrTerms = errors.New("issuer: invalid claim terms")

// Sign signs a claim of issuer (the ClaimIssuer contract whose CLAIM key
// s holds) about subject. Times are kept to the second, as the chain
// holds them.
func Sign(ctx context.Context, s Signer, issuer, subject common.Address, t Terms) (Claim, error) {
	from, until := t.ValidFrom.UTC().Truncate(time.Second), t.ValidUntil.UTC().Truncate(time.Second)
	switch {
	case t.Topic == 0:
		return Claim{}, fmt.Errorf("%w: topic 0", ErrTerms)
	case subject == (common.Address{}) || issuer == (common.Address{}):
		return Claim{}, fmt.Errorf("%w: no subject or issuer", ErrTerms)
	case from.Unix() <= 0 || !until.After(from):
		return Claim{}, fmt.Errorf("%w: validUntil %s is not after validFrom %s", ErrTerms, until.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	data := identity.EncodeClaimData(identity.ClaimData{ValidFrom: from, ValidUntil: until, DocumentHash: t.DocumentHash})
	sig, err := s.SignHash(ctx, identity.ClaimDigest(subject, t.Topic, data))
	if err != nil {
		return Claim{}, err
	}
	return Claim{ID: identity.ClaimID(issuer, t.Topic), Subject: subject, Issuer: issuer, Topic: t.Topic, Scheme: SchemeECDSA,
		Data: data, Signature: sig, ValidFrom: from, ValidUntil: until, DocumentHash: t.DocumentHash}, nil
}
