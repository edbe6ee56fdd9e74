package oauthpages

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// LogoutFlow holds the rules of RP-initiated logout (authz.Provider).
type LogoutFlow interface {
	CheckLogout(ctx context.Context, req authz.LogoutRequest) (authz.Logout, error)
}

// LogoutStore is what ending a login session needs from the store.
type LogoutStore interface {
	GetLoginSession(ctx context.Context, id string) (store.LoginSession, error)
	RevokeLoginSession(ctx context.Context, id string, at time.Time) error
}

// EndSession is OpenID Connect RP-Initiated Logout 1.0 at
// authz.PathEndSession (GET or POST from the relying party). It ends the
// browser's login session at once when the request carries a valid ID
// token of the signed-in owner; otherwise it asks the owner, whose answer
// comes back as a same-origin POST to /oauth2/logout/confirm (the
// cross-origin protection refuses it from any other site). Then it
// returns the browser to the registered post_logout_redirect_uri, or
// says "You are signed out".
type EndSession struct {
	Flow     LogoutFlow
	Sessions *web.Sessions
	Store    LogoutStore
	Static   *web.Static
	Clock    func() time.Time
	Log      *slog.Logger
}

// pathConfirmLogout receives the owner's confirmation.
const pathConfirmLogout = authz.PathEndSession + "/confirm"

// Mount registers the routes. POST authz.PathEndSession must be exempt
// from cross-origin protection (relying parties post from their own
// origin); it never ends a session that a GET could not.
func (h *EndSession) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET "+authz.PathEndSession, h.start)
	mux.HandleFunc("POST "+authz.PathEndSession, h.start)
	mux.HandleFunc("POST "+pathConfirmLogout, h.confirm)
}

func (h *EndSession) start(w http.ResponseWriter, r *http.Request) {
	req, lo, ok := h.check(w, r)
	if !ok {
		return
	}
	ls, signedIn := h.session(r)
	if !lo.EndsWithoutAsking(sessionSubject(ls, signedIn)) {
		h.Static.Render(w, r, http.StatusOK, templates.LogoutConfirmPage(templates.LogoutConfirmView{
			ClientName: lo.ClientName, IDTokenHint: req.IDTokenHint, ClientID: req.ClientID,
			PostLogoutRedirectURI: req.PostLogoutRedirectURI, State: req.State,
		}))
		return
	}
	h.finish(w, r, lo, ls, signedIn)
}

func (h *EndSession) confirm(w http.ResponseWriter, r *http.Request) {
	_, lo, ok := h.check(w, r)
	if !ok {
		return
	}
	ls, signedIn := h.session(r)
	h.finish(w, r, lo, ls, signedIn)
}

// check parses the request (the query of a GET, the form of a POST) and
// has the flow judge it; a refusal gets a 400 page and changes nothing.
func (h *EndSession) check(w http.ResponseWriter, r *http.Request) (authz.LogoutRequest, authz.Logout, bool) {
	form, err := logoutForm(w, r)
	var req authz.LogoutRequest
	if err == nil {
		req, err = authz.ParseLogoutRequest(form)
	}
	var lo authz.Logout
	if err == nil {
		lo, err = h.Flow.CheckLogout(r.Context(), req)
	}
	switch {
	case errors.Is(err, authz.ErrInvalidLogout), errors.Is(err, web.ErrBadPost):
		httperr.Page(w, r, h.Static, http.StatusBadRequest,
			"This sign-out request cannot be processed", "The site that sent you here made a mistake. You are still signed in.")
		return req, lo, false
	case err != nil:
		h.fail(w, r, "check logout", err)
		return req, lo, false
	}
	return req, lo, true
}

// logoutForm reads the parameters: the query of a GET, the urlencoded
// body of a POST (never both, so a POST cannot be steered by its URL).
func logoutForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	if r.Method == http.MethodGet {
		return r.URL.Query(), nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, web.MaxPostBytes)
	if err := r.ParseForm(); err != nil {
		return nil, errors.Join(web.ErrBadPost, err)
	}
	return r.PostForm, nil
}

// session is the login session the browser's cookie names, if it is
// still live. A session whose wallet lost its key is still ended: only
// the cookie and the store record matter here.
func (h *EndSession) session(r *http.Request) (store.LoginSession, bool) {
	d, ok := h.Sessions.Current(r)
	if !ok {
		return store.LoginSession{}, false
	}
	ls, err := h.Store.GetLoginSession(r.Context(), d.LoginSessionID)
	if err != nil || !ls.RevokedAt.IsZero() || !h.Clock().Before(ls.ExpiresAt) {
		return store.LoginSession{}, false
	}
	return ls, true
}

// sessionSubject is the signed-in identity as an ID token's sub.
func sessionSubject(ls store.LoginSession, signedIn bool) string {
	if !signedIn {
		return ""
	}
	if ls.Identity == (common.Address{}) || ls.ChainID <= 0 {
		return "unreadable session" // matches no hint, so the owner is asked
	}
	return identity.CAIP10(uint64(ls.ChainID), ls.Identity)
}

// finish ends the login session, deletes the cookie and answers.
func (h *EndSession) finish(w http.ResponseWriter, r *http.Request, lo authz.Logout, ls store.LoginSession, signedIn bool) {
	if signedIn {
		err := h.Store.RevokeLoginSession(r.Context(), ls.ID, h.Clock())
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			// The cookie stays, so the owner is not told they are signed
			// out while the session still works.
			h.fail(w, r, "revoke login session", err)
			return
		}
	}
	h.Sessions.Logout(w, r)
	if lo.RedirectURL != "" {
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, lo.RedirectURL, http.StatusSeeOther)
		return
	}
	h.Static.Render(w, r, http.StatusOK, templates.SignedOutPage(templates.SignedOutView{ClientName: lo.ClientName}))
}

func (h *EndSession) fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	httperr.FailPage(w, r, h.Log, h.Static, "logout: "+op, err)
}
