package authz

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
)

func TestAuthorizeErrors(t *testing.T) {
	f := newFixture(t)
	confidential, _ := f.newClient(t, false)
	public, _ := f.newClient(t, true)
	challenge := oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())
	base := func(client string, extra ...string) url.Values {
		v := url.Values{"client_id": {client}, "response_type": {"code"}, "scope": {"openid"},
			"redirect_uri": {f.redirectURI()}, "state": {"state-12345678"}}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		return v
	}
	tests := []struct {
		name      string
		query     url.Values
		wantError string // "" means a 400 page and no redirect
	}{
		{"unregistered redirect_uri", base(confidential, "redirect_uri", "https://evil.example/cb"), ""},
		{"missing redirect_uri", base(confidential, "redirect_uri", ""), ""},
		{"unknown client", base("nobody"), ""},
		{"other loopback port", base(confidential, "redirect_uri", strings.Replace(f.redirectURI(), "127.0.0.1:", "127.0.0.1:1", 1)), ""},
		{"public client without PKCE", base(public), "invalid_request"},
		{"plain PKCE", base(public, "code_challenge", challenge, "code_challenge_method", "plain"), "invalid_request"},
		{"implicit", base(confidential, "response_type", "token"), "unsupported_response_type"},
		{"unknown scope", base(confidential, "scope", "openid admin"), "invalid_scope"},
		{"prompt none with login", base(confidential, "prompt", "none login"), "invalid_request"},
		{"unknown prompt", base(confidential, "prompt", "create"), "invalid_request"},
		{"negative max_age", base(confidential, "max_age", "-1"), "invalid_request"},
		{"max_age not a number", base(confidential, "max_age", "1h"), "invalid_request"},
		{"max_age=0 with prompt none", base(confidential, "max_age", "0", "prompt", "none"), "login_required"},
		{"request object", base(confidential, "request", "eyJhbGciOiJub25lIn0.e30."), "request_not_supported"},
		{"request_uri", base(confidential, "request_uri", "https://evil.example/req"), "request_uri_not_supported"},
		{"short state", base(confidential, "state", "abc"), "invalid_state"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := noRedirects().Get(f.issuer + PathAuthorize + "?" + tc.query.Encode())
			must(t, err)
			resp.Body.Close()
			loc := resp.Header.Get("Location")
			if tc.wantError == "" {
				if resp.StatusCode != http.StatusBadRequest || loc != "" {
					t.Fatalf("status %d, Location %q; want 400 and no redirect", resp.StatusCode, loc)
				}
				return
			}
			u, err := url.Parse(loc)
			must(t, err)
			if u.Path != redirectPath || u.Query().Get("error") != tc.wantError || u.Query().Has("code") {
				t.Fatalf("status %d, Location %q; want error %s", resp.StatusCode, loc, tc.wantError)
			}
		})
	}
}

