package authz

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// rp is a relying party built from stock libraries, with no special cases.
type rp struct {
	oidc *oidc.Provider
	cfg  oauth2.Config
}

func (f *fixture) rp(t testing.TB, public bool, scopes ...string) rp {
	t.Helper()
	id, secret := f.newClient(t, public)
	prov, err := oidc.NewProvider(t.Context(), f.issuer)
	must(t, err)
	return rp{oidc: prov, cfg: oauth2.Config{
		ClientID: id, ClientSecret: secret, Endpoint: prov.Endpoint(),
		RedirectURL: f.redirectURI(), Scopes: scopes,
	}}
}

// login runs the code flow with PKCE and a nonce and returns the tokens
// and the verified ID token.
func (f *fixture) login(t testing.TB, c rp) (*oauth2.Token, *oidc.IDToken) {
	t.Helper()
	ctx := t.Context()
	verifier, nonce, state := oauth2.GenerateVerifier(), "nonce-"+oauth2.GenerateVerifier()[:16], "state-"+oauth2.GenerateVerifier()[:16]
	q := f.authorize(t, c.cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)))
	if q.Get("state") != state || q.Get("code") == "" {
		t.Fatalf("redirect query %v", q)
	}
	tok, err := c.cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	must(t, err)
	raw, _ := tok.Extra("id_token").(string)
	idt, err := c.oidc.Verifier(&oidc.Config{ClientID: c.cfg.ClientID}).Verify(ctx, raw)
	must(t, err)
	if idt.Nonce != nonce {
		t.Fatalf("nonce %q, want %q", idt.Nonce, nonce)
	}
	must(t, idt.VerifyAccessToken(tok.AccessToken))
	return tok, idt
}

func TestCodeFlow(t *testing.T) {
	tests := []struct {
		name        string
		public      bool
		scopes      []string
		wantRefresh bool
		wantKind    store.GrantKind
	}{
		{"confidential persistent", false, []string{"openid", "profile", "offline_access"}, true, store.GrantPersistent},
		{"confidential immediate", false, []string{"openid", "email", "claim:1"}, false, store.GrantImmediate},
		{"public", true, []string{"openid", "email"}, false, store.GrantImmediate},
		{"public persistent", true, []string{"openid", "offline_access"}, true, store.GrantPersistent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			c := f.rp(t, tc.public, tc.scopes...)
			tok, idt := f.login(t, c)
			if (tok.RefreshToken != "") != tc.wantRefresh {
				t.Fatalf("refresh token %q, want one: %v", tok.RefreshToken, tc.wantRefresh)
			}
			checkIDToken(t, f, idt)
			g, err := f.p.VerifyAccessToken(t.Context(), tok.AccessToken)
			must(t, err)
			checkGrantClaims(t, f, g, idt.Subject, c.cfg.ClientID, tc.scopes, tc.wantKind)
		})
	}
}

func checkIDToken(t *testing.T, f *fixture, idt *oidc.IDToken) {
	t.Helper()
	var claims struct {
		Wallet   string   `json:"wallet"`
		AMR      []string `json:"amr"`
		AuthTime int64    `json:"auth_time"`
	}
	must(t, idt.Claims(&claims))
	if want := identity.CAIP10(testChainID, f.identity); idt.Subject != want {
		t.Errorf("sub %q, want %q", idt.Subject, want)
	}
	if want := identity.CAIP10(testChainID, f.wallet); claims.Wallet != want {
		t.Errorf("wallet %q, want %q", claims.Wallet, want)
	}
	if !slices.Equal(claims.AMR, []string{"siwe"}) || claims.AuthTime == 0 {
		t.Errorf("amr %v, auth_time %d", claims.AMR, claims.AuthTime)
	}
}

func checkGrantClaims(t *testing.T, f *fixture, g *GrantClaims, sub, clientID string, scopes []string, kind store.GrantKind) {
	t.Helper()
	gr, err := f.st.GetGrant(t.Context(), g.GrantID)
	must(t, err)
	switch {
	case g.Subject != sub:
		t.Errorf("access token sub %q, id_token sub %q", g.Subject, sub)
	case g.ClientID != clientID || !slices.Equal(g.Audience, []string{f.issuer}):
		t.Errorf("client_id %q, aud %v, want client %q and aud the issuer", g.ClientID, g.Audience, clientID)
	case !slices.Equal(g.Scopes, scopes):
		t.Errorf("scopes %v, want %v", g.Scopes, scopes)
	case g.GrantKind != kind || gr.Kind != kind:
		t.Errorf("grant kind %s (stored %s), want %s", g.GrantKind, gr.Kind, kind)
	case g.Identity != f.identity || g.Wallet != f.wallet || g.ChainID != testChainID:
		t.Errorf("identity %s wallet %s chain %d", g.Identity.Hex(), g.Wallet.Hex(), g.ChainID)
	case g.Consent != gr.ConsentHash:
		t.Errorf("consent %q, grant's %q", g.Consent, gr.ConsentHash)
	case g.Issuer != f.issuer || g.JTI == "" || !g.ExpiresAt.After(time.Now()):
		t.Errorf("iss %q jti %q exp %v", g.Issuer, g.JTI, g.ExpiresAt)
	}
}

