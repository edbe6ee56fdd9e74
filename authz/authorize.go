package authz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/store"
)

// serveAuthorize validates an authorization request, parks it, and sends
// the browser to the login page with its id.
func (p *Provider) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	ctx := withMemo(r.Context())
	ar, err := p.oauth.NewAuthorizeRequest(ctx, r)
	if err == nil {
		err = checkAuthorizeRequest(ar)
	}
	if err != nil {
		p.writeAuthorizeError(ctx, w, ar, err)
		return
	}
	id, err := randomString(p.cfg.Rand, 24)
	if err != nil {
		p.writeAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err))
		return
	}
	now := p.cfg.Clock().UTC()
	form := ar.GetRequestForm()
	parked := store.AuthRequest{
		ID: id, ClientID: ar.GetClient().GetID(), RedirectURI: ar.GetRedirectURI().String(),
		Scopes: ar.GetRequestedScopes(), State: ar.GetState(), Nonce: form.Get("nonce"),
		CodeChallenge: form.Get("code_challenge"), CodeChallengeMethod: form.Get("code_challenge_method"),
		Form: []byte(form.Encode()), CreatedAt: now, ExpiresAt: now.Add(p.cfg.AuthRequestTTL),
	}
	if err := p.st.CreateAuthRequest(ctx, parked); err != nil {
		p.writeAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err).WithDebug(err.Error()))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, p.cfg.LoginPath+"?request="+url.QueryEscape(id), http.StatusSeeOther)
}

// checkAuthorizeRequest adds idconnect's rules to fosite's validation.
func checkAuthorizeRequest(ar fosite.AuthorizeRequester) error {
	if !exactRedirect(ar) {
		return fosite.ErrInvalidRequest.WithHint("The redirect_uri must be given and match a registered one exactly.")
	}
	form := ar.GetRequestForm()
	challenge, method := form.Get("code_challenge"), form.Get("code_challenge_method")
	switch {
	case !ar.GetResponseTypes().ExactOne(responseTypeCode):
		return fosite.ErrUnsupportedResponseType.WithHint("Only response_type=code is supported.")
	case challenge == "" && ar.GetClient().IsPublic():
		return fosite.ErrInvalidRequest.WithHint("Public clients must use PKCE (code_challenge with S256).")
	case challenge != "" && method != "S256":
		return fosite.ErrInvalidRequest.WithHint("The code_challenge_method must be S256.")
	case slices.Contains(strings.Fields(form.Get("prompt")), "none"):
		// Every authorization shows the consent screen and asks for a
		// signature, so it can never complete without interaction.
		return fosite.ErrLoginRequired.WithHint("prompt=none is not supported: consent needs a wallet signature.")
	}
	if _, err := ParseResources(form["resource"]); err != nil {
		return errInvalidTarget(err) // RFC 8707; Approve grants them as the audience
	}
	return nil
}

// exactRedirect reports whether the request names a registered
// redirect_uri character for character. fosite alone would also accept an
// omitted one and loopback URIs on other ports.
func exactRedirect(ar fosite.AuthorizeRequester) bool {
	if ar == nil || ar.GetClient() == nil || !ar.IsRedirectURIValid() {
		return false
	}
	raw := ar.GetRequestForm().Get("redirect_uri")
	return raw != "" && slices.Contains(ar.GetClient().GetRedirectURIs(), raw)
}

// writeAuthorizeError redirects the error to the client when the redirect
// URI is registered, and otherwise shows a plain 400 page: an unverified
// redirect would make the server an open redirector.
func (p *Provider) writeAuthorizeError(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester, err error) {
	p.logError(ctx, "authorize", err)
	if exactRedirect(ar) {
		p.oauth.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	rfc := fosite.ErrorToRFC6749Error(err)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, "This sign-in request cannot be processed: %s\n\n%s\n", rfc.ErrorField, rfc.GetDescription())
}

// AuthRequest returns a parked authorization request for the login and
// consent pages. Unknown, decided and expired requests are
// ErrAuthRequestNotFound.
func (p *Provider) AuthRequest(ctx context.Context, id string) (store.AuthRequest, error) {
	a, err := p.st.GetAuthRequest(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return store.AuthRequest{}, ErrAuthRequestNotFound
	}
	if err != nil {
		return store.AuthRequest{}, fmt.Errorf("authz: auth request: %w", err)
	}
	if !a.ExpiresAt.After(p.cfg.Clock()) {
		return store.AuthRequest{}, ErrAuthRequestNotFound
	}
	return a, nil
}

// resume loads a parked request and has fosite validate it again, so that
// a client changed or deleted meanwhile is noticed.
func (p *Provider) resume(ctx context.Context, id string) (store.AuthRequest, fosite.AuthorizeRequester, error) {
	parked, err := p.AuthRequest(ctx, id)
	if err != nil {
		return parked, nil, err
	}
	form, err := url.ParseQuery(string(parked.Form))
	if err != nil {
		return parked, nil, fmt.Errorf("authz: parked request %s: %w", id, err)
	}
	req := (&http.Request{
		Method: http.MethodGet, URL: &url.URL{Path: PathAuthorize, RawQuery: form.Encode()},
		Header: http.Header{}, Host: "",
	}).WithContext(ctx)
	ar, err := p.oauth.NewAuthorizeRequest(ctx, req)
	if err == nil {
		err = checkAuthorizeRequest(ar)
	}
	return parked, ar, err
}
