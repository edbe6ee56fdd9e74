package authz

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ory/fosite"
	"golang.org/x/oauth2"
)

func TestFilterAuthorizeForm(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		keep    url.Values
		wantErr error
	}{
		{"kept", "client_id=c&scope=openid&state=s&login_hint=0xabc", url.Values{"client_id": {"c"}, "scope": {"openid"}, "state": {"s"}, "login_hint": {"0xabc"}}, nil},
		{"extras dropped", "client_id=c&foo=bar&claims=%7B%7D&id_token_hint=x&ui_locales=fr", url.Values{"client_id": {"c"}}, nil},
		{"repeated", "client_id=c&client_id=d", nil, fosite.ErrInvalidRequest},
		{"malformed", "client_id=%zz", nil, fosite.ErrInvalidRequest},
		{"too long", "state=" + strings.Repeat("a", MaxAuthorizeRequest), nil, errTooLarge},
		{"empty", "", url.Values{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := filterAuthorizeForm(tc.raw)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil || f.kept.Encode() != tc.keep.Encode() {
				t.Fatalf("kept %v, %v; want %v", f.kept, err, tc.keep)
			}
		})
	}
}

func TestCheckOIDCParams(t *testing.T) {
	const hint = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"
	tests := []struct {
		name                 string
		form                 url.Values
		prompt               string
		maxAge               int64
		hint                 string
		wantErr              error
		hintKeptInStoredForm bool
	}{
		{"none", url.Values{}, "", 0, "", nil, false},
		{"login consent", url.Values{"prompt": {"login consent"}}, "login consent", 0, "", nil, false},
		{"select_account", url.Values{"prompt": {"select_account"}}, "select_account", 0, "", nil, false},
		{"max_age", url.Values{"max_age": {"3600"}}, "", 3600, "", nil, false},
		{"max_age=0 is login", url.Values{"max_age": {"0"}}, "login", 0, "", nil, false},
		{"hint any case", url.Values{"login_hint": {strings.ToLower(hint)}}, "", 0, hint, nil, true},
		{"bad hint ignored", url.Values{"login_hint": {"alice@example.com"}}, "", 0, "", nil, false},
		{"none alone", url.Values{"prompt": {"none"}}, "none", 0, "", nil, false},
		{"none and consent", url.Values{"prompt": {"none consent"}}, "", 0, "", fosite.ErrInvalidRequest, false},
		{"unknown", url.Values{"prompt": {"create"}}, "", 0, "", fosite.ErrInvalidRequest, false},
		{"max_age huge", url.Values{"max_age": {"99999999999999"}}, "", 0, "", fosite.ErrInvalidRequest, false},
		{"max_age 0 and none", url.Values{"max_age": {"0"}, "prompt": {"none"}}, "", 0, "", fosite.ErrLoginRequired, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := checkOIDCParams(tc.form)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil || p.promptString() != tc.prompt || p.maxAge != tc.maxAge || !sameHint(p.loginHint, tc.hint) {
				t.Fatalf("got %+v, %v", p, err)
			}
			if tc.form.Has("login_hint") != tc.hintKeptInStoredForm {
				t.Fatalf("login_hint kept in the form: %v", tc.form.Has("login_hint"))
			}
		})
	}
}

func FuzzAuthorizeForm(f *testing.F) {
	f.Add("client_id=c&prompt=none&max_age=10&login_hint=0x5B38Da6a701c568545dCfcB03FcB875f56beddC4")
	f.Add("prompt=login%20consent&max_age=0&request=x")
	f.Add("client_id=c&client_id=d&%zz")
	f.Fuzz(func(t *testing.T, raw string) {
		form, err := filterAuthorizeForm(raw)
		if err != nil {
			return
		}
		for k := range form.kept {
			if !slices.Contains(authorizeParams, k) {
				t.Fatalf("kept %q", k)
			}
		}
		p, err := checkOIDCParams(form.kept)
		if err != nil {
			return
		}
		if p.maxAge < 0 || (slices.Contains(p.prompt, "none") && len(p.prompt) > 1) {
			t.Fatalf("accepted %+v", p)
		}
		for _, v := range p.prompt {
			if !slices.Contains(promptValues, v) {
				t.Fatalf("accepted prompt %q", v)
			}
		}
	})
}

