package authz

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

func getJSON(t testing.TB, u string, dst any) http.Header {
	t.Helper()
	resp, err := http.Get(u)
	must(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	must(t, json.Unmarshal(b, dst))
	return resp.Header
}

func TestDiscovery(t *testing.T) {
	f := newFixture(t)
	var d map[string]any
	h := getJSON(t, f.issuer+PathDiscovery, &d)
	if h.Get("Content-Type") != "application/json" {
		t.Errorf("content type %q", h.Get("Content-Type"))
	}
	str := map[string]string{
		"issuer":                 f.issuer,
		"authorization_endpoint": f.issuer + "/oauth2/auth",
		"token_endpoint":         f.issuer + "/oauth2/token",
		"userinfo_endpoint":      f.issuer + "/userinfo",
		"jwks_uri":               f.issuer + "/.well-known/jwks.json",
		"revocation_endpoint":    f.issuer + "/oauth2/revoke",
		"introspection_endpoint": f.issuer + "/oauth2/introspect",
		"registration_endpoint":  f.issuer + "/oauth2/register",
	}
	for k, v := range str {
		if d[k] != v {
			t.Errorf("%s = %v, want %s", k, d[k], v)
		}
	}
	lists := map[string][]string{
		"scopes_supported": {"openid", "profile", "email", "phone", "address", "offline_access",
			"claim:1", "claim:2", "claim:3", "claim:4", "claim:5", "claim:6", "claim:7", "claim:8"},
		"claims_supported": {"sub", "wallet", "name", "given_name", "family_name", "email", "email_verified",
			"phone_number", "address", "onchainid_claims", "auth_time", "amr", "nonce"},
		"response_types_supported":              {"code"},
		"grant_types_supported":                 {"authorization_code", "refresh_token"},
		"code_challenge_methods_supported":      {"S256"},
		"token_endpoint_auth_methods_supported": {"client_secret_basic", "client_secret_post", "none"},
		"id_token_signing_alg_values_supported": {"RS256", "ES256", "EdDSA"},
		"subject_types_supported":               {"public"},
	}
	for k, want := range lists {
		var got []string
		for _, v := range d[k].([]any) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
}

// TestDiscoveryListsTheCatalogue: scopes_supported lists a claim scope
// for each topic of the configured catalogue, not a fixed 1-8, and a
// client registered without scopes may ask for those topics.
func TestDiscoveryListsTheCatalogue(t *testing.T) {
	const basic = 10101000100001 // ONCHAINID's BASIC_IDENTITY
	cat := identity.Catalogue{1: {Number: 1, Name: "KYC"}, basic: {Number: basic, Name: "Basic identity"}}
	f := newFixture(t, func(c *Config, _ *KeyringConfig) { c.Catalogue = cat })
	want := []string{"openid", "profile", "email", "phone", "address", "offline_access", "claim:1", "claim:10101000100001"}
	if got := f.p.Discovery().ScopesSupported; !slices.Equal(got, want) {
		t.Fatalf("scopes_supported = %v, want %v", got, want)
	}
	c, _, err := newClient(ClientSpec{Name: "RP", RedirectURIs: []string{"https://rp.example/cb"}}, cat, bytes.NewReader(make([]byte, 64)), time.Now())
	if err != nil || !slices.Equal(c.Scopes, want) {
		t.Fatalf("client scopes = %v, %v; want %v", c.Scopes, err, want)
	}
}

func TestDiscoveryWithoutRegistration(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *KeyringConfig) { c.RegistrationToken = "" })
	if d := f.p.Discovery(); d.RegistrationEndpoint != "" {
		t.Errorf("registration endpoint %q advertised while disabled", d.RegistrationEndpoint)
	}
}

func TestJWKS(t *testing.T) {
	f := newFixture(t)
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	getJSON(t, f.issuer+PathJWKS, &set)
	if len(set.Keys) != 3 {
		t.Fatalf("%d keys, want one per algorithm", len(set.Keys))
	}
	want := map[string]map[string]any{}
	for _, k := range f.keys.CurrentKeys() {
		want[k.KID] = map[string]any{"alg": string(k.Alg), "use": "sig", "kid": k.KID}
	}
	shape := map[string]map[string]any{
		"ES256": {"kty": "EC", "crv": "P-256"},
		"EdDSA": {"kty": "OKP", "crv": "Ed25519"},
		"RS256": {"kty": "RSA", "e": "AQAB"},
	}
	for _, k := range set.Keys {
		w, ok := want[k["kid"].(string)]
		if !ok {
			t.Fatalf("JWKS key %v is no current key", k["kid"])
		}
		for name, v := range w {
			if k[name] != v {
				t.Errorf("%s = %v, want %v", name, k[name], v)
			}
		}
		for name, v := range shape[k["alg"].(string)] {
			if k[name] != v {
				t.Errorf("%s key: %s = %v, want %v", k["alg"], name, k[name], v)
			}
		}
		for _, private := range []string{"d", "p", "q", "dp", "dq", "qi"} {
			if _, ok := k[private]; ok {
				t.Fatalf("the JWKS publishes a private key member %q", private)
			}
		}
	}
}

