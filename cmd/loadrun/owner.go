package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/oauth2"
)

// owner is a wallet driving the browser side of the flow over plain HTTP,
// as cmd/idconnect's flow tests do: it signs with personal_sign.
type owner struct {
	issuer string
	key    *ecdsa.PrivateKey
	http   *http.Client
}

func newOwner(issuer string) (*owner, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	return &owner{issuer: issuer, key: key, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}, nil
}

func (o *owner) address() string { return crypto.PubkeyToAddress(o.key.PublicKey).Hex() }

// sign is personal_sign: EIP-191, v in {27, 28}.
func (o *owner) sign(msg string) (string, error) {
	sig, err := crypto.Sign(accounts.TextHash([]byte(msg)), o.key)
	if err != nil {
		return "", err
	}
	sig[64] += 27
	return hexutil.Encode(sig), nil
}

// postJSON posts v and decodes a 200 answer into a map.
func (o *owner) postJSON(ctx context.Context, path string, v any) (map[string]string, error) {
	return o.postJSONStatus(ctx, path, v, http.StatusOK)
}

func (o *owner) get(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return o.http.Do(req)
}

// authorize follows /oauth2/auth to the login page and returns the request id.
func (o *owner) authorize(ctx context.Context, authURL string) (string, error) {
	resp, err := o.get(ctx, authURL)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Path != "/login" {
		return "", fmt.Errorf("/oauth2/auth answered %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("request"), nil
}

// login signs in; in --dev a fresh wallet gets its identity here.
func (o *owner) login(ctx context.Context, request string) error {
	ch, err := o.postJSON(ctx, "/login/challenge", map[string]string{"request": request, "address": o.address()})
	if err != nil {
		return err
	}
	sig, err := o.sign(ch["message"])
	if err != nil {
		return err
	}
	_, err = o.postJSON(ctx, "/login", map[string]string{"request": request, "message": ch["message"], "signature": sig})
	return err
}

// allow signs the consent to every requested scope and returns the code.
func (o *owner) allow(ctx context.Context, request string, scopes []string) (string, error) {
	resp, err := o.get(ctx, o.issuer+"/consent?request="+request)
	if err != nil {
		return "", err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("consent page: %d", resp.StatusCode)
	}
	ch, err := o.postJSON(ctx, "/consent/challenge", map[string]any{"request": request, "scopes": scopes})
	if err != nil {
		return "", err
	}
	sig, err := o.sign(ch["message"])
	if err != nil {
		return "", err
	}
	out, err := o.postJSON(ctx, "/consent", map[string]any{"request": request, "decision": "allow", "scopes": scopes,
		"message": ch["message"], "signature": sig})
	if err != nil {
		return "", err
	}
	back, err := url.Parse(out["redirect"])
	if err != nil || back.Query().Get("code") == "" {
		return "", fmt.Errorf("consent redirected to %q", out["redirect"])
	}
	return back.Query().Get("code"), nil
}

// saveProfile fills in the owner's profile through the account form.
func (o *owner) saveProfile(ctx context.Context, fields url.Values) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.issuer+"/account/profile", strings.NewReader(fields.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := o.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("profile form: %d", resp.StatusCode)
	}
	return nil
}

// completeGrant runs the whole flow for a public client with PKCE and
// returns the access token, after checking it reads /userinfo once.
func completeGrant(ctx context.Context, issuer, clientID, redirect string, scopes []string) (string, error) {
	o, err := newOwner(issuer)
	if err != nil {
		return "", err
	}
	conf := &oauth2.Config{ClientID: clientID, RedirectURL: redirect, Scopes: scopes, Endpoint: oauth2.Endpoint{
		AuthURL: issuer + "/oauth2/auth", TokenURL: issuer + "/oauth2/token", AuthStyle: oauth2.AuthStyleInParams}}
	if slices.ContainsFunc(scopes, func(s string) bool { return s == "profile" || s == "email" }) {
		// The owner fills in a profile first, signing in to the dashboard.
		req, err := o.authorize(ctx, conf.AuthCodeURL("loadrun-profile", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
		if err == nil {
			err = o.login(ctx, req)
		}
		if err == nil {
			err = o.saveProfile(ctx, url.Values{"name": {"Ada Lovelace"}, "given_name": {"Ada"}, "family_name": {"Lovelace"},
				"email": {"ada@example.com"}, "phone_number": {"+441234567890"}})
		}
		if err != nil {
			return "", fmt.Errorf("profile: %w", err)
		}
	}
	verifier := oauth2.GenerateVerifier()
	req, err := o.authorize(ctx, conf.AuthCodeURL("loadrun-state", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		return "", err
	}
	if err := o.login(ctx, req); err != nil {
		return "", err
	}
	code, err := o.allow(ctx, req, scopes)
	if err != nil {
		return "", err
	}
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return "", fmt.Errorf("exchange: %w", err)
	}
	if tok.RefreshToken == "" {
		return "", fmt.Errorf("no refresh token: the grant is not persistent (scopes %v)", scopes)
	}
	return tok.AccessToken, checkUserinfo(ctx, issuer, tok.AccessToken)
}

func checkUserinfo(ctx context.Context, issuer, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, issuer+"/userinfo", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("userinfo: %d %s", resp.StatusCode, body)
	}
	return nil
}

func splitScopes(s string) []string { return strings.Fields(s) }
