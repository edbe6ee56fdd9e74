package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// readProfile serves GET /identities/{identity}/profile: the profile fields
// the grant token allows, or those of them the fields query names
// (fields=name,email), after the four checks of every read.
func (h *AccessAPI) readProfile(w http.ResponseWriter, r *http.Request) {
	id, ok := pathIdentity(w, r)
	if !ok {
		return
	}
	token, ok := h.bearerToken(w, r)
	if !ok {
		return
	}
	var scopes []string
	if q := r.URL.Query().Get("fields"); q != "" {
		for _, f := range strings.Split(q, ",") {
			s := consent.FieldScope(f)
			if s == "" {
				insufficientScope(w, r, fmt.Sprintf("The grant does not cover the field %.40q.", f))
				return
			}
			scopes = append(scopes, s)
		}
	}
	res, ok := h.read(w, r, consent.ReadRequest{Token: token, Identity: id, Resource: consent.Target{Identity: id}.Path(),
		Scopes: scopes, Only: consent.IsProfileScope, LogFields: consent.Fields})
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, res.Disclosure.UserInfo(h.Catalogue))
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
	token, ok := h.bearerToken(w, r)
	if !ok {
		return
	}
	scope := consent.ClaimScope(topic)
	res, ok := h.read(w, r, consent.ReadRequest{Token: token, Identity: id, Resource: consent.Target{Identity: id, Topic: topic}.Path(),
		Scopes: []string{scope}, LogFields: slices.Clone[[]string]})
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{
		"sub": res.Token.Subject, "topic": topic, "topic_name": h.Catalogue.Name(topic),
		"claims": res.Disclosure.OnchainClaims(h.Catalogue),
	})
}

// bearerToken reads the grant token of a resource read.
func (h *AccessAPI) bearerToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	token, ok := web.Bearer(r)
	if !ok {
		tokenProblem(w, r, "", "Send the grant token: Authorization: Bearer ….")
	}
	return token, ok
}

// read runs consent's read rule for this server's own resource, and
// answers its refusals as problems.
func (h *AccessAPI) read(w http.ResponseWriter, r *http.Request, req consent.ReadRequest) (consent.ReadResult, bool) {
	req.Audience = h.Site.Issuer
	res, err := h.Reads.Read(r.Context(), req)
	if err == nil {
		return res, true
	}
	switch ref, ok := web.ReadRefusalOf(err); {
	case ok && ref.Status == http.StatusForbidden:
		insufficientScope(w, r, "The grant does not cover this read.")
	case ok:
		tokenProblem(w, r, ref.Code, ref.Desc)
	default:
		h.fail(w, r, "read", err)
	}
	return consent.ReadResult{}, false
}

// tokenProblem is RFC 6750's 401, as an RFC 9457 problem.
func tokenProblem(w http.ResponseWriter, r *http.Request, code, detail string) {
	httperr.BearerChallenge(w, code, "")
	httperr.Problem(w, r, http.StatusUnauthorized, "", detail)
}

// insufficientScope is RFC 6750's answer to a token that does not cover
// what was asked.
func insufficientScope(w http.ResponseWriter, r *http.Request, detail string) {
	httperr.BearerChallenge(w, "insufficient_scope", "")
	httperr.Problem(w, r, http.StatusForbidden, "Insufficient scope", detail)
}
