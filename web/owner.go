package web

import (
	"context"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/store"
)

// LoginSessions reads server-side login sessions.
type LoginSessions interface {
	GetLoginSession(ctx context.Context, id string) (store.LoginSession, error)
}

// Owner finds the signed-in identity owner of a request.
type Owner struct {
	Sessions *Sessions
	Store    LoginSessions
	Clock    func() time.Time
}

// Current returns the request's live login session: the cookie must be authentic and
// its login session unrevoked and unexpired.
func (o *Owner) Current(r *http.Request) (store.LoginSession, bool) {
	d, ok := o.Sessions.Current(r)
	if !ok {
		return store.LoginSession{}, false
	}
	ls, err := o.Store.GetLoginSession(r.Context(), d.LoginSessionID)
	if err != nil || !ls.RevokedAt.IsZero() || !o.Clock().Before(ls.ExpiresAt) {
		return store.LoginSession{}, false
	}
	return ls, true
}
