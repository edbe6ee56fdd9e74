package faults

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/oauth2"
)

// owner is an identity's wallet driving the browser side of the Connect
// flow over plain HTTP: it signs the SIWE login and consent with
// personal_sign.
type owner struct {
	ownerKey
	issuer string
	http   *http.Client
}

func newOwner(k ownerKey, issuer string) *owner {
	jar, _ := cookiejar.New(nil)
	return &owner{ownerKey: k, issuer: issuer, http: &http.Client{Jar: jar, Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// sign is personal_sign: EIP-191, v in {27, 28}.
func (o *owner) sign(msg string) string {
	sig, err := crypto.Sign(accounts.TextHash([]byte(msg)), o.key)
	if err != nil {
		panic(err) // a valid key always signs a 32-byte hash
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

// postJSON posts v and decodes a 200 answer.
func (o *owner) postJSON(ctx context.Context, path string, v any) (map[string]string, error) {
	body, _ := json.Marshal(v)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.issuer+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := o.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		a := answer{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: map[string]any{}}
		_ = json.Unmarshal(raw, &a.body)
		return nil, &statusError{op: "POST " + path, code: resp.StatusCode, answer: a}
	}
	out := map[string]string{}
	_ = json.Unmarshal(raw, &out)
	return out, nil
}

// statusError is an answer other than the one a step expects.
type statusError struct {
	op   string
	code int
	answer
}

func (e *statusError) Error() string { return fmt.Sprintf("%s: status %d", e.op, e.code) }

// connect runs the whole Connect flow for a public client with PKCE (login,
// consent to every scope, code exchange) and returns the token answer.
func (o *owner) connect(ctx context.Context, clientID, redirect string, scopes ...string) (*oauth2.Token, error) {
	conf := &oauth2.Config{ClientID: clientID, RedirectURL: redirect, Scopes: scopes, Endpoint: oauth2.Endpoint{
		AuthURL: o.issuer + "/oauth2/auth", TokenURL: o.issuer + "/oauth2/token", AuthStyle: oauth2.AuthStyleInParams}}
	verifier := oauth2.GenerateVerifier()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, conf.AuthCodeURL("state-faults", oauth2.S256ChallengeOption(verifier)), nil)
	if err != nil {
		return nil, err
	}
	resp, err := o.http.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Path != "/login" {
		return nil, &statusError{op: "GET /oauth2/auth", code: resp.StatusCode,
			answer: answer{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), location: resp.Header.Get("Location")}}
	}
	request := loc.Query().Get("request")
	ch, err := o.postJSON(ctx, "/login/challenge", map[string]string{"request": request, "address": o.wallet.Hex()})
	if err != nil {
		return nil, err
	}
	if _, err := o.postJSON(ctx, "/login", map[string]string{"request": request, "message": ch["message"], "signature": o.sign(ch["message"])}); err != nil {
		return nil, err
	}
	if ch, err = o.postJSON(ctx, "/consent/challenge", map[string]any{"request": request, "scopes": scopes}); err != nil {
		return nil, err
	}
	out, err := o.postJSON(ctx, "/consent", map[string]any{"request": request, "decision": "allow", "scopes": scopes,
		"message": ch["message"], "signature": o.sign(ch["message"])})
	if err != nil {
		return nil, err
	}
	back, err := url.Parse(out["redirect"])
	if err != nil || back.Query().Get("code") == "" {
		return nil, fmt.Errorf("consent redirected to %q", out["redirect"])
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Timeout: 15 * time.Second})
	tok, err := conf.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		a := answer{code: re.Response.StatusCode, contentType: re.Response.Header.Get("Content-Type"), body: map[string]any{}}
		_ = json.Unmarshal(re.Body, &a.body)
		return nil, &statusError{op: "POST /oauth2/token", code: a.code, answer: a}
	}
	return tok, err
}

// grantID reads the grant_id claim of an access token. The test trusts the
// server it runs, so it does not verify the signature.
func grantID(accessToken string) (string, error) {
	parts := strings.Split(accessToken, ".")
	if len(parts) != 3 {
		return "", errors.New("the access token is not a JWT")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", err
	}
	var claims struct {
		GrantID string `json:"grant_id"`
	}
	if err := json.Unmarshal(raw, &claims); err != nil || claims.GrantID == "" {
		return "", fmt.Errorf("no grant_id in the access token: %v", err)
	}
	return claims.GrantID, nil
}

// answer is one HTTP answer as the fault checks need it.
type answer struct {
	code        int
	contentType string
	location    string
	body        map[string]any
	// sent is when the request went out (zero when unknown): a fault's
	// phase is the one the request began in.
	sent time.Time
}

// postForm posts a form, as an OAuth client does to the token endpoint.
func postForm(ctx context.Context, hc *http.Client, u string, form url.Values) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(hc, req)
}

// call sends a request with an optional JSON body and Authorization
// header, and decodes a JSON answer. A transport error (refused, reset,
// timed out) is returned as err.
func call(ctx context.Context, hc *http.Client, method, u, auth string, body any) (answer, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return answer{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return do(hc, req)
}

// do sends req and decodes a JSON answer.
func do(hc *http.Client, req *http.Request) (answer, error) {
	sent := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	a := answer{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), location: resp.Header.Get("Location"), body: map[string]any{}, sent: sent}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	_ = json.Unmarshal(raw, &a.body)
	return a, nil
}
