package authz

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/store"
)

// withClock makes the provider read its time from now.
func withClock(now *atomic.Pointer[time.Time]) fixtureOption {
	return func(c *Config, _ *KeyringConfig) { c.Clock = func() time.Time { return *now.Load() } }
}

func mustKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	return k
}

func TestServiceTokenRoundTrip(t *testing.T) {
	var now atomic.Pointer[time.Time]
	start := time.Now()
	now.Store(&start)
	f := newFixture(t, withClock(&now))
	ctx := context.Background()
	client, _ := f.newClient(t, false)

	tok, ttl, err := f.p.IssueServiceToken(ctx, client)
	must(t, err)
	if ttl != DefaultServiceTokenTTL {
		t.Errorf("ttl = %v, want %v", ttl, DefaultServiceTokenTTL)
	}
	got, err := f.p.VerifyServiceToken(ctx, tok)
	must(t, err)
	if got != client {
		t.Fatalf("verified as %q, want %q", got, client)
	}
	parsed, err := josejwt.ParseSigned(tok, tokenAlgs)
	must(t, err)
	var c josejwt.Claims
	must(t, parsed.UnsafeClaimsWithoutVerification(&c))
	if typ := parsed.Headers[0].ExtraHeaders[jose.HeaderType]; typ != typServiceToken {
		t.Errorf("typ = %v", typ)
	}
	if c.Issuer != f.issuer || c.Subject != client || len(c.Audience) != 1 || c.Audience[0] != f.issuer ||
		c.ID == "" || c.Expiry.Time().Sub(c.IssuedAt.Time()) != ttl {
		t.Errorf("claims %+v", c)
	}

	t.Run("expired", func(t *testing.T) {
		later := start.Add(ttl + clockLeeway + time.Second)
		now.Store(&later)
		defer now.Store(&start)
		if _, err := f.p.VerifyServiceToken(ctx, tok); !errors.Is(err, ErrInvalidServiceToken) {
			t.Fatalf("expired token: err = %v", err)
		}
	})
	t.Run("deleted client", func(t *testing.T) {
		must(t, DeleteClient(ctx, f.p, client))
		if _, err := f.p.VerifyServiceToken(ctx, tok); !errors.Is(err, ErrInvalidServiceToken) {
			t.Fatalf("token of a deleted client: err = %v", err)
		}
		if _, _, err := f.p.IssueServiceToken(ctx, client); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("issue for a deleted client: err = %v, want ErrNotFound", err)
		}
	})
}

// TestServiceTokenIsNoGrantToken: service tokens and the tokens of the
// OAuth flow share the signing keys, and each verifier refuses the other's.
func TestServiceTokenIsNoGrantToken(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	c := f.rp(t, false, "openid", "email")
	grant, idt := f.login(t, c)
	idToken, _ := grant.Extra("id_token").(string)
	svc, _, err := f.p.IssueServiceToken(ctx, c.cfg.ClientID)
	must(t, err)

	for name, tok := range map[string]string{"grant token": grant.AccessToken, "ID token": idToken} {
		if _, err := f.p.VerifyServiceToken(ctx, tok); !errors.Is(err, ErrInvalidServiceToken) {
			t.Errorf("%s accepted as a service token: err = %v", name, err)
		}
	}
	if _, err := f.p.VerifyAccessToken(ctx, svc); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("service token accepted as a grant token: err = %v", err)
	}
	if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, svc)) {
		t.Errorf("introspection calls a service token active")
	}
	if idt.Subject == c.cfg.ClientID {
		t.Fatalf("test is moot: the ID token's sub is the client id")
	}
}

