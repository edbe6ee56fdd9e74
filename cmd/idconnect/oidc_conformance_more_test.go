package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/authz"
)

// userinfoOf runs a flow for scopes (all ticked) and reads /userinfo once.
func (c *conformance) userinfoOf(t *testing.T, scopes ...string) map[string]any {
	t.Helper()
	id, secret := c.client(t, authz.ClientSpec{})
	tok, _ := c.tokens(t, c.oauth(t, id, secret, append([]string{oidc.ScopeOpenID}, scopes...)...), scopes)
	status, info := userinfo(t, c.issuer, tok.AccessToken)
	if status != http.StatusOK {
		t.Fatalf("userinfo %d %v", status, info)
	}
	return info
}

func scopeAll(t *testing.T, c *conformance) {
	info := c.userinfoOf(t, "profile", "email", "phone", "address")
	for _, k := range []string{"sub", "name", "given_name", "family_name", "email", "email_verified", "phone_number", "address"} {
		if _, ok := info[k]; !ok {
			t.Errorf("userinfo lacks %s: %v", k, info)
		}
	}
}

// scopeOnly checks that one scope gives its claims and no other's.
func scopeOnly(scope string, claims ...string) func(*testing.T, *conformance) {
	return func(t *testing.T, c *conformance) {
		info := c.userinfoOf(t, scope)
		for _, k := range []string{"name", "given_name", "family_name", "email", "email_verified", "phone_number", "address"} {
			if _, got := info[k]; got != slices.Contains(claims, k) {
				t.Errorf("scope %s: %s present = %v", scope, k, got)
			}
		}
	}
}

func clientAuth(style oauth2.AuthStyle) func(*testing.T, *conformance) {
	return func(t *testing.T, c *conformance) {
		id, secret := c.client(t, authz.ClientSpec{})
		conf := c.oauth(t, id, secret, oidc.ScopeOpenID)
		conf.Endpoint.AuthStyle = style
		q := c.code(t, conf, nil)
		wrong := *conf
		wrong.ClientSecret = secret + "x"
		var re *oauth2.RetrieveError
		if _, err := wrong.Exchange(context.Background(), q.Get("code")); !errors.As(err, &re) || re.ErrorCode != "invalid_client" {
			t.Fatalf("a wrong secret: %v, want invalid_client", err)
		}
		if _, err := conf.Exchange(context.Background(), q.Get("code")); err != nil {
			t.Fatal(err)
		}
	}
}

// persistent runs a flow with offline_access, whose grant can be read
// more than once.
func (c *conformance) persistent(t *testing.T) (tok *oauth2.Token, idToken *oidc.IDToken) {
	t.Helper()
	id, secret := c.client(t, authz.ClientSpec{})
	tok, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID, "email", oidc.ScopeOfflineAccess), []string{"email"})
	idToken, err := c.rs256Verifier(id).Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	return tok, idToken
}

func userInfoRequest(t *testing.T, c *conformance, method, token string, body url.Values) (int, map[string]any, http.Header) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = strings.NewReader(body.Encode())
	}
	req, _ := http.NewRequest(method, c.issuer+authz.PathUserinfo, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out, resp.Header
}

func userInfoEndpoint(t *testing.T, c *conformance) {
	tok, idt := c.persistent(t)
	status, info, _ := userInfoRequest(t, c, http.MethodGet, tok.AccessToken, nil)
	if status != http.StatusOK || info["sub"] != idt.Subject || info["email"] != "ada@example.com" {
		t.Fatalf("userinfo %d %v, id_token sub %s", status, info, idt.Subject)
	}
}

func userInfoHeader(t *testing.T, c *conformance) {
	tok, _ := c.persistent(t)
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		if status, info, _ := userInfoRequest(t, c, method, tok.AccessToken, nil); status != http.StatusOK {
			t.Fatalf("%s userinfo %d %v", method, status, info)
		}
	}
}

func userInfoBody(t *testing.T, c *conformance) {
	tok, _ := c.persistent(t)
	status, _, h := userInfoRequest(t, c, http.MethodPost, "", url.Values{"access_token": {tok.AccessToken}})
	if status != http.StatusUnauthorized || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
		t.Fatalf("a token in the body: %d %q, want a clear 401 (not offered)", status, h.Get("WWW-Authenticate"))
	}
}

