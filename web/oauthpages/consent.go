package oauthpages

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// Authorizer is the slice of authz.Provider the consent step drives.
type Authorizer interface {
	AuthRequest(ctx context.Context, id string) (store.AuthRequest, error)
	Approve(ctx context.Context, requestID string, a authz.Approval) (*url.URL, error)
	Deny(ctx context.Context, requestID string) (*url.URL, error)
}

// Clients reads registered clients.
type Clients interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
}

// Consent is the consent step: GET /consent shows what the client asked for,
// POST /consent/challenge issues the consent message for the ticked items, and
// POST /consent takes the signed Allow or the Deny.
type Consent struct {
	Site       web.Site
	Owner      *web.Owner
	Authz      Authorizer
	Clients    Clients
	Describer  *consent.Describer
	Grants     *consent.Grants
	Challenges *challenge.Service
	Directory  identity.Directory
	Static     *web.Static
	Log        *slog.Logger
}

// Mount registers the routes.
func (h *Consent) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /consent", h.page)
	mux.HandleFunc("POST /consent/challenge", h.challenge)
	mux.HandleFunc("POST /consent", h.decide)
}

// pendingConsent is an authorization request bound to the signed-in owner.
type pendingConsent struct {
	login  store.LoginSession
	req    store.AuthRequest
	client store.Client
	id     common.Address
	wallet common.Address
}

// load finds the request and checks it belongs to the owner signed in on this browser.
// errNotYours refuses a consent whose request is unknown, expired, or
// another login session's.
var errNotYours = errors.New("web: the consent request is not this session's")

// load finds the pending request of the signed-in owner: errNotYours, or
// the store's error when it cannot be read (an outage is not a reason to
// sign in again).
func (h *Consent) load(r *http.Request, requestID string) (pendingConsent, error) {
	ls, err := h.Owner.Session(r)
	switch {
	case errors.Is(err, web.ErrSignedOut):
		return pendingConsent{}, errNotYours
	case err != nil:
		return pendingConsent{}, err
	}
	req, err := h.Authz.AuthRequest(r.Context(), requestID)
	switch {
	case errors.Is(err, store.ErrUnavailable):
		return pendingConsent{}, err
	case err != nil || req.LoginSessionID != ls.ID || !req.BoundTo(authz.RequestBinding(r, h.Site.Issuer)):
		return pendingConsent{}, errNotYours
	}
	client, err := h.Clients.GetClient(r.Context(), req.ClientID)
	switch {
	case errors.Is(err, store.ErrUnavailable):
		return pendingConsent{}, err
	case err != nil:
		return pendingConsent{}, errNotYours
	}
	return pendingConsent{ls, req, client, ls.Identity, ls.Wallet}, nil
}

func (h *Consent) page(w http.ResponseWriter, r *http.Request) {
	requestID := r.URL.Query().Get("request")
	p, err := h.load(r, requestID)
	if errors.Is(err, errNotYours) {
		http.Redirect(w, r, "/login?request="+url.QueryEscape(requestID), http.StatusSeeOther)
		return
	}
	if err != nil {
		h.failPage(w, r, "load consent", err)
		return
	}
	ctx := r.Context()
	if g, ok, err := h.Grants.Covering(ctx, p.client.ID, p.id, p.req.Scopes); err == nil && ok && !p.req.HasPrompt("consent") {
		h.approveCovered(w, r, p, g) // the owner already signed for these scopes or more
		return
	}
	items, err := h.Describer.Items(ctx, p.id, p.req.Scopes)
	if err != nil {
		h.failPage(w, r, "describe scopes", err)
		return
	}
	view := templates.ConsentView{RequestID: p.req.ID, ClientName: p.client.Name, ClientURI: clientURI(p.client), LogoURI: p.client.LogoURI,
		Identity: identity.CAIP10(h.Site.ChainID, p.id), Wallet: p.wallet.Hex(), GrantKindText: kindText(consent.KindOf(p.req.Scopes)),
		ChainID: h.Site.ChainID, DevWallet: h.Site.Dev}
	for _, it := range items {
		view.Items = append(view.Items, templates.ConsentItem{Scope: it.Scope, Text: it.Text, Optional: it.Optional, Checked: it.Available, Available: it.Available,
			NotHeld: it.NotHeld, ApplyURL: it.ApplyURL})
	}
	h.Static.Render(w, r, http.StatusOK, templates.ConsentPage(view))
}

func (h *Consent) challenge(w http.ResponseWriter, r *http.Request) {
	post, _, err := web.ParseChallengePost(web.BodyOf(w, r), false)
	if err != nil {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "The request was malformed.")
		return
	}
	p, err := h.load(r, post.Request)
	if errors.Is(err, errNotYours) {
		httperr.JSON(w, r, http.StatusForbidden, "not_signed_in", "Sign in again: this consent is not yours or has expired.")
		return
	}
	if err != nil {
		httperr.FailJSON(w, r, h.Log, "load consent", err)
		return
	}
	chosen, err := consent.Chosen(p.req.Scopes, post.Scopes)
	if err != nil {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_scopes", "Only the items the site asked for can be shared.")
		return
	}
	recap := h.recap(p, chosen)
	c, err := h.Challenges.Issue(r.Context(), challenge.Request{
		Purpose: store.PurposeConsent, Domain: h.Site.Domain(), URI: p.req.RedirectURI, Address: p.wallet,
		Statement: consent.ConsentStatement(recap, p.client.Name), RequestID: p.req.ID, Resources: []string{recap.URN()},
	})
	if err != nil {
		httperr.FailJSON(w, r, h.Log, "issue consent challenge", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]string{"message": c.Text})
}

