package main

import (
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/oauth2"
)

// TestRelayedLoginRefused (finding 6): a login message asked for by one
// browser (cookie jar), signed by the owner, and submitted from another is
// refused; the browser that asked can still use it.
func TestRelayedLoginRefused(t *testing.T) {
	issuer, _ := devServer(t)
	owner := newOwner(t, issuer)
	asker, relay := newOwner(t, issuer), newOwner(t, issuer)
	const request = "acct-relayed-login-01"
	code, ch := asker.postJSON("/login/challenge", map[string]string{"request": request, "address": owner.address()})
	if code != http.StatusOK {
		t.Fatalf("challenge: %d %v", code, ch)
	}
	signed := map[string]string{"request": request, "message": ch["message"], "signature": owner.sign(ch["message"])}
	if code, out := relay.postJSON("/login", signed); code != http.StatusForbidden || out["error"] != "wrong_browser" {
		t.Fatalf("relayed login: %d %v", code, out)
	}
	if code, out := asker.postJSON("/login", signed); code != http.StatusOK || out["redirect"] != "/account" {
		t.Fatalf("the asking browser: %d %v", code, out)
	}
}

// TestPendingRequestBoundToBrowser (finding 8): a second browser that knows
// someone else's request id can neither open its login page, nor get a login
// message for it, nor sign in for it; the browser that started it can.
func TestPendingRequestBoundToBrowser(t *testing.T) {
	issuer, dataDir := devServer(t)
	const redirect = "https://rp.example/callback"
	id, secret := registerClient(t, dataDir, redirect, false)
	conf, _ := oidcClient(t, issuer, id, secret, redirect, "openid")
	victim, attacker := newOwner(t, issuer), newOwner(t, issuer)
	req := victim.authorize(conf.AuthCodeURL("victim-state-1", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))

	if code, _, _ := attacker.loginPage(req); code != http.StatusForbidden {
		t.Fatalf("another browser's login page: %d", code)
	}
	code, out := attacker.postJSON("/login/challenge", map[string]string{"request": req, "address": attacker.address()})
	if code != http.StatusForbidden || out["error"] != "wrong_browser" {
		t.Fatalf("another browser's challenge: %d %v", code, out)
	}
	// Even with a message the victim's browser obtained, signing in for the
	// request from the attacker's browser fails.
	_, ch := victim.postJSON("/login/challenge", map[string]string{"request": req, "address": attacker.address()})
	code, out = attacker.postJSON("/login", map[string]string{"request": req, "message": ch["message"], "signature": attacker.sign(ch["message"])})
	if code != http.StatusForbidden || out["error"] != "wrong_browser" {
		t.Fatalf("another browser's login: %d %v", code, out)
	}
	resp, err := attacker.http.Get(issuer + "/consent?request=" + url.QueryEscape(req))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Fatal("another browser saw the consent page")
	}
	victim.login(req)
	if back := victim.allow(req); back.Query().Get("state") != "victim-state-1" || back.Query().Get("code") == "" {
		t.Fatalf("the victim's own flow: %v", back)
	}
}
