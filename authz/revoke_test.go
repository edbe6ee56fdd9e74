package authz

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

func TestRevocation(t *testing.T) {
	t.Run("refresh token revokes the grant", func(t *testing.T) {
		f := newFixture(t)
		c := f.rp(t, false, "openid", "offline_access")
		tok, _ := f.login(t, c)
		resp, _ := f.postForm(t, PathRevoke, c.cfg.ClientID, c.cfg.ClientSecret,
			url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		g, err := f.p.VerifyAccessToken(t.Context(), tok.AccessToken)
		must(t, err)
		gr, err := f.st.GetGrant(t.Context(), g.GrantID)
		must(t, err)
		if gr.State != store.GrantRevoked {
			t.Errorf("grant %s after refresh token revocation", gr.State)
		}
		if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)) {
			t.Error("access token active after its grant was revoked")
		}
	})
	t.Run("access token revokes only itself", func(t *testing.T) {
		f := newFixture(t)
		c := f.rp(t, false, "openid", "offline_access")
		tok, _ := f.login(t, c)
		resp, _ := f.postForm(t, PathRevoke, c.cfg.ClientID, c.cfg.ClientSecret, url.Values{"token": {tok.AccessToken}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)) {
			t.Error("revoked access token still active")
		}
		resp, out := f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret,
			url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}})
		if resp.StatusCode != http.StatusOK {
			t.Errorf("refresh after access token revocation: %d %v", resp.StatusCode, out)
		}
	})
	t.Run("another client's token is refused", func(t *testing.T) {
		f := newFixture(t)
		c := f.rp(t, false, "openid", "offline_access")
		tok, _ := f.login(t, c)
		other, secret := f.newClient(t, false)
		for _, token := range []string{tok.RefreshToken, tok.AccessToken} {
			resp, _ := f.postForm(t, PathRevoke, other, secret, url.Values{"token": {token}})
			if resp.StatusCode == http.StatusOK && !active(f.introspect(t, other, secret, token)) {
				t.Error("a client revoked another client's token")
			}
		}
	})
}

func TestIntrospection(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "email")
	tok, idt := f.login(t, c)
	got := f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)
	want := map[string]any{
		"active": true, "sub": idt.Subject, "client_id": c.cfg.ClientID, "scope": "openid email",
		"grant_kind": "immediate", "identity": f.identity.Hex(), "iss": f.issuer,
		"wallet": identity.CAIP10(testChainID, f.wallet), "chain_id": float64(testChainID),
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("introspection %s = %v, want %v", k, got[k], v)
		}
	}
	// The immediate grant's one read consumes it.
	_, err := f.st.UseGrant(t.Context(), got["grant_id"].(string), store.GrantUsage{At: time.Now(), ClientID: c.cfg.ClientID})
	must(t, err)
	if active(f.introspect(t, c.cfg.ClientID, c.cfg.ClientSecret, tok.AccessToken)) {
		t.Error("used immediate grant still active")
	}
	resp, _ := f.postForm(t, PathIntrospect, c.cfg.ClientID, "wrong", url.Values{"token": {tok.AccessToken}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("introspection with a wrong secret: %d", resp.StatusCode)
	}
}

func TestOwnerRevocationStopsRefresh(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid", "offline_access")
	tok, _ := f.login(t, c)
	g, err := f.p.VerifyAccessToken(t.Context(), tok.AccessToken)
	must(t, err)
	_, err = f.st.RevokeGrant(t.Context(), g.GrantID, time.Now())
	must(t, err)
	resp, out := f.postForm(t, PathToken, c.cfg.ClientID, c.cfg.ClientSecret,
		url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}})
	if resp.StatusCode != http.StatusBadRequest || out["error"] != "invalid_grant" {
		t.Errorf("refresh of a revoked grant: %d %v", resp.StatusCode, out)
	}
}

func TestClientAuthentication(t *testing.T) {
	f := newFixture(t)
	id, secret := f.newClient(t, false)
	c, err := f.st.GetClient(t.Context(), id)
	must(t, err)
	sum, _ := secretHasher{}.Hash(t.Context(), []byte(secret))
	if string(c.SecretHash) != string(sum) || strings.Contains(string(c.SecretHash), secret) {
		t.Fatal("the stored secret is not its SHA-256")
	}
	tests := []struct {
		name       string
		basic      bool
		secret     string
		wantStatus int
	}{
		{"basic", true, secret, http.StatusBadRequest},
		{"post", false, secret, http.StatusBadRequest},
		{"wrong basic", true, secret + "x", http.StatusUnauthorized},
		{"wrong post", false, "nope", http.StatusUnauthorized},
		{"no secret", false, "", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A bad code still needs an authenticated client: 400
			// invalid_grant proves authentication passed, 401 that it failed.
			form := url.Values{"grant_type": {"authorization_code"}, "code": {"ory_ac_bad.code"},
				"redirect_uri": {f.redirectURI()}}
			user, pass := "", ""
			if tc.basic {
				user, pass = id, tc.secret
			} else {
				form.Set("client_id", id)
				form.Set("client_secret", tc.secret)
			}
			resp, out := f.postForm(t, PathToken, user, pass, form)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d (%v)", resp.StatusCode, tc.wantStatus, out)
			}
		})
	}
}