// clockAt is a settable clock.
type clockAt struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clockAt) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clockAt) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestKeyRotation(t *testing.T) {
	clock := &clockAt{now: time.Now()}
	f := newFixture(t, func(_ *Config, k *KeyringConfig) { k.Clock = clock.Now })
	c := f.rp(t, false, "openid")
	oldTok, _ := f.login(t, c)
	oldKey := f.keys.Current()
	newKey, err := f.keys.Rotate(t.Context())
	must(t, err)
	if newKey.KID == oldKey.KID || f.keys.Current().KID != newKey.KID {
		t.Fatalf("rotation kept %s current", f.keys.Current().KID)
	}
	kids := func() []string {
		var out []string
		for _, k := range f.keys.JWKS().Keys {
			out = append(out, k.KeyID)
		}
		return out
	}
	if got := kids(); !slices.Contains(got, oldKey.KID) || !slices.Contains(got, newKey.KID) {
		t.Fatalf("JWKS kids %v after rotation", got)
	}
	// Tokens signed before the rotation still verify, here and in a stock
	// client that fetches the JWKS again; new ones use the new key.
	if _, err := f.p.VerifyAccessToken(t.Context(), oldTok.AccessToken); err != nil {
		t.Fatalf("old token after rotation: %v", err)
	}
	newTok, _ := f.login(t, c)
	if kidOf(t, newTok.AccessToken) != newKey.KID {
		t.Fatal("new token not signed by the new key")
	}
	prov, err := oidc.NewProvider(t.Context(), f.issuer)
	must(t, err)
	_, err = prov.Verifier(&oidc.Config{ClientID: c.cfg.ClientID}).Verify(t.Context(), oldTok.Extra("id_token").(string))
	must(t, err)

	// Once every token the old key signed has expired, it leaves the JWKS.
	retired := findKey(t, f.st, oldKey.KID)
	if want := clock.Now().Add(time.Hour + time.Minute); !retired.NotAfter.Equal(want.UTC().Truncate(time.Microsecond)) {
		t.Errorf("old key NotAfter %v, want %v", retired.NotAfter, want)
	}
	clock.Add(time.Hour + time.Minute + time.Second)
	if got := kids(); slices.Contains(got, oldKey.KID) || !slices.Contains(got, newKey.KID) {
		t.Fatalf("JWKS kids %v after the old key's tokens expired", got)
	}
}

func kidOf(t testing.TB, token string) string {
	t.Helper()
	k, err := oidcKID(token)
	must(t, err)
	return k
}

func findKey(t testing.TB, st store.Store, kid string) store.SigningKey {
	t.Helper()
	keys, err := st.ListSigningKeys(context.Background())
	must(t, err)
	for _, k := range keys {
		if k.KID == kid {
			return k
		}
	}
	t.Fatalf("key %s not stored", kid)
	return store.SigningKey{}
}

func TestKeyringAcrossNodes(t *testing.T) {
	clock := &clockAt{now: time.Now()}
	f := newFixture(t, func(_ *Config, k *KeyringConfig) { k.Clock = clock.Now })
	// A second keyring on the same store plays `idconnect keys rotate`.
	other, err := NewKeyring(t.Context(), f.st, f.keys.sealer, KeyringConfig{TokenTTL: time.Hour, Clock: clock.Now})
	must(t, err)
	if other.Current().KID != f.keys.Current().KID {
		t.Fatal("a second keyring made its own key instead of using the stored one")
	}
	rotated, err := other.Rotate(t.Context())
	must(t, err)
	c := f.rp(t, false, "openid")
	tok, _ := f.login(t, c)
	if kidOf(t, tok.AccessToken) == rotated.KID {
		t.Fatal("the server picked up the rotation before its refresh interval")
	}
	clock.Add(time.Minute)
	tok, _ = f.login(t, c)
	if kidOf(t, tok.AccessToken) != rotated.KID {
		t.Fatal("the server did not pick up the rotation after its refresh interval")
	}
}

func TestEdDSAFlow(t *testing.T) {
	f := newFixture(t, func(_ *Config, k *KeyringConfig) { k.Alg = store.AlgEdDSA })
	c := f.rp(t, true, "openid", "offline_access")
	tok, idt := f.login(t, c) // go-oidc checks the EdDSA signature and at_hash
	if kidOf(t, tok.AccessToken) != f.keys.Current().KID || idt.Subject == "" {
		t.Fatal("EdDSA token not signed by the current key")
	}
	if _, err := f.p.VerifyAccessToken(t.Context(), tok.AccessToken); err != nil {
		t.Fatal(err)
	}
	if algs := f.p.Discovery().IDTokenSigningAlgValuesSupported; !slices.Equal(algs, []string{"RS256", "ES256", "EdDSA"}) {
		t.Errorf("advertised algs %v", algs)
	}
}

func TestKeyringConfig(t *testing.T) {
	f := newFixture(t)
	for _, cfg := range []KeyringConfig{{}, {TokenTTL: time.Hour, Alg: "RS256"}} {
		if _, err := NewKeyring(t.Context(), f.st, f.keys.sealer, cfg); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
	short, err := NewKeyring(t.Context(), f.st, f.keys.sealer, KeyringConfig{TokenTTL: time.Minute})
	must(t, err)
	_, err = New(Config{Issuer: f.issuer, GlobalSecret: make([]byte, 32)}, f.st, short, nil)
	if !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("a keyring shorter than the token TTLs was accepted: %v", err)
	}
}
