package web

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/web/httperr"
)

func TestRequestIDs(t *testing.T) {
	drawn := "AQEBAQEBAQEBAQEBAQEBAQ" // base64url of sixteen 0x01 bytes
	for _, tc := range []struct {
		name, incoming, want string
	}{
		{"none sent", "", drawn},
		{"a UUID is kept", "0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e"},
		{"too long", strings.Repeat("a", 65), drawn},
		{"an email is not kept", "ada@example.com", drawn},
		{"log forging", "a\nlevel=ERROR", drawn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var seen string
			h := RequestIDs(bytes.NewReader(bytes.Repeat([]byte{1}, 16)), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = httperr.RequestID(r.Context())
			}))
			r := httptest.NewRequest("GET", "/", nil)
			if tc.incoming != "" {
				r.Header.Set("X-Request-Id", tc.incoming)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if seen != tc.want || w.Header().Get("X-Request-Id") != tc.want {
				t.Fatalf("context %q, header %q, want %q", seen, w.Header().Get("X-Request-Id"), tc.want)
			}
		})
	}
}

// TestRequestIDsWithoutRandomness checks that a failing random source costs
// the id, not the request.
func TestRequestIDsWithoutRandomness(t *testing.T) {
	served := false
	h := RequestIDs(bytes.NewReader(nil), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { served = true }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if !served || w.Header().Get("X-Request-Id") != "" {
		t.Fatalf("served %v, header %q", served, w.Header().Get("X-Request-Id"))
	}
}

// TestServerErrorLoggedOnceWithRequestID sends a request that fails on the
// server through the whole stack and checks that exactly one log line
// carries the request id, that it is the failure with its detail, and that
// the response shows the same id in its header and its body.
func TestServerErrorLoggedOnceWithRequestID(t *testing.T) {
	static, err := NewStatic(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api", "/page"} {
		t.Run(path, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(slog.NewJSONHandler(&buf, nil))
			mux := http.NewServeMux()
			mux.HandleFunc("GET /api", func(w http.ResponseWriter, r *http.Request) {
				httperr.FailProblem(w, r, log, "read", errors.New("disk on fire"))
			})
			mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
				httperr.FailPage(w, r, log, static, "read", errors.New("disk on fire"))
			})
			h := Stack{Issuer: "http://id.example", Log: log}.Handler(mux)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			id := w.Header().Get("X-Request-Id")
			if w.Code != http.StatusInternalServerError || !httperr.ValidRequestID(id) || !strings.Contains(w.Body.String(), id) {
				t.Fatalf("%d id %q body %s", w.Code, id, w.Body)
			}
			var carrying []string
			for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				if strings.Contains(line, id) {
					carrying = append(carrying, line)
				}
			}
			if len(carrying) != 1 || !strings.Contains(carrying[0], "disk on fire") || !strings.Contains(carrying[0], `"level":"ERROR"`) {
				t.Fatalf("%d lines carry the id %s, want the one failure:\n%s", len(carrying), id, buf.String())
			}
			if strings.Contains(w.Body.String(), "disk on fire") {
				t.Fatalf("the answer leaks the detail: %s", w.Body)
			}
		})
	}
}
