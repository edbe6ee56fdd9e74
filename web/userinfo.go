package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// UserInfo serves GET and POST /userinfo: only the granted fields, after the
// four checks of every read (consent.Reader), and the read is logged.
type UserInfo struct {
	Site      Site
	Reads     *consent.Reader
	Catalogue identity.Catalogue
	Log       *slog.Logger
}

// Mount registers the routes.
func (h *UserInfo) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /userinfo", h.serve)
	mux.HandleFunc("POST /userinfo", h.serve)
}

func (h *UserInfo) serve(w http.ResponseWriter, r *http.Request) {
	token, ok := bearer(r)
	if !ok {
		unauthorized(w, "", "")
		return
	}
	res, err := h.Reads.Read(r.Context(), consent.ReadRequest{Token: token, Audience: h.Site.Issuer,
		Resource: "/userinfo", Scope: consent.ScopeOpenID})
	if err != nil {
		if ref, ok := readRefusalOf(err); ok {
			if ref.status == http.StatusUnauthorized {
				unauthorized(w, ref.code, ref.desc)
				return
			}
			w.Header().Set("WWW-Authenticate", bearerChallenge(ref.code, ""))
			WriteError(w, ref.status, ref.code, ref.desc)
			return
		}
		if errors.Is(err, identity.ErrChainUnavailable) {
			WriteError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The blockchain cannot be reached right now.")
			return
		}
		serverError(h.Log, w, "read", err)
		return
	}
	WriteJSON(w, http.StatusOK, res.Disclosure.UserInfo(h.Catalogue))
}

// readRefusal is how a refused read is answered (RFC 6750): the status,
// the error code for WWW-Authenticate, and words for the caller.
type readRefusal struct {
	status     int
	code, desc string
}

// readRefusalOf maps the read rule's refusals; false for errors the
// caller could not help (chain, store).
func readRefusalOf(err error) (readRefusal, bool) {
	switch {
	case errors.Is(err, consent.ErrWrongAudience):
		return readRefusal{http.StatusUnauthorized, "invalid_token", "The access token is for another resource server."}, true
	case errors.Is(err, consent.ErrInvalidToken):
		return readRefusal{http.StatusUnauthorized, "invalid_token", "The access token is invalid or expired."}, true
	case errors.Is(err, consent.ErrInsufficientScope):
		return readRefusal{http.StatusForbidden, "insufficient_scope", "The grant does not cover this read."}, true
	case errors.Is(err, store.ErrGrantInactive), errors.Is(err, consent.ErrKeyRevoked):
		return readRefusal{http.StatusUnauthorized, "invalid_token", "The grant behind this token is no longer active."}, true
	}
	return readRefusal{}, false
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
