package httperr

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
)

// HeaderRequestID is the header that carries a request id in and out.
const HeaderRequestID = "X-Request-Id"

// maxRequestID bounds an incoming id: long enough for a UUID or a trace id,
// too short to smuggle a payload into the log.
const maxRequestID = 64

type requestIDKey struct{}

// WithRequestID returns ctx carrying id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the request id in ctx, or "" when the request came through no
// request-id middleware.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// NewRequestID draws a random id: 16 bytes, base64url without padding.
func NewRequestID(random io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("httperr: request id: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// ValidRequestID reports whether an id sent by a client (or a proxy in front
// of the server) may be kept: 1 to 64 characters of letters, digits, '-',
// '_', '.' and ':'. That admits UUIDs, trace ids and our own ids, and keeps
// out spaces, quotes, '@' and control characters, so the id can neither
// forge a log line nor carry an email address into it.
func ValidRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == ':':
		default:
			return false
		}
	}
	return true
}
