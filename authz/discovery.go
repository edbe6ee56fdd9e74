package authz

import (
	"encoding/json"
	"net/http"
)

// Discovery is the OpenID Provider metadata document (OpenID Connect
// Discovery 1.0, RFC 8414).
type Discovery struct {
	Issuer                                    string   `json:"issuer"`
	AuthorizationEndpoint                     string   `json:"authorization_endpoint"`
	TokenEndpoint                             string   `json:"token_endpoint"`
	UserinfoEndpoint                          string   `json:"userinfo_endpoint"`
	JWKSURI                                   string   `json:"jwks_uri"`
	RevocationEndpoint                        string   `json:"revocation_endpoint"`
	IntrospectionEndpoint                     string   `json:"introspection_endpoint"`
	RegistrationEndpoint                      string   `json:"registration_endpoint,omitempty"`
	EndSessionEndpoint                        string   `json:"end_session_endpoint"`
	ScopesSupported                           []string `json:"scopes_supported"`
	ClaimsSupported                           []string `json:"claims_supported"`
	ResponseTypesSupported                    []string `json:"response_types_supported"`
	ResponseModesSupported                    []string `json:"response_modes_supported"`
	GrantTypesSupported                       []string `json:"grant_types_supported"`
	CodeChallengeMethodsSupported             []string `json:"code_challenge_methods_supported"`
	TokenEndpointAuthMethodsSupported         []string `json:"token_endpoint_auth_methods_supported"`
	RevocationEndpointAuthMethodsSupported    []string `json:"revocation_endpoint_auth_methods_supported"`
	IntrospectionEndpointAuthMethodsSupported []string `json:"introspection_endpoint_auth_methods_supported"`
	IDTokenSigningAlgValuesSupported          []string `json:"id_token_signing_alg_values_supported"`
	SubjectTypesSupported                     []string `json:"subject_types_supported"`
	ClaimTypesSupported                       []string `json:"claim_types_supported"`
	PromptValuesSupported                     []string `json:"prompt_values_supported"`
	ACRValuesSupported                        []string `json:"acr_values_supported"`
	ClaimsParameterSupported                  bool     `json:"claims_parameter_supported"`
	RequestParameterSupported                 bool     `json:"request_parameter_supported"`
	RequestURIParameterSupported              bool     `json:"request_uri_parameter_supported"`
	// AuthorizationResponseIssParameterSupported is RFC 9207: every
	// authorization response carries iss.
	AuthorizationResponseIssParameterSupported bool `json:"authorization_response_iss_parameter_supported"`
}

// claimsSupported are the claims the ID token and /userinfo may carry.
var claimsSupported = []string{
	"sub", "wallet", "name", "given_name", "family_name", "email", "email_verified",
	"phone_number", "address", "onchainid_claims", "auth_time", "amr", "nonce",
}

// Discovery returns the provider's metadata.
func (p *Provider) Discovery() Discovery {
	iss := p.cfg.Issuer
	clientAuth := []string{"client_secret_basic", "client_secret_post", "none"}
	d := Discovery{
		Issuer:                                 iss,
		AuthorizationEndpoint:                  iss + PathAuthorize,
		TokenEndpoint:                          iss + PathToken,
		UserinfoEndpoint:                       iss + PathUserinfo,
		JWKSURI:                                iss + PathJWKS,
		RevocationEndpoint:                     iss + PathRevoke,
		IntrospectionEndpoint:                  iss + PathIntrospect,
		EndSessionEndpoint:                     iss + PathEndSession,
		ScopesSupported:                        supportedScopes(p.cfg.Catalogue),
		ClaimsSupported:                        claimsSupported,
		ResponseTypesSupported:                 []string{responseTypeCode},
		ResponseModesSupported:                 []string{"query"},
		GrantTypesSupported:                    []string{grantAuthorizationCode, grantRefreshToken},
		CodeChallengeMethodsSupported:          []string{"S256"},
		TokenEndpointAuthMethodsSupported:      clientAuth,
		RevocationEndpointAuthMethodsSupported: clientAuth,
		// fosite also accepts a bearer access token, which has no name here.
		IntrospectionEndpointAuthMethodsSupported:  []string{"client_secret_basic"},
		IDTokenSigningAlgValuesSupported:           p.signingAlgs(),
		SubjectTypesSupported:                      []string{"public"},
		ClaimTypesSupported:                        []string{"normal"},
		PromptValuesSupported:                      promptValues,
		AuthorizationResponseIssParameterSupported: true,
		// One wallet signature meets no higher assurance level: fosite answers
		// acr_values with "0" (OIDC Core 2), and nothing more is ever claimed.
		ACRValuesSupported: []string{"0"},
	}
	if p.cfg.RegistrationToken != "" {
		d.RegistrationEndpoint = iss + PathRegister
	}
	return d
}

// signingAlgs lists the ID token algorithms: the ring keeps a current key
// of each, and a client may register any of them.
func (p *Provider) signingAlgs() []string {
	algs := make([]string, 0, len(ringAlgs))
	for _, a := range ringAlgs {
		algs = append(algs, string(a))
	}
	return algs
}

func (p *Provider) serveDiscovery(w http.ResponseWriter, _ *http.Request) {
	writePublicJSON(w, p.Discovery())
}

func (p *Provider) serveJWKS(w http.ResponseWriter, _ *http.Request) {
	writePublicJSON(w, p.keys.JWKS())
}

// writePublicJSON serves metadata that any origin may read and cache for a
// while: verifiers refetch the JWKS when they meet an unknown kid.
func writePublicJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Access-Control-Allow-Origin", "*")
	_, _ = w.Write(b)
}
