package account

import (
	"errors"
	"net/http"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// requests is one page of the access requests that wait for the owner, newest
// first, expired ones included (without buttons) so the owner sees what was asked.
func (h *Dashboard) requests(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "requests")
	if !ok {
		return
	}
	cursor, ok := h.cursor(w, r)
	if !ok {
		return
	}
	page, next, err := h.Store.ListPendingAccessRequests(r.Context(), s.identity, cursor, h.pageSize())
	if err != nil {
		h.fail(w, r, "list access requests", err)
		return
	}
	v := templates.RequestsView{Nav: s.nav, Notice: doneNotice(r.URL.Query(), requestNotices())}
	names, now := h.clientNames(), h.Clock()
	for _, q := range page {
		name, err := names.name(r.Context(), q.ClientID)
		if err != nil {
			h.fail(w, r, "read client", err)
			return
		}
		v.Requests = append(v.Requests, templates.RequestRow{
			ID: q.ID, ClientName: name, Purpose: q.Purpose, Kind: string(q.Kind), Access: h.requestAccess(q.Resource, q.Fields),
			Resource: q.Resource, Created: q.CreatedAt, Expires: q.ExpiresAt, Expired: !now.Before(q.ExpiresAt),
		})
	}
	if next != "" {
		v.Older = pageURL("/account/requests", next)
	}
	if cursor != "" {
		v.Newest = "/account/requests"
	}
	h.Static.Render(w, r, http.StatusOK, templates.RequestsPage(v))
}

func requestNotices() map[string]templates.Notice {
	return map[string]templates.Notice{
		"denied":  {Text: "Request denied. The service is told that you said no."},
		"decided": {Text: "This request was already answered, so nothing changed.", Error: true},
		"expired": {Text: "This request expired before your answer. The service must ask again.", Error: true},
	}
}

// deny refuses a request: a plain form, no wallet needed.
func (h *Dashboard) deny(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "requests")
	if !ok {
		return
	}
	id := pathGrantID(r.PathValue("id"))
	if id == "" {
		h.notFound(w, r)
		return
	}
	_, err := h.Decisions.Deny(r.Context(), id, s.identity)
	switch {
	case errors.Is(err, consent.ErrUnknownGrant), errors.Is(err, consent.ErrNotOwner):
		h.notFound(w, r)
	case errors.Is(err, consent.ErrRequestExpired):
		http.Redirect(w, r, "/account/requests?done=expired", http.StatusSeeOther)
	case errors.Is(err, consent.ErrDecided):
		http.Redirect(w, r, "/account/requests?done=decided", http.StatusSeeOther)
	case err != nil:
		h.fail(w, r, "deny access request", err)
	default:
		http.Redirect(w, r, "/account/requests?done=denied", http.StatusSeeOther)
	}
}

// approvalChallenge issues the message the signed-in wallet signs to approve a
// request: dashboard.js asks for it, has the wallet sign it and posts both to
// POST /access-grants/{id}/validations. It answers JSON in the page scripts' error
// shape.
func (h *Dashboard) approvalChallenge(w http.ResponseWriter, r *http.Request) {
	ls, ok := h.Owner.Current(r)
	if !ok {
		httperr.JSON(w, r, http.StatusUnauthorized, "signed_out", "You are signed out. Reload the page and sign in again.")
		return
	}
	owner, wallet := ls.Identity, ls.Wallet
	id := pathGrantID(r.PathValue("id"))
	if id == "" {
		httperr.JSON(w, r, http.StatusNotFound, "not_found", "This request does not exist. Reload the page.")
		return
	}
	c, err := h.Decisions.Challenge(r.Context(), id, owner, wallet)
	switch {
	case errors.Is(err, consent.ErrUnknownGrant), errors.Is(err, consent.ErrNotOwner):
		httperr.JSON(w, r, http.StatusNotFound, "not_found", "This request does not exist. Reload the page.")
	case errors.Is(err, consent.ErrRequestExpired):
		httperr.JSON(w, r, http.StatusGone, "expired", "This request expired before your answer. The service must ask again.")
	case errors.Is(err, consent.ErrDecided):
		httperr.JSON(w, r, http.StatusConflict, "decided", "This request was already answered. Reload the page.")
	case err != nil:
		httperr.FailJSON(w, r, h.Log, "issue approval challenge", err)
	default:
		web.WriteJSON(w, http.StatusOK, map[string]string{"challenge": c.Text})
	}
}
