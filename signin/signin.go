package signin

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
)

// Attempt is a signed login message as the browser posted it.
type Attempt struct {
	RequestID string
	Message   string
	Signature string
	// ChallengeBinding is the browser's login-binding cookie value, and
	// RequestBinding its authorization-request cookie value.
	ChallengeBinding, RequestBinding string
	// ClientIP keys the onboarding limit.
	ClientIP string
	// PreviousSession is the login session the browser held, if any: it
	// is revoked, since its cookie is replaced.
	PreviousSession string
}

// Session is an opened login session and where the browser goes next.
type Session struct {
	Login    store.LoginSession
	Redirect string
}

// SignIn checks a signed login message and opens a login session: the
// message must be this server's, for this request, bound to this browser;
// the wallet must resolve to an identity (or be onboarded) and hold
// purpose 1 or 2 there. The per-wallet limit is keyed on the wallet that
// signed, known only once the signature has been verified, so nobody can
// spend another wallet's budget by naming it.
func (s *Service) SignIn(ctx context.Context, a Attempt) (Session, error) {
	if !IsAccountRequest(a.RequestID) {
		// Refused before the message is verified, so a stranger's attempt
		// does not consume the nonce.
		if _, _, err := s.pending(ctx, a.RequestID, a.RequestBinding); err != nil {
			return Session{}, err
		}
	}
	v, err := s.cfg.Challenges.Verify(ctx, a.Message, a.Signature, challenge.Expect{
		Purpose: store.PurposeLogin, Domain: s.cfg.Domain, URI: s.cfg.Origin, RequestID: a.RequestID,
		Binding: a.ChallengeBinding,
	})
	if err != nil {
		return Session{}, fmt.Errorf("signin: %w", err)
	}
	if err := s.allowWallet(v.Address); err != nil {
		return Session{}, err
	}
	id, err := s.identityOf(ctx, v.Address, a.ClientIP)
	if err != nil {
		return Session{}, err
	}
	return s.open(ctx, a, id, v.Address)
}

// open records the login, revokes the browser's previous session, and binds
// the pending authorization request to the new one.
func (s *Service) open(ctx context.Context, a Attempt, id, wallet common.Address) (Session, error) {
	now := s.cfg.Clock().UTC()
	if a.PreviousSession != "" {
		if err := s.cfg.Store.RevokeLoginSession(ctx, a.PreviousSession, now); err != nil {
			// The old cookie is replaced either way; its session expires on its own.
			s.cfg.Log.Warn("revoke the replaced login session", "err", err)
		}
	}
	sessionID, err := newBinding(s.cfg.Rand)
	if err != nil {
		return Session{}, err
	}
	ls := store.LoginSession{ID: sessionID[:24], Identity: id, Wallet: wallet, ChainID: int64(s.cfg.ChainID),
		AuthTime: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	if err := s.cfg.Store.CreateLoginSession(ctx, ls); err != nil {
		return Session{}, fmt.Errorf("signin: create login session: %w", err)
	}
	s.audit(ctx, store.AuditEvent{At: now, Kind: store.AuditLogin, Actor: ls.Wallet.Hex(), Identity: ls.Identity})
	if IsAccountRequest(a.RequestID) {
		return Session{Login: ls, Redirect: "/account"}, nil
	}
	if err := s.bind(ctx, a.RequestID, ls); err != nil {
		return Session{}, err
	}
	return Session{Login: ls, Redirect: ConsentPath(a.RequestID)}, nil
}

// bind ties the pending request to the login session.
func (s *Service) bind(ctx context.Context, requestID string, ls store.LoginSession) error {
	_, err := s.cfg.Store.UpdateAuthRequest(ctx, requestID, func(r store.AuthRequest) (store.AuthRequest, error) {
		r.Identity, r.Wallet, r.LoginSessionID = ls.Identity, ls.Wallet, ls.ID
		return r, nil
	})
	if err != nil {
		return fmt.Errorf("signin: bind request to session: %w", err)
	}
	return nil
}

// ConsentPath is where a signed-in browser goes for a pending request.
func ConsentPath(requestID string) string { return "/consent?request=" + requestID }

// audit records e; the audit log must not fail the sign-in it records, so a
// failure is logged instead.
func (s *Service) audit(ctx context.Context, e store.AuditEvent) {
	if _, err := s.cfg.Store.AppendAuditEvent(ctx, e); err != nil {
		s.cfg.Log.Warn("append audit event", "kind", e.Kind, "err", err)
	}
}
