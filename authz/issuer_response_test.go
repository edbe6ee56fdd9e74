package authz

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/store"
)

// redirectParams returns the parameters of an authorization response
// redirect, from its query or its fragment.
func redirectParams(t *testing.T, loc string) url.Values {
	t.Helper()
	u, err := url.Parse(loc)
	must(t, err)
	if u.Path != redirectPath {
		t.Fatalf("redirected to %q", loc)
	}
	if u.Fragment != "" {
		q, err := url.ParseQuery(u.Fragment)
		must(t, err)
		return q
	}
	return u.Query()
}

// formPostParams reads the hidden inputs of a form_post response page
// that posts to action.
func formPostParams(t *testing.T, page, action string) url.Values {
	t.Helper()
	if !strings.Contains(page, `action="`+html.EscapeString(action)+`"`) {
		t.Fatalf("form_post page does not post to %s: %s", action, page)
	}
	out := url.Values{}
	for _, m := range regexp.MustCompile(`name="([^"]*)" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		out.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	return out
}

// TestIssuerOnAuthorizationResponses is RFC 9207: the code, a denial and
// every redirected error carry exactly one iss, the issuer.
func TestIssuerOnAuthorizationResponses(t *testing.T) {
	f := newFixture(t)
	c := f.rp(t, false, "openid")
	wantIss := func(t *testing.T, q url.Values) {
		t.Helper()
		if got := q["iss"]; len(got) != 1 || got[0] != f.issuer {
			t.Fatalf("iss %v in %v, want [%s]", got, q, f.issuer)
		}
	}
	t.Run("code", func(t *testing.T) {
		q := f.authorize(t, c.cfg.AuthCodeURL("state-iss-code", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
		if q.Get("code") == "" || q.Get("state") != "state-iss-code" {
			t.Fatalf("redirect %v", q)
		}
		wantIss(t, q)
	})
	t.Run("access_denied", func(t *testing.T) {
		f.approve = func(store.AuthRequest) ([]string, bool) { return nil, true }
		defer func() { f.approve = nil }()
		q := f.authorize(t, c.cfg.AuthCodeURL("state-iss-deny", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
		if q.Get("error") != "access_denied" || q.Get("state") != "state-iss-deny" {
			t.Fatalf("redirect %v", q)
		}
		wantIss(t, q)
	})
	base := url.Values{"client_id": {c.cfg.ClientID}, "response_type": {"code"}, "scope": {"openid"},
		"redirect_uri": {f.redirectURI()}, "state": {"state-iss-error"}}
	for _, tc := range []struct{ name, key, value, wantError string }{
		{"unsupported_response_type", "response_type", "token", "unsupported_response_type"},
		{"invalid_scope", "scope", "openid admin", "invalid_scope"},
		{"login_required", "prompt", "none", "login_required"},
		{"response_mode fragment", "response_mode", "fragment", ""},
		{"response_mode form_post", "response_mode", "form_post", ""},
		{"attacker iss", "iss", "https://evil.example", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{}
			for k, v := range base {
				q[k] = v
			}
			q.Set(tc.key, tc.value)
			resp, err := noRedirects().Get(f.issuer + PathAuthorize + "?" + q.Encode())
			must(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var got url.Values
			switch loc := resp.Header.Get("Location"); {
			case resp.StatusCode == http.StatusOK:
				got = formPostParams(t, string(body), f.redirectURI())
			case resp.StatusCode != http.StatusSeeOther:
				t.Fatalf("status %d", resp.StatusCode)
			case strings.HasPrefix(loc, "/login"):
				return // accepted and parked: no authorization response yet
			default:
				got = redirectParams(t, loc)
			}
			if tc.wantError != "" && got.Get("error") != tc.wantError {
				t.Fatalf("error %q, want %q", got.Get("error"), tc.wantError)
			}
			if got.Get("state") != "state-iss-error" {
				t.Errorf("state %q", got.Get("state"))
			}
			wantIss(t, got)
		})
	}
	t.Run("unregistered redirect_uri gets no redirect", func(t *testing.T) {
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		q.Set("redirect_uri", "https://evil.example/cb")
		resp, err := noRedirects().Get(f.issuer + PathAuthorize + "?" + q.Encode())
		must(t, err)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Fatalf("status %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	if !f.p.Discovery().AuthorizationResponseIssParameterSupported {
		t.Error("discovery does not announce authorization_response_iss_parameter_supported")
	}
}
