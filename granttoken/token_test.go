package granttoken

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
)

const (
	testIssuer   = "https://id.example"
	testResource = "https://api.example"
)

var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

type testKeys struct {
	priv *ecdsa.PrivateKey
	pub  jose.JSONWebKey
}

func newTestKeys(t testing.TB) testKeys {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return testKeys{priv: k, pub: jose.JSONWebKey{Key: &k.PublicKey, KeyID: "k1", Algorithm: string(jose.ES256), Use: "sig"}}
}

func (k testKeys) find(_ context.Context, kid string) (jose.JSONWebKey, bool) {
	return k.pub, kid == k.pub.KeyID
}

// sign makes a grant token, changed by edit.
func (k testKeys) sign(t testing.TB, typ string, edit func(*tokenClaims)) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: k.priv},
		(&jose.SignerOptions{}).WithType(jose.ContentType(typ)).WithHeader("kid", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	c := tokenClaims{
		Claims: josejwt.Claims{Issuer: testIssuer, Subject: "eip155:1337:0x1111111111111111111111111111111111111111",
			Audience: josejwt.Audience{testResource}, Expiry: josejwt.NewNumericDate(testNow.Add(time.Minute)),
			IssuedAt: josejwt.NewNumericDate(testNow)},
		ClientID: "shop", Scope: "openid claim:1", GrantID: "g1", GrantKind: "immediate",
		Identity: "0x1111111111111111111111111111111111111111", Wallet: "eip155:1337:0x2222222222222222222222222222222222222222",
		ChainID: 1337, Consent: "0x" + strings.Repeat("ab", 32),
	}
	if edit != nil {
		edit(&c)
	}
	raw, err := josejwt.Signed(signer).Claims(c).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestParseToken(t *testing.T) {
	k, other := newTestKeys(t), newTestKeys(t)
	for _, tc := range []struct {
		name string
		raw  string
		ok   bool
	}{
		{"valid", k.sign(t, "at+jwt", nil), true},
		{"media type", k.sign(t, "application/at+jwt", nil), true},
		{"typ JWT", k.sign(t, "JWT", nil), false},
		{"other key", other.sign(t, "at+jwt", nil), false},
		{"other issuer", k.sign(t, "at+jwt", func(c *tokenClaims) { c.Issuer = "https://evil.example" }), false},
		{"other resource server", k.sign(t, "at+jwt", func(c *tokenClaims) { c.Audience = josejwt.Audience{"https://other.example"} }), false},
		{"one of two audiences", k.sign(t, "at+jwt", func(c *tokenClaims) { c.Audience = append(c.Audience, "https://other.example") }), true},
		{"expired", k.sign(t, "at+jwt", func(c *tokenClaims) { c.Expiry = josejwt.NewNumericDate(testNow.Add(-time.Minute)) }), false},
		{"no exp", k.sign(t, "at+jwt", func(c *tokenClaims) { c.Expiry = nil }), false},
		{"no grant id", k.sign(t, "at+jwt", func(c *tokenClaims) { c.GrantID = "" }), false},
		{"bad kind", k.sign(t, "at+jwt", func(c *tokenClaims) { c.GrantKind = "forever" }), false},
		{"garbage", "a.b.c", false},
		{"too long", strings.Repeat("a", maxTokenLen+1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := parseToken(t.Context(), tc.raw, k.find, testIssuer, testResource, testNow)
			if tc.ok {
				if err != nil || g.GrantID != "g1" || g.GrantKind != "immediate" || !g.HasScope("claim:1") {
					t.Fatalf("parseToken = %+v, %v", g, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("parseToken = %+v, %v; want ErrInvalidToken", g, err)
			}
		})
	}
}

func FuzzParseToken(f *testing.F) {
	k := newTestKeys(f)
	f.Add(k.sign(f, "at+jwt", nil))
	f.Add(k.sign(f, "JWT", nil))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Fuzz(func(t *testing.T, raw string) {
		g, err := parseToken(context.Background(), raw, k.find, testIssuer, testResource, testNow)
		if err != nil {
			if !errors.Is(err, ErrInvalidToken) || g != nil {
				t.Fatalf("%v with %+v", err, g)
			}
			return
		}
		if g.Issuer != testIssuer || g.GrantID == "" {
			t.Fatalf("accepted %+v", g)
		}
	})
}

func TestParseReadAnswer(t *testing.T) {
	for _, tc := range []struct {
		body   string
		active bool
		ok     bool
	}{
		{`{"active":true,"grant_id":"g1","onchainid_claims":[{"topic":1,"state":"valid"}]}`, true, true},
		{`{"active":false}`, false, true},
		{`{}`, false, false},
		{`{"active":"true"}`, false, false},
		{`[]`, false, false},
		{`not json`, false, false},
		{``, false, false},
	} {
		a, err := parseReadAnswer([]byte(tc.body))
		if tc.ok != (err == nil) || (err == nil && a.Active != tc.active) || (err != nil && !errors.Is(err, ErrUnavailable)) {
			t.Errorf("parseReadAnswer(%q) = %+v, %v", tc.body, a, err)
		}
	}
}

func FuzzParseReadAnswer(f *testing.F) {
	for _, s := range []string{`{"active":true,"grant_id":"g1"}`, `{"active":false}`, `{}`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := parseReadAnswer(body)
		if err != nil && (!errors.Is(err, ErrUnavailable) || a.Active) {
			t.Fatalf("%v with %+v", err, a)
		}
	})
}

func TestConfigCheck(t *testing.T) {
	good := Config{Issuer: testIssuer, Resource: testResource, ClientID: "rs", ClientSecret: "s"}
	if err := good.check(); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(*Config){
		"issuer slash":      func(c *Config) { c.Issuer += "/" },
		"issuer not http":   func(c *Config) { c.Issuer = "ftp://id.example" },
		"relative resource": func(c *Config) { c.Resource = "/api" },
		"resource fragment": func(c *Config) { c.Resource += "#x" },
		"no secret":         func(c *Config) { c.ClientSecret = "" },
	} {
		c := good
		edit(&c)
		if err := c.check(); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
