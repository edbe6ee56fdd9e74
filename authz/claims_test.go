package authz

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/identity"
)

var testTime = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// goodClaims are the claims of a valid grant token at testTime.
func goodClaims(f *fixture) accessClaims {
	return accessClaims{
		Claims: josejwt.Claims{
			Issuer: f.issuer, Subject: identity.CAIP10(testChainID, f.identity), Audience: josejwt.Audience{"shop"},
			ID: "jti-1", Expiry: josejwt.NewNumericDate(testTime.Add(time.Minute)),
			IssuedAt: josejwt.NewNumericDate(testTime), NotBefore: josejwt.NewNumericDate(testTime),
		},
		ClientID: "shop", Scope: "openid email", GrantID: "g-1", GrantKind: "immediate",
		Identity: f.identity.Hex(), Wallet: identity.CAIP10(testChainID, f.wallet), ChainID: testChainID,
		Consent: "0x" + strings.Repeat("ab", 32),
	}
}

func signClaims(t testing.TB, f *fixture, typ string, c any) string {
	t.Helper()
	payload, err := json.Marshal(c)
	must(t, err)
	tok, _, err := f.keys.sign(context.Background(), typ, payload)
	must(t, err)
	return tok
}

// foreignToken is signed by a key the server never published.
func foreignToken(t testing.TB, c accessClaims, kid string) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	return signWith(t, k, kid, typAccessToken, c)
}

func signWith(t testing.TB, k *ecdsa.PrivateKey, kid, typ string, c accessClaims) string {
	t.Helper()
	opts := &jose.SignerOptions{}
	if typ != "" {
		opts = opts.WithType(jose.ContentType(typ))
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: k, KeyID: kid}}, opts)
	must(t, err)
	tok, err := josejwt.Signed(s).Claims(c).Serialize()
	must(t, err)
	return tok
}

