package authz

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/idconnect/idconnect/identity"
)

func register(t testing.TB, f *fixture, token, contentType, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.issuer+PathRegister, strings.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	must(t, json.Unmarshal(b, &out))
	return resp, out
}

func TestRegisterEndpoint(t *testing.T) {
	f := newFixture(t)
	body := `{"client_name":"Shop","redirect_uris":["` + f.redirectURI() + `"],"scope":"openid email"}`
	tests := []struct {
		name, token, contentType, body string
		wantStatus                     int
		wantError                      string
	}{
		{"no token", "", "application/json", body, http.StatusUnauthorized, "invalid_token"},
		{"wrong token", testRegToken + "x", "application/json", body, http.StatusUnauthorized, "invalid_token"},
		{"prefix of the token", testRegToken[:5], "application/json", body, http.StatusUnauthorized, "invalid_token"},
		{"not JSON", testRegToken, "text/plain", body, http.StatusBadRequest, "invalid_client_metadata"},
		{"bad redirect", testRegToken, "application/json", `{"client_name":"x","redirect_uris":["http://evil.example/cb"]}`,
			http.StatusBadRequest, "invalid_redirect_uri"},
		{"confidential", testRegToken, "application/json; charset=utf-8", body, http.StatusCreated, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, out := register(t, f, tc.token, tc.contentType, tc.body)
			if resp.StatusCode != tc.wantStatus || (tc.wantError != "" && out["error"] != tc.wantError) {
				t.Fatalf("status %d %v, want %d %s", resp.StatusCode, out, tc.wantStatus, tc.wantError)
			}
			if tc.wantStatus != http.StatusCreated {
				return
			}
			id, _ := out["client_id"].(string)
			secret, _ := out["client_secret"].(string)
			c, err := f.st.GetClient(t.Context(), id)
			must(t, err)
			if c.Public || c.Name != "Shop" || out["scope"] != "openid email" || secret == "" ||
				c.IDTokenAlg != "RS256" || out["id_token_signed_response_alg"] != "RS256" {
				t.Fatalf("registered %+v from %v", c, out)
			}
			must(t, secretHasher{}.Compare(t.Context(), c.SecretHash, []byte(secret)))
			// The new client works with the stock libraries.
			prov := f.rp(t, false, "openid")
			prov.cfg.ClientID, prov.cfg.ClientSecret = id, secret
			f.login(t, prov)
		})
	}
}

func TestRegisterPublicClient(t *testing.T) {
	f := newFixture(t)
	body := `{"client_name":"SPA","redirect_uris":["` + f.redirectURI() + `"],"token_endpoint_auth_method":"none"}`
	resp, out := register(t, f, testRegToken, "application/json", body)
	if resp.StatusCode != http.StatusCreated || out["client_secret"] != nil || out["token_endpoint_auth_method"] != "none" {
		t.Fatalf("%d %v", resp.StatusCode, out)
	}
	c, err := f.st.GetClient(t.Context(), out["client_id"].(string))
	must(t, err)
	if !c.Public || c.SecretHash != nil {
		t.Fatalf("public client stored as %+v", c)
	}
}

func TestRegistrationDisabled(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *KeyringConfig) { c.RegistrationToken = "" })
	resp, _ := register(t, f, "", "application/json", `{}`)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d with registration disabled", resp.StatusCode)
	}
}

