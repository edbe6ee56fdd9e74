package web_test

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/web"
)

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy exhausted") }

func TestSecurityHeaders(t *testing.T) {
	cases := []struct {
		issuer string
		hsts   bool
	}{
		{"http://127.0.0.1:8080", false},
		{"https://id.example", true},
		{"HTTPS://id.example", true},
	}
	for _, c := range cases {
		var seen string
		h := web.SecurityHeaders(c.issuer, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen = web.Nonce(r.Context())
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
		hd := rec.Header()
		if len(seen) < 22 {
			t.Fatalf("%s: nonce %q too short", c.issuer, seen)
		}
		csp := hd.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self' 'nonce-" + seen + "'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", c.issuer, csp, want)
			}
		}
		// form-action would block the Deny form's 303 to the client (see csp.go).
		if strings.Contains(csp, "form-action") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", c.issuer, csp)
		}
		want := map[string]string{
			"X-Content-Type-Options":     "nosniff",
			"Referrer-Policy":            "no-referrer",
			"X-Frame-Options":            "DENY",
			"Cross-Origin-Opener-Policy": "same-origin",
		}
		for k, v := range want {
			if hd.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", c.issuer, k, hd.Get(k), v)
			}
		}
		if !strings.Contains(hd.Get("Permissions-Policy"), "camera=()") {
			t.Errorf("%s: Permissions-Policy %q", c.issuer, hd.Get("Permissions-Policy"))
		}
		if got := hd.Get("Strict-Transport-Security") != ""; got != c.hsts {
			t.Errorf("%s: HSTS sent = %v", c.issuer, got)
		}
	}
}

func TestNoncesAreFreshAndFromTheInjectedSource(t *testing.T) {
	src := bytes.NewReader(bytes.Repeat([]byte{0xfb}, 18*2))
	var nonces []string
	h := web.SecurityHeaders("http://x", src, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonces = append(nonces, web.Nonce(r.Context()))
	}))
	for range 2 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	if nonces[0] != strings.Repeat("-_v7", 6) || nonces[1] != nonces[0] {
		t.Errorf("nonces %q do not come from the injected source", nonces)
	}

	nonces = nil
	h = web.SecurityHeaders("http://x", nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonces = append(nonces, web.Nonce(r.Context()))
	}))
	for range 2 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	if nonces[0] == nonces[1] {
		t.Errorf("the same nonce twice: %q", nonces[0])
	}

	rec := httptest.NewRecorder()
	web.SecurityHeaders("http://x", failingReader{}, http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("without randomness: %d, want 500", rec.Code)
	}
}
