package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/templates"
)

// LoginStore is what sign-in needs from the store.
type LoginStore interface {
	GetClient(ctx context.Context, id string) (store.Client, error)
	GetAuthRequest(ctx context.Context, id string) (store.AuthRequest, error)
	UpdateAuthRequest(ctx context.Context, id string, fn func(store.AuthRequest) (store.AuthRequest, error)) (store.AuthRequest, error)
	CreateLoginSession(ctx context.Context, s store.LoginSession) error
	RevokeLoginSession(ctx context.Context, id string, at time.Time) error
	AppendAuditEvent(ctx context.Context, e store.AuditEvent) (store.AuditEvent, error)
}

// Onboarder gives a wallet without an identity a new one from the factory, with the
// wallet as its management key (in --dev, or with a configured deployer key).
type Onboarder interface {
	Onboard(ctx context.Context, wallet common.Address) (common.Address, error)
}

// Login is wallet sign-in: GET /login shows the page, POST /login/challenge issues
// the SIWE message, POST /login checks it and starts the session.
type Login struct {
	Site       Site
	Store      LoginStore
	Challenges *challenge.Service
	Directory  identity.Directory
	Onboarder  Onboarder // nil: wallets without an identity are told how to get one
	Sessions   *Sessions
	Static     *Static
	IPLimit    *Limiter // per client IP, on challenges and logins
	AddrLimit  *Limiter // per wallet address, on challenges and logins
	Clock      func() time.Time
	SessionTTL time.Duration
	Log        *slog.Logger
}

// accountRequest prefixes the request id of a sign-in to the owner's dashboard,
// which has no pending authorization request.
const accountRequest = "acct-"

// Mount registers the routes.
func (h *Login) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /login", h.page)
	mux.HandleFunc("GET /login/no-identity", h.noIdentity)
	mux.Handle("POST /login/challenge", h.limitIP(h.challenge))
	mux.Handle("POST /login", h.limitIP(h.login))
}

func (h *Login) page(w http.ResponseWriter, r *http.Request) {
	view := templates.LoginView{Issuer: h.Site.Issuer, ChainID: h.Site.ChainID, ChainName: h.Site.ChainName, DevWallet: h.Site.Dev}
	if id := r.URL.Query().Get("request"); id != "" {
		req, client, err := h.pending(r.Context(), id)
		if err != nil {
			h.Static.Render(w, r, http.StatusBadRequest, templates.ErrorPage(templates.ErrorView{Status: 400,
				Title: "This sign-in link has expired", Message: "Go back to the site you came from and start again."}))
			return
		}
		view.RequestID, view.ClientName, view.ClientURI = req.ID, client.Name, clientURI(client)
	} else {
		view.RequestID, view.ClientName = accountRequest+randomID(), "your idconnect account"
	}
	h.Static.Render(w, r, http.StatusOK, templates.LoginPage(view))
}

func (h *Login) noIdentity(w http.ResponseWriter, r *http.Request) {
	h.Static.Render(w, r, http.StatusOK, templates.NoIdentityPage(templates.NoIdentityView{
		Explanation: "This wallet is not a key of any ONCHAINID identity that this server knows.",
	}))
}

func (h *Login) challenge(w http.ResponseWriter, r *http.Request) {
	p, addr, err := parseChallengePost(bodyOf(w, r), true)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "bad_request", "The request was malformed.")
		return
	}
	if !h.allow(w, addr) {
		return
	}
	if !strings.HasPrefix(p.Request, accountRequest) {
		if _, _, err := h.pending(r.Context(), p.Request); err != nil {
			WriteError(w, http.StatusBadRequest, "expired", "This sign-in has expired. Go back to the site you came from and start again.")
			return
		}
	}
	c, err := h.Challenges.Issue(r.Context(), challenge.Request{
		Purpose: store.PurposeLogin, Domain: h.Site.Domain(), URI: h.Site.Origin(), Address: addr,
		Statement: "Sign in to " + h.Site.Domain() + " with your ONCHAINID identity.", RequestID: p.Request,
	})
	if err != nil {
		h.serverError(w, "issue login challenge", err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"message": c.Text})
}

func (h *Login) login(w http.ResponseWriter, r *http.Request) {
	p, err := parseSignedPost(bodyOf(w, r))
	if err != nil {
		WriteError(w, http.StatusBadRequest, "bad_request", "The request was malformed.")
		return
	}
	if addr, ok := messageAddress(p.Message); ok && !h.allow(w, addr) {
		return
	}
	v, err := h.Challenges.Verify(r.Context(), p.Message, p.Signature, challenge.Expect{
		Purpose: store.PurposeLogin, Domain: h.Site.Domain(), URI: h.Site.Origin(), RequestID: p.Request,
	})
	if err != nil {
		writeChallengeError(w, err)
		return
	}
	id, ok := h.identityOf(w, r, v.Address)
	if !ok {
		return
	}
	redirect, err := h.startSession(w, r, p.Request, id, v.Address)
	if err != nil {
		h.serverError(w, "start session", err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"redirect": redirect})
}

