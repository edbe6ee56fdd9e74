package authz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Approval is the outcome of the login and consent steps.
type Approval struct {
	// Identity is the ONCHAINID contract, Wallet the key that signed the
	// consent, ChainID their chain.
	Identity, Wallet common.Address
	ChainID          uint64
	// Scopes are the granted scopes, a subset of the requested ones.
	Scopes []string
	// GrantID and GrantKind name the store.Grant the consent step created.
	// offline_access may be granted only to a persistent grant.
	GrantID   string
	GrantKind store.GrantKind
	// ConsentHash is the 0x-hex keccak256 EIP-191 hash of the signed
	// consent message.
	ConsentHash string
	// AuthTime is when the owner signed in.
	AuthTime time.Time
}

// Approve completes a parked authorization request: it grants exactly
// a.Scopes, issues the code, deletes the parked request (it is single
// use), and returns where to send the browser: the client's redirect_uri
// with code and state. The caller writes the redirect, or hands it to a
// page script.
//
// When the request can no longer be honoured (the client changed
// meanwhile) it returns the client's redirect_uri with the OAuth error
// instead, and a nil error. It returns no URL and an error when the
// request is unknown, decided or expired (ErrAuthRequestNotFound), the
// approval does not fit it (ErrInvalidApproval), or the store fails.
func (p *Provider) Approve(ctx context.Context, requestID string, a Approval) (*url.URL, error) {
	ctx = withMemo(ctx)
	parked, ar, err := p.resume(ctx, requestID)
	if ar == nil {
		return nil, err
	}
	if err != nil {
		return p.abandon(ctx, requestID, ar, err)
	}
	if err := a.check(parked); err != nil {
		return nil, err
	}
	if err := p.checkGrantRecord(ctx, parked, a); err != nil {
		return nil, err
	}
	for _, s := range a.Scopes {
		ar.GrantScope(s)
	}
	if err := grantResources(ar, p.cfg.Issuer); err != nil {
		return p.abandon(ctx, requestID, ar, err)
	}
	// Every artifact of this authorization carries the grant id as its
	// request id, so that revoking by request reaches the grant.
	ar.SetID(a.GrantID)
	var resp fosite.AuthorizeResponder
	err = p.st.InTx(ctx, func(ctx context.Context) error {
		if err := p.st.DeleteAuthRequest(ctx, requestID); err != nil {
			return err
		}
		var err error
		resp, err = p.oauth.NewAuthorizeResponse(ctx, ar, p.approvedSession(parked, a))
		return err
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, ErrAuthRequestNotFound // decided by a concurrent call
	case err != nil && fosite.ErrorToRFC6749Error(err).CodeField < http.StatusInternalServerError:
		return p.abandon(ctx, requestID, ar, err)
	case err != nil:
		return nil, fmt.Errorf("authz: approve: %w", err)
	}
	return p.authorizationResponse(ar, resp.GetParameters()), nil
}

// Deny ends a parked request and returns the client's redirect_uri with
// error=access_denied and the state. Its errors are Approve's.
func (p *Provider) Deny(ctx context.Context, requestID string) (*url.URL, error) {
	_, ar, err := p.resume(ctx, requestID)
	if ar == nil {
		return nil, err
	}
	if err == nil {
		err = fosite.ErrAccessDenied.WithHint("The identity owner denied the request.")
	}
	return p.abandon(ctx, requestID, ar, err)
}

// abandon deletes the parked request and returns the client's
// redirect_uri with err as an OAuth error.
func (p *Provider) abandon(ctx context.Context, requestID string, ar fosite.AuthorizeRequester, err error) (*url.URL, error) {
	if derr := p.st.DeleteAuthRequest(ctx, requestID); errors.Is(derr, store.ErrNotFound) {
		return nil, ErrAuthRequestNotFound
	} else if derr != nil {
		return nil, fmt.Errorf("authz: delete auth request: %w", derr)
	}
	p.logError(ctx, "authorize", err)
	if !exactRedirect(ar) {
		// resume re-validated the parked request; a redirect_uri no longer
		// registered gets no redirect, never an open one.
		return nil, fmt.Errorf("%w: the redirect_uri is no longer registered", ErrAuthRequestNotFound)
	}
	q := fosite.ErrorToRFC6749Error(err).ToValues()
	return p.authorizationResponse(ar, q), nil
}

// authorizationResponse is the one place that builds the redirect back to
// the client (response_mode=query, the only mode offered): the
// redirect_uri, its own query kept, plus params, the state and RFC 9207's
// iss (withIssuer).
func (p *Provider) authorizationResponse(ar fosite.AuthorizeRequester, params url.Values) *url.URL {
	params = p.withIssuer(params)
	u := *ar.GetRedirectURI()
	u.Fragment = ""
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	if st := ar.GetState(); st != "" {
		q.Set("state", st)
	}
	u.RawQuery = q.Encode()
	return &u
}

// approvedSession builds the session every token of the grant carries.
func (p *Provider) approvedSession(parked store.AuthRequest, a Approval) *session {
	sub := identity.CAIP10(a.ChainID, a.Identity)
	s := newSession()
	s.Subject = sub
	s.Issuer = p.cfg.Issuer
	s.Claims.Subject = sub
	s.Claims.AuthTime = a.AuthTime.UTC().Truncate(time.Second)
	s.Claims.RequestedAt = parked.CreatedAt.UTC().Truncate(time.Second)
	s.Claims.AuthenticationMethodsReferences = []string{"siwe"}
	s.Claims.Extra = map[string]any{"wallet": identity.CAIP10(a.ChainID, a.Wallet)}
	s.Grant = grantInfo{
		ID: a.GrantID, Kind: a.GrantKind, Identity: a.Identity.Hex(), Wallet: a.Wallet.Hex(),
		ChainID: a.ChainID, Consent: a.ConsentHash,
	}
	// Stored sessions rebuild these from the grant (session.UnmarshalJSON);
	// keep both forms identical.
	return s
}

// check reports every way the approval does not fit the parked request.
func (a Approval) check(parked store.AuthRequest) error {
	var errs []error
	if a.GrantID == "" || (a.GrantKind != store.GrantImmediate && a.GrantKind != store.GrantPersistent) {
		errs = append(errs, errors.New("a grant id and kind are required"))
	}
	if a.Identity == (common.Address{}) || a.Wallet == (common.Address{}) || a.ChainID == 0 {
		errs = append(errs, errors.New("identity, wallet and chain id are required"))
	}
	if !isHash(a.ConsentHash) {
		errs = append(errs, errors.New("the consent hash must be 0x and 64 hex digits"))
	}
	if a.AuthTime.IsZero() {
		errs = append(errs, errors.New("the authentication time is required"))
	}
	for i, s := range a.Scopes {
		if !slices.Contains(parked.Scopes, s) || slices.Index(a.Scopes, s) != i {
			errs = append(errs, fmt.Errorf("scope %q was not requested, or is granted twice", s))
		}
	}
	if slices.Contains(a.Scopes, consent.ScopeOffline) && a.GrantKind != store.GrantPersistent {
		errs = append(errs, errors.New("offline_access needs a persistent grant"))
	}
	// A parked request that nobody has signed in for yet has zero addresses.
	if parked.Identity != (common.Address{}) && parked.Identity != a.Identity {
		errs = append(errs, errors.New("the identity differs from the one that logged in"))
	}
	if parked.Wallet != (common.Address{}) && parked.Wallet != a.Wallet {
		errs = append(errs, errors.New("the wallet differs from the one that logged in"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidApproval, errors.Join(errs...))
	}
	return nil
}

// checkGrantRecord holds the approval to the grant the consent step
// stored: it must be active and say the same thing.
func (p *Provider) checkGrantRecord(ctx context.Context, parked store.AuthRequest, a Approval) error {
	g, err := p.st.GetGrant(ctx, a.GrantID)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: grant %s not found", ErrInvalidApproval, a.GrantID)
	}
	if err != nil {
		return fmt.Errorf("authz: approve: %w", err)
	}
	var errs []error
	if g.State != store.GrantActive || (!g.ExpiresAt.IsZero() && !g.ExpiresAt.After(p.cfg.Clock())) {
		errs = append(errs, fmt.Errorf("the grant is %s", g.State))
	}
	if g.ClientID != parked.ClientID || g.Kind != a.GrantKind || g.ChainID != int64(a.ChainID) {
		errs = append(errs, errors.New("the grant's client, kind or chain differs"))
	}
	if g.Identity != a.Identity || g.Wallet != a.Wallet || !strings.EqualFold(g.ConsentHash, a.ConsentHash) {
		errs = append(errs, errors.New("the grant's identity, wallet or consent differs"))
	}
	for _, s := range a.Scopes {
		if !slices.Contains(g.Scopes, s) {
			errs = append(errs, fmt.Errorf("scope %q is not in the grant", s))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidApproval, errors.Join(errs...))
	}
	return nil
}
