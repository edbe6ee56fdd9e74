package web

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
)

// SessionMaxAge bounds a browser session cookie. The server-side login session
// (store.LoginSession) has its own expiry and revocation, which are what count.
const SessionMaxAge = 12 * time.Hour

// ErrSessionKeys reports unusable session keys.
var ErrSessionKeys = errors.New("web: invalid session keys")

// SessionData is what the session cookie holds: only the id of the server-side login
// session, so nothing personal ever sits in the browser.
type SessionData struct {
	LoginSessionID string
}

// Sessions keeps the owner's browser session in an authenticated, encrypted cookie
// (gorilla/sessions): HttpOnly, SameSite=Lax, Path=/, and Secure outside development,
// where it also takes the __Host- prefix so no subdomain can set or shadow it.
type Sessions struct {
	store *sessions.CookieStore
	name  string
}

const sessionValueKey = "lsid"

// NewSessions builds the cookie store. hashKey authenticates the cookie (32 or 64
// bytes); blockKey encrypts it (16, 24 or 32 bytes for AES). secure is false only in
// development over plain http.
func NewSessions(hashKey, blockKey []byte, secure bool) (*Sessions, error) {
	return NewNamedSessions(hashKey, blockKey, secure, "idconnect_session")
}

// NewNamedSessions is NewSessions under another cookie name, for a second
// kind of session that must never pass for the owner's (the issuer
// console's reviewers).
func NewNamedSessions(hashKey, blockKey []byte, secure bool, name string) (*Sessions, error) {
	if len(hashKey) < 32 {
		return nil, fmt.Errorf("%w: hash key has %d bytes, want at least 32", ErrSessionKeys, len(hashKey))
	}
	if n := len(blockKey); n != 16 && n != 24 && n != 32 {
		return nil, fmt.Errorf("%w: block key has %d bytes, want 16, 24 or 32", ErrSessionKeys, n)
	}
	st := sessions.NewCookieStore(hashKey, blockKey)
	st.Options = &sessions.Options{Path: "/", HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode}
	st.MaxAge(int(SessionMaxAge / time.Second))
	if secure {
		name = "__Host-" + name
	}
	return &Sessions{store: st, name: name}, nil
}

// Login starts a new session holding d and sets its cookie. It never reuses the
// request's session: the new cookie value is freshly encrypted and carries only d,
// so a session id planted before login (fixation) is worthless. A cookie cannot be
// recalled, so what kills an old one is its login session: call Current before
// Login and revoke the old LoginSessionID in the store.
func (s *Sessions) Login(w http.ResponseWriter, r *http.Request, d SessionData) error {
	if d.LoginSessionID == "" {
		return fmt.Errorf("web: session login: empty login session id")
	}
	sess := sessions.NewSession(s.store, s.name)
	opts := *s.store.Options
	sess.Options = &opts
	sess.IsNew = true
	sess.Values[sessionValueKey] = d.LoginSessionID
	if err := s.store.Save(r, w, sess); err != nil {
		return fmt.Errorf("web: session login: %w", err)
	}
	return nil
}

// Current returns the session carried by the request's cookie, if it is authentic
// and not older than SessionMaxAge. The caller must still check the login session
// in the store (expired, revoked).
func (s *Sessions) Current(r *http.Request) (SessionData, bool) {
	sess, err := s.store.New(r, s.name)
	if err != nil || sess.IsNew {
		return SessionData{}, false
	}
	id, ok := sess.Values[sessionValueKey].(string)
	if !ok || id == "" {
		return SessionData{}, false
	}
	return SessionData{LoginSessionID: id}, true
}

// Logout deletes the session cookie. The caller revokes the login session.
func (s *Sessions) Logout(w http.ResponseWriter, r *http.Request) {
	opts := *s.store.Options
	opts.MaxAge = -1
	http.SetCookie(w, sessions.NewCookie(s.name, "", &opts))
}
