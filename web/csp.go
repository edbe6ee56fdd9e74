package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"io"
	"net/http"
	"strings"

	"github.com/a-h/templ"

	"github.com/idconnect/idconnect/web/httperr"
)

// SecurityHeaders sets the security headers on every response and gives each
// request a fresh CSP nonce, which templ components read through templ.GetNonce and
// handlers through Nonce. HSTS is sent only when the issuer is https, so a plain-http
// development server never pins a browser to https. random is the nonce source
// (crypto/rand when nil).
func SecurityHeaders(issuer string, random io.Reader, next http.Handler) http.Handler {
	if random == nil {
		random = rand.Reader
	}
	hsts := strings.HasPrefix(strings.ToLower(issuer), "https://")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [18]byte
		if _, err := io.ReadFull(random, b[:]); err != nil {
			httperr.JSON(w, r, http.StatusInternalServerError, "server_error", "Something went wrong on our side. Try again.")
			return
		}
		nonce := base64.RawURLEncoding.EncodeToString(b[:])
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy(nonce))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), browsing-topics=()")
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r.WithContext(templ.WithNonce(r.Context(), nonce)))
	})
}

// contentSecurityPolicy allows scripts only from this origin and only with the
// request's nonce, styles only from this origin, and no plugins, <base> or framing.
//
// img-src also allows https: because the consent page shows the client's logo from
// the client's own site (the template drops non-https logo URLs).
//
// form-action is left out on purpose. The Deny form posts to /consent, and the
// server answers 303 to the client's redirect_uri; Chrome applies form-action to
// every redirect of a form submission, so 'self' would block the way back to the
// client. Listing every registered redirect origin per response would be brittle,
// and the pages render no user-supplied markup (templ escapes it) that could add a
// form, so the directive would buy little.
func contentSecurityPolicy(nonce string) string {
	return "default-src 'self'; " +
		"script-src 'self' 'nonce-" + nonce + "'; " +
		"style-src 'self'; " +
		"img-src 'self' https: data:; " +
		"object-src 'none'; " +
		"base-uri 'none'; " +
		"frame-ancestors 'none'"
}

// Nonce returns the request's CSP nonce, or "" outside SecurityHeaders.
func Nonce(ctx context.Context) string { return templ.GetNonce(ctx) }