func TestParseRegistration(t *testing.T) {
	const cb = "https://shop.example/cb"
	tests := []struct {
		name       string
		body       string
		wantCode   string // "" for success
		wantPublic bool
		wantMethod string
	}{
		{"minimal", `{"client_name":"Shop","redirect_uris":["` + cb + `"]}`, "", false, "client_secret_basic"},
		{"post", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"token_endpoint_auth_method":"client_secret_post"}`, "", false, "client_secret_post"},
		{"public", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"token_endpoint_auth_method":"none"}`, "", true, "none"},
		{"unknown members ignored", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"contacts":["a@b"]}`, "", false, "client_secret_basic"},
		{"localhost http", `{"client_name":"Dev","redirect_uris":["http://localhost:3000/cb"]}`, "", false, "client_secret_basic"},
		{"no redirect", `{"client_name":"Shop"}`, "invalid_redirect_uri", false, ""},
		{"http redirect", `{"client_name":"Shop","redirect_uris":["http://shop.example/cb"]}`, "invalid_redirect_uri", false, ""},
		{"fragment", `{"client_name":"Shop","redirect_uris":["https://shop.example/cb#x"]}`, "invalid_redirect_uri", false, ""},
		{"relative", `{"client_name":"Shop","redirect_uris":["/cb"]}`, "invalid_redirect_uri", false, ""},
		{"custom scheme", `{"client_name":"Shop","redirect_uris":["com.shop:/cb"]}`, "invalid_redirect_uri", false, ""},
		{"private_key_jwt", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"token_endpoint_auth_method":"private_key_jwt"}`, "invalid_client_metadata", false, ""},
		{"implicit", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"response_types":["token"]}`, "invalid_client_metadata", false, ""},
		{"client_credentials", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"grant_types":["client_credentials"]}`, "invalid_client_metadata", false, ""},
		{"unknown scope", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"scope":"openid admin"}`, "invalid_client_metadata", false, ""},
		{"no name", `{"redirect_uris":["` + cb + `"]}`, "invalid_client_metadata", false, ""},
		{"not an object", `["x"]`, "invalid_client_metadata", false, ""},
		{"two values", `{"client_name":"a","redirect_uris":["` + cb + `"]} {}`, "invalid_client_metadata", false, ""},
		{"empty", ``, "invalid_client_metadata", false, ""},
		{"RS256", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":"RS256"}`, "", false, "client_secret_basic"},
		{"ES256", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":"ES256"}`, "", false, "client_secret_basic"},
		{"EdDSA", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":"EdDSA"}`, "", false, "client_secret_basic"},
		{"alg none", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":"none"}`, "invalid_client_metadata", false, ""},
		{"alg HS256", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":"HS256"}`, "invalid_client_metadata", false, ""},
		{"alg lower case", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":"rs256"}`, "invalid_client_metadata", false, ""},
		{"alg not a string", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"id_token_signed_response_alg":256}`, "invalid_client_metadata", false, ""},
		{"post logout", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"post_logout_redirect_uris":["https://shop.example/bye"]}`, "", false, "client_secret_basic"},
		{"post logout http", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"post_logout_redirect_uris":["http://shop.example/bye"]}`, "invalid_client_metadata", false, ""},
		{"post logout fragment", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"post_logout_redirect_uris":["https://shop.example/bye#x"]}`, "invalid_client_metadata", false, ""},
		{"resources", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":["https://api.shop.example/v1","http://127.0.0.1:8080"]}`, "", false, "client_secret_basic"},
		{"resource http", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":["http://api.shop.example"]}`, "invalid_client_metadata", false, ""},
		{"resource fragment", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":["https://api.shop.example/#x"]}`, "invalid_client_metadata", false, ""},
		{"resource relative", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":["/api"]}`, "invalid_client_metadata", false, ""},
		{"resource urn", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":["urn:shop:api"]}`, "invalid_client_metadata", false, ""},
		{"resource twice", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":["https://api.shop.example","https://api.shop.example"]}`, "invalid_client_metadata", false, ""},
		{"resource on a public client", `{"client_name":"RS","redirect_uris":["` + cb + `"],"token_endpoint_auth_method":"none","resources":["https://api.shop.example"]}`, "invalid_client_metadata", false, ""},
		{"resources not a list", `{"client_name":"RS","redirect_uris":["` + cb + `"],"resources":"https://api.shop.example"}`, "invalid_client_metadata", false, ""},
		{"post logout twice", `{"client_name":"Shop","redirect_uris":["` + cb + `"],"post_logout_redirect_uris":["https://shop.example/bye","https://shop.example/bye"]}`, "invalid_client_metadata", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec, method, err := parseRegistration([]byte(tc.body))
			if tc.wantCode != "" {
				var re *registrationError
				if !errors.As(err, &re) || re.Code != tc.wantCode || !errors.Is(err, ErrInvalidClient) {
					t.Fatalf("err %v, want %s", err, tc.wantCode)
				}
				return
			}
			must(t, err)
			if spec.Public != tc.wantPublic || method != tc.wantMethod {
				t.Fatalf("public %v method %s", spec.Public, method)
			}
		})
	}
}

// FuzzRegister feeds registration bodies to the parser: it must never
// panic, every refusal must be an RFC 7591 error, and every accepted spec
// must be one CreateClient accepts too.
func FuzzRegister(f *testing.F) {
	for _, seed := range []string{
		`{"client_name":"Shop","redirect_uris":["https://shop.example/cb"]}`,
		`{"client_name":"SPA","redirect_uris":["http://127.0.0.1:9/cb"],"token_endpoint_auth_method":"none","scope":"openid claim:7"}`,
		`{"client_name":"x","redirect_uris":["https://a.example/cb","https://a.example/cb"]}`,
		`{"client_name":"\u0000","redirect_uris":[""]}`,
		`{"redirect_uris":null,"grant_types":["refresh_token"],"response_types":["code"]}`,
		`{"client_name":"x","redirect_uris":["https://a.example/cb"],"logo_uri":"javascript:alert(1)"}`,
		`{"client_name":"x","redirect_uris":["https://a.example/cb"],"id_token_signed_response_alg":"RS256"}`,
		`{"client_name":"x","redirect_uris":["https://a.example/cb"],"id_token_signed_response_alg":"none"}`,
		`{"client_name":"x","redirect_uris":["https://a.example/cb"],"post_logout_redirect_uris":["https://a.example/bye"]}`,
		`{"client_name":"x","redirect_uris":["https://a.example/cb"],"resources":["https://api.example/v1","urn:a:b","https://api.example/#f"]}`,
		`[]`, `null`, `{`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		spec, method, err := parseRegistration(body)
		if err != nil {
			var re *registrationError
			if !errors.As(err, &re) || (re.Code != "invalid_client_metadata" && re.Code != "invalid_redirect_uri") {
				t.Fatalf("unexpected error %v", err)
			}
			if !utf8.ValidString(re.Description) && utf8.Valid(body) {
				t.Fatalf("invalid UTF-8 in description %q", re.Description)
			}
			return
		}
		if method != "none" && method != "client_secret_basic" && method != "client_secret_post" {
			t.Fatalf("method %q", method)
		}
		if spec.Public != (method == "none") {
			t.Fatalf("public %v with method %q", spec.Public, method)
		}
		if _, _, err := newClient(spec, identity.DefaultCatalogue(), bytes.NewReader(make([]byte, 64)), testTime); err != nil {
			t.Fatalf("parsed spec refused by newClient: %v", err)
		}
	})
}
