package authz

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/identity"
)

// MaxAuthorizeRequest bounds an /oauth2/auth request's query or form body.
// A legitimate request (a client id, a redirect URI, a dozen scopes, state,
// nonce and a PKCE challenge) is well under 2 KiB.
const MaxAuthorizeRequest = 8 << 10

// authorizeParams are the only parameters an authorization request keeps:
// what fosite validates and what the sign-in and consent steps read.
// Everything else a client sends is dropped before anything is parsed or
// stored.
var authorizeParams = []string{
	"client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method",
	"response_type", "response_mode", "prompt", "max_age", "login_hint", "acr_values",
}

// repeatableParams may be given more than once: RFC 8707's resource names
// one resource server each (ParseResources bounds and checks them).
var repeatableParams = []string{"resource"}

// promptValues are the OIDC prompt values the sign-in step honours.
var promptValues = []string{"none", "login", "consent", "select_account"}

// errTooLarge and errQueryTooLong are an authorization request body or
// query over MaxAuthorizeRequest.
var (
	errTooLarge     = errors.New("authz: authorization request body too large")
	errQueryTooLong = errors.New("authz: authorization request query too long")
)

// oidcParams are the OIDC parameters of a request, checked.
type oidcParams struct {
	prompt    []string
	maxAge    int64 // seconds; 0 when absent (max_age=0 becomes prompt=login)
	loginHint common.Address
}

// authorizeForm is an authorization request cut down to authorizeParams.
type authorizeForm struct {
	kept url.Values
	// unsupported is request or request_uri, which are answered with
	// their own error once the client and redirect URI are known.
	unsupported error
}

// readAuthorizeForm reads the query (GET) or form body (POST), bounded, and
// keeps only authorizeParams.
func readAuthorizeForm(w http.ResponseWriter, r *http.Request) (authorizeForm, error) {
	if len(r.URL.RawQuery) > MaxAuthorizeRequest {
		return authorizeForm{}, errQueryTooLong
	}
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, MaxAuthorizeRequest)
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return authorizeForm{}, errTooLarge
			}
			return authorizeForm{}, fosite.ErrInvalidRequest.WithHint("The request body is not a form.")
		}
		raw = r.PostForm.Encode()
	}
	return filterAuthorizeForm(raw)
}

// filterAuthorizeForm parses a query string and keeps only authorizeParams.
// A parameter given twice is refused, as RFC 6749 section 3.1 requires.
func filterAuthorizeForm(raw string) (authorizeForm, error) {
	if len(raw) > MaxAuthorizeRequest {
		return authorizeForm{}, errTooLarge
	}
	all, err := url.ParseQuery(raw)
	if err != nil {
		return authorizeForm{}, fosite.ErrInvalidRequest.WithHint("The request is not a well-formed query string.")
	}
	f := authorizeForm{kept: url.Values{}}
	for _, k := range authorizeParams {
		switch v := all[k]; len(v) {
		case 0:
		case 1:
			f.kept.Set(k, v[0])
		default:
			return authorizeForm{}, fosite.ErrInvalidRequest.WithHintf("The %s parameter is given more than once.", k)
		}
	}
	for _, k := range repeatableParams {
		if v := all[k]; len(v) > 0 {
			f.kept[k] = v
		}
	}
	switch {
	case all.Has("request"):
		f.unsupported = fosite.ErrRequestNotSupported.WithHint("Request objects are not supported.")
	case all.Has("request_uri"):
		f.unsupported = fosite.ErrRequestURINotSupported.WithHint("Request objects are not supported.")
	}
	return f, nil
}

// checkOIDCParams validates prompt and max_age, and drops a login_hint that
// is not a wallet address (a hint is only a hint).
func checkOIDCParams(form url.Values) (oidcParams, error) {
	var p oidcParams
	p.prompt = strings.Fields(form.Get("prompt"))
	for _, v := range p.prompt {
		if !slices.Contains(promptValues, v) {
			return p, fosite.ErrInvalidRequest.WithHintf("The prompt value %q is not supported.", v)
		}
	}
	silent := slices.Contains(p.prompt, "none")
	if silent && len(p.prompt) > 1 {
		return p, fosite.ErrInvalidRequest.WithHint("prompt=none cannot be combined with other values.")
	}
	if form.Has("max_age") {
		n, err := strconv.ParseInt(form.Get("max_age"), 10, 64)
		switch {
		case err != nil || n < 0 || n > maxMaxAge:
			return p, fosite.ErrInvalidRequest.WithHint("max_age must be a whole number of seconds.")
		case n == 0 && silent:
			// No session is young enough, and none may be opened.
			return p, fosite.ErrLoginRequired.WithHint("max_age=0 needs a new sign-in, which prompt=none forbids.")
		case n == 0 && !slices.Contains(p.prompt, "login"):
			p.prompt = append(p.prompt, "login") // OIDC Core 3.1.2.1: max_age=0 is prompt=login
		}
		p.maxAge = n
	}
	if a, err := identity.ParseAddress(form.Get("login_hint")); err == nil {
		p.loginHint = a
	} else {
		form.Del("login_hint")
	}
	return p, nil
}

// maxMaxAge is ten years: anything above is as good as no limit, and keeps
// the arithmetic on durations far from overflow.
const maxMaxAge = 10 * 365 * 24 * 3600

// promptString is the stored form of the prompt values.
func (p oidcParams) promptString() string { return strings.Join(p.prompt, " ") }
