package authz

import (
	"context"
	"errors"
	"net/http"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"
)

// serveToken is the token endpoint: authorization_code and refresh_token.
func (p *Provider) serveToken(w http.ResponseWriter, r *http.Request) {
	ctx := withMemo(r.Context())
	ar, err := p.oauth.NewAccessRequest(ctx, r, newSession())
	if err != nil {
		p.logError(ctx, "token request", err)
		p.oauth.WriteAccessError(ctx, w, ar, unavailable(err))
		return
	}
	if ctx, err = p.narrowAudience(ctx, ar); err != nil {
		p.oauth.WriteAccessError(ctx, w, ar, err)
		return
	}
	resp, err := p.oauth.NewAccessResponse(ctx, ar)
	if err != nil {
		p.logError(ctx, "token response", err)
		p.oauth.WriteAccessError(ctx, w, ar, unavailable(err))
		return
	}
	p.oauth.WriteAccessResponse(ctx, w, ar, resp)
}

// serveRevoke is RFC 7009 revocation.
func (p *Provider) serveRevoke(w http.ResponseWriter, r *http.Request) {
	ctx := withMemo(r.Context())
	err := p.oauth.NewRevocationRequest(ctx, r)
	if err != nil {
		p.logError(ctx, "revoke", err)
	}
	p.oauth.WriteRevocationResponse(ctx, w, unavailable(err))
}

// serveIntrospect is RFC 7662 introspection, for any authenticated client.
func (p *Provider) serveIntrospect(w http.ResponseWriter, r *http.Request) {
	ctx := withMemo(r.Context())
	ir, err := p.oauth.NewIntrospectionRequest(ctx, r, newSession())
	if err != nil {
		p.logError(ctx, "introspect", err)
		p.oauth.WriteIntrospectionError(ctx, w, unavailable(err))
		return
	}
	p.oauth.WriteIntrospectionResponse(ctx, w, ir)
}

// revocationFactory composes fosite's RFC 7009 handler with idconnect's
// rule: revoking a refresh token ends its whole grant (fosite's handler
// revokes every token of the request, and the storage revokes the grant),
// while revoking an access token ends that token only.
func revocationFactory(config fosite.Configurator, storage, strategy any) any {
	return &tokenRevoker{
		TokenRevocationHandler: compose.OAuth2TokenRevocationFactory(config, storage, strategy).(*oauth2.TokenRevocationHandler),
		storage:                storage.(*Storage),
		access:                 strategy.(oauth2.AccessTokenStrategy),
		refresh:                strategy.(oauth2.RefreshTokenStrategy),
	}
}

type tokenRevoker struct {
	*oauth2.TokenRevocationHandler
	storage *Storage
	access  oauth2.AccessTokenStrategy
	refresh oauth2.RefreshTokenStrategy
}

var _ fosite.RevocationHandler = (*tokenRevoker)(nil)

// RevokeToken implements fosite.RevocationHandler.
func (h *tokenRevoker) RevokeToken(ctx context.Context, token string, hint fosite.TokenType, c fosite.Client) error {
	_, err := h.storage.GetRefreshTokenSession(ctx, h.refresh.RefreshTokenSignature(ctx, token), nil)
	if err == nil || errors.Is(err, fosite.ErrInactiveToken) {
		return h.TokenRevocationHandler.RevokeToken(ctx, token, fosite.RefreshToken, c)
	}
	if !errors.Is(err, fosite.ErrNotFound) {
		return fosite.ErrTemporarilyUnavailable.WithWrap(err).WithDebug(err.Error())
	}
	ar, err := h.storage.GetAccessTokenSession(ctx, h.access.AccessTokenSignature(ctx, token), nil)
	switch {
	case errors.Is(err, fosite.ErrNotFound), errors.Is(err, fosite.ErrInactiveToken):
		return nil // RFC 7009: unknown, expired and revoked tokens need nothing
	case err != nil:
		return fosite.ErrTemporarilyUnavailable.WithWrap(err).WithDebug(err.Error())
	case ar.GetClient().GetID() != c.GetID():
		return fosite.ErrUnauthorizedClient
	}
	if err := h.storage.revokeAccessToken(ctx, token); err != nil {
		return fosite.ErrTemporarilyUnavailable.WithWrap(err).WithDebug(err.Error())
	}
	return nil
}
