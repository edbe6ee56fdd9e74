package authz

import "net/http"

// browserCallable lets public clients running in a browser (single-page apps with
// PKCE) call the token and revocation endpoints from their own origin. These
// endpoints take no cookies, so any origin may call them: the code, the PKCE
// verifier or the token is the credential. A nil handler answers the preflight.
func browserCallable(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		if next == nil || r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "POST")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next(w, r)
	})
}
