package authz

import (
	"context"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/store"
)

// The PKCE and OpenID Connect sessions are views of the authorization code
// row, which already holds the code challenge and the OpenID parameters
// (codeSessionParams): storing them again would cost two writes per
// authorization and two deletes per exchange outside its transaction.
// Their lifetime is the code's: once the code is spent only its marker
// remains, and neither view is reachable through it because fosite checks
// the code first.

// CreatePKCERequestSession implements pkce.PKCERequestStorage. The
// challenge was stored with the code.
func (s *Storage) CreatePKCERequestSession(context.Context, string, fosite.Requester) error {
	return nil
}

// GetPKCERequestSession implements pkce.PKCERequestStorage: the code's
// request when it carries a challenge, fosite.ErrNotFound otherwise (which
// fosite's PKCE handler accepts only from confidential clients).
func (s *Storage) GetPKCERequestSession(ctx context.Context, sig string, _ fosite.Session) (fosite.Requester, error) {
	row, err := s.load(ctx, store.TokenCode, sig)
	if err != nil {
		return nil, err
	}
	// The PKCE handler reads only the form and the client.
	r, err := s.request(ctx, row, nil)
	if err != nil {
		return nil, err
	}
	if r.GetRequestForm().Get("code_challenge") == "" {
		return nil, fosite.ErrNotFound
	}
	return r, nil
}

// DeletePKCERequestSession implements pkce.PKCERequestStorage. Nothing to
// delete: the challenge dies with its code. Unlike a separate row, it also
// survives a failed verifier, so a second attempt cannot skip PKCE.
func (s *Storage) DeletePKCERequestSession(context.Context, string) error {
	return nil
}

// CreateOpenIDConnectSession implements
// openid.OpenIDConnectRequestStorage. The OpenID parameters were stored
// with the code.
func (s *Storage) CreateOpenIDConnectSession(context.Context, string, fosite.Requester) error {
	return nil
}

// GetOpenIDConnectSession implements openid.OpenIDConnectRequestStorage.
// It runs during the code exchange, after the code handler has loaded the
// same row into the token request's session, so it shares that session:
// the ID token then sees the access token just minted (for at_hash).
func (s *Storage) GetOpenIDConnectSession(ctx context.Context, code string, tr fosite.Requester) (fosite.Requester, error) {
	row, err := s.load(ctx, store.TokenCode, s.codeSignature(ctx, code))
	if err != nil {
		return nil, err
	}
	r, err := s.request(ctx, row, nil)
	if err != nil {
		return nil, err
	}
	if !r.GetGrantedScopes().Has("openid") {
		return nil, fosite.ErrNotFound
	}
	r.Session = tr.GetSession()
	return r, nil
}

// DeleteOpenIDConnectSession implements
// openid.OpenIDConnectRequestStorage; see CreateOpenIDConnectSession.
func (s *Storage) DeleteOpenIDConnectSession(context.Context, string) error {
	return nil
}
