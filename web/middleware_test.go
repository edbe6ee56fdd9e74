package web_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/idconnect/idconnect/web"
)

func TestCrossOrigin(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux := http.NewServeMux()
	mux.Handle("POST /login", ok)
	mux.Handle("GET /login", ok)
	mux.Handle("POST /oauth2/token", ok)
	h := web.CrossOrigin(mux, "POST /oauth2/token")
	cases := []struct {
		name, method, path string
		headers            map[string]string
		code               int
	}{
		{"same-origin fetch", "POST", "/login", map[string]string{"Sec-Fetch-Site": "same-origin"}, 204},
		{"cross-site fetch", "POST", "/login", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site but other origin", "POST", "/login", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"old browser, same Origin", "POST", "/login", map[string]string{"Origin": "http://id.example"}, 204},
		{"old browser, foreign Origin", "POST", "/login", map[string]string{"Origin": "https://evil.example"}, 403},
		{"user typed the address", "POST", "/login", map[string]string{"Sec-Fetch-Site": "none"}, 204},
		{"server to server", "POST", "/login", nil, 204},
		{"cross-site GET is safe", "GET", "/login", map[string]string{"Sec-Fetch-Site": "cross-site"}, 204},
		{"bypassed token endpoint", "POST", "/oauth2/token", map[string]string{"Sec-Fetch-Site": "cross-site"}, 204},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, "http://id.example"+c.path, strings.NewReader("{}"))
		for k, v := range c.headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.code {
			t.Errorf("%s: %d, want %d", c.name, rec.Code, c.code)
		}
		if c.code == 403 {
			var body struct{ Error, Message string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error != "cross_origin" || body.Message == "" {
				t.Errorf("%s: refusal body %q", c.name, rec.Body)
			}
		}
	}
}

// logLines runs requests through a full Stack and returns the JSON log lines.
func logLines(t *testing.T, stack web.Stack, mux *http.ServeMux, reqs ...*http.Request) []map[string]any {
	t.Helper()
	var buf bytes.Buffer
	stack.Log = slog.New(slog.NewJSONHandler(&buf, nil))
	h := stack.Handler(mux)
	for _, r := range reqs {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	var out []map[string]any
	for line := range strings.Lines(buf.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	if len(out) != len(reqs) {
		t.Fatalf("%d log lines for %d requests:\n%s", len(out), len(reqs), buf.String())
	}
	return out
}

func TestLogRequestsKeepsPersonalDataOut(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /identities/{identity}/profile", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte("ada@example.com"))
	})
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {})
	const secret = "0xAbC0000000000000000000000000000000000001"
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { now = now.Add(25 * time.Millisecond); return now }

	profile := httptest.NewRequest("GET", "http://id.example/identities/"+secret+"/profile?email=ada%40example.com&code=s3cr3t", nil)
	profile.Header.Set("Authorization", "Bearer s3cr3t")
	refused := httptest.NewRequest("POST", "http://id.example/login?wallet="+secret, strings.NewReader(`{"address":"`+secret+`"}`))
	refused.Header.Set("Sec-Fetch-Site", "cross-site")
	lines := logLines(t, web.Stack{Issuer: "http://id.example", Clock: clock}, mux,
		profile, refused, httptest.NewRequest("GET", "http://id.example/nowhere/"+secret, nil))

	want := []struct {
		method, route string
		status        float64
	}{
		{"GET", "/identities/{identity}/profile", 418},
		{"POST", "/login", 403},
		{"GET", "unmatched", 404},
	}
	for i, w := range want {
		l := lines[i]
		if l["method"] != w.method || l["route"] != w.route || l["status"] != w.status || l["duration"] != float64(25*time.Millisecond) {
			t.Errorf("line %d: %v, want %+v", i, l, w)
		}
		raw, _ := json.Marshal(l)
		for _, leak := range []string{strings.ToLower(secret[2:10]), "ada", "s3cr3t", "example.com"} {
			if strings.Contains(strings.ToLower(string(raw)), leak) {
				t.Errorf("line %d leaks %q: %s", i, leak, raw)
			}
		}
	}
}

func TestStackOrder(t *testing.T) {
	mux := http.NewServeMux()
	var nonce string
	mux.HandleFunc("POST /login/challenge", func(w http.ResponseWriter, r *http.Request) { nonce = web.Nonce(r.Context()) })
	lim := web.NewLimiter(rate.Every(time.Hour), 1, 10, nil)
	stack := web.Stack{Issuer: "https://id.example", IPLimit: lim}
	req := func() *http.Request {
		r := httptest.NewRequest("POST", "https://id.example/login/challenge", strings.NewReader("{}"))
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		return r
	}
	h := stack.Handler(mux)
	first, second := httptest.NewRecorder(), httptest.NewRecorder()
	h.ServeHTTP(first, req())
	h.ServeHTTP(second, req())
	if first.Code != 200 || nonce == "" || !strings.Contains(first.Header().Get("Content-Security-Policy"), nonce) {
		t.Errorf("first: %d nonce %q csp %q", first.Code, nonce, first.Header().Get("Content-Security-Policy"))
	}
	// A refusal still carries the security headers, because they wrap the limiter.
	if second.Code != 429 || second.Header().Get("X-Frame-Options") != "DENY" || second.Header().Get("Strict-Transport-Security") == "" {
		t.Errorf("second: %d %v", second.Code, second.Header())
	}
	lines := logLines(t, stack, mux, req())
	if lines[0]["status"] != float64(429) || lines[0]["route"] != "/login/challenge" {
		t.Errorf("refusal logged as %v", lines[0])
	}
}
