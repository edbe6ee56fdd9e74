package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// writeChallengeError answers a refused signed message in words a person can act on.
func writeChallengeError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, challenge.ErrExpired):
		WriteError(w, http.StatusBadRequest, "expired", "The message expired. Try again.")
	case errors.Is(err, challenge.ErrNonce):
		WriteError(w, http.StatusBadRequest, "replayed", "This message was already used. Try again.")
	case errors.Is(err, challenge.ErrUnavailable):
		WriteError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The server cannot check signatures right now. Try again shortly.")
	case errors.Is(err, challenge.ErrSignature):
		WriteError(w, http.StatusBadRequest, "bad_signature", "The signature does not match the wallet.")
	default:
		WriteError(w, http.StatusBadRequest, "bad_message", "The signed message is not the one this server issued.")
	}
}

// serverError logs the detail and shows a plain message: 503
// temporarily_unavailable when the database or the chain cannot be
// reached, so clients retry rather than report a bug, else 500.
func serverError(log *slog.Logger, w http.ResponseWriter, op string, err error) {
	down := errors.Is(err, store.ErrUnavailable) || errors.Is(err, identity.ErrChainUnavailable)
	if log != nil {
		log.Error("request failed", "op", op, "err", err, "unavailable", down)
	}
	if down {
		WriteError(w, http.StatusServiceUnavailable, "temporarily_unavailable", "The server cannot answer right now. Try again shortly.")
		return
	}
	WriteError(w, http.StatusInternalServerError, "server_error", "Something went wrong on our side. Try again.")
}

func randomID() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b) // crypto/rand.Read does not fail on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

func clientURI(c store.Client) string {
	if len(c.RedirectURIs) == 0 {
		return ""
	}
	return originOf(c.RedirectURIs[0])
}