func redirectNotRegistered(t *testing.T, c *conformance) {
	id, _ := c.client(t, authz.ClientSpec{})
	q := url.Values{"client_id": {id}, "response_type": {"code"}, "scope": {"openid"},
		"redirect_uri": {"https://evil.example/cb"}, "state": {"state-notreg-1"}}
	resp, err := c.o.http.Get(c.issuer + authz.PathAuthorize + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
		t.Fatalf("%d Location %q: want a 400 page and no redirect", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func requestNotUnderstood(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	conf := c.oauth(t, id, secret, oidc.ScopeOpenID)
	_, raw := c.tokens(t, conf, nil, oauth2.SetAuthURLParam("extra", "foobar"),
		oauth2.SetAuthURLParam("claims", `{"id_token":{"email":{"essential":true}}}`))
	if _, err := c.rs256Verifier(id).Verify(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
}

func codeReuseRevokes(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	conf := c.oauth(t, id, secret, oidc.ScopeOpenID, "email", oidc.ScopeOfflineAccess)
	q := c.code(t, conf, []string{"email"})
	tok, err := conf.Exchange(context.Background(), q.Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	var re *oauth2.RetrieveError
	if _, err := conf.Exchange(context.Background(), q.Get("code")); !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("second exchange: %v", err)
	}
	if status, _, _ := userInfoRequest(t, c, http.MethodGet, tok.AccessToken, nil); status != http.StatusUnauthorized {
		t.Fatalf("the first access token still reads (%d) after the code was replayed", status)
	}
}

// register posts RFC 7591 client metadata with the operator's token.
func (c *conformance) register(t *testing.T, meta map[string]any) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(meta)
	req, _ := http.NewRequest(http.MethodPost, c.issuer+authz.PathRegister, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+conformanceRegToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func registrationEndpoint(t *testing.T, c *conformance) {
	status, out := c.register(t, map[string]any{"client_name": "Dynamic RP", "redirect_uris": []string{confRedirect}})
	if status != http.StatusCreated || out["id_token_signed_response_alg"] != "RS256" {
		t.Fatalf("registration %d %v", status, out)
	}
	id, secret := out["client_id"].(string), out["client_secret"].(string)
	_, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
	if _, err := c.rs256Verifier(id).Verify(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
}

func registrationAlg(t *testing.T, c *conformance) {
	for _, alg := range []jose.SignatureAlgorithm{jose.ES256, jose.EdDSA, jose.RS256} {
		status, out := c.register(t, map[string]any{"client_name": "Dynamic RP", "redirect_uris": []string{confRedirect},
			"id_token_signed_response_alg": string(alg)})
		if status != http.StatusCreated || out["id_token_signed_response_alg"] != string(alg) {
			t.Fatalf("registration %d %v", status, out)
		}
		id, secret := out["client_id"].(string), out["client_secret"].(string)
		_, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
		if _, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{alg}); err != nil {
			t.Fatalf("%s client: %v", alg, err)
		}
		// go-oidc configured from discovery accepts every advertised alg.
		p, err := oidc.NewProvider(context.Background(), c.issuer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Verifier(&oidc.Config{ClientID: id}).Verify(context.Background(), raw); err != nil {
			t.Fatalf("%s client: %v", alg, err)
		}
		_, rsErr := c.rs256Verifier(id).Verify(context.Background(), raw)
		if (rsErr == nil) != (alg == jose.RS256) {
			t.Fatalf("%s client: RS256-only verifier said %v", alg, rsErr)
		}
	}
}

func registrationBadAlg(t *testing.T, c *conformance) {
	for _, alg := range []string{"none", "HS256", "PS256"} {
		status, out := c.register(t, map[string]any{"client_name": "Dynamic RP", "redirect_uris": []string{confRedirect},
			"id_token_signed_response_alg": alg})
		if status != http.StatusBadRequest || out["error"] != "invalid_client_metadata" {
			t.Fatalf("alg %s: %d %v", alg, status, out)
		}
	}
}

func rotationOPSig(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	conf := c.oauth(t, id, secret, oidc.ScopeOpenID)
	_, before := c.tokens(t, conf, nil)
	if _, err := runCLI(t, c.dataDir, "keys", "rotate"); err != nil {
		t.Fatal(err)
	}
	kid := func(raw string) string {
		tok, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
		if err != nil {
			t.Fatal(err)
		}
		return tok.Headers[0].KeyID
	}
	var after string
	for deadline := time.Now().Add(10 * time.Second); ; {
		time.Sleep(1100 * time.Millisecond) // the server re-reads its keys every second here
		if _, after = c.tokens(t, conf, nil); kid(after) != kid(before) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server never signed with the rotated key")
		}
	}
	// A client that fetches the JWKS afresh verifies both.
	v := c.rs256Verifier(id)
	for _, raw := range []string{before, after} {
		if _, err := v.Verify(context.Background(), raw); err != nil {
			t.Fatalf("kid %s after rotation: %v", kid(raw), err)
		}
	}
}

const confBye = "https://rp.example/bye"

// signedIn reports whether the owner's browser session is live.
func (c *conformance) signedIn(t *testing.T) bool {
	t.Helper()
	resp, err := c.o.http.Get(c.issuer + "/account")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func logoutWithHint(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{PostLogoutRedirectURIs: []string{confBye}})
	_, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
	if !c.signedIn(t) {
		t.Fatal("not signed in after the flow")
	}
	q := url.Values{"id_token_hint": {raw}, "post_logout_redirect_uri": {confBye}, "state": {"bye-state-1"}}
	resp, err := c.o.http.Get(c.issuer + authz.PathEndSession + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != confBye+"?state=bye-state-1" {
		t.Fatalf("%d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if c.signedIn(t) {
		t.Fatal("still signed in after logout with a valid id_token_hint")
	}
}

func logoutWithoutHint(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{PostLogoutRedirectURIs: []string{confBye}})
	c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil) // signs in again
	q := url.Values{"client_id": {id}, "post_logout_redirect_uri": {confBye}, "state": {"bye-state-2"}}
	resp, err := c.o.http.Get(c.issuer + authz.PathEndSession + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(page, []byte("Sign out of idconnect?")) || !c.signedIn(t) {
		t.Fatalf("%d: want the confirmation page and the session intact", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, c.issuer+authz.PathEndSession+"/confirm", strings.NewReader(q.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.issuer)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err = c.o.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != confBye+"?state=bye-state-2" || c.signedIn(t) {
		t.Fatalf("confirmation: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
