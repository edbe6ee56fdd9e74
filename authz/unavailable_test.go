package authz

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/ory/fosite"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// TestUnavailable: whatever fosite wrapped an unreachable store or chain in
// (invalid_client for a client it could not load, server_error for a token
// it could not read), the answer is temporarily_unavailable (503); other
// errors keep their own.
func TestUnavailable(t *testing.T) {
	down := fmt.Errorf("get client: %w: postgres: connection refused", store.ErrUnavailable)
	for _, c := range []struct {
		name  string
		err   error
		field string
		code  int
	}{
		{"invalid_client over a store that is down", fosite.ErrInvalidClient.WithWrap(down).WithDebug(down.Error()), "temporarily_unavailable", http.StatusServiceUnavailable},
		{"server_error over a store that is down", fosite.ErrServerError.WithWrap(down), "temporarily_unavailable", http.StatusServiceUnavailable},
		{"a chain that is down", fmt.Errorf("key check: %w", identity.ErrChainUnavailable), "temporarily_unavailable", http.StatusServiceUnavailable},
		{"an unknown client", fosite.ErrInvalidClient.WithWrap(store.ErrNotFound), "invalid_client", http.StatusUnauthorized},
		{"a bad grant", fosite.ErrInvalidGrant, "invalid_grant", http.StatusBadRequest},
	} {
		t.Run(c.name, func(t *testing.T) {
			rfc := fosite.ErrorToRFC6749Error(unavailable(c.err))
			if rfc.ErrorField != c.field || rfc.CodeField != c.code {
				t.Fatalf("= %s %d, want %s %d", rfc.ErrorField, rfc.CodeField, c.field, c.code)
			}
			if c.code == http.StatusServiceUnavailable && !errors.Is(unavailable(c.err), store.ErrUnavailable) && !errors.Is(unavailable(c.err), identity.ErrChainUnavailable) {
				t.Error("the cause is lost")
			}
		})
	}
	if unavailable(nil) != nil {
		t.Error("unavailable(nil) is not nil")
	}
}
