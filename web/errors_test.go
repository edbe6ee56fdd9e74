package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// TestServerErrorUnavailable: a database or chain that cannot be reached
// is a 503 temporarily_unavailable, which clients retry; anything else
// stays a 500.
func TestServerErrorUnavailable(t *testing.T) {
	for _, c := range []struct {
		err   error
		code  int
		field string
	}{
		{fmt.Errorf("get grant status: %w: postgres: connection refused", store.ErrUnavailable), http.StatusServiceUnavailable, "temporarily_unavailable"},
		{fmt.Errorf("key check: %w", identity.ErrChainUnavailable), http.StatusServiceUnavailable, "temporarily_unavailable"},
		{errors.New("a bug"), http.StatusInternalServerError, "server_error"},
	} {
		w := httptest.NewRecorder()
		serverError(nil, w, "test", c.err)
		var body struct {
			Error string `json:"error"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &body)
		if w.Code != c.code || body.Error != c.field {
			t.Errorf("%v: %d %s, want %d %s", c.err, w.Code, body.Error, c.code, c.field)
		}
	}
}
