package challenge

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spruceid/siwe-go"

	"github.com/idconnect/idconnect/store"
)

// Expect is what the caller knows independently of the message: the flow, where
// it is served, and the pending request. Verify compares the message with it,
// never the other way round.
type Expect struct {
	Purpose   store.ChallengePurpose
	Domain    string
	URI       string
	RequestID string
	// Address, when set, is the only wallet accepted.
	Address *common.Address
	// Binding is the value of the presenting browser's binding cookie, ""
	// when it has none. A message issued with a Binding is accepted only
	// with that value, and one issued without only with "".
	Binding string
}

// Verified is a message whose signature checked out and whose nonce was consumed.
type Verified struct {
	Address common.Address // the signing wallet, EIP-55
	Message *siwe.Message
	// ReCap is the message's last resource when it is a ReCap, else nil.
	ReCap *ReCap
	// Hash is the EIP-191 hash of the exact signed text (the consent claim).
	Hash common.Hash
	// Contract is true when the signature was accepted through ERC-1271.
	Contract  bool
	Nonce     string
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// Verify checks a signed message against want and, when everything holds,
// consumes its nonce. The checks run cheapest first: strict parsing
// (ErrMalformed); domain, URI, chain id, request id and address (ErrMismatch);
// the validity window (ErrExpired); the signature, by EOA recovery and then
// ERC-1271 (ErrSignature, or ErrUnavailable when the chain cannot be reached).
// Only then is the nonce consumed, so a bad signature never burns someone's
// nonce, while a replayed good message fails with ErrNonce. A message bound to
// another browser fails with ErrBinding and its nonce stays unconsumed, so its
// rightful browser can still use it. The stored record must then match too
// (ErrMismatch): its purpose, request id, address and times.
func (s *Service) Verify(ctx context.Context, text, signature string, want Expect) (Verified, error) {
	p, err := parse(text)
	if err != nil {
		return Verified{}, err
	}
	if err := s.match(p, want); err != nil {
		return Verified{}, err
	}
	now := s.clock()
	if err := s.inWindow(p, now); err != nil {
		return Verified{}, err
	}
	hash := MessageHash(text)
	contract, err := s.checkSignature(ctx, p.address, hash, signature)
	if err != nil {
		return Verified{}, err
	}
	if err := s.consume(ctx, p, want, now); err != nil {
		return Verified{}, err
	}
	return Verified{Address: p.address, Message: p.siwe, ReCap: p.recap, Hash: hash,
		Contract: contract, Nonce: p.nonce, IssuedAt: p.issuedAt, ExpiresAt: p.expiresAt}, nil
}

func (s *Service) match(p *message, want Expect) error {
	switch {
	case !knownPurpose(want.Purpose):
		return fmt.Errorf("%w: unknown purpose %q", ErrMismatch, want.Purpose)
	case p.domain != want.Domain:
		return fmt.Errorf("%w: domain %q is not %q", ErrMismatch, p.domain, want.Domain)
	case p.uri != want.URI:
		return fmt.Errorf("%w: uri %q is not %q", ErrMismatch, p.uri, want.URI)
	case p.chainID != s.chainID:
		return fmt.Errorf("%w: chain id %d is not %d", ErrMismatch, p.chainID, s.chainID)
	case p.requestID != want.RequestID:
		return fmt.Errorf("%w: request id %q is not %q", ErrMismatch, p.requestID, want.RequestID)
	case want.Address != nil && p.address != *want.Address:
		return fmt.Errorf("%w: signed for %s, expected %s", ErrMismatch, p.address.Hex(), want.Address.Hex())
	case want.Purpose == store.PurposeConsent && p.recap == nil:
		return fmt.Errorf("%w: a consent message must end with a ReCap", ErrMismatch)
	}
	return nil
}

// inWindow checks the message's times against now. Every message this server
// issues lasts exactly the TTL, so any other span is not one of ours.
func (s *Service) inWindow(p *message, now time.Time) error {
	switch {
	case p.expiresAt.Sub(p.issuedAt) != s.ttl:
		return fmt.Errorf("%w: validity period is not the issued %s", ErrMismatch, s.ttl)
	case p.issuedAt.After(now.Add(s.skew)):
		return fmt.Errorf("%w: issued in the future", ErrExpired)
	case !now.Before(p.expiresAt):
		return fmt.Errorf("%w: expired at %s", ErrExpired, p.expiresAt.UTC().Format(time.RFC3339))
	case !p.notBefore.IsZero() && now.Add(s.skew).Before(p.notBefore):
		return fmt.Errorf("%w: not valid before %s", ErrExpired, p.notBefore.UTC().Format(time.RFC3339))
	}
	return nil
}

// consume claims the nonce, then checks that it was issued for this flow, request,
// wallet and validity period. A nonce the signer's own valid signature spent on
// the wrong flow stays spent: only that signer could have produced it.
func (s *Service) consume(ctx context.Context, p *message, want Expect, now time.Time) error {
	purpose := want.Purpose
	rec, err := s.store.ConsumeBoundChallenge(ctx, p.nonce, bindingHash(want.Binding), now)
	switch {
	case errors.Is(err, store.ErrBindingMismatch):
		return fmt.Errorf("%w: the message was requested by another browser", ErrBinding)
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%w: nonce was not issued here", ErrNonce)
	case errors.Is(err, store.ErrConsumed):
		return fmt.Errorf("%w: nonce was already used", ErrNonce)
	case errors.Is(err, store.ErrExpired):
		return fmt.Errorf("%w: nonce expired", ErrNonce)
	case err != nil:
		return fmt.Errorf("%w: consume nonce: %w", ErrUnavailable, err)
	}
	switch {
	case rec.Purpose != purpose:
		return fmt.Errorf("%w: nonce was issued for %s, not %s", ErrMismatch, rec.Purpose, purpose)
	case rec.RequestID != p.requestID:
		return fmt.Errorf("%w: nonce was issued for another request", ErrMismatch)
	case rec.Address != (common.Address{}) && rec.Address != p.address:
		return fmt.Errorf("%w: nonce was issued for another wallet", ErrMismatch)
	case !rec.IssuedAt.Equal(p.issuedAt) || !rec.ExpiresAt.Equal(p.expiresAt):
		return fmt.Errorf("%w: times differ from those issued", ErrMismatch)
	}
	return nil
}
