package api

import (
	"net/http"
	"time"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

func (h *AccessAPI) getGrant(w http.ResponseWriter, r *http.Request) {
	if _, g, ok := h.callerGrant(w, r); ok {
		web.WriteJSON(w, http.StatusOK, viewGrant(g, h.Clock()))
	}
}

// listGrants lists an identity's grants: all of them for its owner, only
// its own for a service.
func (h *AccessAPI) listGrants(w http.ResponseWriter, r *http.Request) {
	c, ok := h.authenticated(w, r)
	if !ok {
		return
	}
	raw := r.URL.Query().Get("identity")
	id, err := identity.ParseAddress(raw)
	if err != nil {
		httperr.Problem(w, r, http.StatusBadRequest, "identity required", "Name the identity contract: /access-grants?identity=0x….")
		return
	}
	f := store.GrantFilter{Identity: id, ClientID: c.clientID}
	if c.clientID == "" && c.owner != id {
		httperr.Problem(w, r, http.StatusForbidden, "Not the owner", "You may list only your own identity's grants.")
		return
	}
	f.Cursor, f.Limit = cursorLimit(r)
	grants, next, err := h.Store.ListGrants(r.Context(), f)
	if err != nil {
		h.fail(w, r, "list", err)
		return
	}
	now := h.Clock()
	out := page[grantView]{Items: make([]grantView, 0, len(grants)), Next: next}
	for _, g := range grants {
		out.Items = append(out.Items, viewGrant(g, now))
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *AccessAPI) usage(w http.ResponseWriter, r *http.Request) {
	_, g, ok := h.callerGrant(w, r)
	if !ok {
		return
	}
	cursor, limit := cursorLimit(r)
	reads, next, err := h.Store.ListGrantUsage(r.Context(), g.ID, cursor, limit)
	if err != nil {
		h.fail(w, r, "list", err)
		return
	}
	out := page[usageView]{Items: make([]usageView, 0, len(reads)), Next: next}
	for _, u := range reads {
		out.Items = append(out.Items, usageView{At: u.At, Resource: u.Resource, Fields: u.Fields})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// token mints a grant token for the service an active grant is for.
func (h *AccessAPI) token(w http.ResponseWriter, r *http.Request) {
	c, g, ok := h.callerGrant(w, r)
	if !ok {
		return
	}
	if c.clientID == "" {
		httperr.Problem(w, r, http.StatusForbidden, "Service only", "Grant tokens are issued to the service a grant is for.")
		return
	}
	if g.Resource == "" {
		// A Connect grant's tokens come from the token endpoint, with refresh
		// rotation and reuse detection; an API key must not bypass them.
		httperr.Problem(w, r, http.StatusConflict, "Not an access-request grant",
			"Tokens of a grant made through Connect with ONCHAINID come from the token endpoint.")
		return
	}
	if st := consent.StateOf(g, h.Clock()); st != store.GrantActive {
		httperr.Problem(w, r, http.StatusConflict, "Grant not active", "The grant is "+string(st)+"; no token can be issued for it.")
		return
	}
	token, ttl, err := h.Tokens.MintGrantToken(r.Context(), g)
	if err != nil {
		h.fail(w, r, "mint grant token", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, validationAnswer{ID: g.ID, State: string(g.State), AccessToken: token,
		TokenType: "Bearer", ExpiresIn: int64(ttl / time.Second)})
}
