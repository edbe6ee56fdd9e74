package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/idconnect/idconnect/web"
)

// unsized hides a body's length, as a chunked upload does.
type unsized struct{ io.Reader }

func TestLimitBodies(t *testing.T) {
	const limit = 1024
	var got string
	mux := http.NewServeMux()
	for _, p := range []string{"POST /oauth2/token", "POST /oauth2/revoke", "POST /oauth2/introspect", "POST /account/webhook"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			if err := r.ParseForm(); err != nil { // as fosite does: a parse error is its 400
				http.Error(w, "bad form", http.StatusBadRequest)
				return
			}
			got = r.PostForm.Get("code")
		})
	}
	mux.HandleFunc("POST /api", func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		}
	})
	h := web.Stack{Issuer: "https://id.example", MaxBody: limit, CrossOriginBypass: []string{"POST /oauth2/token"}}.Handler(mux)
	form := func(n int) string { return url.Values{"code": {strings.Repeat("c", n)}}.Encode() }
	cases := []struct {
		name, path, ctype, body string
		hide                    bool
		want                    int
	}{
		{"small token form", "/oauth2/token", "application/x-www-form-urlencoded", form(100), false, 200},
		{"token form too long", "/oauth2/token", "application/x-www-form-urlencoded", form(2000), false, 413},
		{"chunked token form too long", "/oauth2/token", "application/x-www-form-urlencoded", form(2000), true, 413},
		{"chunked revoke form too long", "/oauth2/revoke", "application/x-www-form-urlencoded; charset=utf-8", form(5000), true, 413},
		{"introspect too long", "/oauth2/introspect", "application/x-www-form-urlencoded", form(2000), false, 413},
		{"page form too long", "/account/webhook", "multipart/form-data; boundary=x", strings.Repeat("x", 2000), true, 413},
		{"form at the limit", "/oauth2/token", "application/x-www-form-urlencoded", form(limit - len("code=")), true, 200},
		{"JSON too long", "/api", "application/json", strings.Repeat(" ", 2000), true, 413},
		{"JSON declared too long", "/api", "application/json", strings.Repeat(" ", 2000), false, 413},
	}
	for _, c := range cases {
		var body io.Reader = strings.NewReader(c.body)
		if c.hide {
			body = unsized{body}
		}
		r := httptest.NewRequest("POST", "https://id.example"+c.path, body)
		r.Header.Set("Content-Type", c.ctype)
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		got = ""
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != c.want {
			t.Errorf("%s: %d, want %d", c.name, rec.Code, c.want)
		}
		if c.want == 200 && c.path == "/oauth2/token" && len(got) == 0 {
			t.Errorf("%s: the handler did not get the form", c.name)
		}
	}
}

// TestSpoofedForwardedForKeepsLimiterKey: behind the stack with trusted
// proxies, a client that is not a proxy cannot move to a fresh rate-limit
// bucket by writing X-Forwarded-For, while a trusted proxy's header does
// name the client.
func TestSpoofedForwardedForKeepsLimiterKey(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {})
	lim := web.NewLimiter(rate.Every(time.Hour), 1, 100, nil)
	h := web.Stack{Issuer: "https://id.example", IPLimit: lim,
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}.Handler(mux)
	get := func(remote, xff string) int {
		r := httptest.NewRequest("GET", "https://id.example/", nil)
		r.RemoteAddr = remote
		if xff != "" {
			r.Header.Set("X-Forwarded-For", xff)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Code
	}
	if get("203.0.113.9:1000", "") != 200 {
		t.Fatal("first request refused")
	}
	for _, spoof := range []string{"198.51.100.1", "198.51.100.2, 10.0.0.1", "garbage"} {
		if code := get("203.0.113.9:1001", spoof); code != 429 {
			t.Errorf("X-Forwarded-For %q from an untrusted peer gave a fresh bucket (%d)", spoof, code)
		}
	}
	// Through a trusted proxy, the forwarded client has its own bucket...
	if get("10.1.1.1:5000", "198.51.100.7") != 200 || get("10.1.1.1:5000", "198.51.100.7") != 429 {
		t.Error("the proxy's forwarded client is not limited on its own")
	}
	if get("10.1.1.1:5000", "198.51.100.8") != 200 {
		t.Error("two clients behind one proxy share a bucket")
	}
	// ...and the spoofing client, now behind the proxy, is still itself.
	if get("10.1.1.1:5000", "1.2.3.4, 203.0.113.9") != 429 {
		t.Error("a client forged the left of the chain behind a trusted proxy")
	}
}
