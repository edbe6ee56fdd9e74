package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// oidcRP is a confidential client of a dev server, driven by one owner.
type oidcRP struct {
	t        *testing.T
	issuer   string
	conf     *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

func newOIDCRP(t *testing.T, scopes ...string) (*oidcRP, *owner) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/callback"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, verifier := oidcClient(t, issuer, id, secret, redirect, append([]string{oidc.ScopeOpenID}, scopes...)...)
	return &oidcRP{t: t, issuer: issuer, conf: conf, verifier: verifier}, newOwner(t, issuer)
}

// authURL is an authorization URL with PKCE and extra parameters.
func (rp *oidcRP) authURL(state, pkce string, extra ...string) string {
	opts := []oauth2.AuthCodeOption{oidc.Nonce("nonce-" + state), oauth2.S256ChallengeOption(pkce)}
	for i := 0; i+1 < len(extra); i += 2 {
		opts = append(opts, oauth2.SetAuthURLParam(extra[i], extra[i+1]))
	}
	return rp.conf.AuthCodeURL(state, opts...)
}

// idClaims are the id_token claims these tests read.
type idClaims struct {
	AuthTime int64  `json:"auth_time"`
	ACR      string `json:"acr"`
	HasACR   bool   `json:"-"`
}

// exchange trades the code in back for tokens and returns the id_token's claims.
func (rp *oidcRP) exchange(back *url.URL, pkce string) idClaims {
	rp.t.Helper()
	tok, err := rp.conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		rp.t.Fatalf("exchange (%s): %v", back, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := rp.verifier.Verify(context.Background(), raw)
	if err != nil {
		rp.t.Fatal(err)
	}
	var c idClaims
	var all map[string]any
	_ = idt.Claims(&c)
	_ = idt.Claims(&all)
	_, c.HasACR = all["acr"]
	return c
}

// loginPage opens /login for the request and returns the status, the redirect
// and the page.
func (o *owner) loginPage(request string) (int, *url.URL, string) {
	resp, err := o.http.Get(o.issuer + "/login?request=" + url.QueryEscape(request))
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	loc, _ := url.Parse(resp.Header.Get("Location"))
	return resp.StatusCode, loc, string(body)
}

// signInAndConsent runs a whole authorization with a new sign-in.
func (rp *oidcRP) signInAndConsent(o *owner, state string, extra ...string) idClaims {
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(rp.authURL(state, pkce, extra...))
	o.login(req)
	return rp.exchange(o.allow(req), pkce)
}

// TestOPPromptLogin (OP-prompt-login): a live session is reused without
// prompt, and prompt=login forces a new wallet signature whose auth_time is
// the new sign-in's.
func TestOPPromptLogin(t *testing.T) {
	rp, o := newOIDCRP(t)
	first := rp.signInAndConsent(o, "state-first")

	req := o.authorize(rp.authURL("state-reuse", oauth2.GenerateVerifier()))
	if code, loc, _ := o.loginPage(req); code != http.StatusSeeOther || loc.Path != "/consent" {
		t.Fatalf("without prompt the live session was not reused: %d %v", code, loc)
	}
	time.Sleep(1100 * time.Millisecond) // auth_time has second precision
	pkce := oauth2.GenerateVerifier()
	req = o.authorize(rp.authURL("state-login", pkce, "prompt", "login"))
	if code, _, page := o.loginPage(req); code != http.StatusOK || !strings.Contains(page, `id="connect"`) {
		t.Fatalf("prompt=login did not show the login page: %d", code)
	}
	if code, _ := o.postJSON("/consent/challenge", map[string]any{"request": req}); code == http.StatusOK {
		t.Fatal("prompt=login: consent was offered before a new sign-in")
	}
	o.login(req)
	second := rp.exchange(o.allow(req), pkce)
	if second.AuthTime <= first.AuthTime {
		t.Fatalf("auth_time %d after prompt=login, first sign-in %d", second.AuthTime, first.AuthTime)
	}
}

// TestOPPromptNoneNotLoggedIn (OP-prompt-none-NotLoggedIn): without a session,
// prompt=none answers login_required to the client, with the state.
func TestOPPromptNoneNotLoggedIn(t *testing.T) {
	rp, o := newOIDCRP(t)
	req := o.authorize(rp.authURL("state-none", oauth2.GenerateVerifier(), "prompt", "none"))
	code, loc, _ := o.loginPage(req)
	if code != http.StatusSeeOther || loc.Host != "rp.example" || loc.Query().Get("error") != "login_required" ||
		loc.Query().Get("state") != "state-none" || loc.Query().Has("code") {
		t.Fatalf("prompt=none without a session: %d %v", code, loc)
	}
}

// TestOPPromptNoneLoggedIn (OP-prompt-none-LoggedIn): with a live session and
// a persistent grant covering the request, prompt=none issues a code with no
// page; without a covering grant it answers consent_required.
func TestOPPromptNoneLoggedIn(t *testing.T) {
	rp, o := newOIDCRP(t, oidc.ScopeOfflineAccess)
	first := rp.signInAndConsent(o, "state-first")

	pkce := oauth2.GenerateVerifier()
	req := o.authorize(rp.authURL("state-silent", pkce, "prompt", "none"))
	code, loc, _ := o.loginPage(req)
	if code != http.StatusSeeOther || loc.Host != "rp.example" || loc.Query().Get("state") != "state-silent" || loc.Query().Get("code") == "" {
		t.Fatalf("prompt=none with a session and a grant: %d %v", code, loc)
	}
	if got := rp.exchange(loc, pkce); got.AuthTime != first.AuthTime {
		t.Fatalf("auth_time %d, want the session's %d", got.AuthTime, first.AuthTime)
	}

	wider := *rp.conf
	wider.Scopes = append(wider.Scopes, "email")
	widerRP := &oidcRP{t: t, issuer: rp.issuer, conf: &wider, verifier: rp.verifier}
	req = o.authorize(widerRP.authURL("state-wider", oauth2.GenerateVerifier(), "prompt", "none"))
	code, loc, _ = o.loginPage(req)
	if code != http.StatusSeeOther || loc.Query().Get("error") != "consent_required" || loc.Query().Get("state") != "state-wider" {
		t.Fatalf("prompt=none beyond the grant: %d %v", code, loc)
	}
}

// TestOPPromptConsent: prompt=consent shows the consent screen even when a
// persistent grant covers the request.
func TestOPPromptConsent(t *testing.T) {
	rp, o := newOIDCRP(t, oidc.ScopeOfflineAccess)
	rp.signInAndConsent(o, "state-first")
	req := o.authorize(rp.authURL("state-covered", oauth2.GenerateVerifier()))
	o.login(req)
	resp, err := o.http.Get(o.issuer + "/consent?request=" + req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "https://rp.example/") {
		t.Fatalf("a covered request was not approved at once: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	pkce := oauth2.GenerateVerifier()
	req = o.authorize(rp.authURL("state-consent", pkce, "prompt", "consent"))
	o.login(req)
	rp.exchange(o.allow(req), pkce) // allow fails unless the page with its Allow button is shown
}

// TestOPReqMaxAge1 (OP-Req-max_age=1): a session older than max_age needs a
// new sign-in, and auth_time is the new one.
func TestOPReqMaxAge1(t *testing.T) {
	rp, o := newOIDCRP(t)
	first := rp.signInAndConsent(o, "state-first")
	time.Sleep(2100 * time.Millisecond)
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(rp.authURL("state-maxage", pkce, "max_age", "1"))
	if code, _, _ := o.loginPage(req); code != http.StatusOK {
		t.Fatalf("max_age=1 with an older session did not ask to sign in: %d", code)
	}
	o.login(req)
	got := rp.exchange(o.allow(req), pkce)
	if got.AuthTime <= first.AuthTime || time.Since(time.Unix(got.AuthTime, 0)) > 5*time.Second {
		t.Fatalf("auth_time %d, first %d", got.AuthTime, first.AuthTime)
	}
}

// TestOPReqMaxAge10000 (OP-Req-max_age=10000): a young session is reused and
// auth_time stays the session's.
func TestOPReqMaxAge10000(t *testing.T) {
	rp, o := newOIDCRP(t)
	first := rp.signInAndConsent(o, "state-first")
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(rp.authURL("state-maxage", pkce, "max_age", "10000"))
	if code, loc, _ := o.loginPage(req); code != http.StatusSeeOther || loc.Path != "/consent" {
		t.Fatalf("max_age=10000 did not reuse the session: %d %v", code, loc)
	}
	if got := rp.exchange(o.allow(req), pkce); got.AuthTime != first.AuthTime || got.AuthTime == 0 {
		t.Fatalf("auth_time %d, want the session's %d", got.AuthTime, first.AuthTime)
	}
}

// TestOPReqLoginHint (OP-Req-login_hint): a wallet hint in any case is shown
// and handed to the page script in EIP-55; an invalid one is ignored; a live
// session of another wallet is not reused for it.
func TestOPReqLoginHint(t *testing.T) {
	rp, o := newOIDCRP(t)
	req := o.authorize(rp.authURL("state-hint", oauth2.GenerateVerifier(), "login_hint", strings.ToLower(o.address())))
	_, _, page := o.loginPage(req)
	if !strings.Contains(page, `data-login-hint="`+o.address()+`"`) || !strings.Contains(page, `id="other-wallet"`) {
		t.Fatal("the login page does not carry the hinted wallet")
	}
	req = o.authorize(rp.authURL("state-bad-hint", oauth2.GenerateVerifier(), "login_hint", "ada@example.com"))
	if _, _, page := o.loginPage(req); !strings.Contains(page, `data-login-hint=""`) || strings.Contains(page, "ada@example.com") {
		t.Fatal("an invalid hint reached the page")
	}
	rp.signInAndConsent(o, "state-session")
	other := newOwner(t, o.issuer)
	req = o.authorize(rp.authURL("state-other", oauth2.GenerateVerifier(), "login_hint", other.address()))
	if code, _, _ := o.loginPage(req); code != http.StatusOK {
		t.Fatalf("a session of another wallet was reused for the hint: %d", code)
	}
	req = o.authorize(rp.authURL("state-same", oauth2.GenerateVerifier(), "login_hint", o.address()))
	if code, loc, _ := o.loginPage(req); code != http.StatusSeeOther || loc.Path != "/consent" {
		t.Fatalf("the hinted wallet's session was not reused: %d %v", code, loc)
	}
}

// TestOPReqACRValues (OP-Req-acr_values): acr_values are accepted, and the
// id_token claims no more than level "0": one wallet signature is all there
// is. Discovery lists exactly that value.
func TestOPReqACRValues(t *testing.T) {
	rp, o := newOIDCRP(t)
	got := rp.signInAndConsent(o, "state-acr", "acr_values", "urn:mace:incommon:iap:silver 2")
	if got.HasACR && got.ACR != "0" {
		t.Fatalf("the id_token claims acr %q", got.ACR)
	}
	resp, err := http.Get(rp.issuer + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"acr_values_supported":["0"]`) || !strings.Contains(string(body), `"prompt_values_supported":["none","login","consent","select_account"]`) {
		t.Fatalf("discovery: %s", body)
	}
}
