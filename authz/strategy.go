package authz

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/handler/openid"

	"github.com/idconnect/idconnect/store"
)

// tokenStrategy mints RFC 9068 access tokens signed by the keyring, and
// leaves authorization codes and refresh tokens to fosite's HMAC strategy.
// Refresh and access token validation also check that the token's grant
// is still active, so a grant revoked by its owner stops its refresh
// tokens and introspection at once.
type tokenStrategy struct {
	*oauth2.HMACSHAStrategy
	keys   *Keyring
	grants grantChecker
	issuer string
	ttl    time.Duration
	clock  func() time.Time
	rand   io.Reader
}

var _ oauth2.CoreStrategy = (*tokenStrategy)(nil)

// AccessTokenSignature returns the token itself: the storage reads the
// grant from the verified JWT instead of storing every token (see
// storage_access.go), and hashes it where it must be stored.
func (s *tokenStrategy) AccessTokenSignature(_ context.Context, token string) string {
	return token
}

// GenerateAccessToken signs the grant token for the request's grant.
func (s *tokenStrategy) GenerateAccessToken(ctx context.Context, r fosite.Requester) (string, string, error) {
	sess := sessionOf(r)
	if sess == nil || sess.Grant.ID == "" {
		return "", "", errors.New("authz: the request carries no grant")
	}
	now := s.clock()
	exp := sess.GetExpiresAt(fosite.AccessToken)
	if exp.IsZero() {
		exp = now.Add(s.ttl)
	}
	clientID := r.GetClient().GetID()
	// RFC 9068: aud names the resource server(s), never the client.
	aud := tokenAudience(ctx, r, s.issuer)
	token, err := signGrantToken(ctx, s.keys, s.rand, s.issuer, now, grantToken{
		Subject: sess.GetSubject(), ClientID: clientID, Audience: aud, Scopes: r.GetGrantedScopes(),
		Grant: sess.Grant, Expiry: exp,
	})
	if err != nil {
		return "", "", err
	}
	sess.accessToken = token
	return token, token, nil
}

// ValidateAccessToken runs after the storage verified the token; what
// remains is its expiry and its grant.
func (s *tokenStrategy) ValidateAccessToken(ctx context.Context, r fosite.Requester, _ string) error {
	if exp := r.GetSession().GetExpiresAt(fosite.AccessToken); !exp.IsZero() && !exp.After(s.clock()) {
		return fosite.ErrTokenExpired.WithHint("The access token expired.")
	}
	return s.grants.check(ctx, r)
}

// ValidateRefreshToken adds the grant check to fosite's.
func (s *tokenStrategy) ValidateRefreshToken(ctx context.Context, r fosite.Requester, token string) error {
	if err := s.HMACSHAStrategy.ValidateRefreshToken(ctx, r, token); err != nil {
		return err
	}
	return s.grants.check(ctx, r)
}

// ValidateAuthorizeCode is fosite's, with no grant check: Approve checked
// the grant moments before (a code lives AuthCodeTTL), and everything the
// code yields checks it again on use, so the hot exchange skips the read.

// grantChecker tells whether a token's grant may still be used.
type grantChecker struct {
	st interface {
		GetGrant(ctx context.Context, id string) (store.Grant, error)
	}
	clock func() time.Time
}

// errGrantGone is what fosite sees for a token whose grant is over: its
// handlers turn an expired token into invalid_grant, and introspection
// into active:false.
var errGrantGone = fosite.ErrTokenExpired.WithHint("The grant behind this token is no longer active.")

func (g grantChecker) check(ctx context.Context, r fosite.Requester) error {
	sess := sessionOf(r)
	if sess == nil || sess.Grant.ID == "" {
		return errGrantGone.WithDebug("the token carries no grant")
	}
	id := sess.Grant.ID
	m := memoFrom(ctx)
	gr, ok := m.grant(id)
	if !ok {
		var err error
		gr, err = g.st.GetGrant(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errGrantGone.WithDebug("grant not found")
		}
		if err != nil {
			return fosite.ErrServerError.WithWrap(err).WithDebug(err.Error())
		}
		m.putGrant(gr)
	}
	if gr.State != store.GrantActive {
		return errGrantGone.WithDebugf("grant is %s", gr.State)
	}
	if !gr.ExpiresAt.IsZero() && !gr.ExpiresAt.After(g.clock()) {
		return errGrantGone.WithDebug("grant expired")
	}
	return nil
}

// idTokenStrategy is fosite's ID token strategy, signing with the
// algorithm the client registered (id_token_signed_response_alg, RS256 by
// default) and computing at_hash with that algorithm's hash: SHA-512 for
// EdDSA, as OpenID client libraries (go-oidc among them) expect, where
// fosite's helper only knows ES/RS/PS and would compute it before the
// algorithm is chosen.
type idTokenStrategy struct {
	openid.DefaultStrategy
	keys *Keyring
}

// headerAlg is the ID token header member that tells idTokenSigner which
// key to sign with.
const headerAlg = "alg"

func (s *idTokenStrategy) GenerateIDToken(ctx context.Context, lifespan time.Duration, r fosite.Requester) (string, error) {
	alg := idTokenAlgOf(r.GetClient())
	if sess := sessionOf(r); sess != nil {
		sess.IDTokenHeaders().Add(headerAlg, string(alg))
		if sess.accessToken != "" {
			sess.IDTokenClaims().AccessTokenHash = leftHalfHash(alg, sess.accessToken)
		}
	}
	return s.DefaultStrategy.GenerateIDToken(ctx, lifespan, r)
}

// leftHalfHash is at_hash (OpenID Connect Core 3.1.3.6): the left half of
// the hash of the token, with the hash of the signing algorithm.
func leftHalfHash(alg store.SigningAlg, token string) string {
	if alg == store.AlgEdDSA {
		sum := sha512.Sum512([]byte(token))
		return base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2])
	}
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2])
}

// grantToken is what a grant token says, whichever flow mints it.
type grantToken struct {
	Subject  string // the identity as CAIP-10
	ClientID string
	Audience []string
	Scopes   []string
	Grant    grantInfo
	Expiry   time.Time
}

// signGrantToken signs t as an RFC 9068 access token issued at now, with a
// fresh jti.
func signGrantToken(ctx context.Context, keys *Keyring, random io.Reader, issuer string, now time.Time, t grantToken) (string, error) {
	jti, err := randomString(random, 16)
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(accessClaims{
		Claims: josejwt.Claims{
			Issuer: issuer, Subject: t.Subject, Audience: t.Audience, ID: jti,
			Expiry: josejwt.NewNumericDate(t.Expiry), IssuedAt: josejwt.NewNumericDate(now),
			NotBefore: josejwt.NewNumericDate(now),
		},
		ClientID: t.ClientID, Scope: strings.Join(t.Scopes, " "),
		GrantID: t.Grant.ID, GrantKind: string(t.Grant.Kind), Identity: t.Grant.Identity,
		Wallet: t.Grant.walletCAIP10(), ChainID: t.Grant.ChainID, Consent: t.Grant.Consent,
	})
	if err != nil {
		return "", err
	}
	token, _, err := keys.sign(ctx, typAccessToken, payload)
	return token, err
}

// randomString returns n random bytes, base64url-encoded.
func randomString(rand io.Reader, n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", fmt.Errorf("authz: read random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
