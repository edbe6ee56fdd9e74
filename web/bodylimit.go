package web

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/idconnect/idconnect/web/httperr"
)

// DefaultMaxBody bounds every request body: the largest the server takes
// is a dynamic registration (64 KiB), so nothing legitimate is larger.
const DefaultMaxBody = 64 << 10

// LimitBodies refuses a request body longer than limit with 413. A
// declared Content-Length over the limit is refused before anything is
// read. Form bodies (the token, revocation and introspection endpoints,
// and every page form) are read here, so the 413 is certain whatever the
// handler does with a parse error (fosite answers 400 to a form it cannot
// parse); other bodies are wrapped in http.MaxBytesReader, whose error
// their handlers turn into 413.
func LimitBodies(limit int64, next http.Handler) http.Handler {
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > limit {
			tooLarge(w, r, limit)
			return
		}
		if !isForm(r.Header.Get("Content-Type")) {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			tooLarge(w, r, limit)
			return
		case err != nil:
			httperr.JSON(w, r, http.StatusBadRequest, "bad_request", "The request body could not be read.")
			return
		}
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		next.ServeHTTP(w, r)
	})
}

func isForm(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data")
}

func tooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	w.Header().Set("Connection", "close") // the rest of the body is not read
	httperr.JSON(w, r, http.StatusRequestEntityTooLarge, "request_too_large",
		"The request body is larger than "+strconv.FormatInt(limit>>10, 10)+" KiB.")
}
