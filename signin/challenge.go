package signin

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
)

// ChallengeRequest asks for a login message.
type ChallengeRequest struct {
	// RequestID is the pending authorization request, or an
	// AccountRequest id for the dashboard.
	RequestID string
	// Wallet is the account the browser's wallet shared.
	Wallet common.Address
	// RequestBinding is the browser's authorization-request cookie value.
	RequestBinding string
}

// Issued is a login message and the binding value the asking browser must
// keep (in an HttpOnly cookie) and present with the signature.
type Issued struct {
	Text    string
	Binding string
}

// Challenge issues a login message for r.Wallet, bound to the asking
// browser. A relayed message is useless elsewhere: the sign-in checks the
// binding, the stored purpose keeps it out of every other flow, and its
// statement tells the signer not to sign it anywhere but here.
func (s *Service) Challenge(ctx context.Context, r ChallengeRequest) (Issued, error) {
	// No per-wallet limit here: the wallet is only named, and a limit keyed
	// on it would let anyone lock a stranger out by naming them. Issuing is
	// limited per client IP; signing in, per wallet that signed.
	if !IsAccountRequest(r.RequestID) {
		if _, _, err := s.pending(ctx, r.RequestID, r.RequestBinding); err != nil {
			return Issued{}, err
		}
	}
	binding, err := s.NewBinding()
	if err != nil {
		return Issued{}, err
	}
	c, err := s.cfg.Challenges.Issue(ctx, challenge.Request{
		Purpose: store.PurposeLogin, Domain: s.cfg.Domain, URI: s.cfg.Origin, Address: r.Wallet,
		Statement: s.Statement(), RequestID: r.RequestID, Binding: binding,
	})
	if err != nil {
		return Issued{}, fmt.Errorf("signin: issue login message: %w", err)
	}
	return Issued{Text: c.Text, Binding: binding}, nil
}

// Statement is the login message's statement. It differs from every
// access-request and consent statement, and says where it may be signed:
// the wallet shows it, and a site that relays it to the owner is exactly
// what it warns about.
func (s *Service) Statement() string {
	return "Sign in to " + s.cfg.Domain + " with your ONCHAINID identity. " +
		"Sign this only on " + s.cfg.Origin + " itself: it opens your account there."
}