// TestAuthorizeBounded: an oversized request is refused before anything is
// parsed or stored, as a query (414) or a form body (413).
func TestAuthorizeBounded(t *testing.T) {
	f := newFixture(t)
	id, _ := f.newClient(t, false)
	q := url.Values{"client_id": {id}, "response_type": {"code"}, "scope": {"openid"},
		"redirect_uri": {f.redirectURI()}, "state": {"state-12345678"}, "junk": {strings.Repeat("x", MaxAuthorizeRequest)}}
	resp, err := noRedirects().Get(f.issuer + PathAuthorize + "?" + q.Encode())
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestURITooLong || resp.Header.Get("Location") != "" {
		t.Fatalf("long query: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = noRedirects().PostForm(f.issuer+PathAuthorize, q)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || resp.Header.Get("Location") != "" {
		t.Fatalf("large body: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	n, err := f.st.PurgeExpired(t.Context(), f.p.cfg.Clock().Add(24*3600e9))
	must(t, err)
	if n.AuthRequests != 0 {
		t.Fatalf("%d requests were stored", n.AuthRequests)
	}
}

// TestAuthorizeStoresOnlyItsParameters: what a client sends beyond the
// listed parameters is not stored, and the OIDC ones are parsed.
func TestAuthorizeStoresOnlyItsParameters(t *testing.T) {
	f := newFixture(t)
	id, _ := f.newClient(t, false)
	q := url.Values{"client_id": {id}, "response_type": {"code"}, "scope": {"openid"},
		"redirect_uri": {f.redirectURI()}, "state": {"state-12345678"}, "nonce": {"n-1"},
		"code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())}, "code_challenge_method": {"S256"},
		"prompt": {"consent"}, "max_age": {"600"}, "login_hint": {"0x5b38da6a701c568545dcfcb03fcb875f56beddc4"},
		"acr_values": {"urn:x"}, "display": {"page"}, "claims": {`{"id_token":{}}`}, "padding": {strings.Repeat("p", 4000)}}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		var resp *http.Response
		var err error
		if method == http.MethodGet {
			resp, err = noRedirects().Get(f.issuer + PathAuthorize + "?" + q.Encode())
		} else {
			resp, err = noRedirects().PostForm(f.issuer+PathAuthorize, q)
		}
		must(t, err)
		resp.Body.Close()
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusSeeOther || loc.Path != "/login" {
			t.Fatalf("%s: %d %v", method, resp.StatusCode, loc)
		}
		if !strings.Contains(resp.Header.Get("Set-Cookie"), "HttpOnly") {
			t.Errorf("%s: binding cookie %q", method, resp.Header.Get("Set-Cookie"))
		}
		parked, err := f.st.GetAuthRequest(t.Context(), loc.Query().Get("request"))
		must(t, err)
		form, err := url.ParseQuery(string(parked.Form))
		must(t, err)
		for k := range form {
			if !slices.Contains(authorizeParams, k) {
				t.Errorf("%s: stored parameter %q", method, k)
			}
		}
		if len(form) != 12 || parked.Prompt != "consent" || parked.MaxAge != 600 ||
			parked.LoginHint != common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4") || parked.BrowserBinding == "" {
			t.Errorf("%s: parked %d parameters, %+v", method, len(form), parked)
		}
	}
}

// sameHint compares a parsed login hint with the table's text, where empty
// means none.
func sameHint(got common.Address, want string) bool {
	if want == "" {
		return got == common.Address{}
	}
	return got == common.HexToAddress(want)
}
