package httperr_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

const rid = "rid-0123456789"

func request() *http.Request {
	r := httptest.NewRequest("GET", "/x", nil)
	return r.WithContext(httperr.WithRequestID(r.Context(), rid))
}

func pages(t *testing.T) httperr.Renderer {
	t.Helper()
	s, err := web.NewStatic(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestShapes checks each error shape: its status, media type, no caching,
// its members, and the request id a user can quote.
func TestShapes(t *testing.T) {
	p := pages(t)
	for _, tc := range []struct {
		name        string
		write       func(http.ResponseWriter, *http.Request)
		status      int
		contentType string
		want        map[string]any // JSON members; nil for a page
		page        []string       // for a page: text it must show
		challenge   string
	}{
		{"page script JSON", func(w http.ResponseWriter, r *http.Request) {
			httperr.JSON(w, r, http.StatusForbidden, "wrong_browser", "Start again here.")
		}, 403, "application/json", map[string]any{"error": "wrong_browser", "message": "Start again here.", "request_id": rid}, nil, ""},
		{"RFC 6749", func(w http.ResponseWriter, r *http.Request) {
			httperr.OAuth(w, r, http.StatusBadRequest, "invalid_request", "Send exactly one token.")
		}, 400, "application/json", map[string]any{"error": "invalid_request", "error_description": "Send exactly one token.", "request_id": rid}, nil, ""},
		{"RFC 6750", func(w http.ResponseWriter, r *http.Request) {
			httperr.BearerChallenge(w, "invalid_token", "The access token is invalid or expired.")
			httperr.OAuth(w, r, http.StatusUnauthorized, "invalid_token", "The access token is invalid or expired.")
		}, 401, "application/json", map[string]any{"error": "invalid_token", "error_description": "The access token is invalid or expired.", "request_id": rid}, nil,
			`Bearer realm="idconnect", error="invalid_token", error_description="The access token is invalid or expired."`},
		{"RFC 9457", func(w http.ResponseWriter, r *http.Request) {
			httperr.Problem(w, r, http.StatusConflict, "Grant already decided", "It was denied.")
		}, 409, "application/problem+json", map[string]any{"type": "about:blank", "title": "Grant already decided", "status": float64(409), "detail": "It was denied.", "request_id": rid}, nil, ""},
		{"RFC 9457 default title", func(w http.ResponseWriter, r *http.Request) {
			httperr.Problem(w, r, http.StatusNotFound, "", "")
		}, 404, "application/problem+json", map[string]any{"type": "about:blank", "title": "Not Found", "status": float64(404), "request_id": rid}, nil, ""},
		{"REST 401", func(w http.ResponseWriter, r *http.Request) {
			httperr.Unauthenticated(w, r, "Send an API key.")
		}, 401, "application/problem+json", map[string]any{"type": "about:blank", "title": "Unauthorized", "status": float64(401), "detail": "Send an API key.", "request_id": rid}, nil,
			`ApiKey realm="idconnect", Bearer realm="idconnect"`},
		{"HTML page", func(w http.ResponseWriter, r *http.Request) {
			httperr.Page(w, r, p, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		}, 400, "text/html; charset=utf-8", nil, []string{"The form could not be read", "Go back and try again.", "Error 400", rid}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			tc.write(w, request())
			if w.Code != tc.status || w.Header().Get("Content-Type") != tc.contentType || w.Header().Get("Cache-Control") != "no-store" {
				t.Fatalf("%d %v", w.Code, w.Header())
			}
			if got := w.Header().Get("WWW-Authenticate"); got != tc.challenge {
				t.Fatalf("WWW-Authenticate = %q, want %q", got, tc.challenge)
			}
			for _, s := range tc.page {
				if !strings.Contains(w.Body.String(), s) {
					t.Fatalf("page lacks %q:\n%s", s, w.Body)
				}
			}
			if tc.want == nil {
				return
			}
			var got map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("body %v, want %v", got, tc.want)
			}
		})
	}
}

// TestShapesWithoutRequestID checks a request that came through no
// request-id middleware: the member is left out, not sent empty.
func TestShapesWithoutRequestID(t *testing.T) {
	w := httptest.NewRecorder()
	httperr.Problem(w, httptest.NewRequest("GET", "/", nil), 400, "", "x")
	if strings.Contains(w.Body.String(), "request_id") {
		t.Fatalf("body %s", w.Body)
	}
}

// TestFailLogsOnce drives each Fail writer with a server-side failure and
// checks that it logs exactly one line, carrying the request id the answer
// shows, at error level for a 500 and warning level for a 503, and that the
// caller's own mistakes are not logged at all.
func TestFailLogsOnce(t *testing.T) {
	p := pages(t)
	fails := map[string]func(http.ResponseWriter, *http.Request, *slog.Logger, error){
		"json": func(w http.ResponseWriter, r *http.Request, l *slog.Logger, err error) {
			httperr.FailJSON(w, r, l, "op", err)
		},
		"oauth": func(w http.ResponseWriter, r *http.Request, l *slog.Logger, err error) {
			httperr.FailOAuth(w, r, l, "op", err)
		},
		"problem": func(w http.ResponseWriter, r *http.Request, l *slog.Logger, err error) {
			httperr.FailProblem(w, r, l, "op", err)
		},
		"page": func(w http.ResponseWriter, r *http.Request, l *slog.Logger, err error) {
			httperr.FailPage(w, r, l, p, "op", err)
		},
	}
	for name, fail := range fails {
		for _, tc := range []struct {
			err    error
			status int
			lines  int
			level  string
		}{
			{errors.New("disk on fire"), 500, 1, "ERROR"},
			{fmt.Errorf("keys: %w", identity.ErrChainUnavailable), 503, 1, "WARN"},
			{store.ErrInvalidCursor, 400, 0, ""},
		} {
			t.Run(fmt.Sprintf("%s %d", name, tc.status), func(t *testing.T) {
				var buf bytes.Buffer
				log := slog.New(slog.NewJSONHandler(&buf, nil))
				w := httptest.NewRecorder()
				fail(w, request(), log, tc.err)
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d", w.Code, tc.status)
				}
				if !strings.Contains(w.Body.String(), rid) {
					t.Fatalf("the answer does not show the request id: %s", w.Body)
				}
				if strings.Contains(w.Body.String(), tc.err.Error()) {
					t.Fatalf("the answer leaks the error: %s", w.Body)
				}
				lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
				if buf.Len() == 0 {
					lines = nil
				}
				if len(lines) != tc.lines {
					t.Fatalf("%d log lines, want %d:\n%s", len(lines), tc.lines, buf.String())
				}
				if tc.lines == 0 {
					return
				}
				var rec map[string]any
				if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
					t.Fatal(err)
				}
				if rec["request_id"] != rid || rec["level"] != tc.level || rec["err"] != tc.err.Error() || rec["op"] != "op" {
					t.Fatalf("log line %v", rec)
				}
			})
		}
	}
}

// TestFailWithoutLogger checks a handler with no logger still answers.
func TestFailWithoutLogger(t *testing.T) {
	w := httptest.NewRecorder()
	httperr.FailProblem(w, request(), nil, "op", errors.New("x"))
	if w.Code != 500 {
		t.Fatal(w.Code)
	}
}
