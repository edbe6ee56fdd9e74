package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// WalletTokens mints the wallet tokens of the identity JSON-RPC;
// *authz.Provider implements it.
type WalletTokens interface {
	IssueWalletToken(ctx context.Context, wallet common.Address) (string, time.Duration, error)
}

var _ WalletTokens = (*authz.Provider)(nil)

// WalletAuth signs wallets in to the identity JSON-RPC: POST
// /auth/challenges {"wallet"} issues a SIWE challenge, and POST
// /auth/tokens {"message","signature"} exchanges it, signed, for a
// bearer token naming the wallet. The token grants nothing by itself:
// the JSON-RPC reads the wallet's rights from the chain at each call.
type WalletAuth struct {
	Site       web.Site
	Tokens     WalletTokens
	Challenges *challenge.Service
	// IPLimit, when set, limits challenges and token requests per client
	// IP: each challenge is a stored nonce.
	IPLimit *web.Limiter
	Log     *slog.Logger
}

// Mount registers the two routes.
func (a *WalletAuth) Mount(mux *http.ServeMux) {
	limit := func(h http.HandlerFunc) http.Handler {
		if a.IPLimit == nil {
			return h
		}
		return web.LimitByIP(a.IPLimit, h)
	}
	mux.Handle("POST /auth/challenges", limit(a.challenge))
	mux.Handle("POST /auth/tokens", limit(a.token))
}

type walletChallengePost struct {
	Wallet string `json:"wallet"`
}

func (p walletChallengePost) validate() (common.Address, error) {
	a, err := identity.ParseAddress(p.Wallet)
	if err != nil || a == (common.Address{}) {
		return common.Address{}, fmt.Errorf("%w: wallet must be a 0x address", web.ErrBadPost)
	}
	return a, nil
}

func (a *WalletAuth) challenge(w http.ResponseWriter, r *http.Request) {
	var p walletChallengePost
	if !readJSON(w, r, &p) {
		return
	}
	wallet, err := p.validate()
	if err != nil {
		httperr.Problem(w, r, http.StatusBadRequest, "", err.Error())
		return
	}
	ch, err := web.IssueWalletChallenge(r.Context(), a.Challenges, a.Site, wallet)
	if err != nil {
		httperr.FailProblem(w, r, a.Log, "issue wallet challenge", err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]string{
		"challenge": ch.Text, "expires_at": ch.ExpiresAt.UTC().Format(time.RFC3339),
	})
}

func (a *WalletAuth) token(w http.ResponseWriter, r *http.Request) {
	var p serviceTokenPost
	if !readJSON(w, r, &p) {
		return
	}
	if err := p.check(); err != nil {
		httperr.Problem(w, r, http.StatusBadRequest, "", err.Error())
		return
	}
	wallet, err := web.VerifyWalletChallenge(r.Context(), a.Challenges, a.Site, p.Message, p.Signature)
	if err != nil {
		writeServiceChallengeError(w, r, a.Log, err)
		return
	}
	tok, ttl, err := a.Tokens.IssueWalletToken(r.Context(), wallet)
	if err != nil {
		httperr.FailProblem(w, r, a.Log, "issue wallet token", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{
		"access_token": tok, "token_type": "Bearer", "expires_in": int64(ttl / time.Second),
	})
}
