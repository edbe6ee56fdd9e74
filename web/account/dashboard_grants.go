package account

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
)

// grants is one page of the identity's grants, newest first.
func (h *Dashboard) grants(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "grants")
	if !ok {
		return
	}
	cursor, ok := h.cursor(w, r)
	if !ok {
		return
	}
	page, next, err := h.Store.ListGrants(r.Context(), store.GrantFilter{Identity: s.identity, Cursor: cursor, Limit: h.pageSize()})
	if err != nil {
		h.fail(w, r, "list grants", err)
		return
	}
	v := templates.GrantsView{Nav: s.nav, Grants: make([]templates.GrantRow, 0, len(page))}
	names, now := h.clientNames(), h.Clock()
	for _, g := range page {
		row, err := h.grantRow(r.Context(), names, g, now)
		if err != nil {
			h.fail(w, r, "read client", err)
			return
		}
		v.Grants = append(v.Grants, row)
	}
	if next != "" {
		v.Older = pageURL("/account/grants", next)
	}
	if cursor != "" {
		v.Newest = "/account/grants"
	}
	h.Static.Render(w, r, http.StatusOK, templates.GrantsPage(v))
}

// grantRow is a grant as the owner sees it, in its state as of now.
func (h *Dashboard) grantRow(ctx context.Context, names *clientNames, g store.Grant, now time.Time) (templates.GrantRow, error) {
	name, err := names.name(ctx, g.ClientID)
	if err != nil {
		return templates.GrantRow{}, err
	}
	state := consent.StateOf(g, now)
	return templates.GrantRow{
		ID: g.ID, ClientName: name, Kind: string(g.Kind), State: string(state), Access: h.accessText(g.Scopes),
		Created: g.CreatedAt, LastUsed: g.LastUsedAt, UsageCount: g.UsageCount, Revocable: state == store.GrantActive,
	}, nil
}

// grant shows one grant of the identity and a page of its usage log.
func (h *Dashboard) grant(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "grants")
	if !ok {
		return
	}
	g, ok := h.ownGrant(w, r, s)
	if !ok {
		return
	}
	cursor, ok := h.cursor(w, r)
	if !ok {
		return
	}
	usage, next, err := h.Store.ListGrantUsage(r.Context(), g.ID, cursor, h.pageSize())
	if err != nil {
		h.fail(w, r, "list grant usage", err)
		return
	}
	row, err := h.grantRow(r.Context(), h.clientNames(), g, h.Clock())
	if err != nil {
		h.fail(w, r, "read client", err)
		return
	}
	v := templates.GrantDetailView{Nav: s.nav, Grant: row, Purpose: g.Purpose, Resource: g.Resource, Wallet: g.Wallet.Hex(),
		Revoked: g.RevokedAt, Notice: doneNotice(r.URL.Query(), grantNotices(row.ClientName))}
	if row.State == string(store.GrantRequested) || g.Kind == store.GrantImmediate {
		v.Expires = g.ExpiresAt
	}
	for _, u := range usage {
		v.Usage = append(v.Usage, templates.UsageRow{At: u.At, Resource: u.Resource, Fields: u.Fields})
	}
	path := grantPagePath(g.ID)
	if next != "" {
		v.Older = pageURL(path, next)
	}
	if cursor != "" {
		v.Newest = path
	}
	h.Static.Render(w, r, http.StatusOK, templates.GrantPage(v))
}

func grantPagePath(id string) string { return "/account/grants/" + id }

func grantNotices(client string) map[string]templates.Notice {
	return map[string]templates.Notice{
		"revoked":  {Text: "Access revoked. " + client + " can no longer read anything under this grant."},
		"approved": {Text: "Access approved. " + client + " can now read what you allowed."},
		"ended":    {Text: "This grant had already ended, so there was nothing to revoke.", Error: true},
	}
}

// ownGrant reads the path's grant, answering 404 unless it belongs to the
// signed-in identity: another identity's grant is not told apart from none.
func (h *Dashboard) ownGrant(w http.ResponseWriter, r *http.Request, s ownerSession) (store.Grant, bool) {
	id := pathGrantID(r.PathValue("id"))
	if id == "" {
		h.notFound(w, r)
		return store.Grant{}, false
	}
	g, err := h.Store.GetGrant(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && g.Identity != s.identity) {
		h.notFound(w, r)
		return store.Grant{}, false
	}
	if err != nil {
		h.fail(w, r, "read grant", err)
		return store.Grant{}, false
	}
	return g, true
}

// revoke ends a grant of the signed-in identity: a plain form, so it works without
// JavaScript and without the wallet. It goes through the same flow as the API's
// DELETE /access-grants/{id}, which also tells the service.
func (h *Dashboard) revoke(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "grants")
	if !ok {
		return
	}
	id := pathGrantID(r.PathValue("id"))
	if id == "" {
		h.notFound(w, r)
		return
	}
	_, err := h.Decisions.Revoke(r.Context(), id, s.identity)
	switch {
	case errors.Is(err, consent.ErrUnknownGrant), errors.Is(err, consent.ErrNotOwner):
		h.notFound(w, r)
	case errors.Is(err, consent.ErrDecided):
		http.Redirect(w, r, grantPagePath(id)+"?done=ended", http.StatusSeeOther)
	case err != nil:
		h.fail(w, r, "revoke grant", err)
	default:
		http.Redirect(w, r, grantPagePath(id)+"?done=revoked", http.StatusSeeOther)
	}
}
