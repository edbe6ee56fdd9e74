package authz

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ory/fosite"
)

// paramIssuer is the RFC 9207 authorization response parameter.
const paramIssuer = "iss"

// withIssuer adds RFC 9207's iss to the parameters of an authorization
// response, success or error, so that a client talking to several
// servers can tell which one answered (mix-up attacks). Every redirect
// to a client's redirect_uri goes through it: issuerResponses calls it
// for everything fosite writes, and a redirect built by hand must call
// it too.
func (p *Provider) withIssuer(params url.Values) url.Values {
	params.Set(paramIssuer, p.cfg.Issuer)
	return params
}

// issuerResponses is fosite's provider whose authorization responses and
// authorization error redirects carry iss (withIssuer), in whichever
// response mode fosite writes them.
type issuerResponses struct {
	fosite.OAuth2Provider
	p *Provider
}

// WriteAuthorizeResponse implements fosite.OAuth2Provider.
func (o issuerResponses) WriteAuthorizeResponse(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester, resp fosite.AuthorizeResponder) {
	o.p.withIssuer(resp.GetParameters())
	o.OAuth2Provider.WriteAuthorizeResponse(ctx, w, ar, resp)
}

// WriteAuthorizeError implements fosite.OAuth2Provider. An error that
// can be redirected is written as a response whose parameters are the
// error's, the state and iss: fosite's own error writer has no way to add
// a parameter. One that cannot (no valid redirect URI) is fosite's.
func (o issuerResponses) WriteAuthorizeError(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester, err error) {
	if ar == nil || !ar.IsRedirectURIValid() {
		o.OAuth2Provider.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	params := fosite.ErrorToRFC6749Error(err).ToValues()
	if state := ar.GetState(); state != "" {
		params.Set("state", state)
	}
	resp := &fosite.AuthorizeResponse{Header: http.Header{}, Parameters: o.p.withIssuer(params)}
	o.OAuth2Provider.WriteAuthorizeResponse(ctx, w, ar, resp)
}
