package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/idconnect/idconnect/web/httperr"
)

// Stack wraps a mux in idconnect's middleware, outermost first: the client
// address from trusted proxies, the request id, request logging, security headers and the CSP
// nonce, the per-IP rate limit, body limits, and cross-origin protection.
// Building it here keeps the order right: the log and every limiter see the same
// client address (ClientIP), the log sees every refusal, and pages always get
// their nonce.
type Stack struct {
	Issuer string           // decides HSTS
	Log    *slog.Logger     // request log; nil discards it
	Clock  func() time.Time // for request durations; time.Now when nil
	Random io.Reader        // CSP nonces; crypto/rand when nil
	// IPLimit, when set, limits every request per client IP.
	IPLimit *Limiter
	// TrustedProxies are the proxies whose X-Forwarded-For names the client
	// (TrustProxies); empty: the header is ignored.
	TrustedProxies []netip.Prefix
	// MaxBody bounds request bodies (LimitBodies); zero: DefaultMaxBody.
	MaxBody int64
	// LargeBodies raises the bound for the paths that take documents (a
	// claim application's uploads), by exact path.
	LargeBodies map[string]int64
	// Pseudonyms, when set, adds the client IP to the request log as a
	// keyed hash; without it the IP is not logged.
	Pseudonyms *Pseudonyms
	// CrossOriginBypass lists mux patterns exempt from cross-origin protection:
	// endpoints that other origins call by design, such as "POST /oauth2/token",
	// "POST /oauth2/revoke" and "POST /oauth2/introspect" for browser-based clients.
	CrossOriginBypass []string
}

// Handler returns mux wrapped in the stack.
func (s Stack) Handler(mux *http.ServeMux) http.Handler {
	inner := CrossOrigin(mux, s.CrossOriginBypass...)
	h := LimitBodies(s.MaxBody, inner)
	if len(s.LargeBodies) > 0 {
		small, large := h, map[string]http.Handler{}
		for path, limit := range s.LargeBodies {
			large[path] = LimitBodies(limit, inner)
		}
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if l, ok := large[r.URL.Path]; ok {
				l.ServeHTTP(w, r)
				return
			}
			small.ServeHTTP(w, r)
		})
	}
	if s.IPLimit != nil {
		h = LimitByIP(s.IPLimit, h) // a refused request's body is never read
	}
	h = SecurityHeaders(s.Issuer, s.Random, h)
	h = logRequests(s.Log, s.Clock, s.Pseudonyms, noteRoute(mux, h))
	h = RequestIDs(s.Random, h) // every answer, refusals included, carries one
	if len(s.TrustedProxies) > 0 {
		h = TrustProxies(s.TrustedProxies, h)
	}
	return h
}

// CrossOrigin refuses state-changing requests (POST, PUT, DELETE, …) that a browser
// sends from another origin, using Go's Sec-Fetch-Site/Origin check, and answers them
// with a 403 in the protocol's error shape. Safe methods pass. Requests without
// browser headers (server-to-server calls) pass too, which is why it protects
// browser sessions and is no authentication.
func CrossOrigin(next http.Handler, bypass ...string) http.Handler {
	cop := http.NewCrossOriginProtection()
	for _, p := range bypass {
		cop.AddInsecureBypassPattern(p)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httperr.JSON(w, r, http.StatusForbidden, "cross_origin", "This request came from another site and was refused. Reload the page and try again.")
	}))
	return cop.Handler(next)
}

// WriteJSON answers with v as JSON, never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// LogRequests logs one line per request: method, route pattern, status and
// duration. It never logs the path, the query string, headers or bodies, because
// those carry identity addresses, codes and personal data; the route pattern
// ("GET /identities/{identity}/profile") names the endpoint without them.
func LogRequests(log *slog.Logger, clock func() time.Time, next http.Handler) http.Handler {
	return logRequests(log, clock, nil, next)
}

// logRequests is LogRequests that also logs the client's address (ClientIP,
// the one the limiters use) as its pseudonym, when pseudo is set.
func logRequests(log *slog.Logger, clock func() time.Time, pseudo *Pseudonyms, next http.Handler) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if clock == nil {
		clock = time.Now
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := clock()
		note := &routeNote{}
		rec := &statusRecorder{ResponseWriter: w}
		r2 := r.WithContext(context.WithValue(r.Context(), routeNoteKey{}, note))
		next.ServeHTTP(rec, r2)
		route := note.pattern
		if route == "" {
			route = r2.Pattern // when next is the mux itself
		}
		if route == "" {
			route = "unmatched"
		}
		level := slog.LevelInfo
		if rec.status() >= 500 {
			level = slog.LevelError
		}
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("route", routeOnly(route)),
			slog.Int("status", rec.status()), slog.Duration("duration", clock().Sub(start))}
		if pseudo != nil {
			attrs = append(attrs, slog.String("client", pseudo.Of("ip", ClientIP(r))))
		}
		log.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// routeOnly drops the method from a pattern ("GET /login" → "/login"); the method
// is logged on its own.
func routeOnly(pattern string) string {
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		return strings.TrimSpace(pattern[i+1:])
	}
	return pattern
}

type routeNoteKey struct{}

// routeNote carries the route pattern to LogRequests. Middleware between the two
// may replace the *http.Request, and may refuse a request before the mux sees it, so
// the pattern the mux writes to r.Pattern is not enough.
type routeNote struct{ pattern string }

// noteRoute looks up the pattern mux will match, before any middleware runs, so
// refusals (403, 429) are logged with the route they were aimed at.
func noteRoute(mux *http.ServeMux, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if note, ok := r.Context().Value(routeNoteKey{}).(*routeNote); ok {
			_, note.pattern = mux.Handler(r)
		}
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.code == 0 && code >= 200 { // 1xx responses are not the final status
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) status() int {
	if s.code == 0 {
		return http.StatusOK
	}
	return s.code
}

// Unwrap lets http.ResponseController reach the underlying writer (Flush, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
