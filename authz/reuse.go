package authz

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"

	"github.com/idconnect/idconnect/store"
)

// fosite treats a spent authorization code or refresh token presented
// again as theft and revokes everything its authorization gave, and it
// does so before it compares the presenting client with the one the
// artifact was issued to. Anyone who saw a spent code (in a log, a
// referrer, a browser history) could then end its owner's grant by
// presenting it as any client of theirs. The handlers below let fosite
// revoke only when the artifact's own client presents it, and, for a
// public client (whose id is no secret), only with the code's PKCE
// verifier; any other presenter gets invalid_grant and changes nothing.

// codeGrantHandler is fosite's authorization code handler behind that
// check.
type codeGrantHandler struct {
	*oauth2.AuthorizeExplicitGrantHandler
	storage *Storage
}

func codeGrantFactory(config fosite.Configurator, storage, strategy any) any {
	h := compose.OAuth2AuthorizeExplicitFactory(config, storage, strategy).(*oauth2.AuthorizeExplicitGrantHandler)
	return &codeGrantHandler{AuthorizeExplicitGrantHandler: h, storage: storage.(*Storage)}
}

// HandleTokenEndpointRequest implements fosite.TokenEndpointHandler.
func (h *codeGrantHandler) HandleTokenEndpointRequest(ctx context.Context, r fosite.AccessRequester) error {
	if h.CanHandleTokenEndpointRequest(ctx, r) {
		sig := h.AuthorizeCodeStrategy.AuthorizeCodeSignature(ctx, r.GetRequestForm().Get("code"))
		if err := h.storage.checkReuser(ctx, store.TokenCode, sig, r); err != nil {
			return err
		}
	}
	return h.AuthorizeExplicitGrantHandler.HandleTokenEndpointRequest(ctx, r)
}

// refreshGrantHandler is fosite's refresh token handler behind the same
// check.
type refreshGrantHandler struct {
	*oauth2.RefreshTokenGrantHandler
	storage *Storage
}

func refreshGrantFactory(config fosite.Configurator, storage, strategy any) any {
	h := compose.OAuth2RefreshTokenGrantFactory(config, storage, strategy).(*oauth2.RefreshTokenGrantHandler)
	return &refreshGrantHandler{RefreshTokenGrantHandler: h, storage: storage.(*Storage)}
}

// HandleTokenEndpointRequest implements fosite.TokenEndpointHandler.
func (h *refreshGrantHandler) HandleTokenEndpointRequest(ctx context.Context, r fosite.AccessRequester) error {
	if h.CanHandleTokenEndpointRequest(ctx, r) {
		sig := h.RefreshTokenStrategy.RefreshTokenSignature(ctx, r.GetRequestForm().Get("refresh_token"))
		if err := h.storage.checkReuser(ctx, store.TokenRefresh, sig, r); err != nil {
			return err
		}
	}
	return h.RefreshTokenGrantHandler.HandleTokenEndpointRequest(ctx, r)
}

// errNotYours answers a spent artifact presented by someone it was not
// issued to. It says no more than an unknown one would.
var errNotYours = fosite.ErrInvalidGrant.WithHint("The authorization grant is invalid, expired or was issued to another client.")

// checkReuser refuses, before fosite sees it, a spent code or refresh
// token presented by a client other than its own, or by its own public
// client without the code's PKCE verifier. Live and unknown artifacts
// pass: fosite checks those itself. The row read is remembered for the
// request, so fosite's own read costs nothing more.
func (s *Storage) checkReuser(ctx context.Context, kind store.TokenKind, sig string, r fosite.AccessRequester) error {
	row, err := s.load(ctx, kind, sig)
	if errors.Is(err, fosite.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fosite.ErrServerError.WithWrap(err).WithDebug(err.Error())
	}
	if row.t.Active {
		return nil
	}
	c := r.GetClient()
	if c == nil || row.t.ClientID != c.GetID() {
		return errNotYours.WithDebug("a spent artifact was presented by another client")
	}
	if kind == store.TokenCode && c.IsPublic() {
		challenge := row.req.Form.Get("code_challenge")
		if challenge != "" && !pkceMatches(r.GetRequestForm().Get("code_verifier"), challenge) {
			return errNotYours.WithDebug("a spent code was presented without its PKCE verifier")
		}
	}
	return nil
}

// pkceMatches reports whether verifier hashes to the S256 challenge, the
// only method idconnect accepts.
func pkceMatches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	want := base64.RawURLEncoding.EncodeToString(sum[:])
	return verifier != "" && subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}
