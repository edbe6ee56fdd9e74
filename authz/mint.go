package authz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// ErrGrantNotActive is returned by MintGrantToken for a grant that cannot
// be read now.
var ErrGrantNotActive = errors.New("authz: the grant is not active")

// MintGrantToken signs a grant token for a grant activated outside the
// authorization-code flow: an access request the owner validated by
// signature. The token is the same RFC 9068 JWT the token endpoint issues,
// with the same claims (grant_id, grant_kind, identity, wallet, chain_id,
// scope, consent), for the grant's client; it never outlives an immediate
// grant's expiry. Every read still checks the grant, so a token minted
// again for the same grant adds no rights.
func (p *Provider) MintGrantToken(ctx context.Context, g store.Grant) (string, time.Duration, error) {
	now := p.cfg.Clock()
	switch {
	case g.State != store.GrantActive:
		return "", 0, fmt.Errorf("%w: it is %s", ErrGrantNotActive, g.State)
	case !g.ExpiresAt.IsZero() && !g.ExpiresAt.After(now):
		return "", 0, fmt.Errorf("%w: it expired", ErrGrantNotActive)
	}
	id, err := identity.ParseAddress(g.Identity)
	if err != nil {
		return "", 0, fmt.Errorf("authz: mint grant token: identity: %w", err)
	}
	wallet, err := identity.ParseAddress(g.Wallet)
	if err != nil {
		return "", 0, fmt.Errorf("authz: mint grant token: wallet: %w", err)
	}
	exp := now.Add(p.cfg.AccessTokenTTL)
	if !g.ExpiresAt.IsZero() && g.ExpiresAt.Before(exp) {
		exp = g.ExpiresAt
	}
	jti, err := randomString(p.cfg.Rand, 16)
	if err != nil {
		return "", 0, err
	}
	chainID := uint64(g.ChainID)
	c := accessClaims{
		Claims: josejwt.Claims{
			Issuer: p.cfg.Issuer, Subject: identity.CAIP10(chainID, id), Audience: josejwt.Audience{g.ClientID},
			ID: jti, Expiry: josejwt.NewNumericDate(exp), IssuedAt: josejwt.NewNumericDate(now),
			NotBefore: josejwt.NewNumericDate(now),
		},
		ClientID: g.ClientID, Scope: strings.Join(g.Scopes, " "), GrantID: g.ID, GrantKind: string(g.Kind),
		Identity: id.Hex(), Wallet: identity.CAIP10(chainID, wallet), ChainID: chainID, Consent: g.ConsentHash,
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return "", 0, err
	}
	token, _, err := p.keys.sign(ctx, typAccessToken, payload)
	if err != nil {
		return "", 0, err
	}
	return token, exp.Sub(now), nil
}
