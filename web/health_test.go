package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/idconnect/idconnect/web"
)

type head uint64

func (h head) BlockNumber(context.Context) (uint64, error) {
	if h == 0 {
		return 0, errors.New("dial tcp: connection refused")
	}
	return uint64(h), nil
}

type ping struct{ err error }

func (p ping) Ping(context.Context) error { return p.err }

func TestHealth(t *testing.T) {
	following := func() (bool, uint64) { return true, 7 }
	cases := []struct {
		name   string
		chain  head
		store  error
		code   int
		status string
	}{
		{"all well", 7, nil, http.StatusOK, "ok"},
		{"chain down", 0, nil, http.StatusServiceUnavailable, "unavailable"},
		{"store down", 7, errors.New("locked"), http.StatusServiceUnavailable, "unavailable"},
	}
	for _, c := range cases {
		mux := http.NewServeMux()
		(&web.Health{ChainID: 1337, Chain: c.chain, Following: following, Store: ping{c.store}, Backend: "sqlite"}).Mount(mux)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		var body struct {
			Status string `json:"status"`
			Chain  struct {
				ID        uint64 `json:"id"`
				Head      uint64 `json:"head"`
				Following bool   `json:"following"`
				Error     string `json:"error"`
			} `json:"chain"`
			Store struct{ Backend, State, Error string } `json:"store"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if rec.Code != c.code || body.Status != c.status || body.Chain.ID != 1337 || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s: %d %+v", c.name, rec.Code, body)
		}
		if c.chain != 0 && body.Chain.Head != uint64(c.chain) {
			t.Errorf("%s: head = %d", c.name, body.Chain.Head)
		}
		if c.store != nil && (body.Store.State != "unavailable" || body.Store.Error == "locked") {
			t.Errorf("%s: store = %+v (details belong in the log, not the response)", c.name, body.Store)
		}
	}
}

// TestHealthSaysWhy: when the chain cannot be read or followed, /healthz names the
// cause, and the cause comes without the endpoint URL.
func TestHealthSaysWhy(t *testing.T) {
	mux := http.NewServeMux()
	(&web.Health{ChainID: 1337, Chain: head(0), Store: ping{}, Backend: "sqlite",
		Following:   func() (bool, uint64) { return false, 7 },
		FollowError: func() string { return "node answered JSON-RPC error -32005: limit exceeded" }}).Mount(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	var body struct {
		Chain struct {
			Following *bool  `json:"following"`
			Reason    string `json:"reason"`
			Error     string `json:"error"`
		} `json:"chain"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusServiceUnavailable || body.Chain.Following == nil || *body.Chain.Following ||
		body.Chain.Reason != "node answered JSON-RPC error -32005: limit exceeded" || body.Chain.Error != "chain unreachable: dial tcp: connection refused" {
		t.Errorf("healthz = %d %s", rec.Code, rec.Body)
	}
}
