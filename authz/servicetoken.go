package authz

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// A service token is what a service gets for a challenge signed with one of
// its client's wallets: a short-lived bearer credential for the
// access-request API, naming the client. It is a JWT signed by the keyring
// under its own typ, so it never passes for a grant token (at+jwt) or an ID
// token (JWT), and neither of those passes for it.
const typServiceToken = "idconnect-service+jwt"

// DefaultServiceTokenTTL is the lifetime of a service token.
const DefaultServiceTokenTTL = 10 * time.Minute

// ErrInvalidServiceToken means a service token is malformed, badly signed,
// of another type, expired, issued by or for someone else, or names a
// client that no longer exists.
var ErrInvalidServiceToken = errors.New("authz: invalid service token")

// serviceTokenTTL is DefaultServiceTokenTTL, held under the keyring's
// TokenTTL: a retired key is published that long, and a token must not
// outlive the key that verifies it.
func (p *Provider) serviceTokenTTL() time.Duration {
	return min(DefaultServiceTokenTTL, p.keys.cfg.TokenTTL)
}

// IssueServiceToken signs a service token for an existing client and
// returns it with its lifetime. The caller has authenticated the client
// (a signed challenge). A client that does not exist fails with an error
// wrapping store.ErrNotFound.
func (p *Provider) IssueServiceToken(ctx context.Context, clientID string) (string, time.Duration, error) {
	if _, err := p.storage.clients.get(ctx, p.st, clientID); err != nil {
		return "", 0, fmt.Errorf("authz: service token: client %q: %w", clientID, err)
	}
	return p.issueTyped(ctx, typServiceToken, clientID)
}

// issueTyped signs a short-lived bearer token of its own typ for subject.
func (p *Provider) issueTyped(ctx context.Context, typ, subject string) (string, time.Duration, error) {
	now, ttl := p.cfg.Clock(), p.serviceTokenTTL()
	jti, err := randomString(p.cfg.Rand, 16)
	if err != nil {
		return "", 0, err
	}
	payload, err := json.Marshal(josejwt.Claims{
		Issuer: p.cfg.Issuer, Subject: subject, Audience: josejwt.Audience{p.cfg.Issuer}, ID: jti,
		Expiry: josejwt.NewNumericDate(now.Add(ttl)), IssuedAt: josejwt.NewNumericDate(now),
		NotBefore: josejwt.NewNumericDate(now),
	})
	if err != nil {
		return "", 0, err
	}
	token, _, err := p.keys.sign(ctx, typ, payload)
	if err != nil {
		return "", 0, err
	}
	return token, ttl, nil
}

// VerifyServiceToken checks a service token's signature against the
// published keys, its typ, issuer, audience (this issuer) and expiry, and
// that its client still exists, and returns the client's id. Refusals wrap
// ErrInvalidServiceToken; other errors mean the store could not answer. A
// client deleted through the Provider is refused at once; deleted
// elsewhere, within Config.ClientCacheTTL.
func (p *Provider) VerifyServiceToken(ctx context.Context, token string) (string, error) {
	sub, err := p.verifyTyped(ctx, typServiceToken, token)
	if err != nil {
		return "", err
	}
	_, err = p.storage.clients.get(ctx, p.st, sub)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", invalidServiceToken("the client no longer exists")
	case err != nil:
		return "", fmt.Errorf("authz: verify service token: %w", err)
	}
	return sub, nil
}

// typedToken is what a verified token of issueTyped says.
type typedToken struct{ typ, sub string }

// verifyTyped checks a token of issueTyped: signature against the
// published keys, typ, issuer, audience and expiry. A token verified
// before is answered from the cache until it expires.
func (p *Provider) verifyTyped(ctx context.Context, typ, token string) (string, error) {
	if len(token) > maxTokenLen {
		return "", invalidServiceToken("token too long")
	}
	sum, now := sha256.Sum256([]byte(token)), p.cfg.Clock()
	if t, ok := p.typed.get(sum, now, p.keys.isPublished); ok {
		if t.typ != typ {
			return "", invalidServiceToken(fmt.Sprintf("typ %q is not %s", t.typ, typ))
		}
		return t.sub, nil
	}
	sub, kid, exp, err := p.verifyTypedKID(ctx, typ, token)
	if err != nil {
		return "", err
	}
	p.typed.put(sum, typedToken{typ: typ, sub: sub}, kid, exp.Add(clockLeeway), now)
	return sub, nil
}

