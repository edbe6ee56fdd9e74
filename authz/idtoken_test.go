package authz

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"slices"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
)

// rpWithAlg is f.rp for a confidential client that registered alg as its
// id_token_signed_response_alg ("" registers none).
func (f *fixture) rpWithAlg(t testing.TB, alg store.SigningAlg, scopes ...string) rp {
	t.Helper()
	id, secret, err := CreateClient(t.Context(), f.st, ClientSpec{
		Name: "Shop", RedirectURIs: []string{f.redirectURI()}, IDTokenAlg: alg,
	})
	must(t, err)
	prov, err := oidc.NewProvider(t.Context(), f.issuer)
	must(t, err)
	return rp{oidc: prov, cfg: oauth2.Config{
		ClientID: id, ClientSecret: secret, Endpoint: prov.Endpoint(), RedirectURL: f.redirectURI(), Scopes: scopes,
	}}
}

// rawIDToken runs the code flow for c and returns the raw id_token and
// the access token.
func (f *fixture) rawIDToken(t testing.TB, c rp) (idToken, accessToken string) {
	t.Helper()
	verifier := oauth2.GenerateVerifier()
	q := f.authorize(t, c.cfg.AuthCodeURL("state-alg-0123", oauth2.S256ChallengeOption(verifier),
		oidc.Nonce("nonce-alg-0123")))
	tok, err := c.cfg.Exchange(t.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
	must(t, err)
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		t.Fatal("no id_token")
	}
	return raw, tok.AccessToken
}

// TestIDTokenAlgPerClient checks with go-jose that each client's ID token
// is signed with the algorithm it registered (RS256 when it registered
// none), verifies against the published key of its kid, and is refused
// when the verifier expects any other algorithm.
func TestIDTokenAlgPerClient(t *testing.T) {
	f := newFixture(t)
	var set jose.JSONWebKeySet
	tests := []struct {
		registered store.SigningAlg
		want       jose.SignatureAlgorithm
	}{
		{"", jose.RS256}, {store.AlgRS256, jose.RS256}, {store.AlgES256, jose.ES256}, {store.AlgEdDSA, jose.EdDSA},
	}
	for _, tc := range tests {
		t.Run(string(tc.want)+"/registered "+string(tc.registered), func(t *testing.T) {
			c := f.rpWithAlg(t, tc.registered, "openid")
			raw, access := f.rawIDToken(t, c)
			getJSON(t, f.issuer+PathJWKS, &set)
			tok, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{tc.want})
			must(t, err)
			h := tok.Headers[0]
			keys := set.Key(h.KeyID)
			if len(keys) != 1 || keys[0].Algorithm != string(tc.want) {
				t.Fatalf("kid %q names %d keys in the JWKS", h.KeyID, len(keys))
			}
			var claims struct {
				josejwt.Claims
				AtHash string `json:"at_hash"`
			}
			must(t, tok.Claims(keys[0].Key, &claims))
			if claims.Issuer != f.issuer || !slices.Contains(claims.Audience, c.cfg.ClientID) {
				t.Errorf("iss %q aud %v", claims.Issuer, claims.Audience)
			}
			if want := atHash(tc.want, access); claims.AtHash != want {
				t.Errorf("at_hash %q, want %q", claims.AtHash, want)
			}
			for _, other := range []jose.SignatureAlgorithm{jose.RS256, jose.ES256, jose.EdDSA, jose.PS256, jose.HS256} {
				if other == tc.want {
					continue
				}
				if _, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{other}); err == nil {
					t.Errorf("a %s ID token parsed as %s", tc.want, other)
				}
			}
		})
	}
}

func atHash(alg jose.SignatureAlgorithm, token string) string {
	if alg == jose.EdDSA {
		sum := sha512.Sum512([]byte(token))
		return base64.RawURLEncoding.EncodeToString(sum[:32])
	}
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

// TestGoOIDCDefaultVerifier: go-oidc configured with nothing but the
// client id accepts RS256 only. It verifies the ID token of a client that
// registered no algorithm, and refuses an ES256 client's.
func TestGoOIDCDefaultVerifier(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	keys := oidc.NewRemoteKeySet(ctx, f.issuer+PathJWKS)
	for _, tc := range []struct {
		alg    store.SigningAlg
		accept bool
	}{{"", true}, {store.AlgES256, false}} {
		c := f.rpWithAlg(t, tc.alg, "openid")
		raw, access := f.rawIDToken(t, c)
		idt, err := oidc.NewVerifier(f.issuer, keys, &oidc.Config{ClientID: c.cfg.ClientID}).Verify(ctx, raw)
		if !tc.accept {
			if err == nil {
				t.Fatal("go-oidc's default verifier accepted an ES256 ID token: it is not RS256-only")
			}
			continue
		}
		must(t, err)
		must(t, idt.VerifyAccessToken(access))
		if idt.Nonce != "nonce-alg-0123" || idt.Subject == "" {
			t.Fatalf("nonce %q sub %q", idt.Nonce, idt.Subject)
		}
	}
}

func TestRSAKeySize(t *testing.T) {
	for _, bits := range []int{2048, 3072} {
		f := newFixture(t, func(_ *Config, k *KeyringConfig) { k.RSABits = bits })
		for _, k := range f.keys.CurrentKeys() {
			if k.Alg != store.AlgRS256 {
				continue
			}
			if got := k.Public.(*rsa.PublicKey).N.BitLen(); got != bits {
				t.Errorf("RSA key of %d bits, want %d", got, bits)
			}
		}
	}
	f := newFixture(t)
	for _, bits := range []int{1024, 4096, -1} {
		_, err := NewKeyring(t.Context(), f.st, f.keys.sealer, KeyringConfig{TokenTTL: 1e9, RSABits: bits})
		if !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("RSABits %d: %v", bits, err)
		}
	}
}

// TestRotateAllAlgorithms: rotation replaces the key of every algorithm,
// and keeps the old ones published.
func TestRotateAllAlgorithms(t *testing.T) {
	f := newFixture(t)
	before := f.keys.CurrentKeys()
	_, err := f.keys.Rotate(t.Context())
	must(t, err)
	after := f.keys.CurrentKeys()
	var published []string
	for _, k := range f.keys.JWKS().Keys {
		published = append(published, k.KeyID)
	}
	for i := range before {
		if before[i].Alg != after[i].Alg || before[i].KID == after[i].KID {
			t.Errorf("%s: key %s stayed current", before[i].Alg, before[i].KID)
		}
		if !slices.Contains(published, before[i].KID) || !slices.Contains(published, after[i].KID) {
			t.Errorf("%s: JWKS %v lacks the old or the new key", before[i].Alg, published)
		}
	}
	// An ID token of the new RS256 key verifies with go-oidc's default.
	c := f.rpWithAlg(t, "", "openid")
	raw, _ := f.rawIDToken(t, c)
	parsed, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	must(t, err)
	if parsed.Headers[0].KeyID != after[0].KID {
		t.Fatal("ID token not signed by the new RS256 key")
	}
	keys := oidc.NewRemoteKeySet(t.Context(), f.issuer+PathJWKS)
	_, err = oidc.NewVerifier(f.issuer, keys, &oidc.Config{ClientID: c.cfg.ClientID}).Verify(t.Context(), raw)
	must(t, err)
}
