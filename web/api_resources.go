package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
)

// readProfile serves GET /identities/{identity}/profile: the profile fields
// the grant token allows, or those of them the fields query names
// (fields=name,email), after the four checks of every read.
func (h *AccessAPI) readProfile(w http.ResponseWriter, r *http.Request) {
	id, ok := pathIdentity(w, r)
	if !ok {
		return
	}
	c, hash, ok := h.grantToken(w, r, id)
	if !ok {
		return
	}
	granted := consent.Fields(c.Scopes)
	fields := granted
	if q := r.URL.Query().Get("fields"); q != "" {
		fields = strings.Split(q, ",")
		for _, f := range fields {
			if !slices.Contains(granted, f) {
				insufficientScope(w, fmt.Sprintf("The grant does not cover the field %.40q.", f))
				return
			}
		}
	}
	if len(fields) == 0 {
		insufficientScope(w, "The grant covers no profile field.")
		return
	}
	scopes := make([]string, 0, len(fields))
	for _, f := range fields {
		scopes = append(scopes, consent.FieldScope(f))
	}
	used, ok := h.use(w, r, c, hash, consent.Target{Identity: id}.Path(), fields, true)
	if !ok {
		return
	}
	d := consent.Disclosure{Subject: c.Subject, Wallet: identity.CAIP10(c.ChainID, c.Wallet), Scopes: scopes, Profile: used.Profile}
	WriteJSON(w, http.StatusOK, d.UserInfo(h.Catalogue))
}

// readClaim serves GET /identities/{identity}/claims/{topic}: the claims of
// the topic, judged on the chain now.
func (h *AccessAPI) readClaim(w http.ResponseWriter, r *http.Request) {
	id, ok := pathIdentity(w, r)
	if !ok {
		return
	}
	topic, ok := pathTopic(w, r)
	if !ok {
		return
	}
	c, hash, ok := h.grantToken(w, r, id)
	if !ok {
		return
	}
	scope := consent.ClaimScope(topic)
	if !c.HasScope(scope) {
		insufficientScope(w, "The grant does not cover this claim topic.")
		return
	}
	// Judged before the grant is used: an immediate grant is not spent on
	// a read the chain cannot answer.
	claims, err := h.Directory.ClaimsByTopic(r.Context(), id, topic, h.Clock())
	if err != nil {
		h.fail(w, r, "read claims", err)
		return
	}
	if _, ok := h.use(w, r, c, hash, consent.Target{Identity: id, Topic: topic}.Path(), []string{scope}, false); !ok {
		return
	}
	d := consent.Disclosure{Scopes: []string{scope}, Claims: map[uint64][]identity.Judgement{topic: claims}}
	WriteJSON(w, http.StatusOK, map[string]any{
		"sub": c.Subject, "topic": topic, "topic_name": h.Catalogue.Name(topic), "claims": d.OnchainClaims(h.Catalogue),
	})
}

// grantToken verifies the request's bearer grant token for the identity
// of the path.
func (h *AccessAPI) grantToken(w http.ResponseWriter, r *http.Request, id common.Address) (*authz.GrantClaims, string, bool) {
	token, ok := bearer(r)
	if !ok {
		tokenProblem(w, "", "Send the grant token: Authorization: Bearer ….")
		return nil, "", false
	}
	c, hash, err := h.Tokens.VerifyGrantToken(r.Context(), token)
	if err != nil {
		tokenProblem(w, "invalid_token", "The access token is invalid or expired.")
		return nil, "", false
	}
	if c.Identity != id {
		insufficientScope(w, "The grant is for another identity.")
		return nil, "", false
	}
	return c, hash, true
}

// use runs checks 2 and 3 (grant active and consumed if immediate, wallet
// key still on the identity) and logs the read.
func (h *AccessAPI) use(w http.ResponseWriter, r *http.Request, c *authz.GrantClaims, hash, resource string, fields []string, profile bool) (consent.Used, bool) {
	used, err := h.Grants.Use(r.Context(), consent.Read{GrantID: c.GrantID, ClientID: c.ClientID, Identity: c.Identity,
		Wallet: c.Wallet, Resource: resource, Fields: fields, TokenHash: hash, Profile: profile})
	switch {
	case errors.Is(err, consent.ErrGrantInactive), errors.Is(err, consent.ErrKeyRevoked):
		tokenProblem(w, "invalid_token", "The grant behind this token is no longer active.")
		return consent.Used{}, false
	case err != nil:
		h.fail(w, r, "use grant", err)
		return consent.Used{}, false
	}
	return used, true
}

// tokenProblem is RFC 6750's 401, as an RFC 9457 problem.
func tokenProblem(w http.ResponseWriter, code, detail string) {
	w.Header().Set("WWW-Authenticate", bearerChallenge(code, ""))
	WriteProblem(w, http.StatusUnauthorized, "", detail)
}

// insufficientScope is RFC 6750's answer to a token that does not cover
// what was asked.
func insufficientScope(w http.ResponseWriter, detail string) {
	w.Header().Set("WWW-Authenticate", bearerChallenge("insufficient_scope", ""))
	WriteProblem(w, http.StatusForbidden, "Insufficient scope", detail)
}
