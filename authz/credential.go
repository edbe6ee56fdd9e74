package authz

import "strings"

// Authorization schemes of the access-request API and the identity
// JSON-RPC.
const (
	SchemeAPIKey = "ApiKey"
	SchemeBearer = "Bearer"
)

// maxCredentialLen bounds a credential: API keys are 47 characters and
// service tokens well under 1 KiB.
const maxCredentialLen = 8 << 10

// ParseCredential reads the one Authorization header:
// "<scheme> <credential>" with the scheme ApiKey or Bearer in any case
// (RFC 9110 section 11.1) and a credential of token68 characters. It
// returns the scheme in its canonical spelling.
func ParseCredential(values []string) (scheme, cred string, ok bool) {
	if len(values) != 1 {
		return "", "", false
	}
	s, c, found := strings.Cut(strings.TrimSpace(values[0]), " ")
	c = strings.TrimLeft(c, " ")
	if !found || c == "" || len(c) > maxCredentialLen || !isToken68(c) {
		return "", "", false
	}
	switch {
	case strings.EqualFold(s, SchemeAPIKey):
		return SchemeAPIKey, c, true
	case strings.EqualFold(s, SchemeBearer):
		return SchemeBearer, c, true
	}
	return "", "", false
}

// isToken68 reports whether s is RFC 9110 token68:
// 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isToken68(s string) bool {
	body := strings.TrimRight(s, "=")
	if body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~+/", c) >= 0) {
			return false
		}
	}
	return true
}