func TestAccessTokenIsRFC9068(t *testing.T) {
	f := newFixture(t)
	tok, _ := f.login(t, f.rp(t, false, "openid"))
	parsed, err := josejwt.ParseSigned(tok.AccessToken, tokenAlgs)
	must(t, err)
	h := parsed.Headers[0]
	if h.ExtraHeaders["typ"] != "at+jwt" || h.Algorithm != "ES256" || h.KeyID != f.keys.Current().KID {
		t.Fatalf("header typ=%v alg=%s kid=%s", h.ExtraHeaders["typ"], h.Algorithm, h.KeyID)
	}
	var claims map[string]any
	must(t, parsed.UnsafeClaimsWithoutVerification(&claims))
	for _, c := range []string{"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "client_id", "scope",
		"grant_id", "grant_kind", "identity", "wallet", "chain_id", "consent"} {
		if _, ok := claims[c]; !ok {
			t.Errorf("claim %s missing from %v", c, claims)
		}
	}
	if claims["wallet"] != identity.CAIP10(testChainID, f.wallet) || claims["identity"] != f.identity.Hex() {
		t.Errorf("wallet %v identity %v", claims["wallet"], claims["identity"])
	}
}

func TestRefreshRotation(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "offline_access")
	tok, _ := f.login(t, c)
	refresh := func(rt string) (*http.Response, map[string]any) {
		return f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret,
			url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
	}
	resp, next := refresh(tok.RefreshToken)
	if resp.StatusCode != http.StatusOK || next["refresh_token"] == tok.RefreshToken || next["access_token"] == nil {
		t.Fatalf("refresh: %d %v", resp.StatusCode, next)
	}
	if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)) {
		t.Error("the access token of a rotated refresh token is still active")
	}
	newAccess := next["access_token"].(string)
	if !active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, newAccess)) {
		t.Fatal("the new access token is inactive")
	}
	// Reusing the old refresh token fails, and is taken as theft: the
	// whole grant ends.
	resp, out := refresh(tok.RefreshToken)
	if resp.StatusCode != http.StatusBadRequest || out["error"] != "invalid_grant" {
		t.Fatalf("reused refresh token: %d %v", resp.StatusCode, out)
	}
	if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, newAccess)) {
		t.Error("refresh token reuse left the grant's access token active")
	}
	if resp, _ := refresh(next["refresh_token"].(string)); resp.StatusCode == http.StatusOK {
		t.Error("refresh token reuse left the newest refresh token working")
	}
}

func TestCodeReuseRevokesTokens(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "offline_access")
	verifier := oauth2.GenerateVerifier()
	q := f.authorize(t, c.cfg.AuthCodeURL("state-reuse-1", oauth2.S256ChallengeOption(verifier)))
	tok, err := c.cfg.Exchange(t.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
	must(t, err)
	first := f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)
	if !active(first) {
		t.Fatal("first access token inactive")
	}
	_, err = c.cfg.Exchange(t.Context(), q.Get("code"), oauth2.VerifierOption(verifier))
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("second exchange: %v", err)
	}
	if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)) {
		t.Error("code reuse left the first access token active")
	}
	g, err := f.st.GetGrant(t.Context(), first["grant_id"].(string))
	must(t, err)
	if g.State != store.GrantRevoked {
		t.Errorf("grant state %s after code reuse", g.State)
	}
}

// TestConcurrentCodeExchange races exchanges of one code: exactly one
// gets tokens.
func TestConcurrentCodeExchange(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid")
	for range 5 {
		verifier := oauth2.GenerateVerifier()
		q := f.authorize(t, c.cfg.AuthCodeURL("state-race-123", oauth2.S256ChallengeOption(verifier)))
		var wg sync.WaitGroup
		var mu sync.Mutex
		won := 0
		for range 4 {
			wg.Go(func() {
				if _, err := c.cfg.Exchange(context.Background(), q.Get("code"), oauth2.VerifierOption(verifier)); err == nil {
					mu.Lock()
					won++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if won != 1 {
			t.Fatalf("%d concurrent exchanges of one code succeeded", won)
		}
	}
}
