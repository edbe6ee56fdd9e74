package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// TestImmediateFlow: a confidential client completes the code flow with plain
// x/oauth2 and go-oidc; userinfo answers once, and the second call gets 401.
func TestImmediateFlow(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/callback"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, verifier := oidcClient(t, issuer, id, secret, redirect, oidc.ScopeOpenID, "email", "phone")
	o := newOwner(t, issuer)

	// The owner fills in a profile first, signing in to the dashboard.
	req := o.authorize(conf.AuthCodeURL("state-0001", oidc.Nonce("nonce-0001"), oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	o.login(req)
	o.saveProfile(url.Values{"email": {"ada@example.com"}, "phone_number": {"+441234567890"}, "name": {"Ada"}})

	verifierCode := oauth2.GenerateVerifier()
	req = o.authorize(conf.AuthCodeURL("state-0002", oidc.Nonce("nonce-0002"), oauth2.S256ChallengeOption(verifierCode)))
	o.login(req)
	back := o.allow(req, "email") // phone unticked
	if back.Query().Get("state") != "state-0002" || back.Query().Get("code") == "" {
		t.Fatalf("redirect = %s", back)
	}
	tok, err := conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(verifierCode))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken != "" {
		t.Error("an immediate grant got a refresh token")
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := verifier.Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	var claims struct {
		Wallet string   `json:"wallet"`
		AMR    []string `json:"amr"`
	}
	_ = idt.Claims(&claims)
	if idt.Nonce != "nonce-0002" || !strings.HasPrefix(idt.Subject, "eip155:1337:0x") || claims.Wallet != "eip155:1337:"+o.address() || len(claims.AMR) != 1 || claims.AMR[0] != "siwe" {
		t.Errorf("id_token: sub %s nonce %s %+v", idt.Subject, idt.Nonce, claims)
	}

	code, info := userinfo(t, issuer, tok.AccessToken)
	if code != http.StatusOK || info["email"] != "ada@example.com" || info["sub"] != idt.Subject {
		t.Fatalf("userinfo = %d %v", code, info)
	}
	for _, k := range []string{"phone_number", "name"} {
		if _, ok := info[k]; ok {
			t.Errorf("userinfo discloses %s, which was not granted", k)
		}
	}
	if code, _ := userinfo(t, issuer, tok.AccessToken); code != http.StatusUnauthorized {
		t.Fatalf("second read of an immediate grant = %d, want 401", code)
	}
}

// TestPersistentFlow: offline_access gives a refresh token; refresh works, and after
// revocation reads get 401. A public client uses PKCE.
func TestPersistentFlow(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "http://127.0.0.1:9/callback"
	id, _ := registerClient(t, dataDir, redirect, true)
	conf, _ := oidcClient(t, issuer, id, "", redirect, oidc.ScopeOpenID, "claim:1", oidc.ScopeOfflineAccess)
	o := newOwner(t, issuer)
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(conf.AuthCodeURL("state-0003", oidc.Nonce("nonce-0003"), oauth2.S256ChallengeOption(pkce)))
	o.login(req)
	back := o.allow(req) // the owner holds no KYC claim: nothing to tick
	ctx := context.Background()
	tok, err := conf.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" {
		t.Fatal("a persistent grant got no refresh token")
	}
	for range 2 {
		if code, info := userinfo(t, issuer, tok.AccessToken); code != http.StatusOK {
			t.Fatalf("userinfo = %d %v", code, info)
		}
	}
	expired := *tok
	expired.Expiry = expired.Expiry.Add(-24 * 3600e9 * 365)
	fresh, err := conf.TokenSource(ctx, &expired).Token()
	if err != nil || fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
		t.Fatalf("refresh: %v (refresh token rotated: %v)", err, fresh != nil && fresh.RefreshToken != tok.RefreshToken)
	}
	if code, _ := userinfo(t, issuer, fresh.AccessToken); code != http.StatusOK {
		t.Fatalf("userinfo after refresh = %d", code)
	}
	// Rotating the refresh token revoked the access token issued with it,
	// alone: the grant lives on.
	if code, _ := userinfo(t, issuer, tok.AccessToken); code != http.StatusUnauthorized {
		t.Fatalf("userinfo with the access token the refresh replaced = %d, want 401", code)
	}
	resp, err := http.PostForm(issuer+"/oauth2/revoke", url.Values{"token": {fresh.RefreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {id}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke: %v %v", resp, err)
	}
	resp.Body.Close()
	if code, _ := userinfo(t, issuer, fresh.AccessToken); code != http.StatusUnauthorized {
		t.Fatalf("userinfo after revocation = %d, want 401", code)
	}
	s, err := sqlite.Open(ctx, dataPath(dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, kind := range []store.AuditKind{store.AuditLogin, store.AuditConsent, store.AuditToken, store.AuditRevocation} {
		if events, _, err := s.ListAuditEvents(ctx, store.AuditFilter{Kind: kind}); err != nil || len(events) == 0 {
			t.Errorf("no %s event in the audit log (%v)", kind, err)
		}
	}
}

// TestDenyAndReplay: Deny returns access_denied, and a login message cannot be used twice.
func TestDenyAndReplay(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/cb"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, _ := oidcClient(t, issuer, id, secret, redirect, oidc.ScopeOpenID, "email")
	o := newOwner(t, issuer)
	req := o.authorize(conf.AuthCodeURL("state-0004", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	msg := o.login(req)
	if code, out := o.postJSON("/login", map[string]string{"request": req, "message": msg, "signature": o.sign(msg)}); code != http.StatusBadRequest || out["error"] != "replayed" {
		t.Errorf("replayed login = %d %v", code, out)
	}
	resp, err := o.http.PostForm(issuer+"/consent", url.Values{"request": {req}, "decision": {"deny"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc.Query().Get("error") != "access_denied" || loc.Query().Get("state") != "state-0004" {
		t.Fatalf("deny = %d %s", resp.StatusCode, loc)
	}
}

// TestConsentRewordedStatement: /consent refuses a consent whose statement
// was reworded before the owner signed it (by a script between the server
// and the wallet), as the access-request validations do: the owner must
// have read the sentence the server issued.
func TestConsentRewordedStatement(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/cb"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, _ := oidcClient(t, issuer, id, secret, redirect, oidc.ScopeOpenID, "email")
	o := newOwner(t, issuer)
	req := o.authorize(conf.AuthCodeURL("state-0005", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	o.login(req)
	code, ch := o.postJSON("/consent/challenge", map[string]any{"request": req, "scopes": []string{"email"}})
	if code != http.StatusOK || !strings.Contains(ch["message"], "Share with ") {
		t.Fatalf("consent challenge: %d %v", code, ch)
	}
	reworded := strings.Replace(ch["message"], "Share with ", "Do not share with ", 1)
	code, out := o.postJSON("/consent", map[string]any{"request": req, "decision": "allow", "scopes": []string{"email"},
		"message": reworded, "signature": o.sign(reworded)})
	if code != http.StatusBadRequest || out["error"] != "scope_mismatch" {
		t.Fatalf("reworded consent = %d %v, want 400 scope_mismatch", code, out)
	}
}
