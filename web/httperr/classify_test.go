package httperr_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/granttoken"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web/httperr"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"store down", store.ErrUnavailable, http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"chain down", identity.ErrChainUnavailable, http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"chain down at sign-in", signin.ErrChainUnavailable, http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"signatures cannot be checked", challenge.ErrUnavailable, http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"token issuer down", authz.ErrUnavailable, http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"remote issuer down", granttoken.ErrUnavailable, http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"cursor", store.ErrInvalidCursor, http.StatusBadRequest, "invalid_request"},
		{"authorization request gone", authz.ErrAuthRequestNotFound, http.StatusBadRequest, "invalid_request"},
		{"body too large", fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 10}), http.StatusRequestEntityTooLarge, "request_too_large"},
		{"wrapped twice", fmt.Errorf("dashboard: %w", fmt.Errorf("keys: %w", identity.ErrChainUnavailable)), http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"joined", errors.Join(errors.New("x"), store.ErrUnavailable), http.StatusServiceUnavailable, "temporarily_unavailable"},
		{"not found is no server error here", store.ErrNotFound, http.StatusInternalServerError, "server_error"},
		{"unknown", errors.New("boom"), http.StatusInternalServerError, "server_error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := httperr.Classify(tc.err)
			if f.Status != tc.status || f.Code != tc.code || f.Title == "" || f.Message == "" {
				t.Fatalf("Classify(%v) = %+v, want %d %s with words", tc.err, f, tc.status, tc.code)
			}
		})
	}
}

// TestClassifyKeepsDetailOut checks that no answer repeats the error's text,
// which is for the log only.
func TestClassifyKeepsDetailOut(t *testing.T) {
	err := fmt.Errorf("profile of ada@example.com: %w", store.ErrUnavailable)
	f := httperr.Classify(err)
	for _, s := range []string{f.Code, f.Title, f.Message} {
		if s == err.Error() || len(s) > 0 && containsAny(s, "ada@example.com", "store:") {
			t.Fatalf("answer %+v repeats the error", f)
		}
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