func TestVerifyServiceTokenRefuses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	client, _ := f.newClient(t, false)
	good, _, err := f.p.IssueServiceToken(ctx, client)
	must(t, err)
	parts := strings.Split(good, ".")

	// other signs with the same keys but is another issuer.
	other, err := New(Config{Issuer: "https://other.example", GlobalSecret: []byte(strings.Repeat("o", 32))},
		f.st, f.keys, slog.New(slog.NewTextHandler(io.Discard, nil)))
	must(t, err)
	fromOther, _, err := other.IssueServiceToken(ctx, client)
	must(t, err)

	now := time.Now()
	claims := func(change func(*josejwt.Claims)) josejwt.Claims {
		c := josejwt.Claims{Issuer: f.issuer, Subject: client, Audience: josejwt.Audience{f.issuer}, ID: "j",
			Expiry: josejwt.NewNumericDate(now.Add(time.Minute)), IssuedAt: josejwt.NewNumericDate(now)}
		change(&c)
		return c
	}
	signed := func(change func(*josejwt.Claims)) string {
		payload, err := json.Marshal(claims(change))
		must(t, err)
		tok, _, err := f.keys.sign(ctx, typServiceToken, payload)
		must(t, err)
		return tok
	}
	enc := base64.RawURLEncoding
	tests := []struct{ name, token string }{
		{"empty", ""},
		{"garbage", "not.a.token"},
		{"too long", good + strings.Repeat("A", maxTokenLen)},
		{"other issuer", fromOther},
		{"tampered payload", parts[0] + "." + enc.EncodeToString([]byte(`{"iss":"`+f.issuer+`","sub":"someone-else"}`)) + "." + parts[2]},
		{"tampered signature", parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))},
		{"alg none", enc.EncodeToString([]byte(`{"alg":"none","typ":"`+typServiceToken+`","kid":"`+f.keys.Current().KID+`"}`)) + "." + parts[1] + "."},
		{"grant typ", signClaims(t, f, typAccessToken, claims(func(*josejwt.Claims) {}))},
		{"JWT typ", signClaims(t, f, typJWT, claims(func(*josejwt.Claims) {}))},
		{"foreign key", signWith(t, mustKey(t), f.keys.Current().KID, typServiceToken, accessClaims{Claims: claims(func(*josejwt.Claims) {})})},
		{"audience is a client", signed(func(c *josejwt.Claims) { c.Audience = josejwt.Audience{client} })},
		{"no audience", signed(func(c *josejwt.Claims) { c.Audience = nil })},
		{"no exp", signed(func(c *josejwt.Claims) { c.Expiry = nil })},
		{"expired", signed(func(c *josejwt.Claims) { c.Expiry = josejwt.NewNumericDate(now.Add(-time.Minute)) })},
		{"not yet valid", signed(func(c *josejwt.Claims) { c.NotBefore = josejwt.NewNumericDate(now.Add(time.Minute)) })},
		{"no sub", signed(func(c *josejwt.Claims) { c.Subject = "" })},
		{"unknown client", signed(func(c *josejwt.Claims) { c.Subject = "no-such-client" })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := f.p.VerifyServiceToken(ctx, tc.token)
			if !errors.Is(err, ErrInvalidServiceToken) || id != "" {
				t.Fatalf("VerifyServiceToken = %q, %v; want ErrInvalidServiceToken", id, err)
			}
		})
	}
	if id, err := f.p.VerifyServiceToken(ctx, signed(func(*josejwt.Claims) {})); err != nil || id != client {
		t.Fatalf("the unmodified claims were refused: %q, %v", id, err)
	}
}

func TestServiceTokenTTLBoundedByKeyring(t *testing.T) {
	f := newFixture(t, func(c *Config, k *KeyringConfig) {
		c.AccessTokenTTL, c.IDTokenTTL, k.TokenTTL = time.Minute, time.Minute, time.Minute
	})
	client, _ := f.newClient(t, false)
	_, ttl, err := f.p.IssueServiceToken(context.Background(), client)
	must(t, err)
	if ttl != time.Minute {
		t.Fatalf("ttl = %v, want the keyring's 1m", ttl)
	}
}

