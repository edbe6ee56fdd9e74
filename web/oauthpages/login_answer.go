package oauthpages

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/signin"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// loginCookie names the cookie that binds a login message to the browser that
// asked for it (see signin.Service.Challenge).
const loginCookie = "idconnect_login"

func (h *Login) loginCookieName() string {
	if h.secure() {
		return "__Host-" + loginCookie
	}
	return loginCookie
}

func (h *Login) secure() bool { return strings.HasPrefix(h.Site.Issuer, "https://") }

// setLoginBinding sets (or, with maxAge < 0, deletes) the login-binding cookie:
// HttpOnly so no page script reads it, SameSite=Lax, Secure outside dev.
func (h *Login) setLoginBinding(w http.ResponseWriter, value string, maxAge time.Duration) {
	secs := int(maxAge / time.Second)
	if maxAge < 0 {
		secs = -1
	}
	http.SetCookie(w, &http.Cookie{Name: h.loginCookieName(), Value: value, Path: "/", MaxAge: secs,
		HttpOnly: true, Secure: h.secure(), SameSite: http.SameSiteLaxMode})
}

func (h *Login) loginBinding(r *http.Request) string {
	c, err := r.Cookie(h.loginCookieName())
	if err != nil {
		return ""
	}
	return c.Value
}

// writeSignInError answers a refused challenge or sign-in in words a person can
// act on; what is not the visitor's doing is logged and answered plainly.
func (h *Login) writeSignInError(w http.ResponseWriter, r *http.Request, op string, err error) {
	var limited *signin.RateLimitError
	switch {
	case errors.As(err, &limited) && errors.Is(err, signin.ErrOnboardingLimited):
		w.Header().Set("Retry-After", retryAfter(limited.RetryAfter))
		httperr.JSON(w, r, http.StatusTooManyRequests, "onboarding_limited",
			"Too many new identities were created from your network. Try again later.")
	case errors.As(err, &limited):
		web.TooManyRequests(w, r, limited.RetryAfter)
	case errors.Is(err, signin.ErrOnboardingBudget):
		httperr.JSON(w, r, http.StatusServiceUnavailable, "onboarding_budget",
			"This server has created as many new identities as it may today. Try again tomorrow, or create your identity elsewhere.")
	case errors.Is(err, signin.ErrRequestExpired):
		httperr.JSON(w, r, http.StatusBadRequest, "expired", "This sign-in has expired. Go back to the site you came from and start again.")
	case errors.Is(err, signin.ErrForeignRequest):
		httperr.JSON(w, r, http.StatusForbidden, "wrong_browser", "This sign-in was started in another browser. Go back to the site you came from and start again here.")
	case errors.Is(err, challenge.ErrBinding):
		httperr.JSON(w, r, http.StatusForbidden, "wrong_browser", "This message was not requested by this browser. Sign in from this page again.")
	case errors.Is(err, signin.ErrNoIdentity):
		web.WriteJSON(w, http.StatusForbidden, map[string]string{"error": "no_identity",
			"message": "This wallet has no ONCHAINID identity.", "redirect": "/login/no-identity"})
	case errors.Is(err, signin.ErrChainUnavailable):
		httperr.FailJSON(w, r, h.Log, "sign-in: "+op, err)
	case errors.Is(err, signin.ErrMissingPurpose):
		httperr.JSON(w, r, http.StatusForbidden, "missing_purpose", "This wallet is not a management or action key of its identity.")
	case isChallengeError(err):
		writeChallengeError(w, r, h.Log, err)
	default:
		httperr.FailJSON(w, r, h.Log, op, err)
	}
}

func isChallengeError(err error) bool {
	for _, s := range []error{challenge.ErrMalformed, challenge.ErrMismatch, challenge.ErrExpired,
		challenge.ErrNonce, challenge.ErrSignature, challenge.ErrUnavailable} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// requestPage answers a login page whose request cannot be resumed.
func (h *Login) requestPage(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, signin.ErrForeignRequest):
		httperr.Page(w, r, h.Static, http.StatusForbidden,
			"This sign-in was started in another browser", "Go back to the site you came from and start again in this browser.")
	case errors.Is(err, signin.ErrRequestExpired):
		httperr.Page(w, r, h.Static, http.StatusBadRequest,
			"This sign-in link has expired", "Go back to the site you came from and start again.")
	default:
		h.failPage(w, r, "resume request", err)
	}
}

func (h *Login) failPage(w http.ResponseWriter, r *http.Request, op string, err error) {
	httperr.FailPage(w, r, h.Log, h.Static, "login: "+op, err)
}

// retryAfter is a Retry-After value: whole seconds, at least one.
func retryAfter(d time.Duration) string {
	return strconv.FormatInt(max(int64(math.Ceil(d.Seconds())), 1), 10)
}