// identityOf resolves the signing wallet to its identity (onboarding it in dev) and
// checks it holds purpose 1 or 2 there.
func (h *Login) identityOf(w http.ResponseWriter, r *http.Request, wallet common.Address) (common.Address, bool) {
	ctx := r.Context()
	res, err := h.Directory.Resolve(ctx, wallet, common.Address{})
	id := res.Identity
	if errors.Is(err, identity.ErrNoIdentity) && h.Onboarder != nil {
		id, err = h.Onboarder.Onboard(ctx, wallet)
	}
	switch {
	case errors.Is(err, identity.ErrNoIdentity):
		WriteJSON(w, http.StatusForbidden, map[string]string{"error": "no_identity",
			"message": "This wallet has no ONCHAINID identity.", "redirect": "/login/no-identity"})
		return id, false
	case errors.Is(err, identity.ErrChainUnavailable):
		WriteError(w, http.StatusServiceUnavailable, "chain_unavailable", "The blockchain cannot be reached right now. Try again shortly.")
		return id, false
	case err != nil:
		h.serverError(w, "resolve identity", err)
		return id, false
	}
	if err := identity.RequirePurpose(ctx, h.Directory, id, wallet, identity.PurposeManagement, identity.PurposeAction); err != nil {
		if errors.Is(err, identity.ErrMissingPurpose) {
			WriteError(w, http.StatusForbidden, "missing_purpose", "This wallet is not a management or action key of its identity.")
		} else {
			h.serverError(w, "check key purpose", err)
		}
		return id, false
	}
	return id, true
}

// startSession records the login, regenerates the browser session, binds the
// pending authorization request to the identity, and says where to go next.
func (h *Login) startSession(w http.ResponseWriter, r *http.Request, requestID string, id, wallet common.Address) (string, error) {
	ctx, now := r.Context(), h.Clock().UTC()
	if old, ok := h.Sessions.Current(r); ok {
		_ = h.Store.RevokeLoginSession(ctx, old.LoginSessionID, now) // the old cookie dies with it
	}
	ls := store.LoginSession{ID: randomID(), Identity: id.Hex(), Wallet: wallet.Hex(), ChainID: int64(h.Site.ChainID), AuthTime: now, ExpiresAt: now.Add(h.SessionTTL)}
	if err := h.Store.CreateLoginSession(ctx, ls); err != nil {
		return "", err
	}
	if err := h.Sessions.Login(w, r, SessionData{LoginSessionID: ls.ID}); err != nil {
		return "", err
	}
	_, _ = h.Store.AppendAuditEvent(ctx, store.AuditEvent{At: now, Kind: store.AuditLogin, Actor: ls.Wallet, Identity: ls.Identity})
	if strings.HasPrefix(requestID, accountRequest) {
		return "/account", nil
	}
	_, err := h.Store.UpdateAuthRequest(ctx, requestID, func(a store.AuthRequest) (store.AuthRequest, error) {
		a.Identity, a.Wallet, a.LoginSessionID = ls.Identity, ls.Wallet, ls.ID
		return a, nil
	})
	return "/consent?request=" + requestID, err
}

// pending loads an unexpired authorization request and its client.
func (h *Login) pending(ctx context.Context, id string) (store.AuthRequest, store.Client, error) {
	req, err := h.Store.GetAuthRequest(ctx, id)
	if err != nil {
		return req, store.Client{}, err
	}
	if !h.Clock().Before(req.ExpiresAt) {
		return req, store.Client{}, store.ErrExpired
	}
	client, err := h.Store.GetClient(ctx, req.ClientID)
	return req, client, err
}

func (h *Login) limitIP(f http.HandlerFunc) http.Handler {
	if h.IPLimit == nil {
		return f
	}
	return LimitByIP(h.IPLimit, f)
}

func (h *Login) allow(w http.ResponseWriter, addr common.Address) bool {
	if h.AddrLimit == nil {
		return true
	}
	ok, retry := h.AddrLimit.Check("addr:" + addr.Hex())
	if !ok {
		TooManyRequests(w, retry)
	}
	return ok
}

func (h *Login) serverError(w http.ResponseWriter, op string, err error) {
	serverError(h.Log, w, op, err)
}
