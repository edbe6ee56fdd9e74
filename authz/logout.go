package authz

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/store"
)

// OpenID Connect RP-Initiated Logout 1.0. The rules live here; the web
// layer parses the request, ends the browser's login session and renders
// the pages.

// ErrInvalidLogout means a logout request was refused: a malformed
// parameter, an id_token_hint that is not ours or not for the client, an
// unknown client, or a post_logout_redirect_uri the client did not
// register. Nothing is ended and nobody is redirected.
var ErrInvalidLogout = errors.New("authz: invalid logout request")

// LogoutRequest holds the parameters of an RP-initiated logout request.
type LogoutRequest struct {
	IDTokenHint           string
	ClientID              string
	PostLogoutRedirectURI string
	State                 string
}

// Bounds on logout parameters: generous for what a client sends, small
// enough that nothing big is parsed or echoed.
const (
	maxLogoutClientID = 256
	maxLogoutState    = 1024
	maxLogoutURI      = 2000
)

// ParseLogoutRequest reads the parameters of a GET query or a POST form.
// Each may appear at most once; unknown ones (ui_locales, logout_hint)
// are ignored, as the specification allows.
func ParseLogoutRequest(form url.Values) (LogoutRequest, error) {
	var errs []error
	one := func(name string, limit int) string {
		v := form[name]
		switch {
		case len(v) > 1:
			errs = append(errs, fmt.Errorf("%s is given more than once", name))
		case len(v) == 0:
			return ""
		case len(v[0]) > limit:
			errs = append(errs, fmt.Errorf("%s is longer than %d bytes", name, limit))
		case strings.IndexFunc(v[0], unicode.IsControl) >= 0:
			errs = append(errs, fmt.Errorf("%s holds control characters", name))
		default:
			return v[0]
		}
		return ""
	}
	req := LogoutRequest{
		IDTokenHint:           one("id_token_hint", maxTokenLen),
		ClientID:              one("client_id", maxLogoutClientID),
		PostLogoutRedirectURI: one("post_logout_redirect_uri", maxLogoutURI),
		State:                 one("state", maxLogoutState),
	}
	if len(errs) > 0 {
		return LogoutRequest{}, fmt.Errorf("%w: %w", ErrInvalidLogout, errors.Join(errs...))
	}
	return req, nil
}

// Logout is the server's reading of a valid logout request.
type Logout struct {
	// Subject is the id_token_hint's sub (CAIP-10); empty without a hint
	// that verified.
	Subject string
	// ClientName names the client that asked, for the confirmation page;
	// empty when no client was identified.
	ClientName string
	// RedirectURL is the registered post_logout_redirect_uri with state
	// added; empty when the request named none.
	RedirectURL string
}

// EndsWithoutAsking reports whether a browser signed in as
// sessionSubject may be signed out without confirming: it is signed in as
// nobody, or the request carries a valid ID token of that very subject.
// Anything else asks, so that a link or a cross-site form cannot sign the
// owner out (logout CSRF).
func (l Logout) EndsWithoutAsking(sessionSubject string) bool {
	return sessionSubject == "" || (l.Subject != "" && l.Subject == sessionSubject)
}

// CheckLogout validates a logout request. An id_token_hint must be an ID
// token this server signed for its issuer, expired or not; a hint whose
// key has left the JWKS is ignored (the owner is asked instead). A
// client_id must name a client, and the hint, when both are given, must
// be for it. A post_logout_redirect_uri must be registered for the client
// character for character. Every refusal wraps ErrInvalidLogout.
func (p *Provider) CheckLogout(ctx context.Context, req LogoutRequest) (Logout, error) {
	var out Logout
	var hintAud []string
	if req.IDTokenHint != "" {
		sub, aud, err := p.verifyIDTokenHint(ctx, req.IDTokenHint)
		switch {
		case errors.Is(err, errHintKeyUnknown):
		case err != nil:
			return Logout{}, err
		default:
			out.Subject, hintAud = sub, aud
		}
	}
	clientID := req.ClientID
	switch {
	case clientID != "" && hintAud != nil && !slices.Contains(hintAud, clientID):
		return Logout{}, fmt.Errorf("%w: the id_token_hint was not issued to client_id", ErrInvalidLogout)
	case clientID == "" && len(hintAud) == 1:
		clientID = hintAud[0]
	}
	if clientID == "" {
		if req.PostLogoutRedirectURI != "" {
			return Logout{}, fmt.Errorf("%w: post_logout_redirect_uri needs client_id or id_token_hint", ErrInvalidLogout)
		}
		return out, nil
	}
	c, err := p.st.GetClient(ctx, clientID)
	if errors.Is(err, store.ErrNotFound) {
		return Logout{}, fmt.Errorf("%w: unknown client_id", ErrInvalidLogout)
	}
	if err != nil {
		return Logout{}, fmt.Errorf("authz: logout: %w", err)
	}
	out.ClientName = c.Name
	if req.PostLogoutRedirectURI == "" {
		return out, nil
	}
	if !slices.Contains(c.PostLogoutRedirectURIs, req.PostLogoutRedirectURI) {
		return Logout{}, fmt.Errorf("%w: post_logout_redirect_uri is not registered for the client", ErrInvalidLogout)
	}
	u, err := url.Parse(req.PostLogoutRedirectURI)
	if err != nil {
		return Logout{}, fmt.Errorf("%w: post_logout_redirect_uri: %w", ErrInvalidLogout, err)
	}
	if req.State != "" {
		q := u.Query()
		q.Set("state", req.State)
		u.RawQuery = q.Encode()
	}
	out.RedirectURL = u.String()
	return out, nil
}

// idTokenAlgs are the algorithms an ID token of ours may carry.
var idTokenAlgs = []jose.SignatureAlgorithm{jose.RS256, jose.ES256, jose.EdDSA}

// errHintKeyUnknown means the hint names a key this server does not
// publish (any more): it cannot be verified, so it counts as absent.
var errHintKeyUnknown = errors.New("authz: id_token_hint key not published")

// verifyIDTokenHint checks an id_token_hint's signature against the
// published keys, its type and its issuer, and returns its subject and
// audience. Its expiry is not checked: the specification accepts expired
// ID tokens as hints.
func (p *Provider) verifyIDTokenHint(ctx context.Context, raw string) (sub string, aud []string, err error) {
	bad := func(why string) error { return fmt.Errorf("%w: id_token_hint: %s", ErrInvalidLogout, why) }
	if len(raw) > maxTokenLen {
		return "", nil, bad("too long")
	}
	tok, err := josejwt.ParseSigned(raw, idTokenAlgs)
	if err != nil {
		return "", nil, bad("not a signed JWT")
	}
	h := tok.Headers[0]
	// Access tokens, service tokens and callbacks are signed by the same
	// keys; only an ID token may stand for the signed-in user here.
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); typ != typJWT {
		return "", nil, bad("not an ID token")
	}
	key, ok := p.keys.publicJWK(ctx, h.KeyID)
	if !ok {
		return "", nil, errHintKeyUnknown
	}
	if key.Algorithm != h.Algorithm {
		return "", nil, bad("algorithm does not match the key")
	}
	var c josejwt.Claims
	if err := tok.Claims(key.Key, &c); err != nil {
		return "", nil, bad("bad signature")
	}
	if c.Issuer != p.cfg.Issuer {
		return "", nil, bad("issued by another server")
	}
	if c.Subject == "" || len(c.Audience) == 0 {
		return "", nil, bad("no sub or aud")
	}
	return c.Subject, c.Audience, nil
}