func TestServiceWallets(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
		ok   bool
	}{
		{"none", nil, []string{}, true},
		{"any case to EIP-55", []string{"0x5b38da6a701c568545dcfcb03fcb875f56beddc4", " 0XAB8483F64D9C6D1ECF9B849AE677DD3315835CB2 "},
			[]string{"0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", "0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2"}, true},
		{"duplicates dropped", []string{"0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", "0x5b38da6a701c568545dcfcb03fcb875f56beddc4"},
			[]string{"0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"}, true},
		{"zero address", []string{"0x0000000000000000000000000000000000000000"}, nil, false},
		{"short", []string{"0x1234"}, nil, false},
		{"no 0x", []string{"5b38da6a701c568545dcfcb03fcb875f56beddc4"}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseServiceWallets(tc.in)
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalidClient)) {
				t.Fatalf("err = %v, want ok %v", err, tc.ok)
			}
			if hexes(got) != strings.Join(tc.want, ",") {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	f := newFixture(t)
	ctx := context.Background()
	client, _ := f.newClient(t, false)
	_, err := SetServiceWallets(ctx, f.st, client, []string{"0x5b38da6a701c568545dcfcb03fcb875f56beddc4"})
	must(t, err)
	c, err := f.st.GetClient(ctx, client)
	must(t, err)
	if len(c.Wallets) != 1 || c.Wallets[0] != common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4") {
		t.Fatalf("stored wallets %q", c.Wallets)
	}
	if _, err := SetServiceWallets(ctx, f.st, "no-such-client", nil); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown client: err = %v", err)
	}
}

// FuzzVerifyServiceToken feeds strings to the verifier: it never panics,
// refuses with ErrInvalidServiceToken, and accepts only for the one client
// it issued a token to.
func FuzzVerifyServiceToken(f *testing.F) {
	fx := newFixture(f)
	ctx := context.Background()
	client, _ := fx.newClient(f, false)
	good, _, err := fx.p.IssueServiceToken(ctx, client)
	must(f, err)
	parts := strings.Split(good, ".")
	for _, seed := range []string{
		good, signClaims(f, fx, typAccessToken, goodClaims(fx)),
		parts[0] + "." + parts[1] + ".", parts[0] + ".e30." + parts[2], "e30.e30.e30", "..", "", "a.b.c.d.e",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		id, err := fx.p.VerifyServiceToken(ctx, token)
		if err != nil {
			if !errors.Is(err, ErrInvalidServiceToken) {
				t.Fatalf("error %v does not wrap ErrInvalidServiceToken", err)
			}
			return
		}
		if id != client {
			t.Fatalf("accepted %q as client %q", token, id)
		}
	})
}

// hexes joins addresses in EIP-55 form with commas.
func hexes(as []common.Address) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.Hex()
	}
	return strings.Join(s, ",")
}

// TestWalletTokenRoundTrip: a wallet token names its wallet, answers from
// the cache the second time, passes for no other kind of token (cached
// or not), and expires in the cache as out of it.
func TestWalletTokenRoundTrip(t *testing.T) {
	var now atomic.Pointer[time.Time]
	start := time.Now()
	now.Store(&start)
	f := newFixture(t, withClock(&now))
	ctx := context.Background()
	wallet := common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4")
	tok, ttl, err := f.p.IssueWalletToken(ctx, wallet)
	must(t, err)
	for range 2 {
		if got, err := f.p.VerifyWalletToken(ctx, tok); err != nil || got != wallet {
			t.Fatalf("verified as %s, %v", got.Hex(), err)
		}
		if _, err := f.p.VerifyServiceToken(ctx, tok); !errors.Is(err, ErrInvalidServiceToken) {
			t.Fatalf("a wallet token passed for a service token: %v", err)
		}
		if _, err := f.p.VerifyAccessToken(ctx, tok); err == nil {
			t.Fatal("a wallet token passed for a grant token")
		}
	}
	client, _ := f.newClient(t, false)
	svc, _, err := f.p.IssueServiceToken(ctx, client)
	must(t, err)
	must(t, func() error { _, err := f.p.VerifyServiceToken(ctx, svc); return err }())
	if _, err := f.p.VerifyWalletToken(ctx, svc); !errors.Is(err, ErrInvalidServiceToken) {
		t.Fatalf("a service token passed for a wallet token: %v", err)
	}
	later := start.Add(ttl + clockLeeway + time.Second)
	now.Store(&later)
	if _, err := f.p.VerifyWalletToken(ctx, tok); !errors.Is(err, ErrInvalidServiceToken) {
		t.Fatalf("expired wallet token: %v", err)
	}
}