// verifyTypedKID is verifyTyped without the cache; it also returns the
// signing key's id and the token's expiry.
func (p *Provider) verifyTypedKID(ctx context.Context, typ, token string) (string, string, time.Time, error) {
	tok, err := josejwt.ParseSigned(token, tokenAlgs)
	if err != nil {
		return "", "", time.Time{}, invalidServiceToken(err.Error())
	}
	h := tok.Headers[0]
	if got, _ := h.ExtraHeaders[jose.HeaderType].(string); !strings.EqualFold(got, typ) {
		return "", "", time.Time{}, invalidServiceToken(fmt.Sprintf("typ %q is not %s", got, typ))
	}
	key, ok := p.keys.publicJWK(ctx, h.KeyID)
	if !ok || key.Algorithm != h.Algorithm {
		return "", "", time.Time{}, invalidServiceToken("unknown signing key")
	}
	var c josejwt.Claims
	if err := tok.Claims(key.Key, &c); err != nil {
		return "", "", time.Time{}, invalidServiceToken(err.Error())
	}
	if c.Expiry == nil || c.Subject == "" {
		return "", "", time.Time{}, invalidServiceToken("exp and sub are required")
	}
	want := josejwt.Expected{Issuer: p.cfg.Issuer, AnyAudience: josejwt.Audience{p.cfg.Issuer}, Time: p.cfg.Clock()}
	if err := c.ValidateWithLeeway(want, clockLeeway); err != nil {
		return "", "", time.Time{}, invalidServiceToken(err.Error())
	}
	return c.Subject, h.KeyID, c.Expiry.Time(), nil
}

// A wallet token is what a wallet gets for a signed challenge at POST
// /auth/tokens: a short-lived bearer credential for the identity
// JSON-RPC that names the wallet and nothing else. Its rights are read
// from the chain at each call (owner, reviewer, service), so the token
// itself grants none. Its own typ keeps it apart from every other token.
const typWalletToken = "idconnect-wallet+jwt"

// IssueWalletToken signs a wallet token for a wallet that signed a
// challenge, and returns it with its lifetime.
func (p *Provider) IssueWalletToken(ctx context.Context, wallet common.Address) (string, time.Duration, error) {
	return p.issueTyped(ctx, typWalletToken, wallet.Hex())
}

// VerifyWalletToken checks a wallet token and returns its wallet.
// Refusals wrap ErrInvalidServiceToken.
func (p *Provider) VerifyWalletToken(ctx context.Context, token string) (common.Address, error) {
	sub, err := p.verifyTyped(ctx, typWalletToken, token)
	if err != nil {
		return common.Address{}, err
	}
	if !common.IsHexAddress(sub) {
		return common.Address{}, invalidServiceToken("sub is not a wallet address")
	}
	return common.HexToAddress(sub), nil
}

func invalidServiceToken(why string) error {
	return fmt.Errorf("%w: %s", ErrInvalidServiceToken, why)
}

// ClientUpdater is what SetServiceWallets needs from the store.
type ClientUpdater interface {
	UpdateClient(ctx context.Context, id string, fn func(store.Client) (store.Client, error)) (store.Client, error)
}

// ParseServiceWallets reads wallet addresses given in any case and returns
// them without duplicates. The zero address is refused: no one can sign
// for it.
func ParseServiceWallets(raw []string) ([]common.Address, error) {
	out := make([]common.Address, 0, len(raw))
	var errs []error
	for _, r := range raw {
		a, err := identity.ParseAddress(r)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("wallet %q is not a 0x address", r))
		case a == common.Address{}:
			errs = append(errs, errors.New("the zero address cannot be a wallet"))
		case !slices.Contains(out, a):
			out = append(out, a)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalidClient, errors.Join(errs...))
	}
	return out, nil
}

// SetServiceWallets replaces the wallets a client's service may sign
// challenges with, and returns the updated client.
func SetServiceWallets(ctx context.Context, st ClientUpdater, clientID string, wallets []string) (store.Client, error) {
	ws, err := ParseServiceWallets(wallets)
	if err != nil {
		return store.Client{}, err
	}
	c, err := st.UpdateClient(ctx, clientID, func(c store.Client) (store.Client, error) {
		c.Wallets = ws
		return c, nil
	})
	if err != nil {
		return store.Client{}, fmt.Errorf("authz: set wallets of client %q: %w", clientID, err)
	}
	return c, nil
}
