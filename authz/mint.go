package authz

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// MintGrantToken signs a grant token for a grant activated outside the
// authorization-code flow: an access request the owner validated by
// signature. The token is the same RFC 9068 JWT the token endpoint issues,
// with the same claims (grant_id, grant_kind, identity, wallet, chain_id,
// scope, consent), for the grant's client; it never outlives an immediate
// grant's expiry. Every read still checks the grant, so a token minted
// again for the same grant adds no rights.
func (p *Provider) MintGrantToken(ctx context.Context, g store.Grant) (string, time.Duration, error) {
	now := p.cfg.Clock()
	if err := g.Usable(now); err != nil {
		return "", 0, fmt.Errorf("authz: mint grant token: %w", err)
	}
	id, wallet := g.Identity, g.Wallet
	if id == (common.Address{}) || wallet == (common.Address{}) {
		// An active grant always names both; a token must never carry zero.
		return "", 0, fmt.Errorf("authz: mint grant token: grant %s has no identity or wallet", g.ID)
	}
	exp := now.Add(p.cfg.AccessTokenTTL)
	if !g.ExpiresAt.IsZero() && g.ExpiresAt.Before(exp) {
		exp = g.ExpiresAt
	}
	chainID := uint64(g.ChainID)
	token, err := signGrantToken(ctx, p.keys, p.cfg.Rand, p.cfg.Issuer, now, grantToken{
		Subject: identity.CAIP10(chainID, id), ClientID: g.ClientID, Audience: []string{p.cfg.Issuer}, Scopes: g.Scopes,
		Grant:  grantInfo{ID: g.ID, Kind: g.Kind, Identity: id.Hex(), Wallet: wallet.Hex(), ChainID: chainID, Consent: g.ConsentHash},
		Expiry: exp,
	})
	if err != nil {
		return "", 0, err
	}
	return token, exp.Sub(now), nil
}
