package oauthpages

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func grantReadRequest(t testing.TB, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/oauth2/grant-reads", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := r.ParseForm(); err != nil {
		t.Skip("not a form")
	}
	return r
}

func TestParseGrantRead(t *testing.T) {
	for _, tc := range []struct {
		name string
		form url.Values
		ok   bool
	}{
		{"token and resource", url.Values{"token": {"t"}, "resource": {"https://api.example"}}, true},
		{"no token", url.Values{"resource": {"https://api.example"}}, false},
		{"empty token", url.Values{"token": {""}, "resource": {"https://api.example"}}, false},
		{"two tokens", url.Values{"token": {"a", "b"}, "resource": {"https://api.example"}}, false},
		{"huge token", url.Values{"token": {strings.Repeat("a", 9<<10)}, "resource": {"https://api.example"}}, false},
		{"no resource", url.Values{"token": {"t"}}, false},
		{"two resources", url.Values{"token": {"t"}, "resource": {"https://a.example", "https://b.example"}}, false},
		{"relative resource", url.Values{"token": {"t"}, "resource": {"/api"}}, false},
		{"resource with fragment", url.Values{"token": {"t"}, "resource": {"https://api.example#x"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, res, err := parseGrantRead(grantReadRequest(t, tc.form.Encode()))
			if tc.ok != (err == nil) {
				t.Fatalf("parseGrantRead = %q %q %v", tok, res, err)
			}
			if tc.ok && (tok != "t" || res != "https://api.example") {
				t.Fatalf("parseGrantRead = %q %q", tok, res)
			}
		})
	}
}

func FuzzParseGrantRead(f *testing.F) {
	f.Add("token=t&resource=https%3A%2F%2Fapi.example")
	f.Add("token=t&token=u&resource=x")
	f.Add("resource=urn%3Ax%3Ay&token=%00")
	f.Fuzz(func(t *testing.T, body string) {
		tok, res, err := parseGrantRead(grantReadRequest(t, body))
		if err != nil {
			return
		}
		if tok == "" || len(tok) > 8<<10 || res == "" || strings.Contains(res, "#") {
			t.Fatalf("accepted %q %q", tok, res)
		}
	})
}
