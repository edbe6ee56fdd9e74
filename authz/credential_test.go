package authz_test

import (
	"strings"
	"testing"

	"github.com/idconnect/idconnect/authz"
)

func TestParseCredential(t *testing.T) {
	tests := []struct {
		name         string
		in           []string
		scheme, cred string
	}{
		{"api key", []string{"ApiKey idc_abc"}, authz.SchemeAPIKey, "idc_abc"},
		{"bearer", []string{"Bearer a.b-c_d"}, authz.SchemeBearer, "a.b-c_d"},
		{"any case", []string{"BEARER x"}, authz.SchemeBearer, "x"},
		{"extra spaces", []string{"  ApiKey   k  "}, authz.SchemeAPIKey, "k"},
		{"token68 padding", []string{"Bearer abc=="}, authz.SchemeBearer, "abc=="},
		{"none", nil, "", ""},
		{"empty", []string{""}, "", ""},
		{"scheme only", []string{"ApiKey"}, "", ""},
		{"scheme and space", []string{"ApiKey "}, "", ""},
		{"two values", []string{"ApiKey a", "ApiKey a"}, "", ""},
		{"other scheme", []string{"Basic YTpi"}, "", ""},
		{"two credentials", []string{"Bearer a b"}, "", ""},
		{"only padding", []string{"Bearer =="}, "", ""},
		{"padding inside", []string{"Bearer a=b"}, "", ""},
		{"control character", []string{"Bearer a\tb"}, "", ""},
		{"too long", []string{"Bearer " + strings.Repeat("a", 8<<10+1)}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, c, ok := authz.ParseCredential(tc.in)
			if s != tc.scheme || c != tc.cred || ok != (tc.scheme != "") {
				t.Fatalf("= %q %q %v, want %q %q", s, c, ok, tc.scheme, tc.cred)
			}
		})
	}
}

func FuzzParseCredential(f *testing.F) {
	for _, s := range []string{"ApiKey idc_abc", "Bearer a.b.c", "bearer x==", "Basic YTpi", "ApiKey", " ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		scheme, cred, ok := authz.ParseCredential([]string{h})
		if !ok {
			return
		}
		if (scheme != authz.SchemeAPIKey && scheme != authz.SchemeBearer) || strings.ContainsAny(cred, " \t") || len(cred) > 8<<10 ||
			!strings.HasSuffix(strings.TrimSpace(h), cred) || !strings.EqualFold(strings.TrimSpace(h)[:len(scheme)], scheme) {
			t.Fatalf("%q parsed to %q %q", h, scheme, cred)
		}
	})
}