func TestDeny(t *testing.T) {
	f := newFixture(t)
	f.approve = func(store.AuthRequest) ([]string, bool) { return nil, true }
	c := f.rp(t, false, "openid")
	q := f.authorize(t, c.cfg.AuthCodeURL("state-denied-1", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if q.Get("error") != "access_denied" || q.Get("state") != "state-denied-1" || q.Has("code") {
		t.Fatalf("deny redirect %v", q)
	}
}

func TestPartialConsent(t *testing.T) {
	f := newFixture(t)
	f.approve = func(a store.AuthRequest) ([]string, bool) { return []string{"openid", "email"}, false }
	c := f.rp(t, false, "openid", "email", "phone", "offline_access")
	tok, _ := f.login(t, c)
	g, err := f.p.VerifyAccessToken(t.Context(), tok.AccessToken)
	must(t, err)
	if !slices.Equal(g.Scopes, []string{"openid", "email"}) || tok.RefreshToken != "" || g.GrantKind != store.GrantImmediate {
		t.Fatalf("scopes %v refresh %q kind %s", g.Scopes, tok.RefreshToken, g.GrantKind)
	}
}

// park sends the browser to /oauth2/auth and returns the parked request id.
func (f *fixture) park(t testing.TB, clientID, scope string) string {
	t.Helper()
	u := f.issuer + PathAuthorize + "?" + url.Values{"client_id": {clientID}, "response_type": {"code"},
		"scope": {scope}, "redirect_uri": {f.redirectURI()}, "state": {"state-12345678"}}.Encode()
	resp, err := noRedirects().Get(u)
	must(t, err)
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc.Path != "/login" {
		t.Fatalf("authorize: %d to %v", resp.StatusCode, loc)
	}
	return loc.Query().Get("request")
}

// badApprovals are approvals that do not fit good, a persistent grant of
// client id for openid and offline_access.
func badApprovals(t *testing.T, f *fixture, id string) map[string]func(*Approval) {
	ctx := context.Background()
	other, err := f.recordGrant(ctx, "another-client", []string{"openid", "offline_access"})
	must(t, err)
	revoked, err := f.recordGrant(ctx, id, []string{"openid", "offline_access"})
	must(t, err)
	_, err = f.st.RevokeGrant(ctx, revoked.GrantID, time.Now())
	must(t, err)
	return map[string]func(*Approval){
		"scope not requested":                  func(a *Approval) { a.Scopes = append(a.Scopes, "email") },
		"offline_access on an immediate grant": func(a *Approval) { a.GrantKind = store.GrantImmediate },
		"no grant":                             func(a *Approval) { a.GrantID = "" },
		"bad consent hash":                     func(a *Approval) { a.ConsentHash = "0x1234" },
		"no identity":                          func(a *Approval) { a.Identity = [20]byte{} },
		"grant not stored":                     func(a *Approval) { a.GrantID = "nope" },
		"another client's grant":               func(a *Approval) { a.GrantID, a.ConsentHash = other.GrantID, other.ConsentHash },
		"revoked grant":                        func(a *Approval) { a.GrantID, a.ConsentHash = revoked.GrantID, revoked.ConsentHash },
		"consent differs from the grant's":     func(a *Approval) { a.ConsentHash = other.ConsentHash },
		"wallet differs from the grant's":      func(a *Approval) { a.Wallet = a.Identity },
	}
}

func TestApproveChecks(t *testing.T) {
	f := newFixture(t)
	id, _ := f.newClient(t, false)
	ctx := context.Background()
	good, err := f.recordGrant(ctx, id, []string{"openid", "offline_access"})
	must(t, err)
	req := f.park(t, id, "openid offline_access")
	for name, change := range badApprovals(t, f, id) {
		a := good
		a.Scopes = slices.Clone(good.Scopes)
		change(&a)
		if u, err := f.p.Approve(ctx, req, a); !errors.Is(err, ErrInvalidApproval) || u != nil {
			t.Errorf("%s: %v (redirect %v), want ErrInvalidApproval and no redirect", name, err, u)
		}
	}
	u, err := f.p.Approve(ctx, req, good)
	must(t, err)
	if !strings.HasPrefix(u.String(), f.redirectURI()+"?") || u.Query().Get("code") == "" {
		t.Fatalf("approve redirects to %q", u)
	}
	if _, err := f.p.Approve(ctx, req, good); !errors.Is(err, ErrAuthRequestNotFound) {
		t.Errorf("second approval: %v", err)
	}
	if _, err := f.p.Deny(ctx, req); !errors.Is(err, ErrAuthRequestNotFound) {
		t.Errorf("deny after approval: %v", err)
	}
}

func TestParkedRequest(t *testing.T) {
	clock := &clockAt{now: time.Now()}
	f := newFixture(t, func(c *Config, _ *KeyringConfig) { c.Clock = clock.Now })
	id, _ := f.newClient(t, true)
	challenge := oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())
	q := url.Values{"client_id": {id}, "response_type": {"code"}, "scope": {"openid email"},
		"redirect_uri": {f.redirectURI()}, "state": {"state-12345678"}, "nonce": {"nonce-12345678"},
		"code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	// POST works like GET.
	resp, err := noRedirects().PostForm(f.issuer+PathAuthorize, q)
	must(t, err)
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	must(t, err)
	if resp.StatusCode != http.StatusSeeOther || loc.Path != "/login" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("authorize answered %d, Location %v", resp.StatusCode, loc)
	}
	a, err := f.p.AuthRequest(t.Context(), loc.Query().Get("request"))
	must(t, err)
	form, err := url.ParseQuery(string(a.Form))
	must(t, err)
	switch {
	case a.ClientID != id || a.RedirectURI != f.redirectURI() || !slices.Equal(a.Scopes, []string{"openid", "email"}):
		t.Errorf("parked %+v", a)
	case a.State != "state-12345678" || a.Nonce != "nonce-12345678":
		t.Errorf("state %q nonce %q", a.State, a.Nonce)
	case a.CodeChallenge != challenge || a.CodeChallengeMethod != "S256":
		t.Errorf("PKCE %q %q", a.CodeChallenge, a.CodeChallengeMethod)
	case form.Encode() != q.Encode():
		t.Errorf("form %v, want %v", form, q)
	case !a.ExpiresAt.Equal(a.CreatedAt.Add(DefaultAuthRequestTTL)):
		t.Errorf("expires %v, created %v", a.ExpiresAt, a.CreatedAt)
	}
	clock.Add(DefaultAuthRequestTTL)
	if _, err := f.p.AuthRequest(t.Context(), a.ID); !errors.Is(err, ErrAuthRequestNotFound) {
		t.Errorf("expired request: %v", err)
	}
	if _, err := f.p.AuthRequest(t.Context(), "unknown"); !errors.Is(err, ErrAuthRequestNotFound) {
		t.Errorf("unknown request: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	_, err := Config{Issuer: "http://x/", GlobalSecret: []byte("short"), AccessTokenTTL: time.Millisecond, LoginPath: "login"}.withDefaults()
	if !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{"trailing slash", "GlobalSecret", "AccessTokenTTL", "LoginPath"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	for _, issuer := range []string{"", "ftp://x", "https://", "https://u@x", "https://x?q=1", "https://x#f"} {
		if checkIssuer(issuer) == nil {
			t.Errorf("issuer %q accepted", issuer)
		}
	}
	for _, issuer := range []string{"http://127.0.0.1:8080", "https://id.example.com", "https://id.example.com/tenant"} {
		if err := checkIssuer(issuer); err != nil {
			t.Errorf("issuer %q: %v", issuer, err)
		}
	}
}
