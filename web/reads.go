package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
)

// ReadRefusal is how a refused read is answered (RFC 6750): the status,
// the error code for WWW-Authenticate, and words for the caller.
type ReadRefusal struct {
	Status     int
	Code, Desc string
}

// ReadRefusalOf maps the read rule's refusals; false for errors the
// caller could not help (chain, store).
func ReadRefusalOf(err error) (ReadRefusal, bool) {
	switch {
	case errors.Is(err, consent.ErrWrongAudience):
		return ReadRefusal{http.StatusUnauthorized, "invalid_token", "The access token is for another resource server."}, true
	case errors.Is(err, consent.ErrInvalidToken):
		return ReadRefusal{http.StatusUnauthorized, "invalid_token", "The access token is invalid or expired."}, true
	case errors.Is(err, consent.ErrInsufficientScope):
		return ReadRefusal{http.StatusForbidden, "insufficient_scope", "The grant does not cover this read."}, true
	case errors.Is(err, store.ErrGrantInactive), errors.Is(err, consent.ErrKeyRevoked):
		return ReadRefusal{http.StatusUnauthorized, "invalid_token", "The grant behind this token is no longer active."}, true
	}
	return ReadRefusal{}, false
}

// Bearer reads an RFC 6750 bearer token from the Authorization header.
func Bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != "" && len(token) < 8<<10
}
