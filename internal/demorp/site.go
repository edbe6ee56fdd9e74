package demorp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/ethereum/go-ethereum/common/lru"
	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/identity"
	"golang.org/x/oauth2"
)

// Config configures the demo site.
type Config struct {
	Issuer      string // idconnect's issuer URL
	ClientID    string // a public client registered with RedirectURL
	RedirectURL string // <site>/callback
	HTTPClient  *http.Client
	// Catalogue is the server's topic catalogue: the site offers a claim
	// scope per topic. Default identity.DefaultCatalogue().
	Catalogue identity.Catalogue
}

// Site is the demo relying party.
type Site struct {
	cfg      Config
	choices  []scopeChoice
	mu       sync.Mutex
	provider *oidc.Provider
	visits   lru.BasicLRU[string, *visit] // by cookie; bounded, so abandoned visits fall out
}

// visit is one visitor's flow state and what it received.
type visit struct {
	state, nonce, verifier string
	scopes                 []string
	token                  *oauth2.Token
	view                   resultView
}

const cookieName = "demo_visit"

// New returns the site; it discovers the issuer on first use, so it can start
// before the server it talks to.
func New(cfg Config) *Site {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if len(cfg.Catalogue) == 0 {
		cfg.Catalogue = identity.DefaultCatalogue()
	}
	return &Site{cfg: cfg, choices: scopeChoices(cfg.Catalogue), visits: lru.NewBasicLRU[string, *visit](1000)}
}

// Mount registers the site's routes.
func (s *Site) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /style.css", serveCSS)
	mux.HandleFunc("GET /login", s.login)
	mux.HandleFunc("GET /callback", s.callback)
	mux.HandleFunc("POST /again", s.again)
	mux.HandleFunc("POST /refresh", s.refresh)
	mux.HandleFunc("POST /revoke", s.revoke)
}

// scopeChoices are the data scopes, then a claim scope per topic of the
// catalogue, named by it; the first topic is ticked.
func scopeChoices(cat identity.Catalogue) []scopeChoice {
	out := []scopeChoice{
		{consent.ScopeProfile, "Your name", true}, {consent.ScopeEmail, "Your email address", true},
		{consent.ScopePhone, "Your phone number", false}, {consent.ScopeAddress, "Your postal address", false},
	}
	for i, t := range cat.Numbers() {
		out = append(out, scopeChoice{consent.ClaimScope(t), fmt.Sprintf("Your %s claim (topic %d)", cat.Name(t), t), i == 0})
	}
	return out
}

func (s *Site) home(w http.ResponseWriter, r *http.Request) {
	render(w, r, home(homeView{Issuer: s.cfg.Issuer, Choices: s.choices}))
}

func (s *Site) oauth(ctx context.Context, scopes []string) (*oauth2.Config, *oidc.Provider, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provider == nil {
		p, err := oidc.NewProvider(oidc.ClientContext(ctx, s.cfg.HTTPClient), s.cfg.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("discover %s: %w", s.cfg.Issuer, err)
		}
		s.provider = p
	}
	return &oauth2.Config{ClientID: s.cfg.ClientID, RedirectURL: s.cfg.RedirectURL, Endpoint: s.provider.Endpoint(), Scopes: scopes}, s.provider, nil
}

func (s *Site) login(w http.ResponseWriter, r *http.Request) {
	scopes := []string{oidc.ScopeOpenID}
	for _, sc := range r.URL.Query()["scope"] {
		if sc == "offline_access" || slices.ContainsFunc(s.choices, func(c scopeChoice) bool { return c.Scope == sc }) {
			scopes = append(scopes, sc)
		}
	}
	conf, _, err := s.oauth(r.Context(), scopes)
	if err != nil {
		s.fail(w, r, &visit{}, err)
		return
	}
	v := &visit{state: random(), nonce: random(), verifier: oauth2.GenerateVerifier(), scopes: scopes}
	id := random()
	s.put(id, v)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, conf.AuthCodeURL(v.state, oidc.Nonce(v.nonce), oauth2.S256ChallengeOption(v.verifier)), http.StatusFound)
}

func (s *Site) callback(w http.ResponseWriter, r *http.Request) {
	v := s.current(r)
	q := r.URL.Query()
	switch {
	case v == nil || v.state == "" || q.Get("state") != v.state:
		s.fail(w, r, &visit{}, errors.New("this sign-in was not started here, or it expired: start again"))
		return
	case q.Get("error") != "":
		s.fail(w, r, v, fmt.Errorf("idconnect answered %s: %s", q.Get("error"), q.Get("error_description")))
		return
	}
	v.state = "" // one callback per sign-in
	ctx := oidc.ClientContext(r.Context(), s.cfg.HTTPClient)
	conf, provider, err := s.oauth(ctx, v.scopes)
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(v.verifier))
	if err != nil {
		s.fail(w, r, v, fmt.Errorf("code exchange: %w", err))
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := provider.Verifier(&oidc.Config{ClientID: s.cfg.ClientID}).Verify(ctx, raw)
	if err != nil || idt.Nonce != v.nonce {
		s.fail(w, r, v, fmt.Errorf("id_token rejected: %v", err))
		return
	}
	var claims map[string]any
	_ = idt.Claims(&claims)
	v.token = tok
	v.view = resultView{Issuer: s.cfg.Issuer, IDToken: pretty(claims), AccessToken: pretty(jwtPayload(tok.AccessToken)),
		Scopes: grantedScopes(tok, v.scopes), Persistent: tok.RefreshToken != ""}
	s.readUserInfo(ctx, v, "First /userinfo read")
	render(w, r, result(v.view))
}

// grantedScopes is what the token endpoint says was granted: the owner may untick
// items, so it can be less than what was asked for.
func grantedScopes(tok *oauth2.Token, requested []string) string {
	if s, ok := tok.Extra("scope").(string); ok && s != "" {
		return s
	}
	return strings.Join(requested, " ")
}