// recap lists exactly the chosen scopes against the identity's resource URI.
func (h *Consent) recap(p pendingConsent, chosen []string) challenge.ReCap {
	return challenge.NewReCap(consent.Resource(h.Site.Issuer, p.id), consent.Abilities(chosen, consent.KindOf(p.req.Scopes))...)
}

func (h *Consent) decide(w http.ResponseWriter, r *http.Request) {
	d, err := consent.DecodeDecision(r.Header.Get("Content-Type"), web.BodyOf(w, r))
	if err != nil {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "The request was malformed.")
		return
	}
	p, err := h.load(r, d.RequestID)
	if errors.Is(err, errNotYours) {
		httperr.JSON(w, r, http.StatusForbidden, "not_signed_in", "Sign in again: this consent is not yours or has expired.")
		return
	}
	if err != nil {
		httperr.FailJSON(w, r, h.Log, "load consent", err)
		return
	}
	if !d.Allow() {
		u, err := h.Authz.Deny(r.Context(), p.req.ID)
		if err != nil {
			h.failPage(w, r, "deny", err)
			return
		}
		redirectClient(w, r, u)
		return
	}
	h.allow(w, r, p, d)
}

// allow checks the signed consent with consent's one rule (the message, the
// ReCap listing exactly the shown scopes, the statement as issued, a fresh
// nonce, the signer's purpose) and records the grant.
func (h *Consent) allow(w http.ResponseWriter, r *http.Request, p pendingConsent, d consent.Decision) {
	ctx := r.Context()
	chosen, err := consent.Chosen(p.req.Scopes, d.Scopes)
	if err != nil {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_scopes", "Only the items the site asked for can be shared.")
		return
	}
	recap := h.recap(p, chosen)
	v, err := consent.SignedConsent(ctx, h.Challenges, h.Directory, d.Message, d.Signature, consent.Issued{
		Purpose: store.PurposeConsent, Domain: h.Site.Domain(), URI: p.req.RedirectURI, RequestID: p.req.ID, Address: &p.wallet,
		Identity: p.id, ReCap: recap, Statement: consent.ConsentStatement(recap, p.client.Name),
	})
	switch {
	case errors.Is(err, consent.ErrNotAsIssued):
		httperr.JSON(w, r, http.StatusBadRequest, "scope_mismatch", "The signed message does not say what was shown. Try again.")
		return
	case errors.Is(err, consent.ErrNotOwner):
		httperr.JSON(w, r, http.StatusForbidden, "missing_purpose", "This wallet is no longer a management or action key of the identity.")
		return
	case errors.Is(err, identity.ErrChainUnavailable):
		httperr.FailJSON(w, r, h.Log, "consent: check signer", err)
		return
	case err != nil:
		writeChallengeError(w, r, h.Log, err)
		return
	}
	g, err := h.Grants.Create(ctx, consent.Consent{ClientID: p.client.ID, Identity: p.id, Wallet: v.Address, ChainID: h.Site.ChainID,
		Scopes: chosen, Message: d.Message, Signature: d.Signature, Hash: v.Hash})
	if err != nil {
		httperr.FailJSON(w, r, h.Log, "create grant", err)
		return
	}
	h.approve(w, r, p, g, true)
}

// approveCovered finishes a request that a live persistent grant covers.
func (h *Consent) approveCovered(w http.ResponseWriter, r *http.Request, p pendingConsent, g store.Grant) {
	h.approve(w, r, p, g, false)
}

// approve asks authz for the code redirect. The page script posted with fetch, so
// it gets the redirect as JSON and navigates itself; a covered request gets the 303.
func (h *Consent) approve(w http.ResponseWriter, r *http.Request, p pendingConsent, g store.Grant, asJSON bool) {
	scopes := g.Scopes
	if !asJSON {
		scopes = p.req.Scopes // covered: grant what was asked, which the grant includes
	}
	a := authz.Approval{Identity: p.id, Wallet: g.Wallet, ChainID: h.Site.ChainID, Scopes: scopes,
		GrantID: g.ID, GrantKind: g.Kind, ConsentHash: g.ConsentHash, AuthTime: p.login.AuthTime}
	u, err := h.Authz.Approve(r.Context(), p.req.ID, a)
	switch {
	case err != nil && asJSON:
		httperr.FailJSON(w, r, h.Log, "approve", err)
	case err != nil:
		h.failPage(w, r, "approve", err)
	case asJSON:
		web.WriteJSON(w, http.StatusOK, map[string]string{"redirect": u.String()})
	default:
		redirectClient(w, r, u)
	}
}

// redirectClient sends the browser back to the client with the
// authorization response, which no cache may keep.
func redirectClient(w http.ResponseWriter, r *http.Request, u *url.URL) {
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// failPage answers on the page: a request that is gone is a 400 that
// sends the visitor back to the site, anything else the server's failure.
func (h *Consent) failPage(w http.ResponseWriter, r *http.Request, op string, err error) {
	httperr.FailPage(w, r, h.Log, h.Static, "consent: "+op, err)
}

func kindText(k store.GrantKind) string {
	if k == store.GrantPersistent {
		return "until you revoke it"
	}
	return "one-time access"
}
