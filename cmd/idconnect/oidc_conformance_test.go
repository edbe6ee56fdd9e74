package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store/sqlite"
)

// The OpenID Foundation's Basic OP, Config OP and Dynamic OP test plans,
// module by module, against `serve --dev` over HTTP with stock client
// libraries. Modules about prompt, max_age, login_hint and acr_values
// are another change's; those that do not apply are listed in
// notApplicable with the reason.
var notApplicable = map[string]string{
	"OP-IDToken-c_hash":              "c_hash is for hybrid flows; only response_type=code is offered",
	"OP-Response-id_token(+token)":   "implicit and hybrid responses are not offered (response_types_supported: code)",
	"OP-IDToken-none":                "unsigned ID tokens are never issued; registration refuses alg none",
	"OP-UserInfo-RS256":              "signed userinfo responses (userinfo_signed_response_alg) are not offered",
	"OP-claims-essential":            "the claims request parameter is not supported (claims_parameter_supported: false); it is ignored like any unknown parameter",
	"OP-request-*, OP-request_uri-*": "request objects are not supported (request_parameter_supported: false)",
	"OP-Registration-jwks(_uri)":     "private_key_jwt client authentication is not offered",
	"OP-Discovery-WebFinger-*":       "no WebFinger: clients are configured with the issuer URL",
	"OP-UserInfo-Body":               "the access token is read from the Authorization header only (RFC 6750 2.1); a form body token gets 401",
}

const conformanceRegToken = "conformance-registration-token"

// conformance is one server, and one owner who has filled in a profile.
type conformance struct {
	issuer, dataDir string
	// o is the browser of the subtest; profiled is the owner who filled
	// in a profile, whom the scope and userinfo modules use. The others
	// get a fresh wallet each, to stay under the per-wallet sign-in limit.
	o, profiled *owner
	disc        map[string]any
}

// login signs the owner in for request, as owner.login does, waiting out
// the server's per-wallet rate limit on sign-ins (these tests sign in
// some thirty times in a row).
func (c *conformance) login(request string) {
	t := c.o.t
	for attempt := 0; ; attempt++ {
		code, ch := c.o.postJSON("/login/challenge", map[string]string{"request": request, "address": c.o.address()})
		if code == http.StatusOK {
			code, ch = c.o.postJSON("/login", map[string]string{"request": request, "message": ch["message"], "signature": c.o.sign(ch["message"])})
		}
		switch {
		case code == http.StatusTooManyRequests && attempt < 20:
			// A sign-in takes two requests: wait for both to be allowed.
			time.Sleep(2100 * time.Millisecond)
		case code != http.StatusOK || ch["redirect"] != "/consent?request="+request:
			t.Fatalf("login: %d %v", code, ch)
		default:
			return
		}
	}
}

func newConformance(t *testing.T) *conformance {
	t.Helper()
	cfg := &serveConfig{Dev: true, Addr: freeAddr(t), DataDir: filepath.Join(t.TempDir(), "data"), DevRPCAddr: freeAddr(t),
		CacheAge: time.Minute, RegistrationToken: conformanceRegToken, keyRefresh: time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, io.Discard, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() { cancel(); <-done })
	c := &conformance{issuer: "http://" + cfg.Addr, dataDir: cfg.DataDir}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(c.issuer + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("server never became healthy")
		}
	}
	c.o = newOwner(t, c.issuer)
	c.profiled = c.o
	c.getJSON(t, authz.PathDiscovery, &c.disc)
	// Sign in once to the dashboard to fill in the profile the scopes read.
	id, secret := c.client(t, authz.ClientSpec{})
	conf := c.oauth(t, id, secret, oidc.ScopeOpenID)
	c.login(c.o.authorize(conf.AuthCodeURL("state-profile")))
	c.o.saveProfile(url.Values{"name": {"Ada Lovelace"}, "given_name": {"Ada"}, "family_name": {"Lovelace"},
		"email": {"ada@example.com"}, "phone_number": {"+441234567890"}, "street_address": {"12 St James's Square"},
		"locality": {"London"}, "postal_code": {"SW1Y 4JH"}, "country": {"GB"}})
	return c
}

const confRedirect = "https://rp.example/cb"

