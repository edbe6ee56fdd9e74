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
)

// RFC 8707 resource indicators. A client names the resource server a
// token is for with resource=<absolute URI>, at /oauth2/auth (what the
// grant may be used at) and at /oauth2/token (which of those this access
// token is for). The token's aud is that resource; without one it is the
// issuer, the identifier of this server's own resource endpoints
// (/userinfo, /identities/…), which accept no other audience.

const (
	// maxResources bounds how many resources one request may name.
	maxResources = 8
	// maxResourceLen bounds one resource indicator.
	maxResourceLen = 2048
)

// ErrBadResource is a resource parameter RFC 8707 does not allow.
var ErrBadResource = errors.New("authz: bad resource indicator")

// ParseResources reads the values of the resource parameter: each must be
// an absolute URI without a fragment (RFC 8707 section 2), printable
// ASCII, at most 2048 bytes, and at most eight are accepted. Duplicates
// collapse; the order is kept.
func ParseResources(values []string) ([]string, error) {
	if len(values) > maxResources {
		return nil, fmt.Errorf("%w: at most %d resources", ErrBadResource, maxResources)
	}
	var out []string
	for _, v := range values {
		if err := checkResource(v); err != nil {
			return nil, err
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

func checkResource(v string) error {
	if v == "" || len(v) > maxResourceLen {
		return fmt.Errorf("%w: a resource is 1 to %d bytes", ErrBadResource, maxResourceLen)
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			return fmt.Errorf("%w: a resource is printable ASCII without spaces", ErrBadResource)
		}
	}
	if strings.Contains(v, "#") {
		return fmt.Errorf("%w: a resource must not have a fragment", ErrBadResource)
	}
	u, err := url.Parse(v)
	if err != nil || !u.IsAbs() || (u.Opaque == "" && u.Host == "") {
		return fmt.Errorf("%w: a resource is an absolute URI", ErrBadResource)
	}
	return nil
}

// errInvalidTarget is RFC 8707's error for a refused resource.
func errInvalidTarget(err error) error {
	return (&fosite.RFC6749Error{
		ErrorField: "invalid_target", CodeField: http.StatusBadRequest,
		DescriptionField: "The requested resource is invalid, unknown, or malformed.",
	}).WithHint(err.Error()).WithWrap(err)
}

// grantResources grants the authorization request's resources as the
// audience of every token of the grant, or the issuer when none was named.
func grantResources(ar fosite.AuthorizeRequester, issuer string) error {
	res, err := ParseResources(ar.GetRequestForm()["resource"])
	if err != nil {
		return errInvalidTarget(err)
	}
	if len(res) == 0 {
		res = []string{issuer}
	}
	for _, r := range res {
		ar.GrantAudience(r)
	}
	return nil
}

// resourceAudience is fosite's audience matching strategy: the audiences
// of a grant are the resources its authorization request named, checked
// by ParseResources, not a list kept per client. fosite asks on refresh.
func resourceAudience(_ []string, needle []string) error {
	if _, err := ParseResources(needle); err != nil {
		return errInvalidTarget(err)
	}
	return nil
}

// tokenAudienceKey carries the resources a token request narrowed the
// access token to, from serveToken to GenerateAccessToken.
type tokenAudienceKey struct{}

// narrowAudience reads the token request's resource parameters: each must
// be one the grant was authorized for, and the access token is then for
// those only. The grant (and a refresh token) keeps all its resources.
func (p *Provider) narrowAudience(ctx context.Context, ar fosite.AccessRequester) (context.Context, error) {
	res, err := ParseResources(ar.GetRequestForm()["resource"])
	if err != nil || len(res) == 0 {
		if err != nil {
			err = errInvalidTarget(err)
		}
		return ctx, err
	}
	granted, err := p.grantedAudience(ctx, ar)
	if err != nil {
		return ctx, err
	}
	for _, r := range res {
		if !slices.Contains(granted, r) {
			return ctx, errInvalidTarget(fmt.Errorf("%w: %.100q was not authorized for this grant", ErrBadResource, r))
		}
	}
	return context.WithValue(ctx, tokenAudienceKey{}, res), nil
}

// grantedAudience is the audience the token request's grant was
// authorized for. fosite grants a code's audience only while it issues the
// tokens, so for a code it is read from the code's stored request (which
// the exchange reads again; the code is spent only then).
func (p *Provider) grantedAudience(ctx context.Context, ar fosite.AccessRequester) ([]string, error) {
	if !ar.GetGrantTypes().ExactOne("authorization_code") {
		return ar.GetGrantedAudience(), nil
	}
	code, err := p.storage.GetAuthorizeCodeSession(ctx, p.storage.codeSignature(ctx, ar.GetRequestForm().Get("code")), newSession())
	if err != nil {
		return nil, fosite.ErrInvalidGrant.WithWrap(err).WithDebug(err.Error())
	}
	return code.GetGrantedAudience(), nil
}

// tokenAudience is the aud of an access token for r: the resources the
// token request narrowed to, else the grant's, else the issuer (grants
// authorized before resources were recorded).
func tokenAudience(ctx context.Context, r fosite.Requester, issuer string) []string {
	if res, ok := ctx.Value(tokenAudienceKey{}).([]string); ok {
		return res
	}
	if aud := r.GetGrantedAudience(); len(aud) > 0 {
		return slices.Clone(aud)
	}
	return []string{issuer}
}
