package authz

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestBrowserCallable(t *testing.T) {
	called := false
	h := browserCallable(func(w http.ResponseWriter, r *http.Request) { called = true })

	pre := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodOptions, "/oauth2/token", nil)
	req.Header.Set("Origin", "https://spa.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	h.ServeHTTP(pre, req)
	if pre.Code != http.StatusNoContent || called || pre.Header().Get("Access-Control-Allow-Methods") != "POST" ||
		pre.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("preflight = %d %v (handler called: %v)", pre.Code, pre.Header(), called)
	}
	if pre.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Fatal("token endpoint must not allow credentials")
	}

	post := httptest.NewRecorder()
	h.ServeHTTP(post, httptest.NewRequest(http.MethodPost, "/oauth2/token", nil))
	if !called || post.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("POST: called %v, headers %v", called, post.Header())
	}
}
