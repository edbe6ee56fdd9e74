package authz

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/idconnect/idconnect/store"
)

// maxRegistrationBody bounds a registration request.
const maxRegistrationBody = 64 << 10

// registrationRequest is the client metadata of RFC 7591 section 2 that
// idconnect honours; other members are ignored, as the RFC allows.
type registrationRequest struct {
	RedirectURIs            []string `json:"redirect_uris"`
	ClientName              string   `json:"client_name"`
	LogoURI                 string   `json:"logo_uri"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	GrantTypes              []string `json:"grant_types"`
	ResponseTypes           []string `json:"response_types"`
	Scope                   string   `json:"scope"`
	IDTokenAlg              string   `json:"id_token_signed_response_alg"`
	PostLogoutRedirectURIs  []string `json:"post_logout_redirect_uris"`
	// Resources are the resource identifiers (RFC 8707) the client's
	// resource servers read grants as; not a member RFC 7591 defines.
	Resources []string `json:"resources"`
}

// registrationResponse is RFC 7591 section 3.2.1.
type registrationResponse struct {
	ClientID                string   `json:"client_id"`
	ClientSecret            string   `json:"client_secret,omitempty"`
	ClientIDIssuedAt        int64    `json:"client_id_issued_at"`
	ClientSecretExpiresAt   *int64   `json:"client_secret_expires_at,omitempty"`
	ClientName              string   `json:"client_name"`
	LogoURI                 string   `json:"logo_uri,omitempty"`
	RedirectURIs            []string `json:"redirect_uris"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	GrantTypes              []string `json:"grant_types"`
	ResponseTypes           []string `json:"response_types"`
	Scope                   string   `json:"scope"`
	IDTokenAlg              string   `json:"id_token_signed_response_alg"`
	PostLogoutRedirectURIs  []string `json:"post_logout_redirect_uris,omitempty"`
	Resources               []string `json:"resources,omitempty"`
}

// registrationError is an RFC 7591 section 3.2.2 error.
type registrationError struct {
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

func (e *registrationError) Error() string { return e.Code + ": " + e.Description }
func (e *registrationError) Unwrap() error { return ErrInvalidClient }

func metadataError(format string, args ...any) error {
	return &registrationError{Code: "invalid_client_metadata", Description: fmt.Sprintf(format, args...)}
}

// parseRegistration reads a registration request into a client spec and
// the authentication method it asked for.
func parseRegistration(body []byte) (ClientSpec, string, error) {
	var req registrationRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&req); err != nil {
		return ClientSpec{}, "", metadataError("the body is not a JSON object of client metadata")
	}
	if dec.More() {
		return ClientSpec{}, "", metadataError("the body holds more than one JSON value")
	}
	method := req.TokenEndpointAuthMethod
	switch method {
	case "":
		method = "client_secret_basic"
	case "client_secret_basic", "client_secret_post", "none":
	default:
		return ClientSpec{}, "", metadataError("token_endpoint_auth_method %q is not supported", clip(method))
	}
	for _, g := range req.GrantTypes {
		if g != grantAuthorizationCode && g != grantRefreshToken {
			return ClientSpec{}, "", metadataError("grant type %q is not supported", clip(g))
		}
	}
	for _, t := range req.ResponseTypes {
		if t != responseTypeCode {
			return ClientSpec{}, "", metadataError("response type %q is not supported", clip(t))
		}
	}
	alg := store.SigningAlg(req.IDTokenAlg)
	if alg != "" && !slices.Contains(ringAlgs, alg) {
		return ClientSpec{}, "", metadataError("id_token_signed_response_alg %q is not supported", clip(req.IDTokenAlg))
	}
	spec := ClientSpec{
		Name: req.ClientName, LogoURI: req.LogoURI, RedirectURIs: req.RedirectURIs,
		Public: method == "none", Scopes: strings.Fields(req.Scope),
		IDTokenAlg: alg, PostLogoutRedirectURIs: req.PostLogoutRedirectURIs, Resources: req.Resources,
	}
	if len(req.RedirectURIs) == 0 {
		return ClientSpec{}, "", &registrationError{Code: "invalid_redirect_uri", Description: "redirect_uris is required"}
	}
	for _, u := range req.RedirectURIs {
		if err := checkRedirectURI(u); err != nil {
			return ClientSpec{}, "", &registrationError{Code: "invalid_redirect_uri",
				Description: fmt.Sprintf("redirect URI %q: %v", clip(u), err)}
		}
	}
	if err := spec.validate(); err != nil {
		return ClientSpec{}, "", metadataError("%s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return spec, method, nil
}

// clip keeps echoed input short, cutting on a character boundary.
func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	cut := 64
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// serveRegister is RFC 7591 dynamic registration, open only to the
// operator's bearer token.
func (p *Provider) serveRegister(w http.ResponseWriter, r *http.Request) {
	if !p.registrationAllowed(r) {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, registrationError{Code: "invalid_token", Description: "the operator's registration token is required"})
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		writeJSON(w, http.StatusBadRequest, registrationError{Code: "invalid_client_metadata", Description: "the body must be application/json"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRegistrationBody))
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, registrationError{Code: "invalid_client_metadata", Description: "the body is too large"})
		return
	}
	spec, method, err := parseRegistration(body)
	var re *registrationError
	if errors.As(err, &re) {
		writeJSON(w, http.StatusBadRequest, re)
		return
	}
	c, secret, err := newClient(spec, p.cfg.Catalogue, p.cfg.Rand, p.cfg.Clock())
	if err == nil {
		err = p.st.CreateClient(r.Context(), c)
	}
	if err != nil {
		p.log.ErrorContext(r.Context(), "authz: register client", "err", err)
		writeJSON(w, http.StatusInternalServerError, registrationError{Code: "server_error", Description: "the client could not be stored"})
		return
	}
	resp := registrationResponse{
		ClientID: c.ID, ClientSecret: secret, ClientIDIssuedAt: c.CreatedAt.Unix(), ClientName: c.Name,
		LogoURI: c.LogoURI, RedirectURIs: c.RedirectURIs, TokenEndpointAuthMethod: method,
		GrantTypes: c.GrantTypes, ResponseTypes: c.ResponseTypes, Scope: strings.Join(c.Scopes, " "),
		IDTokenAlg: string(c.IDTokenAlg), PostLogoutRedirectURIs: c.PostLogoutRedirectURIs,
		Resources: c.Resources,
	}
	if secret != "" {
		never := int64(0)
		resp.ClientSecretExpiresAt = &never
	}
	writeJSON(w, http.StatusCreated, resp)
}

// registrationAllowed compares the bearer token in constant time; hashing
// first also hides the token's length.
func (p *Provider) registrationAllowed(r *http.Request) bool {
	if p.cfg.RegistrationToken == "" {
		return false
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(p.cfg.RegistrationToken))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
