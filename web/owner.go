package web

import (
	"context"
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
	d, ok := o.Sessions.Current(r)
	if !ok {
		return store.LoginSession{}, false
	}
	ls, err := o.Store.GetLoginSession(r.Context(), d.LoginSessionID)
	if err != nil || !ls.RevokedAt.IsZero() || !o.Clock().Before(ls.ExpiresAt) {
		return store.LoginSession{}, false
	}
	if o.Directory != nil && !o.stillKey(r.Context(), ls) {
		return store.LoginSession{}, false
	}
	return ls, true
}

func (o *Owner) stillKey(ctx context.Context, ls store.LoginSession) bool {
	return identity.RequirePurpose(ctx, o.Directory, ls.Identity, ls.Wallet, identity.PurposeManagement, identity.PurposeAction) == nil
}