func TestParseAccessToken(t *testing.T) {
	f := newFixture(t)
	verify := func(tok string) error {
		_, err := parseAccessToken(context.Background(), tok, f.keys.publicJWK, f.issuer, testTime)
		return err
	}
	good := signClaims(t, f, typAccessToken, goodClaims(f))
	must(t, verify(good))
	mutate := func(change func(*accessClaims)) string {
		c := goodClaims(f)
		change(&c)
		return signClaims(t, f, typAccessToken, c)
	}
	parts := strings.Split(good, ".")
	noneHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"at+jwt","kid":"` + f.keys.Current().KID + `"}`))
	tests := []struct {
		name  string
		token string
	}{
		{"empty", ""},
		{"garbage", "not.a.token"},
		{"too long", good + strings.Repeat("A", maxTokenLen)},
		{"tampered payload", parts[0] + "." + strings.Split(mutate(func(c *accessClaims) { c.GrantKind = "persistent" }), ".")[1] + "." + parts[2]},
		{"tampered signature", parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))},
		{"alg none", noneHeader + "." + parts[1] + "."},
		{"ID token typ", signClaims(t, f, typJWT, goodClaims(f))},
		{"unknown key", foreignToken(t, goodClaims(f), "someone-else")},
		{"foreign key claiming our kid", foreignToken(t, goodClaims(f), f.keys.Current().KID)},
		{"expired", mutate(func(c *accessClaims) { c.Expiry = josejwt.NewNumericDate(testTime.Add(-time.Minute)) })},
		{"not yet valid", mutate(func(c *accessClaims) { c.NotBefore = josejwt.NewNumericDate(testTime.Add(time.Minute)) })},
		{"no exp", mutate(func(c *accessClaims) { c.Expiry = nil })},
		{"other issuer", mutate(func(c *accessClaims) { c.Issuer = "https://evil.example" })},
		{"bad grant kind", mutate(func(c *accessClaims) { c.GrantKind = "forever" })},
		{"no grant id", mutate(func(c *accessClaims) { c.GrantID = "" })},
		{"no client", mutate(func(c *accessClaims) { c.ClientID = "" })},
		{"sub not the identity", mutate(func(c *accessClaims) { c.Subject = identity.CAIP10(testChainID, f.wallet) })},
		{"sub on another chain", mutate(func(c *accessClaims) { c.Subject = identity.CAIP10(1, f.identity) })},
		{"identity not an address", mutate(func(c *accessClaims) { c.Identity = "0x1234" })},
		{"wallet not CAIP-10", mutate(func(c *accessClaims) { c.Wallet = f.wallet.Hex() })},
		{"wallet on another chain", mutate(func(c *accessClaims) { c.Wallet = identity.CAIP10(1, f.wallet) })},
		{"no chain", mutate(func(c *accessClaims) { c.ChainID = 0 })},
		{"consent not a hash", mutate(func(c *accessClaims) { c.Consent = "0x" + strings.Repeat("zz", 32) })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := verify(tc.token); !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("err = %v, want ErrInvalidToken", err)
			}
		})
	}
}

func TestParseAccessTokenAcceptsMediaType(t *testing.T) {
	f := newFixture(t)
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	keys := func(_ context.Context, kid string) (jose.JSONWebKey, bool) {
		return jose.JSONWebKey{Key: &k.PublicKey, KeyID: "k", Algorithm: "ES256"}, kid == "k"
	}
	// RFC 9068 section 4 allows the full media type as typ.
	for typ, ok := range map[string]bool{"at+jwt": true, "application/at+jwt": true, "AT+JWT": true, "JWT": false, "": false} {
		tok := signWith(t, k, "k", typ, goodClaims(f))
		_, err := parseAccessToken(context.Background(), tok, keys, f.issuer, testTime)
		if (err == nil) != ok {
			t.Errorf("typ %q: %v", typ, err)
		}
	}
}

func TestParseCAIP10(t *testing.T) {
	const addr = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	tests := []struct {
		in    string
		chain uint64
		ok    bool
	}{
		{"eip155:1337:" + addr, 1337, true},
		{"eip155:1:" + strings.ToLower(addr), 1, true},
		{"eip155:0:" + addr, 0, false},
		{"eip155:01:" + addr, 0, false},
		{"eip155:-1:" + addr, 0, false},
		{"eip155::" + addr, 0, false},
		{"eip155:1:" + addr + " ", 0, false},
		{"eip155:1:" + addr[:41], 0, false},
		{"cosmos:1:" + addr, 0, false},
		{"eip155:18446744073709551616:" + addr, 0, false},
		{addr, 0, false},
	}
	for _, tc := range tests {
		chain, a, err := parseCAIP10(tc.in)
		if (err == nil) != tc.ok || chain != tc.chain || (tc.ok && !strings.EqualFold(a.Hex(), addr)) {
			t.Errorf("parseCAIP10(%q) = %d, %s, %v", tc.in, chain, a.Hex(), err)
		}
	}
}

func FuzzParseCAIP10(f *testing.F) {
	for _, s := range []string{"eip155:1337:0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", "eip155:0:0x", "eip155:1:", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		chain, a, err := parseCAIP10(s)
		if err != nil {
			return
		}
		// Whatever parses writes back to the same id, up to address case.
		if got := identity.CAIP10(chain, a); !strings.EqualFold(got, s) {
			t.Fatalf("%q parsed to %q", s, got)
		}
	})
}

// FuzzVerifyAccessToken feeds tokens to the verifier: it must never
// panic, and whatever it accepts must be self-consistent.
func FuzzVerifyAccessToken(f *testing.F) {
	fx := newFixture(f)
	good := signClaims(f, fx, typAccessToken, goodClaims(fx))
	parts := strings.Split(good, ".")
	for _, seed := range []string{
		good,
		signClaims(f, fx, typJWT, goodClaims(fx)),
		parts[0] + "." + parts[1] + ".",
		parts[0] + ".e30." + parts[2],
		"e30.e30.e30", "..", "", "a.b.c.d.e",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := parseAccessToken(context.Background(), token, fx.keys.publicJWK, fx.issuer, testTime)
		if err != nil {
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("error %v does not wrap ErrInvalidToken", err)
			}
			return
		}
		if c.Subject != identity.CAIP10(c.ChainID, c.Identity) || c.GrantID == "" || c.ClientID == "" ||
			!isHash(c.Consent) || !c.ExpiresAt.After(testTime.Add(-clockLeeway)) {
			t.Fatalf("accepted inconsistent claims %+v", c)
		}
	})
}
