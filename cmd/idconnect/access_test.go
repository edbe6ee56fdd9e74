package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store/sqlite"
)

// service is a relying party calling the access-request API with an API key.
type service struct {
	t      testing.TB
	issuer string
	auth   string // the Authorization header
	// clientID and secret are its OAuth2 client's, registered for redirect.
	clientID, secret, redirect string
}

// newService registers a confidential client and gives it an API key, as
// `client create` and `apikey create` do on the dev database.
func newService(t testing.TB, issuer, dataDir string) *service {
	t.Helper()
	const redirect = "https://bank.example/cb"
	id, secret := registerClient(t, dataDir, redirect, false)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, dataPath(dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return &service{t: t, issuer: issuer, auth: "ApiKey " + apiKey(t, s, id), clientID: id, secret: secret, redirect: redirect}
}

// apiKey issues an API key of client id in st.
func apiKey(t testing.TB, st authz.APIKeyIssuer, id string) string {
	t.Helper()
	_, key, err := authz.IssueAPIKey(context.Background(), st, rand.Reader, time.Now, id, "test")
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// do sends a JSON request (body may be nil, a value, or raw []byte) and
// decodes the JSON answer.
func (s *service) do(method, path string, body any) (int, map[string]any, http.Header) {
	s.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, s.issuer+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if s.auth != "" {
		req.Header.Set("Authorization", s.auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out, resp.Header
}

// read reads a resource with a grant token.
func (s *service) read(path, token string) (int, map[string]any) {
	bearer := &service{t: s.t, issuer: s.issuer, auth: "Bearer " + token}
	code, out, _ := bearer.do(http.MethodGet, path, nil)
	return code, out
}

// onboard signs the owner in through the Connect flow (their identity is
// created on the way) with a profile, and returns the identity's address.
func onboard(t testing.TB, issuer, dataDir string, o *owner) string {
	t.Helper()
	const redirect = "http://127.0.0.1:9/callback"
	id, _ := registerClient(t, dataDir, redirect, true)
	conf, _ := oidcClient(t, issuer, id, "", redirect, oidc.ScopeOpenID)
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(conf.AuthCodeURL("state-onboard", oauth2.S256ChallengeOption(pkce)))
	o.login(req)
	o.saveProfile(url.Values{"email": {"ada@example.com"}, "name": {"Ada Lovelace"}, "phone_number": {"+441234567890"}})
	back := o.allow(req)
	tok, err := conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	code, info := userinfo(t, issuer, tok.AccessToken)
	sub, _ := info["sub"].(string)
	if code != http.StatusOK || !strings.HasPrefix(sub, "eip155:1337:0x") {
		t.Fatalf("userinfo = %d %v", code, info)
	}
	return strings.TrimPrefix(sub, "eip155:1337:")
}

// askAndValidate makes an access request and validates it with the
// owner's signature, returning the grant id and its token.
func askAndValidate(t testing.TB, svc *service, o *owner, identity, kind string, fields ...string) (string, string) {
	t.Helper()
	code, out, h := svc.do(http.MethodPost, "/identities/"+strings.ToLower(identity)+"/profile/access-requests",
		map[string]any{"kind": kind, "fields": fields, "purpose": "Open an account"})
	id, _ := out["id"].(string)
	challenge, _ := out["challenge"].(string)
	if code != http.StatusCreated || h.Get("Location") != "/access-grants/"+id || out["state"] != "requested" ||
		!strings.Contains(challenge, o.address()) || !strings.Contains(challenge, "urn:recap:") {
		t.Fatalf("access request = %d %v (Location %q)", code, out, h.Get("Location"))
	}
	code, out, _ = svc.do(http.MethodPost, "/access-grants/"+id+"/validations", map[string]string{"signature": o.sign(challenge)})
	token, _ := out["access_token"].(string)
	if code != http.StatusOK || out["state"] != "active" || token == "" || out["token_type"] != "Bearer" {
		t.Fatalf("validation = %d %v", code, out)
	}
	return id, token
}

// TestAccessRequestAPI runs both grant kinds end to end over HTTP: request,
// the owner's wallet signature, reads, state, usage and revocation.
func TestAccessRequestAPI(t *testing.T) {
	issuer, dataDir := devServer(t)
	o := newOwner(t, issuer)
	identity := onboard(t, issuer, dataDir, o)
	svc := newService(t, issuer, dataDir)
	profile := "/identities/" + identity + "/profile"

	// Immediate: one read, then 401; the grant reads as used, with one read logged.
	id, token := askAndValidate(t, svc, o, identity, "immediate", "email", "name")
	code, data := svc.read(profile+"?fields=email", token)
	if code != http.StatusOK || data["email"] != "ada@example.com" || data["name"] != nil || data["phone_number"] != nil {
		t.Fatalf("read = %d %v", code, data)
	}
	if code, _ := svc.read(profile, token); code != http.StatusUnauthorized {
		t.Fatalf("second read of an immediate grant = %d", code)
	}
	if code, out, _ := svc.do(http.MethodGet, "/access-grants/"+id, nil); code != http.StatusOK || out["state"] != "used" {
		t.Fatalf("state = %d %v", code, out)
	}
	code, out, _ := svc.do(http.MethodGet, "/access-grants/"+id+"/usage", nil)
	if items, _ := out["items"].([]any); code != http.StatusOK || len(items) != 1 {
		t.Fatalf("usage = %d %v", code, out)
	}

	// Persistent: reads until the owner revokes it; the token endpoint mints again.
	id, token = askAndValidate(t, svc, o, identity, "persistent", "phone")
	for range 3 {
		if code, data := svc.read(profile, token); code != http.StatusOK || data["phone_number"] != "+441234567890" || data["email"] != nil {
			t.Fatalf("read = %d %v", code, data)
		}
	}
	if code, _ := svc.read(profile+"?fields=email", token); code != http.StatusForbidden {
		t.Fatalf("read of a field not granted = %d", code)
	}
	code, out, _ = svc.do(http.MethodGet, "/access-grants/"+id+"/token", nil)
	if again, _ := out["access_token"].(string); code != http.StatusOK || again == "" {
		t.Fatalf("token = %d %v", code, out)
	}
	code, out, _ = svc.do(http.MethodGet, "/access-grants?identity="+identity, nil)
	if items, _ := out["items"].([]any); code != http.StatusOK || len(items) != 2 {
		t.Fatalf("service's list = %d %v", code, out)
	}
	if code := o.delete("/access-grants/" + id); code != http.StatusOK {
		t.Fatalf("owner's revocation = %d", code)
	}
	if code, _ := svc.read(profile, token); code != http.StatusUnauthorized {
		t.Fatalf("read after revocation = %d", code)
	}
	if code, out, _ := svc.do(http.MethodGet, "/access-grants/"+id, nil); out["state"] != "revoked" {
		t.Fatalf("state after revocation = %d %v", code, out)
	}
}

// TestAccessRequestAPIRefusals: the bad inputs of the issue, over HTTP.
func TestAccessRequestAPIRefusals(t *testing.T) {
	issuer, dataDir := devServer(t)
	o := newOwner(t, issuer)
	identity := onboard(t, issuer, dataDir, o)
	svc := newService(t, issuer, dataDir)
	other := newService(t, issuer, dataDir)
	requests := "/identities/" + identity + "/profile/access-requests"

	id, token := askAndValidate(t, svc, o, identity, "persistent", "email")
	for _, tc := range []struct {
		name   string
		svc    *service
		method string
		path   string
		body   any
		want   int
	}{
		{"unknown grant", svc, http.MethodGet, "/access-grants/nope-nope-nope", nil, http.StatusNotFound},
		{"another client's key", other, http.MethodGet, "/access-grants/" + id, nil, http.StatusNotFound},
		{"another client's key, usage", other, http.MethodGet, "/access-grants/" + id + "/usage", nil, http.StatusNotFound},
		{"another client's key, token", other, http.MethodGet, "/access-grants/" + id + "/token", nil, http.StatusNotFound},
		{"no credential", &service{t: t, issuer: issuer}, http.MethodPost, requests, map[string]any{}, http.StatusUnauthorized},
		{"unknown API key", &service{t: t, issuer: issuer, auth: "ApiKey idc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, http.MethodGet, "/access-grants/" + id, nil, http.StatusUnauthorized},
		{"malformed JSON", svc, http.MethodPost, requests, []byte(`{"kind":`), http.StatusBadRequest},
		{"unknown member", svc, http.MethodPost, requests, []byte(`{"kind":"immediate","fields":["email"],"purpose":"x","extra":1}`), http.StatusBadRequest},
		{"oversized body", svc, http.MethodPost, requests, append([]byte(`{"purpose":"`), bytes.Repeat([]byte("x"), 20<<10)...), http.StatusRequestEntityTooLarge},
		{"bad kind", svc, http.MethodPost, requests, map[string]any{"kind": "forever", "fields": []string{"email"}, "purpose": "x"}, http.StatusUnprocessableEntity},
		{"unknown field", svc, http.MethodPost, requests, map[string]any{"kind": "immediate", "fields": []string{"ssn"}, "purpose": "x"}, http.StatusUnprocessableEntity},
		{"not an identity", svc, http.MethodPost, "/identities/0x000000000000000000000000000000000000dEaD/profile/access-requests", map[string]any{"kind": "immediate", "fields": []string{"email"}, "purpose": "x"}, http.StatusNotFound},
		{"second validation", svc, http.MethodPost, "/access-grants/" + id + "/validations", map[string]string{"signature": "0x" + strings.Repeat("11", 65)}, http.StatusConflict},
		{"list of another identity by an owner-less service", other, http.MethodGet, "/access-grants?identity=" + identity, nil, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := tc.svc.do(tc.method, tc.path, tc.body)
			if code != tc.want {
				t.Fatalf("%s %s = %d %v, want %d", tc.method, tc.path, code, out, tc.want)
			}
			if code >= 400 && (out["title"] == nil || out["status"] == nil) {
				t.Errorf("error is not an RFC 9457 problem: %v", out)
			}
		})
	}
	// The other client sees none of this client's grants.
	if _, out, _ := other.do(http.MethodGet, "/access-grants?identity="+identity, nil); len(out["items"].([]any)) != 0 {
		t.Fatalf("another client lists %v", out["items"])
	}
	// A wallet that is not a key of the identity cannot validate.
	stranger := newOwner(t, issuer)
	code, out, _ := svc.do(http.MethodPost, requests, map[string]any{"kind": "immediate", "fields": []string{"email"},
		"purpose": "Open an account", "wallet": stranger.address()})
	if code != http.StatusCreated {
		t.Fatalf("request addressed to a stranger = %d %v", code, out)
	}
	code, out, _ = svc.do(http.MethodPost, "/access-grants/"+out["id"].(string)+"/validations",
		map[string]string{"signature": stranger.sign(out["challenge"].(string))})
	if code != http.StatusForbidden {
		t.Fatalf("validation by a stranger's wallet = %d %v", code, out)
	}
	// Reads after revocation, and by a token of the other identity's path.
	if code := o.delete("/access-grants/" + id); code != http.StatusOK {
		t.Fatalf("revocation = %d", code)
	}
	if code, _ := svc.read("/identities/"+identity+"/profile", token); code != http.StatusUnauthorized {
		t.Fatalf("read after revocation = %d", code)
	}
	if code := (&owner{t: t, issuer: issuer, http: http.DefaultClient}).delete("/access-grants/" + id); code != http.StatusUnauthorized {
		t.Fatalf("revocation without a session = %d", code)
	}
}

// TestImmediateGrantConcurrentReads: 20 reads at once, exactly one succeeds.
func TestImmediateGrantConcurrentReads(t *testing.T) {
	issuer, dataDir := devServer(t)
	o := newOwner(t, issuer)
	identity := onboard(t, issuer, dataDir, o)
	svc := newService(t, issuer, dataDir)
	_, token := askAndValidate(t, svc, o, identity, "immediate", "email")
	var wg sync.WaitGroup
	codes := make([]int, 20)
	for i := range codes {
		wg.Go(func() { codes[i], _ = svc.read("/identities/"+identity+"/profile", token) })
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		switch c {
		case http.StatusOK:
			ok++
		case http.StatusUnauthorized:
		default:
			t.Fatalf("a concurrent read got %d", c)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of 20 concurrent reads succeeded, want 1", ok)
	}
}

// delete sends DELETE with the owner's session and returns the status.
func (o *owner) delete(path string) int {
	req, _ := http.NewRequest(http.MethodDelete, o.issuer+path, nil)
	resp, err := o.http.Do(req)
	if err != nil {
		o.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestDevWalkthrough follows the README's curl walk-through: a dev wallet
// account, its identity, an access request, the dev wallet's signature,
// the validation and the read.
func TestDevWalkthrough(t *testing.T) {
	issuer, dataDir := devServer(t)
	svc := newService(t, issuer, dataDir)
	anon := &service{t: t, issuer: issuer}
	code, acct, _ := anon.do(http.MethodPost, "/dev/wallet/accounts", []byte(`{}`))
	wallet, _ := acct["address"].(string)
	if code != http.StatusCreated || wallet == "" {
		t.Fatalf("dev wallet account = %d %v", code, acct)
	}
	code, out, _ := anon.do(http.MethodPost, "/dev/identities", map[string]string{"wallet": wallet})
	identity, _ := out["identity"].(string)
	if code != http.StatusCreated || identity == "" {
		t.Fatalf("dev identity = %d %v", code, out)
	}
	if code, again, _ := anon.do(http.MethodPost, "/dev/identities", map[string]string{"wallet": wallet}); code != http.StatusOK || again["identity"] != identity {
		t.Fatalf("dev identity again = %d %v", code, again)
	}
	code, out, _ = svc.do(http.MethodPost, "/identities/"+identity+"/claims/1/access-requests",
		map[string]any{"kind": "immediate", "purpose": "Check KYC"})
	id, _ := out["id"].(string)
	challenge, _ := out["challenge"].(string)
	if code != http.StatusCreated || !strings.Contains(challenge, wallet) {
		t.Fatalf("access request = %d %v", code, out)
	}
	code, signed, _ := anon.do(http.MethodPost, "/dev/wallet/sign", map[string]string{"address": wallet, "message": challenge})
	if code != http.StatusOK {
		t.Fatalf("dev wallet sign = %d %v", code, signed)
	}
	code, out, _ = svc.do(http.MethodPost, "/access-grants/"+id+"/validations", map[string]any{"signature": signed["signature"]})
	token, _ := out["access_token"].(string)
	if code != http.StatusOK || token == "" {
		t.Fatalf("validation = %d %v", code, out)
	}
	code, data := svc.read("/identities/"+identity+"/claims/1", token)
	if claims, ok := data["claims"].([]any); code != http.StatusOK || !ok || data["topic_name"] != "KYC" {
		t.Fatalf("claim read = %d %v (%v)", code, data, claims)
	}
}

// TestSignedRevocation: the owner revokes without a session, by signing a
// revocation challenge; the grant's service cannot revoke.
func TestSignedRevocation(t *testing.T) {
	issuer, dataDir := devServer(t)
	o := newOwner(t, issuer)
	identity := onboard(t, issuer, dataDir, o)
	svc := newService(t, issuer, dataDir)
	id, token := askAndValidate(t, svc, o, identity, "persistent", "email")
	if code, out, _ := svc.do(http.MethodDelete, "/access-grants/"+id, nil); code != http.StatusForbidden {
		t.Fatalf("revocation by the service = %d %v", code, out)
	}
	anon := &service{t: t, issuer: issuer}
	code, out, _ := anon.do(http.MethodPost, "/access-grants/"+id+"/revocation-challenges", map[string]string{"wallet": o.address()})
	challenge, _ := out["challenge"].(string)
	if code != http.StatusCreated || !strings.Contains(challenge, "Revoke access grant "+id) {
		t.Fatalf("revocation challenge = %d %v", code, out)
	}
	// A wallet that holds no key on the identity gets no challenge.
	stranger := newOwner(t, issuer)
	if code, out, _ := anon.do(http.MethodPost, "/access-grants/"+id+"/revocation-challenges", map[string]string{"wallet": stranger.address()}); code != http.StatusNotFound {
		t.Fatalf("revocation challenge for a stranger = %d %v", code, out)
	}
	// A validation message cannot revoke.
	if code, out, _ := anon.do(http.MethodDelete, "/access-grants/"+id, map[string]string{"message": challenge + " ", "signature": o.sign(challenge + " ")}); code != http.StatusBadRequest {
		t.Fatalf("revocation with a message not issued = %d %v", code, out)
	}
	code, out, _ = anon.do(http.MethodDelete, "/access-grants/"+id, map[string]string{"message": challenge, "signature": o.sign(challenge)})
	if code != http.StatusOK || out["state"] != "revoked" {
		t.Fatalf("signed revocation = %d %v", code, out)
	}
	if code, _ := svc.read("/identities/"+identity+"/profile", token); code != http.StatusUnauthorized {
		t.Fatalf("read after revocation = %d", code)
	}
}

// TestTokenOnlyForAccessRequests: a service's API key does not mint tokens
// for the service's own Connect grants, whose tokens come from the token
// endpoint with refresh rotation.
func TestTokenOnlyForAccessRequests(t *testing.T) {
	issuer, dataDir := devServer(t)
	svc := newService(t, issuer, dataDir)
	ctx := context.Background()
	conf, _ := oidcClient(t, issuer, svc.clientID, svc.secret, svc.redirect, oidc.ScopeOpenID, oidc.ScopeOfflineAccess)
	o := newOwner(t, issuer)
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(conf.AuthCodeURL("state-token", oauth2.S256ChallengeOption(pkce)))
	o.login(req)
	tok, err := conf.Exchange(ctx, o.allow(req).Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	var claims struct {
		GrantID string `json:"grant_id"`
	}
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(tok.AccessToken, ".")[1])
	if err := json.Unmarshal(payload, &claims); err != nil || claims.GrantID == "" {
		t.Fatalf("grant token payload %s: %v", payload, err)
	}
	if code, out, _ := svc.do(http.MethodGet, "/access-grants/"+claims.GrantID, nil); code != http.StatusOK || out["state"] != "active" {
		t.Fatalf("the service's Connect grant = %d %v", code, out)
	}
	if code, out, _ := svc.do(http.MethodGet, "/access-grants/"+claims.GrantID+"/token", nil); code != http.StatusConflict {
		t.Fatalf("token for a Connect grant = %d %v", code, out)
	}
}

// TestAccessRequestsLimitedPerIdentity: one service may put ten requests
// in one owner's inbox at once, then waits; the limit is the pair's, so
// the same service still reaches another owner.
func TestAccessRequestsLimitedPerIdentity(t *testing.T) {
	issuer, dataDir := devServer(t)
	first, second := newOwner(t, issuer), newOwner(t, issuer)
	idA, idB := onboard(t, issuer, dataDir, first), onboard(t, issuer, dataDir, second)
	svc := newService(t, issuer, dataDir)
	ask := func(id string) (int, http.Header) {
		code, _, h := svc.do(http.MethodPost, "/identities/"+id+"/profile/access-requests",
			map[string]any{"kind": "persistent", "fields": []string{"email"}, "purpose": "Open an account"})
		return code, h
	}
	for i := range 10 {
		if code, _ := ask(idA); code != http.StatusCreated {
			t.Fatalf("request %d: %d", i+1, code)
		}
	}
	code, h := ask(idA)
	if code != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
		t.Fatalf("11th request to one owner: %d (Retry-After %q)", code, h.Get("Retry-After"))
	}
	if code, _ := ask(idB); code != http.StatusCreated {
		t.Fatalf("the same service to another owner: %d", code)
	}
}
