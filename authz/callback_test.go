package authz

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestSignCallbackIsNoToken: a callback signature, with its body attached
// again, is refused as a grant token and as a service token.
func TestSignCallbackIsNoToken(t *testing.T) {
	f := newFixture(t)
	body := []byte(`{"type":"access_grant.decided","data":{"grant_id":"g","state":"active"}}`)
	sig, err := f.p.SignCallback(t.Context(), body)
	must(t, err)
	parts := strings.Split(sig, ".")
	if len(parts) != 3 || parts[1] != "" || parts[0] == "" || parts[2] == "" {
		t.Fatalf("not a detached compact JWS: %q", sig)
	}
	attached := parts[0] + "." + base64.RawURLEncoding.EncodeToString(body) + "." + parts[2]
	if _, err := f.p.VerifyAccessToken(t.Context(), attached); err == nil {
		t.Error("a callback signature passed as a grant token")
	}
	if _, err := f.p.VerifyServiceToken(t.Context(), attached); err == nil {
		t.Error("a callback signature passed as a service token")
	}
}
