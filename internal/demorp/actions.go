package demorp

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

func (s *Site) again(w http.ResponseWriter, r *http.Request) {
	v := s.connected(w, r)
	if v == nil {
		return
	}
	s.readUserInfo(oidc.ClientContext(r.Context(), s.cfg.HTTPClient), v, "Second /userinfo read")
	render(w, r, result(v.view))
}

func (s *Site) refresh(w http.ResponseWriter, r *http.Request) {
	v := s.connected(w, r)
	if v == nil {
		return
	}
	ctx := oidc.ClientContext(r.Context(), s.cfg.HTTPClient)
	conf, _, err := s.oauth(ctx, v.scopes)
	if err == nil {
		expired := *v.token
		expired.Expiry = expired.Expiry.Add(-24 * 365 * 3600e9) // force the token source to refresh
		var tok *oauth2.Token
		if tok, err = conf.TokenSource(ctx, &expired).Token(); err == nil {
			v.token = tok
			v.view.AccessToken = pretty(jwtPayload(tok.AccessToken))
		}
	}
	if err != nil {
		v.view.LastAction, v.view.LastStatus, v.view.UserInfo = "Refresh", http.StatusBadRequest, err.Error()
		render(w, r, result(v.view))
		return
	}
	s.readUserInfo(ctx, v, "/userinfo with the refreshed token")
	render(w, r, result(v.view))
}

func (s *Site) revoke(w http.ResponseWriter, r *http.Request) {
	v := s.connected(w, r)
	if v == nil {
		return
	}
	ctx := oidc.ClientContext(r.Context(), s.cfg.HTTPClient)
	form := url.Values{"token": {v.token.RefreshToken}, "token_type_hint": {"refresh_token"}, "client_id": {s.cfg.ClientID}}
	resp, err := s.cfg.HTTPClient.PostForm(s.cfg.Issuer+"/oauth2/revoke", form)
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	resp.Body.Close()
	s.readUserInfo(ctx, v, "/userinfo after revoking the grant")
	render(w, r, result(v.view))
}

// readUserInfo calls /userinfo with the access token and records the answer.
func (s *Site) readUserInfo(ctx context.Context, v *visit, action string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.cfg.Issuer+"/userinfo", nil)
	req.Header.Set("Authorization", "Bearer "+v.token.AccessToken)
	resp, err := s.cfg.HTTPClient.Do(req)
	v.view.LastAction = action
	if err != nil {
		v.view.LastStatus, v.view.UserInfo = 0, err.Error()
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	v.view.LastStatus = resp.StatusCode
	var out any
	if json.Unmarshal(body, &out) == nil {
		v.view.UserInfo = pretty(out)
	} else {
		v.view.UserInfo = strings.TrimSpace(string(body))
	}
}

func (s *Site) connected(w http.ResponseWriter, r *http.Request) *visit {
	v := s.current(r)
	if v == nil || v.token == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	return v
}

func (s *Site) fail(w http.ResponseWriter, r *http.Request, v *visit, err error) {
	v.view = resultView{Issuer: s.cfg.Issuer, Error: err.Error()}
	w.WriteHeader(http.StatusBadGateway)
	render(w, r, result(v.view))
}

func (s *Site) put(id string, v *visit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.visits.Add(id, v)
}

func (s *Site) current(r *http.Request) *visit {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, _ := s.visits.Get(c.Value)
	return v
}

func render(w http.ResponseWriter, r *http.Request, c templ.Component) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	_ = c.Render(r.Context(), w)
}

// jwtPayload decodes a JWT's claims for display; idconnect verified the token.
func jwtPayload(token string) any {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "not a JWT"
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "undecodable"
	}
	var out any
	if err := json.NewDecoder(bytes.NewReader(raw)).Decode(&out); err != nil {
		return "undecodable"
	}
	return out
}

func pretty(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
