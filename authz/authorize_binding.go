package authz

import (
	"encoding/base64"
	"io"
	"net/http"
	"strings"
)

// requestCookie names the cookie that binds authorization requests to the
// browser that started them. Served over https it takes the __Host- prefix,
// so no sibling subdomain can plant a value the server would reuse.
const requestCookie = "idconnect_authz"

// RequestCookieName is the browser-binding cookie's name for an issuer.
func RequestCookieName(issuer string) string {
	if strings.HasPrefix(issuer, "https://") {
		return "__Host-" + requestCookie
	}
	return requestCookie
}

// RequestBinding returns the request's binding cookie value, or "" when it
// has none or it is not one this server could have set.
func RequestBinding(r *http.Request, issuer string) string {
	c, err := r.Cookie(RequestCookieName(issuer))
	if err != nil || !wellFormedBinding(c.Value) {
		return ""
	}
	return c.Value
}

func wellFormedBinding(v string) bool {
	b, err := base64.RawURLEncoding.DecodeString(v)
	return err == nil && len(b) == 32
}

// browserBinding returns the browser's binding value, setting a new one
// when it has none. An existing value is kept so that several requests
// started in the same browser (two tabs, two clients) all stay usable; it
// lives in an HttpOnly cookie that no page script can read.
func (p *Provider) browserBinding(w http.ResponseWriter, r *http.Request) (string, error) {
	if v := RequestBinding(r, p.cfg.Issuer); v != "" {
		p.setBindingCookie(w, v)
		return v, nil
	}
	raw := make([]byte, 32)
	if _, err := io.ReadFull(p.cfg.Rand, raw); err != nil {
		return "", err
	}
	v := base64.RawURLEncoding.EncodeToString(raw)
	p.setBindingCookie(w, v)
	return v, nil
}

func (p *Provider) setBindingCookie(w http.ResponseWriter, v string) {
	http.SetCookie(w, &http.Cookie{
		Name: RequestCookieName(p.cfg.Issuer), Value: v, Path: "/", MaxAge: int(p.cfg.AuthRequestTTL.Seconds()),
		HttpOnly: true, Secure: strings.HasPrefix(p.cfg.Issuer, "https://"), SameSite: http.SameSiteLaxMode,
	})
}
