package rpc

import (
	"context"
	"errors"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
)

// Who may call what. The rules themselves live in the flows (identity's
// purpose check for owners, issuer.Desk.Reviewer for reviewers, consent's
// read rule for services); these helpers pick the one that applies to
// the caller and turn its refusal into -32001 or -32003.

// known is any authenticated caller: a wallet, a service, or (for claim
// reads) a grant token.
func (s *Server) known(ctx context.Context) (caller, *Error) {
	c := callerOf(ctx)
	switch {
	case c.err != nil:
		return c, c.err
	case c.wallet == (common.Address{}) && c.clientID == "" && c.grant == "":
		return c, newError(CodeUnauthenticated, "send Authorization: ApiKey <key> or Bearer <token>; a token comes from POST /auth/challenges and POST /auth/tokens")
	}
	return c, nil
}

// party is a wallet or a service: a grant token reads claims and nothing
// else.
func (s *Server) party(ctx context.Context) (caller, *Error) {
	c, err := s.known(ctx)
	if err == nil && c.grant != "" {
		return c, newError(CodeForbidden, "a grant token reads the claims it grants; this method needs a wallet's token or a service's credential")
	}
	return c, err
}

// signedIn is a caller signed in with a wallet token.
func (s *Server) signedIn(ctx context.Context) (caller, *Error) {
	c, err := s.party(ctx)
	if err != nil {
		return c, err
	}
	if c.wallet == (common.Address{}) {
		return c, newError(CodeForbidden, "this method needs a wallet's token from POST /auth/tokens")
	}
	return c, nil
}

// owner requires a wallet that holds MANAGEMENT or ACTION on id.
func (s *Server) owner(ctx context.Context, id common.Address) *Error {
	c, err := s.signedIn(ctx)
	if err != nil {
		return err
	}
	ferr := identity.RequirePurpose(ctx, s.cfg.Identities, id, c.wallet, identity.PurposeManagement, identity.PurposeAction)
	switch {
	case ferr == nil:
		return nil
	case errors.Is(ferr, identity.ErrMissingPurpose):
		return newError(CodeForbidden, "%s is not a management or action key of identity %s", c.wallet.Hex(), id.Hex())
	}
	e, _ := s.fromFlow("owner check", ferr).(*Error)
	return e
}

// reviewer requires a wallet that holds CLAIM on this server's issuer.
func (s *Server) reviewer(ctx context.Context) (*issuer.Desk, *Error) {
	c, err := s.signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if s.cfg.Desk == nil {
		return nil, newError(CodeForbidden, "this server runs no claim issuer")
	}
	if ferr := s.cfg.Desk.Reviewer(ctx, c.wallet); ferr != nil {
		e, _ := s.fromFlow("reviewer check", ferr).(*Error)
		return nil, e
	}
	return s.cfg.Desk, nil
}

// readClaims reads id's claims on topic for the caller: the owner or a
// reviewer reads them from the chain; a service reads them under its
// grant, by consent's read rule (which records the read, and spends an
// immediate grant).
func (s *Server) readClaims(ctx context.Context, method string, id common.Address, topic uint64) ([]identity.Judgement, error) {
	c, err := s.known(ctx)
	if err != nil {
		return nil, err
	}
	scope := consent.ClaimScope(topic)
	var res consent.ReadResult
	var ferr error
	switch {
	case c.grant != "":
		res, ferr = s.cfg.Reads.Read(ctx, consent.ReadRequest{Token: c.grant, Audience: s.cfg.Issuer,
			Resource: "rpc:" + method, Identity: id, Scopes: []string{scope}, NoProfile: true})
		if errors.Is(ferr, consent.ErrInvalidToken) {
			return nil, newError(CodeUnauthenticated, "the bearer token is not valid here: %s", ferr.Error())
		}
	case c.clientID != "":
		res, ferr = s.cfg.Reads.ReadAsClient(ctx, c.clientID, id, []string{scope}, "rpc:"+method)
	default:
		if err := s.owner(ctx, id); err != nil {
			if err.Code != CodeForbidden || s.cfg.Desk == nil || s.cfg.Desk.Reviewer(ctx, c.wallet) != nil {
				return nil, err
			}
		}
		js, ferr := s.cfg.Identities.ClaimsByTopic(ctx, id, topic, s.cfg.Clock())
		if ferr != nil {
			return nil, s.fromFlow(method, ferr)
		}
		return js, nil
	}
	if ferr != nil {
		return nil, s.fromFlow(method, ferr)
	}
	return res.Disclosure.Claims[topic], nil
}
