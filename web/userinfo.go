package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
)

// TokenVerifier checks a grant token's signature, type, issuer and expiry, and
// returns the key of its revocation, which the grant read checks
// (consent.Read.TokenHash).
type TokenVerifier interface {
	VerifyGrantToken(ctx context.Context, token string) (*authz.GrantClaims, string, error)
}

// UserInfo serves GET and POST /userinfo: only the granted fields, after the four
// checks of every read (token, grant active and consumed if immediate, wallet key
// still on the identity, claims judged on the chain), and the read is logged.
type UserInfo struct {
	Site      Site
	Tokens    TokenVerifier
	Grants    *consent.Grants
	Directory identity.Directory
	Catalogue identity.Catalogue
	Clock     func() time.Time
	Log       *slog.Logger
}

// Mount registers the routes.
func (h *UserInfo) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /userinfo", h.serve)
	mux.HandleFunc("POST /userinfo", h.serve)
}

func (h *UserInfo) serve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token, ok := bearer(r)
	if !ok {
		unauthorized(w, "", "")
		return
	}
	c, hash, err := h.Tokens.VerifyGrantToken(ctx, token)
	if err != nil || !c.HasScope(consent.ScopeOpenID) {
		unauthorized(w, "invalid_token", "The access token is invalid or expired.")
		return
	}
	used, err := h.Grants.Use(ctx, consent.Read{GrantID: c.GrantID, ClientID: c.ClientID, Identity: c.Identity, Wallet: c.Wallet,
		Resource: "/userinfo", Fields: disclosedFields(c.Scopes), TokenHash: hash,
		Profile: slices.ContainsFunc(c.Scopes, isProfileScope)})
	switch {
	case errors.Is(err, consent.ErrGrantInactive), errors.Is(err, consent.ErrKeyRevoked):
		unauthorized(w, "invalid_token", "The grant behind this token is no longer active.")
		return
	case errors.Is(err, identity.ErrChainUnavailable):
		WriteError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The blockchain cannot be reached right now.")
		return
	case err != nil:
		serverError(h.Log, w, "use grant", err)
		return
	}
	d, err := h.disclosure(ctx, c, used.Profile)
	if err != nil {
		serverError(h.Log, w, "read disclosure", err)
		return
	}
	WriteJSON(w, http.StatusOK, d.UserInfo(h.Catalogue))
}

// disclosure is what the read returns: the profile the grant read fetched, and the
// granted claims, judged on the chain now.
func (h *UserInfo) disclosure(ctx context.Context, c *authz.GrantClaims, p consent.Profile) (consent.Disclosure, error) {
	d := consent.Disclosure{Subject: c.Subject, Wallet: identity.CAIP10(c.ChainID, c.Wallet), Scopes: c.Scopes, Profile: p}
	for _, s := range c.Scopes {
		if topic, ok := consent.ClaimTopic(s); ok {
			claims, err := h.Directory.ClaimsByTopic(ctx, c.Identity, topic, h.Clock())
			if err != nil {
				return d, err
			}
			if d.Claims == nil {
				d.Claims = map[uint64][]identity.Judgement{}
			}
			d.Claims[topic] = claims
		}
	}
	return d, nil
}

func isProfileScope(s string) bool {
	return s == consent.ScopeProfile || s == consent.ScopeEmail || s == consent.ScopePhone || s == consent.ScopeAddress
}

// disclosedFields names what a read under these scopes returns, for the usage log.
func disclosedFields(scopes []string) []string {
	fields := []string{"sub", "wallet"}
	for _, s := range scopes {
		if isProfileScope(s) || strings.HasPrefix(s, "claim:") {
			fields = append(fields, s)
		}
	}
	return fields
}

// bearer reads an RFC 6750 bearer token from the Authorization header.
func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != "" && len(token) < 8<<10
}

// bearerChallenge is RFC 6750's WWW-Authenticate for a refused bearer token,
// with its error code and description when there are.
func bearerChallenge(code, desc string) string {
	challenge := `Bearer realm="idconnect"`
	if code != "" {
		challenge += `, error="` + code + `"`
	}
	if desc != "" {
		challenge += `, error_description="` + desc + `"`
	}
	return challenge
}

func unauthorized(w http.ResponseWriter, code, desc string) {
	w.Header().Set("WWW-Authenticate", bearerChallenge(code, desc))
	if code == "" {
		code, desc = "invalid_request", "An access token is required."
	}
	WriteError(w, http.StatusUnauthorized, code, desc)
}
