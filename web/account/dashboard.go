package account

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// DashboardStore is what the owner's dashboard reads from the store. Every list is
// a keyset page, so a page costs the same at the 10,000th grant as at the first.
type DashboardStore interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	GetGrant(ctx context.Context, id string) (store.Grant, error)
	ListGrants(ctx context.Context, f store.GrantFilter) ([]store.Grant, string, error)
	ListGrantUsage(ctx context.Context, grantID, cursor string, limit int) ([]store.GrantUsage, string, error)
	ListPendingAccessRequests(ctx context.Context, identity common.Address, cursor string, limit int) ([]store.AccessRequest, string, error)
}

// OwnerDecisions are the owner's answers to access requests and grants;
// consent.AccessRequests is one. Each checks that owner is the grant's identity.
type OwnerDecisions interface {
	Challenge(ctx context.Context, id string, owner, wallet common.Address) (challenge.Challenge, error)
	Deny(ctx context.Context, id string, owner common.Address) (store.Grant, error)
	Revoke(ctx context.Context, id string, owner common.Address) (store.Grant, error)
}

// KeyLister lists an identity's ERC-734 keys from the chain; identity.Reader is one.
type KeyLister interface {
	Keys(ctx context.Context, id common.Address, extra ...common.Address) ([]identity.Key, error)
}

// BlockWaiter waits until the server's chain reads include block n;
// identity.Cache is one.
type BlockWaiter interface {
	WaitBlock(ctx context.Context, n uint64) error
}

var (
	_ DashboardStore = (store.Store)(nil)
	_ OwnerDecisions = (*consent.AccessRequests)(nil)
	_ KeyLister      = (*identity.Reader)(nil)
	_ BlockWaiter    = (*identity.Cache)(nil)
)

// Dashboard is the owner's dashboard under /account: an overview, the identity's
// wallets (keys), claims, grants with their usage logs, and pending access
// requests. Pages work without JavaScript; only Approve (a signature) and sending a
// key change (a transaction) need the wallet, and the server never holds the
// owner's keys. The profile form stays with Account.
type Dashboard struct {
	Site      web.Site
	Owner     *web.Owner
	Store     DashboardStore
	Decisions OwnerDecisions
	Keys      KeyLister
	Directory identity.Directory
	// Follow, when set, lets the wallet list wait for the block of a transaction the
	// owner just sent, so that the list shows its effect.
	Follow      BlockWaiter
	Catalogue   identity.Catalogue
	IssuerNames map[common.Address]string // display names of known claim issuers
	Static      *web.Static
	Clock       func() time.Time
	Log         *slog.Logger
	// PageSize is the length of every list page (store.DefaultPageLimit when 0).
	PageSize int
	// Webhooks keeps the identity's webhook for new access requests.
	Webhooks WebhookSettings
	// Desk is this server's claim issuer: the Claims page lists the owner's
	// applications to it and offers its topics. Nil when it runs none.
	Desk *issuer.Desk
	// Screening, when set, keeps the desk's rolling claims: the Claims
	// page says which, and from when they renew.
	Screening *screening.Runner
}

// Mount registers the routes.
func (h *Dashboard) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /account", h.overview)
	mux.HandleFunc("GET /account/wallets", h.wallets)
	mux.HandleFunc("POST /account/wallets/prepare", h.prepareWallet)
	mux.HandleFunc("GET /account/claims", h.claims)
	mux.HandleFunc("GET "+PathApply, h.applyForm)
	mux.HandleFunc("POST "+PathApply, h.apply)
	mux.HandleFunc("GET /account/claims/ready/{id}", h.readyClaim)
	mux.HandleFunc("GET /account/grants", h.grants)
	mux.HandleFunc("GET /account/grants/{id}", h.grant)
	mux.HandleFunc("POST /account/grants/{id}/revoke", h.revoke)
	mux.HandleFunc("GET /account/requests", h.requests)
	mux.HandleFunc("POST /account/requests/{id}/deny", h.deny)
	mux.HandleFunc("POST /account/requests/{id}/challenge", h.approvalChallenge)
	mux.HandleFunc("GET /account/webhook", h.webhook)
	mux.HandleFunc("POST /account/webhook", h.setWebhook)
	mux.HandleFunc("POST /account/webhook/remove", h.removeWebhook)
}

// ownerSession is the signed-in owner of a dashboard request.
type ownerSession struct {
	identity, wallet common.Address
	nav              templates.AccountNav
}

// session returns the request's owner, or sends the browser to sign in.
func (h *Dashboard) session(w http.ResponseWriter, r *http.Request, section string) (ownerSession, bool) {
	if ls, ok := h.Owner.Current(r); ok {
		return ownerSession{identity: ls.Identity, wallet: ls.Wallet, nav: templates.AccountNav{
			Current: section, Identity: ls.Identity.Hex(), Wallet: ls.Wallet.Hex(),
			ChainID: h.Site.ChainID, ChainName: h.Site.ChainName, DevWallet: h.Site.Dev,
		}}, true
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return ownerSession{}, false
}

func (h *Dashboard) overview(w http.ResponseWriter, r *http.Request) {
	s, ok := h.session(w, r, "overview")
	if !ok {
		return
	}
	reqs, next, err := h.Store.ListPendingAccessRequests(r.Context(), s.identity, "", h.pageSize())
	if err != nil {
		h.fail(w, r, "list pending requests", err)
		return
	}
	v := templates.OverviewView{Nav: s.nav, PendingMore: next != ""}
	now := h.Clock()
	for _, q := range reqs {
		if now.Before(q.ExpiresAt) {
			v.Pending++
		}
	}
	h.Static.Render(w, r, http.StatusOK, templates.OverviewPage(v))
}

func (h *Dashboard) pageSize() int { return store.PageLimit(h.PageSize) }

// clientNames looks up client names once per page: a page of 50 grants usually
// names a handful of clients.
type clientNames struct {
	store DashboardStore
	names map[string]string
}

func (h *Dashboard) clientNames() *clientNames {
	return &clientNames{store: h.Store, names: map[string]string{}}
}

func (c *clientNames) name(ctx context.Context, id string) (string, error) {
	if n, ok := c.names[id]; ok {
		return n, nil
	}
	cl, err := c.store.GetClient(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		cl.Name = "a removed client (" + id + ")"
	case err != nil:
		return "", err
	case cl.Name == "":
		cl.Name = id
	}
	c.names[id] = cl.Name
	return cl.Name, nil
}

// errorPage answers with a plain page; the detail, if any, went to the log.
func (h *Dashboard) errorPage(w http.ResponseWriter, r *http.Request, status int, title, message string) {
	httperr.Page(w, r, h.Static, status, title, message)
}

func (h *Dashboard) notFound(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusNotFound, "Not found", "There is nothing here for your identity. Go back to your account and try again.")
}

func (h *Dashboard) badCursor(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusBadRequest, "This page link is not valid", "Go back to the first page of the list.")
}

// cursor reads the ?cursor= of a list page, answering a value no store
// issued itself.
func (h *Dashboard) cursor(w http.ResponseWriter, r *http.Request) (string, bool) {
	c, ok := pageCursor(r.URL.Query())
	if !ok {
		h.badCursor(w, r)
	}
	return c, ok
}

// fail answers what went wrong: a cursor the store refused is the link's
// fault, an unreachable chain a 503, anything else the server's.
func (h *Dashboard) fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	if errors.Is(err, store.ErrInvalidCursor) {
		h.badCursor(w, r)
		return
	}
	httperr.FailPage(w, r, h.Log, h.Static, "dashboard: "+op, err)
}
