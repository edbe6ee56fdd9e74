package authz

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

const byeURI = "https://shop.example/bye"

// rpWithLogout is a confidential client that registered byeURI.
func (f *fixture) rpWithLogout(t testing.TB) rp {
	t.Helper()
	id, secret, err := CreateClient(t.Context(), f.st, ClientSpec{
		Name: "Logout Shop", RedirectURIs: []string{f.redirectURI()}, PostLogoutRedirectURIs: []string{byeURI},
	})
	must(t, err)
	prov, err := oidc.NewProvider(t.Context(), f.issuer)
	must(t, err)
	return rp{oidc: prov, cfg: oauth2.Config{ClientID: id, ClientSecret: secret, Endpoint: prov.Endpoint(),
		RedirectURL: f.redirectURI(), Scopes: []string{"openid"}}}
}

func TestParseLogoutRequest(t *testing.T) {
	tests := []struct {
		name string
		form url.Values
		want LogoutRequest
		bad  bool
	}{
		{"empty", url.Values{}, LogoutRequest{}, false},
		{"all", url.Values{"id_token_hint": {"a.b.c"}, "client_id": {"c1"}, "post_logout_redirect_uri": {byeURI},
			"state": {"xyz"}, "ui_locales": {"fr"}}, LogoutRequest{"a.b.c", "c1", byeURI, "xyz"}, false},
		{"twice", url.Values{"client_id": {"a", "b"}}, LogoutRequest{}, true},
		{"long state", url.Values{"state": {strings.Repeat("s", maxLogoutState+1)}}, LogoutRequest{}, true},
		{"long hint", url.Values{"id_token_hint": {strings.Repeat("h", maxTokenLen+1)}}, LogoutRequest{}, true},
		{"control", url.Values{"post_logout_redirect_uri": {byeURI + "\n"}}, LogoutRequest{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseLogoutRequest(tc.form)
			if tc.bad {
				if !errors.Is(err, ErrInvalidLogout) {
					t.Fatalf("err %v, want ErrInvalidLogout", err)
				}
				return
			}
			must(t, err)
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func FuzzParseLogoutRequest(f *testing.F) {
	for _, s := range []string{"", "client_id=a&state=b", "state=a&state=b", "id_token_hint=%00", "post_logout_redirect_uri=https%3A%2F%2Fa.example%2Fbye"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		form, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := ParseLogoutRequest(form)
		if err != nil {
			if !errors.Is(err, ErrInvalidLogout) {
				t.Fatalf("error %v does not wrap ErrInvalidLogout", err)
			}
			return
		}
		if len(req.State) > maxLogoutState || len(req.PostLogoutRedirectURI) > maxLogoutURI || len(req.ClientID) > maxLogoutClientID {
			t.Fatalf("oversized parameter accepted: %+v", req)
		}
	})
}

// signIDTokenLike signs claims with the current key of alg under typ, as
// only this server can.
func signIDTokenLike(t testing.TB, f *fixture, alg store.SigningAlg, typ string, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	must(t, err)
	tok, _, err := f.keys.signAs(t.Context(), alg, typ, payload)
	must(t, err)
	return tok
}

func TestCheckLogout(t *testing.T) {
	clock := &clockAt{now: time.Now()}
	f := newFixture(t, func(c *Config, k *KeyringConfig) { c.Clock, k.Clock = clock.Now, clock.Now })
	c := f.rpWithLogout(t)
	other := f.rp(t, false, "openid")
	hint, access := f.rawIDToken(t, c)
	otherHint, _ := f.rawIDToken(t, other)
	sub := identity.CAIP10(testChainID, f.identity)
	now := time.Now().Unix()
	foreignIss := signIDTokenLike(t, f, store.AlgRS256, typJWT, map[string]any{
		"iss": "https://evil.example", "sub": sub, "aud": []string{c.cfg.ClientID}, "exp": now + 60, "iat": now})
	noSub := signIDTokenLike(t, f, store.AlgES256, typJWT, map[string]any{
		"iss": f.issuer, "aud": []string{c.cfg.ClientID}, "exp": now + 60, "iat": now})
	parts := strings.Split(hint, ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))
	unknownKid := signWith(t, mustKey(t), "no-such-kid", typJWT, accessClaims{})

	tests := []struct {
		name      string
		req       LogoutRequest
		want      Logout
		wantError bool
	}{
		{"nothing", LogoutRequest{}, Logout{}, false},
		{"hint", LogoutRequest{IDTokenHint: hint}, Logout{Subject: sub, ClientName: "Logout Shop"}, false},
		{"hint, client, uri, state", LogoutRequest{IDTokenHint: hint, ClientID: c.cfg.ClientID, PostLogoutRedirectURI: byeURI, State: "s 1"},
			Logout{Subject: sub, ClientName: "Logout Shop", RedirectURL: byeURI + "?state=s+1"}, false},
		{"client and uri, no hint", LogoutRequest{ClientID: c.cfg.ClientID, PostLogoutRedirectURI: byeURI},
			Logout{ClientName: "Logout Shop", RedirectURL: byeURI}, false},
		{"hint names the client of the uri", LogoutRequest{IDTokenHint: hint, PostLogoutRedirectURI: byeURI},
			Logout{Subject: sub, ClientName: "Logout Shop", RedirectURL: byeURI}, false},
		{"unknown kid is ignored", LogoutRequest{IDTokenHint: unknownKid}, Logout{}, false},
		{"unregistered uri", LogoutRequest{IDTokenHint: hint, PostLogoutRedirectURI: byeURI + "/x"}, Logout{}, true},
		{"uri of another client", LogoutRequest{IDTokenHint: otherHint, PostLogoutRedirectURI: byeURI}, Logout{}, true},
		{"uri without client", LogoutRequest{PostLogoutRedirectURI: byeURI}, Logout{}, true},
		{"hint for another client", LogoutRequest{IDTokenHint: otherHint, ClientID: c.cfg.ClientID}, Logout{}, true},
		{"unknown client", LogoutRequest{ClientID: "nobody"}, Logout{}, true},
		{"wrong issuer", LogoutRequest{IDTokenHint: foreignIss}, Logout{}, true},
		{"access token as hint", LogoutRequest{IDTokenHint: access}, Logout{}, true},
		{"tampered signature", LogoutRequest{IDTokenHint: tampered}, Logout{}, true},
		{"no sub", LogoutRequest{IDTokenHint: noSub}, Logout{}, true},
		{"not a JWT", LogoutRequest{IDTokenHint: "hello"}, Logout{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.p.CheckLogout(t.Context(), tc.req)
			if tc.wantError {
				if !errors.Is(err, ErrInvalidLogout) {
					t.Fatalf("err %v, want ErrInvalidLogout", err)
				}
				return
			}
			must(t, err)
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}

	// An expired ID token is still a valid hint.
	clock.Add(2 * DefaultIDTokenTTL)
	got, err := f.p.CheckLogout(t.Context(), LogoutRequest{IDTokenHint: hint})
	must(t, err)
	if got.Subject != sub {
		t.Fatalf("expired hint read as %+v", got)
	}
}

func TestEndsWithoutAsking(t *testing.T) {
	const a, b = "eip155:1337:0xA", "eip155:1337:0xB"
	tests := []struct {
		hintSubject, session string
		want                 bool
	}{
		{"", "", true}, {a, "", true}, {a, a, true}, {"", a, false}, {b, a, false},
	}
	for _, tc := range tests {
		if got := (Logout{Subject: tc.hintSubject}).EndsWithoutAsking(tc.session); got != tc.want {
			t.Errorf("hint %q session %q: %v", tc.hintSubject, tc.session, got)
		}
	}
}

// FuzzVerifyIDTokenHint: whatever the hint, the check never panics and
// refuses with ErrInvalidLogout, or ignores a hint of an unknown key.
func FuzzVerifyIDTokenHint(f *testing.F) {
	fx := newFixture(f)
	now := time.Now().Unix()
	good := signIDTokenLike(f, fx, store.AlgRS256, typJWT, map[string]any{
		"iss": fx.issuer, "sub": "eip155:1:0x1", "aud": "c", "exp": now + 60})
	for _, s := range []string{"", "a.b.c", good, good + "x", strings.ToUpper(good), "eyJhbGciOiJub25lIn0.e30."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		sub, _, err := fx.p.verifyIDTokenHint(t.Context(), raw)
		if err != nil && !errors.Is(err, ErrInvalidLogout) && !errors.Is(err, errHintKeyUnknown) {
			t.Fatalf("error %v", err)
		}
		// Only what this server signed verifies (base64 may have another
		// spelling of the same bytes, so compare what it says).
		if err == nil && sub != "eip155:1:0x1" {
			t.Fatalf("accepted a hint we did not sign: %q (sub %q)", raw, sub)
		}
	})
}
