package account_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/idconnect/idconnect/web"
)

var (
	hashKey  = bytes.Repeat([]byte{1}, 32)
	blockKey = bytes.Repeat([]byte{2}, 32)
)

func sessions(t *testing.T, secure bool) *web.Sessions {
	t.Helper()
	s, err := web.NewSessions(hashKey, blockKey, secure)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// login signs id in and returns the session cookie set.
func login(t *testing.T, s *web.Sessions, id string) *http.Cookie {
	t.Helper()
	rec := httptest.NewRecorder()
	if err := s.Login(rec, httptest.NewRequest("POST", "/login", nil), web.SessionData{LoginSessionID: id}); err != nil {
		t.Fatal(err)
	}
	cs := rec.Result().Cookies()
	if len(cs) != 1 {
		t.Fatalf("%d cookies set", len(cs))
	}
	return cs[0]
}