// client registers a confidential client; spec's zero fields take the
// test defaults.
func (c *conformance) client(t *testing.T, spec authz.ClientSpec) (id, secret string) {
	t.Helper()
	if spec.Name == "" {
		spec.Name = "Conformance RP"
	}
	if spec.RedirectURIs == nil {
		spec.RedirectURIs = []string{confRedirect}
	}
	s, err := sqlite.Open(context.Background(), dataPath(c.dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, secret, err = authz.CreateClient(context.Background(), s, spec)
	if err != nil {
		t.Fatal(err)
	}
	return id, secret
}

func (c *conformance) oauth(t *testing.T, id, secret string, scopes ...string) *oauth2.Config {
	t.Helper()
	return &oauth2.Config{ClientID: id, ClientSecret: secret, RedirectURL: confRedirect, Scopes: scopes,
		Endpoint: oauth2.Endpoint{AuthURL: c.issuer + authz.PathAuthorize, TokenURL: c.issuer + authz.PathToken}}
}

// code runs the browser part (authorize, sign in, consent to ticked) and
// returns what the client receives at its redirect URI.
func (c *conformance) code(t *testing.T, conf *oauth2.Config, ticked []string, opts ...oauth2.AuthCodeOption) url.Values {
	t.Helper()
	req := c.o.authorize(conf.AuthCodeURL("state-"+oauth2.GenerateVerifier()[:12], opts...))
	c.login(req)
	back := c.o.allow(req, ticked...)
	q := back.Query()
	if q.Get("code") == "" || q.Get("iss") != c.issuer {
		t.Fatalf("authorization response %v", q)
	}
	return q
}

// tokens runs the whole flow and the exchange.
func (c *conformance) tokens(t *testing.T, conf *oauth2.Config, ticked []string, opts ...oauth2.AuthCodeOption) (*oauth2.Token, string) {
	t.Helper()
	q := c.code(t, conf, ticked, opts...)
	tok, err := conf.Exchange(context.Background(), q.Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		t.Fatal("no id_token")
	}
	return tok, raw
}

func (c *conformance) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(c.issuer + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// rs256Verifier is go-oidc as a client configures it with nothing but its
// client id: RS256 only.
func (c *conformance) rs256Verifier(clientID string) *oidc.IDTokenVerifier {
	return oidc.NewVerifier(c.issuer, oidc.NewRemoteKeySet(context.Background(), c.issuer+authz.PathJWKS), &oidc.Config{ClientID: clientID})
}

func TestOpenIDConformance(t *testing.T) {
	c := newConformance(t)
	for _, m := range []struct {
		name string
		run  func(*testing.T, *conformance)
	}{
		{"OP-Discovery-Config", discoveryConfig},
		{"OP-Discovery-JWKs", discoveryJWKs},
		{"OP-Response-code", responseCode},
		{"OP-Response-Missing", responseMissing},
		{"OP-IDToken-RS256", idTokenRS256},
		{"OP-IDToken-kid", idTokenKID},
		{"OP-IDToken-at_hash", idTokenAtHash},
		{"OP-nonce-NoReq-code", nonceNotRequired},
		{"OP-nonce-code", nonceEchoed},
		{"OP-scope-All", scopeAll},
		{"OP-scope-profile", scopeOnly("profile", "name", "given_name", "family_name")},
		{"OP-scope-email", scopeOnly("email", "email", "email_verified")},
		{"OP-scope-phone", scopeOnly("phone", "phone_number")},
		{"OP-scope-address", scopeOnly("address", "address")},
		{"OP-ClientAuth-Basic", clientAuth(oauth2.AuthStyleInHeader)},
		{"OP-ClientAuth-SecretPost", clientAuth(oauth2.AuthStyleInParams)},
		{"OP-UserInfo-Endpoint", userInfoEndpoint},
		{"OP-UserInfo-Header", userInfoHeader},
		{"OP-UserInfo-Body", userInfoBody},
		{"OP-redirect_uri-NotReg", redirectNotRegistered},
		{"OP-Req-NotUnderstood", requestNotUnderstood},
		{"OP-OAuth-2nd-Revokes", codeReuseRevokes},
		{"OP-Registration-Endpoint", registrationEndpoint},
		{"OP-Registration-id_token_signed_response_alg", registrationAlg},
		{"OP-Registration-Invalid-Alg", registrationBadAlg},
		{"OP-Rotation-OP-Sig", rotationOPSig},
		{"RP-Initiated-Logout-id_token_hint", logoutWithHint},
		{"RP-Initiated-Logout-Confirm", logoutWithoutHint},
	} {
		t.Run(m.name, func(t *testing.T) {
			c.o = newOwner(t, c.issuer)
			if strings.HasPrefix(m.name, "OP-scope-") || m.name == "OP-UserInfo-Endpoint" {
				c.o, c.profiled.t = c.profiled, t
			}
			m.run(t, c)
		})
	}
	for module, why := range notApplicable {
		t.Logf("not applicable: %s: %s", module, why)
	}
}

func discoveryConfig(t *testing.T, c *conformance) {
	d := c.disc
	if d["issuer"] != c.issuer {
		t.Fatalf("issuer %v, want %s", d["issuer"], c.issuer)
	}
	for k, path := range map[string]string{"authorization_endpoint": authz.PathAuthorize, "token_endpoint": authz.PathToken,
		"userinfo_endpoint": authz.PathUserinfo, "jwks_uri": authz.PathJWKS, "registration_endpoint": authz.PathRegister,
		"end_session_endpoint": authz.PathEndSession} {
		if d[k] != c.issuer+path {
			t.Errorf("%s = %v", k, d[k])
		}
	}
	has := func(k, v string) {
		list, _ := d[k].([]any)
		if !slices.Contains(list, any(v)) {
			t.Errorf("%s = %v lacks %q", k, d[k], v)
		}
	}
	has("response_types_supported", "code")
	has("subject_types_supported", "public")
	has("scopes_supported", "openid")
	has("claims_supported", "sub")
	for _, alg := range []string{"RS256", "ES256", "EdDSA"} {
		has("id_token_signing_alg_values_supported", alg)
	}
	if d["authorization_response_iss_parameter_supported"] != true {
		t.Error("authorization_response_iss_parameter_supported is not true")
	}
}

func discoveryJWKs(t *testing.T, c *conformance) {
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	c.getJSON(t, authz.PathJWKS, &set)
	kids, algs := map[string]bool{}, map[string]bool{}
	for _, k := range set.Keys {
		kid, _ := k["kid"].(string)
		if kid == "" || kids[kid] || k["use"] != "sig" || k["alg"] == nil {
			t.Errorf("key %v: needs a unique kid, use sig and alg", k)
		}
		kids[kid], algs[k["alg"].(string)] = true, true
		for _, private := range []string{"d", "p", "q", "dp", "dq", "qi"} {
			if _, ok := k[private]; ok {
				t.Fatalf("the JWKS publishes private member %q", private)
			}
		}
	}
	if !algs["RS256"] || !algs["ES256"] || !algs["EdDSA"] {
		t.Errorf("JWKS algorithms %v", algs)
	}
}

func responseCode(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	conf := c.oauth(t, id, secret, oidc.ScopeOpenID)
	req := c.o.authorize(conf.AuthCodeURL("state-response-code"))
	c.login(req)
	q := c.o.allow(req).Query()
	if q.Get("code") == "" || q.Get("state") != "state-response-code" || q.Get("iss") != c.issuer {
		t.Fatalf("authorization response %v", q)
	}
}

func responseMissing(t *testing.T, c *conformance) {
	id, _ := c.client(t, authz.ClientSpec{})
	q := url.Values{"client_id": {id}, "scope": {"openid"}, "redirect_uri": {confRedirect}, "state": {"state-missing-rt"}}
	resp, err := c.o.http.Get(c.issuer + authz.PathAuthorize + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	back := loc.Query()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc.String(), confRedirect) ||
		back.Get("error") == "" || back.Has("code") || back.Get("state") != "state-missing-rt" || back.Get("iss") != c.issuer {
		t.Fatalf("%d to %s: want an error redirect with state and iss", resp.StatusCode, loc)
	}
}

func idTokenRS256(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	tok, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
	idt, err := c.rs256Verifier(id).Verify(context.Background(), raw)
	if err != nil {
		t.Fatalf("go-oidc's default (RS256-only) verifier: %v", err)
	}
	if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
		t.Fatal(err)
	}
}

func idTokenKID(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	_, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
	tok, err := josejwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatal(err)
	}
	var set jose.JSONWebKeySet
	c.getJSON(t, authz.PathJWKS, &set)
	keys := set.Key(tok.Headers[0].KeyID)
	if len(keys) != 1 {
		t.Fatalf("kid %q names %d keys", tok.Headers[0].KeyID, len(keys))
	}
	var claims josejwt.Claims
	if err := tok.Claims(keys[0].Key, &claims); err != nil {
		t.Fatal(err)
	}
}

func idTokenAtHash(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	tok, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
	idt, err := c.rs256Verifier(id).Verify(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if idt.AccessTokenHash == "" {
		t.Fatal("no at_hash")
	}
	if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
		t.Fatal(err)
	}
	if err := idt.VerifyAccessToken(tok.AccessToken + "x"); err == nil {
		t.Fatal("at_hash matched another token")
	}
}

func nonceNotRequired(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	_, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil)
	idt, err := c.rs256Verifier(id).Verify(context.Background(), raw)
	if err != nil || idt.Nonce != "" {
		t.Fatalf("without a nonce: %v, nonce %q", err, idt.Nonce)
	}
}

func nonceEchoed(t *testing.T, c *conformance) {
	id, secret := c.client(t, authz.ClientSpec{})
	_, raw := c.tokens(t, c.oauth(t, id, secret, oidc.ScopeOpenID), nil, oidc.Nonce("nonce-conformance-1"))
	idt, err := c.rs256Verifier(id).Verify(context.Background(), raw)
	if err != nil || idt.Nonce != "nonce-conformance-1" {
		t.Fatalf("%v, nonce %q", err, idt.Nonce)
	}
}
