package oauthpages

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/templates"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// Onboarder gives a wallet without an identity a new one from the factory, with the
// wallet as its management key (in --dev, or where the operator enabled it).
type Onboarder = signin.Onboarder

// LoginAuthorizer is the slice of authz.Provider that answers a prompt=none
// request without showing a page.
type LoginAuthorizer interface {
	Approve(ctx context.Context, requestID string, a authz.Approval) (*url.URL, error)
	Refuse(ctx context.Context, requestID, code string) (*url.URL, error)
}

// Login is wallet sign-in: GET /login shows the page (or reuses a live session),
// POST /login/challenge issues the SIWE message, POST /login checks it and starts
// the session. The rules live in signin; this parses, calls it, and answers.
type Login struct {
	Site     web.Site
	Flow     *signin.Service
	Authz    LoginAuthorizer
	Owner    *web.Owner // the live session a request may reuse
	Sessions *web.Sessions
	Static   *web.Static
	IPLimit  *web.Limiter // per client IP, on challenges and logins
	Log      *slog.Logger
}

// Mount registers the routes.
func (h *Login) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /login", h.page)
	mux.HandleFunc("GET /login/no-identity", h.noIdentity)
	mux.Handle("POST /login/challenge", h.limitIP(h.challenge))
	mux.Handle("POST /login", h.limitIP(h.login))
}

func (h *Login) page(w http.ResponseWriter, r *http.Request) {
	view := templates.LoginView{Issuer: h.Site.Issuer, ChainID: h.Site.ChainID, ChainName: h.Site.ChainName, DevWallet: h.Site.Dev}
	id := r.URL.Query().Get("request")
	if id == "" {
		acct, err := h.Flow.NewAccountRequestID()
		if err != nil {
			h.failPage(w, r, "account request id", err)
			return
		}
		view.RequestID, view.ClientName = acct, "your idconnect account"
		h.Static.Render(w, r, http.StatusOK, templates.LoginPage(view))
		return
	}
	rr := signin.ResumeRequest{RequestID: id, RequestBinding: authz.RequestBinding(r, h.Site.Issuer)}
	rr.Session, rr.HasSession = h.Owner.Current(r)
	next, err := h.Flow.Resume(r.Context(), rr)
	if err != nil {
		h.requestPage(w, r, err)
		return
	}
	switch next.Step {
	case signin.StepConsent:
		http.Redirect(w, r, next.Redirect, http.StatusSeeOther)
	case signin.StepApprove:
		h.approve(w, r, next)
	case signin.StepRefuse:
		u, err := h.Authz.Refuse(r.Context(), next.Request.ID, next.Error)
		if err != nil {
			h.failPage(w, r, "refuse prompt=none", err)
			return
		}
		redirectClient(w, r, u)
	default:
		view.RequestID, view.ClientName, view.ClientURI, view.LoginHint = next.Request.ID, next.Client.Name, clientURI(next.Client), hintText(next.Request.LoginHint)
		h.Static.Render(w, r, http.StatusOK, templates.LoginPage(view))
	}
}

// approve finishes a prompt=none request that a live session and a
// persistent grant cover: authz returns the redirect with the code.
func (h *Login) approve(w http.ResponseWriter, r *http.Request, next signin.Next) {
	g := next.Grant
	a := authz.Approval{Identity: next.Session.Identity, Wallet: next.Session.Wallet, ChainID: h.Site.ChainID, Scopes: next.Request.Scopes,
		GrantID: g.ID, GrantKind: g.Kind, ConsentHash: g.ConsentHash, AuthTime: next.Session.AuthTime}
	u, err := h.Authz.Approve(r.Context(), next.Request.ID, a)
	if err != nil {
		h.failPage(w, r, "approve prompt=none", err)
		return
	}
	redirectClient(w, r, u)
}

func (h *Login) noIdentity(w http.ResponseWriter, r *http.Request) {
	h.Static.Render(w, r, http.StatusOK, templates.NoIdentityPage(templates.NoIdentityView{
		Explanation: "This wallet is not a key of any ONCHAINID identity that this server knows.",
	}))
}

func (h *Login) challenge(w http.ResponseWriter, r *http.Request) {
	p, addr, err := web.ParseChallengePost(web.BodyOf(w, r), true)
	if err != nil {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "The request was malformed.")
		return
	}
	issued, err := h.Flow.Challenge(r.Context(), signin.ChallengeRequest{
		RequestID: p.Request, Wallet: addr, RequestBinding: authz.RequestBinding(r, h.Site.Issuer)})
	if err != nil {
		h.writeSignInError(w, r, "issue login challenge", err)
		return
	}
	h.setLoginBinding(w, issued.Binding, challenge.DefaultTTL+time.Minute)
	web.WriteJSON(w, http.StatusOK, map[string]string{"message": issued.Text})
}

func (h *Login) login(w http.ResponseWriter, r *http.Request) {
	p, err := web.ParseSignedPost(web.BodyOf(w, r))
	if err != nil {
		httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "The request was malformed.")
		return
	}
	a := signin.Attempt{RequestID: p.Request, Message: p.Message, Signature: p.Signature,
		ChallengeBinding: h.loginBinding(r), RequestBinding: authz.RequestBinding(r, h.Site.Issuer), ClientIP: web.ClientIP(r)}
	if old, ok := h.Sessions.Current(r); ok {
		a.PreviousSession = old.LoginSessionID
	}
	s, err := h.Flow.SignIn(r.Context(), a)
	if err != nil {
		h.writeSignInError(w, r, "sign in", err)
		return
	}
	if err := h.Sessions.Login(w, r, web.SessionData{LoginSessionID: s.Login.ID}); err != nil {
		httperr.FailJSON(w, r, h.Log, "start session", err)
		return
	}
	h.setLoginBinding(w, "", -1) // spent
	web.WriteJSON(w, http.StatusOK, map[string]string{"redirect": s.Redirect})
}

func (h *Login) limitIP(f http.HandlerFunc) http.Handler {
	if h.IPLimit == nil {
		return f
	}
	return web.LimitByIP(h.IPLimit, f)
}

// hintText is the page's form of a login hint: EIP-55, or empty for none.
func hintText(a common.Address) string {
	if a == (common.Address{}) {
		return ""
	}
	return a.Hex()
}
