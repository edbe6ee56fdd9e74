package authz

import (
	"context"

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
