package oauthpages

import (
	"log/slog"
	"net/http"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// UserInfo serves GET and POST /userinfo: only the granted fields, after the
// four checks of every read (consent.Reader), and the read is logged.
type UserInfo struct {
	Site      web.Site
	Reads     *consent.Reader
	Catalogue identity.Catalogue
	Log       *slog.Logger
}

// Mount registers the routes.
func (h *UserInfo) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /userinfo", h.serve)
	mux.HandleFunc("POST /userinfo", h.serve)
}

func (h *UserInfo) serve(w http.ResponseWriter, r *http.Request) {
	token, ok := web.Bearer(r)
	if !ok {
		unauthorized(w, r, "", "")
		return
	}
	res, err := h.Reads.Read(r.Context(), consent.ReadRequest{Token: token, Audience: h.Site.Issuer,
		Resource: "/userinfo", Scope: consent.ScopeOpenID})
	if err != nil {
		if ref, ok := web.ReadRefusalOf(err); ok {
			if ref.Status == http.StatusUnauthorized {
				unauthorized(w, r, ref.Code, ref.Desc)
				return
			}
			httperr.BearerChallenge(w, ref.Code, "")
			httperr.OAuth(w, r, ref.Status, ref.Code, ref.Desc)
			return
		}
		httperr.FailOAuth(w, r, h.Log, "userinfo read", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, res.Disclosure.UserInfo(h.Catalogue))
}

// unauthorized is RFC 6750's 401: the bearer challenge, and the same
// error in the body for clients that read it.
func unauthorized(w http.ResponseWriter, r *http.Request, code, desc string) {
	httperr.BearerChallenge(w, code, desc)
	if code == "" {
		code, desc = "invalid_request", "An access token is required."
	}
	httperr.OAuth(w, r, http.StatusUnauthorized, code, desc)
}
