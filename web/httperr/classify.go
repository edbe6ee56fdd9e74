package httperr

import (
	"errors"
	"net/http"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/granttoken"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/store"
)

// Failure is how an error is answered, in words every shape can use.
type Failure struct {
	Status  int    // the HTTP status
	Code    string // the RFC 6749 or page-script error code
	Title   string // a problem's title, a page's heading
	Message string // words for people; never detail meant for the log
}

// Server-side failures a caller cannot help.
var (
	unavailableChain = Failure{http.StatusServiceUnavailable, "temporarily_unavailable",
		"The blockchain cannot be reached", "The blockchain cannot be reached right now. Try again shortly."}
	unavailableStore = Failure{http.StatusServiceUnavailable, "temporarily_unavailable",
		"Temporarily unavailable", "The server cannot answer right now. Try again shortly."}
	unavailableSignatures = Failure{http.StatusServiceUnavailable, "temporarily_unavailable",
		"Temporarily unavailable", "Signatures cannot be checked right now. Try again shortly."}
	internal = Failure{http.StatusInternalServerError, "server_error",
		"Something went wrong on our side", "Something went wrong on our side. Try again."}
)

// classes maps the flows' sentinel errors to their answers, first match
// wins. It holds only errors that mean the same thing on every surface;
// a flow's own refusals (a bad signature, an expired request) are worded by
// the handler that knows what the person was doing.
func classes() []struct {
	err error
	f   Failure
} {
	return []struct {
		err error
		f   Failure
	}{
		{store.ErrInvalidCursor, Failure{http.StatusBadRequest, "invalid_request",
			"Bad cursor", "The cursor is not one this server issued. Use the \"next\" value of the previous page, or start from the first page."}},
		// A parked authorization request that is gone (decided, expired)
		// cannot be finished by anyone: the visitor starts again at the site.
		{authz.ErrAuthRequestNotFound, Failure{http.StatusBadRequest, "invalid_request",
			"This request can no longer be completed", "Go back to the site you came from and start again."}},
		{identity.ErrChainUnavailable, unavailableChain},
		{signin.ErrChainUnavailable, unavailableChain},
		{store.ErrUnavailable, unavailableStore},
		{challenge.ErrUnavailable, unavailableSignatures},
		{authz.ErrUnavailable, unavailableSignatures},
		{granttoken.ErrUnavailable, unavailableSignatures},
	}
}

// Classify maps err to its answer: a body over the limit is a 413, a known
// sentinel its status, anything else a 500.
func Classify(err error) Failure {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return Failure{http.StatusRequestEntityTooLarge, "request_too_large",
			"Request too large", "The request body is too large."}
	}
	for _, c := range classes() {
		if errors.Is(err, c.err) {
			return c.f
		}
	}
	return internal
}
