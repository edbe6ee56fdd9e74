package web_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
)

func static(t *testing.T) (*web.Static, *http.ServeMux) {
	t.Helper()
	s, err := web.NewStatic(nil)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Mount(mux)
	return s, mux
}

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func TestStaticFiles(t *testing.T) {
	s, mux := static(t)
	files := []struct{ name, contentType, contains string }{
		{"style.css", "text/css; charset=utf-8", "[hidden]"},
		{"wallet.js", "text/javascript; charset=utf-8", "window.idconnect"},
		{"login.js", "text/javascript; charset=utf-8", "eth_requestAccounts"},
		{"consent.js", "text/javascript; charset=utf-8", "/consent/challenge"},
		{"devwallet.js", "text/javascript; charset=utf-8", "/dev/wallet/sign"},
	}
	for _, f := range files {
		versioned := s.Path(f.name)
		if !strings.HasPrefix(versioned, "/static/"+f.name+"?v=") || len(versioned) != len("/static/"+f.name+"?v=")+12 {
			t.Errorf("Path(%s) = %q", f.name, versioned)
		}
		rec := get(mux, versioned)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != f.contentType || !strings.Contains(rec.Body.String(), f.contains) {
			t.Errorf("%s: %d %q", f.name, rec.Code, rec.Header().Get("Content-Type"))
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s with its hash: Cache-Control %q", f.name, cc)
		}
		// Without the current hash (an old page, a typed URL) the file is revalidated.
		for _, stale := range []string{"/static/" + f.name, "/static/" + f.name + "?v=000000000000"} {
			if cc := get(mux, stale).Header().Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("%s: Cache-Control %q", stale, cc)
			}
		}
		etag := rec.Header().Get("ETag")
		if again := get(mux, versioned, "If-None-Match", etag); etag == "" || again.Code != http.StatusNotModified {
			t.Errorf("%s: ETag %q, revalidation %d", f.name, etag, again.Code)
		}
	}
	for _, missing := range []string{"/static/", "/static/nope.js", "/static/..%2fstatic.go", "/static/static/login.js"} {
		if rec := get(mux, missing); rec.Code != 404 {
			t.Errorf("%s: %d", missing, rec.Code)
		}
	}
	if s.Path("nope.js") != "/static/nope.js" {
		t.Error("unknown files get an unversioned path")
	}
}

func TestRender(t *testing.T) {
	s, _ := static(t)
	h := web.SecurityHeaders("http://x", nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Render(w, r, http.StatusUnauthorized, templates.LoginPage(templates.LoginView{RequestID: "r", ChainID: 1337}))
	}))
	rec := get(h, "/login")
	body := rec.Body.String()
	if rec.Code != 401 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("%d %v", rec.Code, rec.Header())
	}
	csp := rec.Header().Get("Content-Security-Policy")
	nonce := csp[strings.Index(csp, "'nonce-")+7:]
	nonce = nonce[:strings.IndexByte(nonce, '\'')]
	for _, want := range []string{`href="` + s.Path("style.css") + `"`, `src="` + s.Path("login.js") + `" nonce="` + nonce + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	broken := templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		_, _ = io.WriteString(w, "<p>half")
		return errors.New("view model missing")
	})
	rec = httptest.NewRecorder()
	s.Render(rec, httptest.NewRequest("GET", "/", nil), 200, broken)
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "half") || strings.Contains(rec.Body.String(), "view model") {
		t.Errorf("failed render: %d %q", rec.Code, rec.Body)
	}
}
