package web_test

import (
	"bytes"
	"errors"
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

// login runs Login on a request carrying the given cookies and returns the cookie set.
func login(t *testing.T, s *web.Sessions, id string, carry ...*http.Cookie) *http.Cookie {
	t.Helper()
	r := httptest.NewRequest("POST", "/login", nil)
	for _, c := range carry {
		r.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	if err := s.Login(rec, r, web.SessionData{LoginSessionID: id}); err != nil {
		t.Fatal(err)
	}
	cs := rec.Result().Cookies()
	if len(cs) != 1 {
		t.Fatalf("%d cookies set", len(cs))
	}
	return cs[0]
}

func current(s *web.Sessions, cookies ...*http.Cookie) (web.SessionData, bool) {
	r := httptest.NewRequest("GET", "/account", nil)
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return s.Current(r)
}

func TestSessionCookieAttributes(t *testing.T) {
	cases := []struct {
		secure bool
		name   string
	}{
		{true, "__Host-idconnect_session"},
		{false, "idconnect_session"},
	}
	for _, c := range cases {
		ck := login(t, sessions(t, c.secure), "ls-1")
		if ck.Name != c.name || ck.Secure != c.secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Domain != "" {
			t.Errorf("secure=%v: cookie %+v", c.secure, ck)
		}
		if ck.MaxAge != int(web.SessionMaxAge.Seconds()) {
			t.Errorf("secure=%v: MaxAge %d", c.secure, ck.MaxAge)
		}
	}
}

func TestSessionLoginRegenerates(t *testing.T) {
	s := sessions(t, true)
	old := login(t, s, "ls-old")
	if d, ok := current(s, old); !ok || d.LoginSessionID != "ls-old" {
		t.Fatalf("Current = %+v %v", d, ok)
	}
	fresh := login(t, s, "ls-new", old)
	if fresh.Value == old.Value {
		t.Fatal("Login kept the old cookie value")
	}
	if d, ok := current(s, fresh); !ok || d.LoginSessionID != "ls-new" {
		t.Errorf("Current after regeneration = %+v %v", d, ok)
	}
	// The same data logged in twice still gives a different cookie, so a value seen
	// before login (fixation) is never the value after it.
	if a, b := login(t, s, "same"), login(t, s, "same"); a.Value == b.Value {
		t.Error("two logins produced the same cookie value")
	}
	if err := s.Login(httptest.NewRecorder(), httptest.NewRequest("POST", "/", nil), web.SessionData{}); err == nil {
		t.Error("Login accepted an empty login session id")
	}
}

func TestSessionRefusesForgedCookies(t *testing.T) {
	s := sessions(t, true)
	good := login(t, s, "ls-1")
	otherKeys, err := web.NewSessions(bytes.Repeat([]byte{9}, 32), blockKey, true)
	if err != nil {
		t.Fatal(err)
	}
	forged := login(t, otherKeys, "ls-1")
	tampered := *good
	tampered.Value = good.Value[:len(good.Value)-4] + "AAAA"
	for name, c := range map[string]*http.Cookie{
		"other hash key": forged,
		"tampered":       &tampered,
		"plain text":     {Name: good.Name, Value: "ls-1"},
	} {
		if d, ok := current(s, c); ok {
			t.Errorf("%s: accepted as %+v", name, d)
		}
	}
	if _, ok := current(s); ok {
		t.Error("no cookie: accepted")
	}
}

func TestSessionLogout(t *testing.T) {
	s := sessions(t, false)
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/logout", nil)
	r.AddCookie(login(t, s, "ls-1"))
	s.Logout(rec, r)
	cs := rec.Result().Cookies()
	if len(cs) != 1 || cs[0].Name != "idconnect_session" || cs[0].MaxAge >= 0 || cs[0].Value != "" || !cs[0].HttpOnly || cs[0].Path != "/" {
		t.Errorf("logout cookie %+v", cs)
	}
}

func TestSessionKeys(t *testing.T) {
	cases := []struct {
		hash, block []byte
		ok          bool
	}{
		{hashKey, blockKey, true},
		{bytes.Repeat([]byte{1}, 64), bytes.Repeat([]byte{2}, 16), true},
		{bytes.Repeat([]byte{1}, 16), blockKey, false},
		{hashKey, nil, false},
		{hashKey, bytes.Repeat([]byte{2}, 20), false},
	}
	for i, c := range cases {
		_, err := web.NewSessions(c.hash, c.block, true)
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, web.ErrSessionKeys)) {
			t.Errorf("case %d: %v", i, err)
		}
	}
}
