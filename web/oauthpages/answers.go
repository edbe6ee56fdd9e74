package oauthpages

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// writeChallengeError answers a refused signed message in words a person can act on.
func writeChallengeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	switch {
	case errors.Is(err, challenge.ErrExpired):
		httperr.JSON(w, r, http.StatusBadRequest, "expired", "The message expired. Try again.")
	case errors.Is(err, challenge.ErrNonce):
		httperr.JSON(w, r, http.StatusBadRequest, "replayed", "This message was already used. Try again.")
	case errors.Is(err, challenge.ErrUnavailable):
		httperr.FailJSON(w, r, log, "check signature", err)
	case errors.Is(err, challenge.ErrSignature):
		httperr.JSON(w, r, http.StatusBadRequest, "bad_signature", "The signature does not match the wallet.")
	default:
		httperr.JSON(w, r, http.StatusBadRequest, "bad_message", "The signed message is not the one this server issued.")
	}
}

func clientURI(c store.Client) string {
	if len(c.RedirectURIs) == 0 {
		return ""
	}
	return web.OriginOf(c.RedirectURIs[0])
}
