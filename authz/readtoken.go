package authz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/idconnect/idconnect/consent"
)

var _ consent.TokenVerifier = (*Provider)(nil)

// VerifyReadToken is VerifyGrantToken for consent's read rule: the token's
// claims and the key of its revocation, which the rule checks in the same
// store read as the grant. The rule checks the audience.
func (p *Provider) VerifyReadToken(ctx context.Context, raw string) (consent.Token, error) {
	c, hash, err := p.VerifyGrantToken(ctx, raw)
	if err != nil {
		return consent.Token{}, err
	}
	return consent.Token{
		Subject: c.Subject, Audience: c.Audience, ClientID: c.ClientID, Scopes: c.Scopes,
		GrantID: c.GrantID, GrantKind: c.GrantKind, Identity: c.Identity, Wallet: c.Wallet,
		ChainID: c.ChainID, Consent: c.Consent, ExpiresAt: c.ExpiresAt, RevocationKey: hash,
	}, nil
}

// ErrClientAuth refuses a caller that is not a confidential client with
// valid credentials.
var ErrClientAuth = errors.New("authz: client authentication failed")

// AuthenticateClient authenticates a confidential client by
// client_secret_basic or client_secret_post, as the token endpoint does,
// and returns its id. Resource servers calling POST /oauth2/grant-reads
// use it; public clients have no secret and are refused.
func (p *Provider) AuthenticateClient(ctx context.Context, r *http.Request) (string, error) {
	if err := r.ParseForm(); err != nil {
		return "", fmt.Errorf("%w: %w", ErrClientAuth, err)
	}
	c, err := p.clientAuth.AuthenticateClient(withMemo(ctx), r, r.PostForm)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrClientAuth, err)
	}
	if c.IsPublic() {
		return "", fmt.Errorf("%w: a public client has no credentials", ErrClientAuth)
	}
	return c.GetID(), nil
}

// ErrUnregisteredResource refuses a resource server that reads as a
// resource its client did not register (RFC 8707 invalid_target).
var ErrUnregisteredResource = errors.New("authz: the resource is not registered on the client")

// CheckResource allows an authenticated client to read grants as
// resource only when resource is one of its registered resources,
// compared exactly. Otherwise any confidential client could name the
// audience of a token it was handed, read the grant as that resource
// server and spend an immediate grant meant for it. Errors:
// ErrUnregisteredResource, ErrClientAuth (the client is gone).
func (p *Provider) CheckResource(ctx context.Context, clientID, resource string) error {
	fc, err := p.storage.GetClient(ctx, clientID)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrClientAuth, err)
	}
	c, ok := fc.(*client)
	if !ok || !slices.Contains(c.c.Resources, resource) {
		return ErrUnregisteredResource
	}
	return nil
}
