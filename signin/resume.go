package signin

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// Step is what the login page does with a pending request.
type Step int

const (
	// StepLogin shows the login page: a new wallet signature is needed.
	StepLogin Step = iota
	// StepConsent reuses the live session: the request is bound to it and
	// the browser goes to Redirect.
	StepConsent
	// StepApprove reuses the live session for prompt=none, and Grant
	// covers the request: the caller approves it without any page.
	StepApprove
	// StepRefuse answers the client with Error (prompt=none could not be
	// honoured without interaction).
	StepRefuse
)

// OIDC error codes of a prompt=none request that needs interaction.
const (
	LoginRequired   = "login_required"
	ConsentRequired = "consent_required"
)

// ResumeRequest is a browser arriving at the login page for a request.
type ResumeRequest struct {
	RequestID      string
	RequestBinding string
	// Session is the browser's live login session, when it has one (the
	// caller checked its cookie, revocation, expiry and key).
	Session    store.LoginSession
	HasSession bool
}

// Next is the outcome of Resume.
type Next struct {
	Step     Step
	Request  store.AuthRequest
	Client   store.Client
	Session  store.LoginSession // StepConsent, StepApprove
	Grant    store.Grant        // StepApprove
	Redirect string             // StepConsent
	Error    string             // StepRefuse: LoginRequired or ConsentRequired
}

// Resume decides whether a pending request needs a new sign-in. A live
// session is reused unless the client asked for a fresh one (prompt=login
// or select_account, max_age exceeded) or hinted at another wallet. With
// prompt=none nothing may be shown: the request is approved when the
// session and a persistent grant cover it, and refused otherwise.
func (s *Service) Resume(ctx context.Context, r ResumeRequest) (Next, error) {
	req, client, err := s.pending(ctx, r.RequestID, r.RequestBinding)
	if err != nil {
		return Next{}, err
	}
	next := Next{Request: req, Client: client}
	fresh := r.HasSession && !s.needsLogin(req, r.Session)
	if req.HasPrompt("none") {
		return s.resumeSilently(ctx, next, r.Session, fresh)
	}
	if !fresh {
		next.Step = StepLogin
		return next, nil
	}
	if err := s.bind(ctx, req.ID, r.Session); err != nil {
		return Next{}, err
	}
	next.Step, next.Session, next.Redirect = StepConsent, r.Session, ConsentPath(req.ID)
	return next, nil
}

// needsLogin reports whether the request asks for more than the session.
func (s *Service) needsLogin(req store.AuthRequest, ls store.LoginSession) bool {
	switch {
	case req.HasPrompt("login"), req.HasPrompt("select_account"):
		return true
	case req.MaxAge > 0 && s.cfg.Clock().Sub(ls.AuthTime) > time.Duration(req.MaxAge)*time.Second:
		return true
	case req.LoginHint != (common.Address{}) && !sameAddress(req.LoginHint, ls.Wallet):
		return true
	}
	return false
}

// resumeSilently answers a prompt=none request (OIDC Core 3.1.2.6).
func (s *Service) resumeSilently(ctx context.Context, next Next, ls store.LoginSession, fresh bool) (Next, error) {
	if !fresh {
		next.Step, next.Error = StepRefuse, LoginRequired
		return next, nil
	}
	g, ok, err := s.covering(ctx, next.Request, ls)
	if err != nil {
		return Next{}, err
	}
	if !ok {
		next.Step, next.Error = StepRefuse, ConsentRequired
		return next, nil
	}
	if err := s.bind(ctx, next.Request.ID, ls); err != nil {
		return Next{}, err
	}
	next.Step, next.Session, next.Grant = StepApprove, ls, g
	return next, nil
}

// covering finds a persistent grant of the client on the session's identity
// that covers the request and was signed by the session's wallet (the
// approval must name the wallet that signed in).
func (s *Service) covering(ctx context.Context, req store.AuthRequest, ls store.LoginSession) (store.Grant, bool, error) {
	if s.cfg.Grants == nil {
		return store.Grant{}, false, nil
	}
	g, ok, err := s.cfg.Grants.Covering(ctx, req.ClientID, ls.Identity, req.Scopes)
	if err != nil {
		return store.Grant{}, false, fmt.Errorf("signin: covering grant: %w", err)
	}
	return g, ok && sameAddress(g.Wallet, ls.Wallet), nil
}

// sameAddress compares two recorded addresses; zero is "none" and matches
// nothing, not even another zero.
func sameAddress(a, b common.Address) bool {
	return a == b && a != (common.Address{})
}
