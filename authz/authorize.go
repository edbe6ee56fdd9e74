package authz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/store"
)

// authorizeHandler is serveAuthorize behind the configured rate limit.
func (p *Provider) authorizeHandler() http.Handler {
	if p.cfg.AuthorizeLimit == nil {
		return http.HandlerFunc(p.serveAuthorize)
	}
	return p.cfg.AuthorizeLimit(http.HandlerFunc(p.serveAuthorize))
}

// serveAuthorize validates an authorization request, parks what the flow
// needs of it, binds it to the browser with a cookie, and sends the browser
// to the login page with its id.
func (p *Provider) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	ctx := withMemo(r.Context())
	form, err := readAuthorizeForm(w, r)
	if err != nil {
		p.writeAuthorizeError(ctx, w, nil, err)
		return
	}
	ar, err := p.oauth.NewAuthorizeRequest(ctx, formRequest(ctx, form.kept))
	if err == nil {
		err = checkAuthorizeRequest(ar)
	}
	var params oidcParams
	if err == nil {
		params, err = checkOIDCParams(form.kept)
	}
	if err == nil {
		err = form.unsupported
	}
	if err != nil {
		p.writeAuthorizeError(ctx, w, ar, err)
		return
	}
	id, err := p.park(ctx, w, r, ar, form.kept, params)
	if err != nil {
		p.writeAuthorizeError(ctx, w, ar, fosite.ErrServerError.WithWrap(err).WithDebug(err.Error()))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, p.cfg.LoginPath+"?request="+url.QueryEscape(id), http.StatusSeeOther)
}

// park stores the request, bound to the browser's binding cookie (set now
// when the browser has none).
func (p *Provider) park(ctx context.Context, w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester,
	form url.Values, params oidcParams) (string, error) {
	id, err := randomString(p.cfg.Rand, 24)
	if err != nil {
		return "", err
	}
	binding, err := p.browserBinding(w, r)
	if err != nil {
		return "", err
	}
	now := p.cfg.Clock().UTC()
	parked := store.AuthRequest{
		ID: id, ClientID: ar.GetClient().GetID(), RedirectURI: ar.GetRedirectURI().String(),
		Scopes: ar.GetRequestedScopes(), State: ar.GetState(), Nonce: form.Get("nonce"),
		CodeChallenge: form.Get("code_challenge"), CodeChallengeMethod: form.Get("code_challenge_method"),
		Form: []byte(form.Encode()), BrowserBinding: store.BindingHash(binding),
		Prompt: params.promptString(), MaxAge: params.maxAge, LoginHint: params.loginHint,
		CreatedAt: now, ExpiresAt: now.Add(p.cfg.AuthRequestTTL),
	}
	return id, p.st.CreateAuthRequest(ctx, parked)
}

// formRequest is the GET request fosite validates: only the kept
// parameters, whatever the browser sent.
func formRequest(ctx context.Context, form url.Values) *http.Request {
	return (&http.Request{
		Method: http.MethodGet, URL: &url.URL{Path: PathAuthorize, RawQuery: form.Encode()},
		Header: http.Header{}, Host: "",
	}).WithContext(ctx)
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
// URI is registered, and otherwise shows a plain 400 page (413 or 414 for a
// request over MaxAuthorizeRequest): an unverified redirect would make the server
// an open redirector.
func (p *Provider) writeAuthorizeError(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester, err error) {
	p.logError(ctx, "authorize", err)
	err = unavailable(err)
	if exactRedirect(ar) {
		p.oauth.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case errors.Is(err, errTooLarge):
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		fmt.Fprintf(w, "This sign-in request is too large: at most %d bytes are accepted.\n", MaxAuthorizeRequest)
		return
	case errors.Is(err, errQueryTooLong):
		w.WriteHeader(http.StatusRequestURITooLong)
		fmt.Fprintf(w, "This sign-in request is too long: at most %d bytes of query are accepted.\n", MaxAuthorizeRequest)
		return
	}
	rfc := fosite.ErrorToRFC6749Error(err)
	status := http.StatusBadRequest
	if rfc.CodeField == http.StatusServiceUnavailable {
		// The client could not be loaded to check the redirect: say the
		// server is unavailable, not that the request is bad.
		status = http.StatusServiceUnavailable
	}
	w.WriteHeader(status)
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

// Refuse ends a parked prompt=none request that cannot complete without
// the owner: it redirects the browser to the client with code (OIDC Core
// 3.1.2.6: "login_required" or "consent_required") and the state. Its
// errors are Approve's.
func (p *Provider) Refuse(ctx context.Context, requestID, code string) (*url.URL, error) {
	_, ar, err := p.resume(ctx, requestID)
	if ar == nil {
		return nil, err
	}
	if err == nil {
		switch code {
		case fosite.ErrLoginRequired.ErrorField:
			err = fosite.ErrLoginRequired.WithHint("The owner is not signed in, and prompt=none forbids asking.")
		case fosite.ErrConsentRequired.ErrorField:
			err = fosite.ErrConsentRequired.WithHint("No grant covers the request, and prompt=none forbids asking.")
		default:
			return nil, fmt.Errorf("authz: refuse with %q: not a prompt=none error", code)
		}
	}
	return p.abandon(ctx, requestID, ar, err)
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
	ar, err := p.oauth.NewAuthorizeRequest(ctx, formRequest(ctx, form))
	if err == nil {
		err = checkAuthorizeRequest(ar)
	}
	return parked, ar, err
}
