package web

import (
	"crypto/rand"
	"io"
	"net/http"

	"github.com/idconnect/idconnect/web/httperr"
)

// RequestIDs gives every request an id, puts it in the context for the
// error writers and the failure log, and echoes it in the X-Request-Id
// response header. An incoming X-Request-Id is kept when it is well formed
// and short (httperr.ValidRequestID), so a proxy's id follows the request;
// otherwise a random one is drawn. The id names a request, never a person:
// anyone may choose their own, so it is for quoting, not for trust.
func RequestIDs(random io.Reader, next http.Handler) http.Handler {
	if random == nil {
		random = rand.Reader
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(httperr.HeaderRequestID)
		if !httperr.ValidRequestID(id) {
			var err error
			if id, err = httperr.NewRequestID(random); err != nil {
				// Without randomness the request is still served; its
				// errors just carry no id.
				next.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set(httperr.HeaderRequestID, id)
		next.ServeHTTP(w, r.WithContext(httperr.WithRequestID(r.Context(), id)))
	})
}
