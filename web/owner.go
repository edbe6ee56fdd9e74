package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/identity"
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
	// Directory, when set, is asked on every request whether the session's
	// wallet still holds a management or action key on its identity (from
	// the cache, dropped on KeyRemoved), so that removing a lost wallet's
	// key also ends its sessions; a chain that cannot be read signs nobody in.
	Directory identity.Directory
}

// Current returns the request's live login session: the cookie must be authentic,
// its login session unrevoked and unexpired, and its wallet still a key of its
// identity.
func (o *Owner) Current(r *http.Request) (store.LoginSession, bool) {
	ls, err := o.Session(r)
	return ls, err == nil
}

// ErrSignedOut is a browser with no live login session.
var ErrSignedOut = errors.New("web: not signed in")

// Session is Current that tells a signed-out browser (ErrSignedOut) from a
// store or chain that cannot say (their own errors), so that an outage is
// answered as one and not as "sign in again".
func (o *Owner) Session(r *http.Request) (store.LoginSession, error) {
	d, ok := o.Sessions.Current(r)
	if !ok {
		return store.LoginSession{}, ErrSignedOut
	}
	ls, err := o.Store.GetLoginSession(r.Context(), d.LoginSessionID)
	switch {
	case errors.Is(err, store.ErrUnavailable):
		return store.LoginSession{}, err
	case err != nil || !ls.RevokedAt.IsZero() || !o.Clock().Before(ls.ExpiresAt):
		return store.LoginSession{}, ErrSignedOut
	}
	if o.Directory != nil {
		err := identity.RequirePurpose(r.Context(), o.Directory, ls.Identity, ls.Wallet, identity.PurposeManagement, identity.PurposeAction)
		switch {
		case errors.Is(err, identity.ErrChainUnavailable):
			return store.LoginSession{}, err
		case err != nil:
			return store.LoginSession{}, ErrSignedOut
		}
	}
	return ls, nil
}
