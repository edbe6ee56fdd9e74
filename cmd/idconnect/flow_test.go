package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store/sqlite"
)

// devServer runs `serve --dev` in-process and returns its issuer and data dir.
func devServer(t testing.TB) (issuer, dataDir string) {
	return devServerLogging(t, slog.New(slog.DiscardHandler))
}

// devServerLogging is devServer with the server's request log going to log.
func devServerLogging(t testing.TB, log *slog.Logger) (issuer, dataDir string) {
	t.Helper()
	return devServerWith(t, log, nil)
}

// devServerWith is devServerLogging with the configuration changed by edit.
func devServerWith(t testing.TB, log *slog.Logger, edit func(*serveConfig)) (issuer, dataDir string) {
	t.Helper()
	cfg := &serveConfig{Dev: true, Addr: freeAddr(t), DataDir: filepath.Join(t.TempDir(), "data"), DevRPCAddr: freeAddr(t), CacheAge: time.Minute}
	if edit != nil {
		edit(cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, io.Discard, log) }()
	t.Cleanup(func() { cancel(); <-done })
	issuer = "http://" + cfg.Addr
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(issuer + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return issuer, cfg.DataDir
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server never became healthy: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// registerClient registers a client in the dev database, as `client create --dev` does.
func registerClient(t testing.TB, dataDir, redirect string, public bool) (string, string) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, dataPath(dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, secret, err := authz.CreateClient(ctx, s, authz.ClientSpec{Name: "Test RP", RedirectURIs: []string{redirect}, Public: public})
	if err != nil {
		t.Fatal(err)
	}
	return id, secret
}

// owner is a wallet driving the browser side of the flow over plain HTTP.
type owner struct {
	t      testing.TB
	issuer string
	key    *ecdsa.PrivateKey
	http   *http.Client
}

func newOwner(t testing.TB, issuer string) *owner {
	jar, _ := cookiejar.New(nil)
	key, _ := crypto.GenerateKey()
	return &owner{t: t, issuer: issuer, key: key, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (o *owner) address() string { return crypto.PubkeyToAddress(o.key.PublicKey).Hex() }

// sign is personal_sign: EIP-191, v in {27, 28}.
func (o *owner) sign(msg string) string {
	sig, err := crypto.Sign(accounts.TextHash([]byte(msg)), o.key)
	if err != nil {
		o.t.Fatal(err)
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

// postJSON posts v and decodes the answer into a map; it returns the status.
func (o *owner) postJSON(path string, v any) (int, map[string]string) {
	body, _ := json.Marshal(v)
	resp, err := o.http.Post(o.issuer+path, "application/json", bytes.NewReader(body))
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]string{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// authorize follows /oauth2/auth to the login page and returns the request id.
func (o *owner) authorize(authURL string) string {
	resp, err := o.http.Get(authURL)
	if err != nil {
		o.t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc.Path != "/login" {
		o.t.Fatalf("/oauth2/auth answered %d to %s", resp.StatusCode, loc)
	}
	return loc.Query().Get("request")
}

// login signs in and returns the login message it signed.
func (o *owner) login(request string) string {
	code, ch := o.postJSON("/login/challenge", map[string]string{"request": request, "address": o.address()})
	if code != http.StatusOK {
		o.t.Fatalf("login challenge: %d %v", code, ch)
	}
	code, out := o.postJSON("/login", map[string]string{"request": request, "message": ch["message"], "signature": o.sign(ch["message"])})
	if code != http.StatusOK || out["redirect"] != "/consent?request="+request {
		o.t.Fatalf("login: %d %v", code, out)
	}
	return ch["message"]
}

// allow consents to the ticked scopes and returns the client redirect with the code.
func (o *owner) allow(request string, ticked ...string) *url.URL {
	resp, err := o.http.Get(o.issuer + "/consent?request=" + request)
	if err != nil {
		o.t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(page, []byte("Allow")) {
		o.t.Fatalf("consent page: %d", resp.StatusCode)
	}
	code, ch := o.postJSON("/consent/challenge", map[string]any{"request": request, "scopes": ticked})
	if code != http.StatusOK {
		o.t.Fatalf("consent challenge: %d %v", code, ch)
	}
	code, out := o.postJSON("/consent", map[string]any{"request": request, "decision": "allow", "scopes": ticked,
		"message": ch["message"], "signature": o.sign(ch["message"])})
	if code != http.StatusOK {
		o.t.Fatalf("consent: %d %v", code, out)
	}
	u, err := url.Parse(out["redirect"])
	if err != nil {
		o.t.Fatal(err)
	}
	return u
}

// saveProfile fills in the owner's profile through the account form.
func (o *owner) saveProfile(fields url.Values) {
	resp, err := o.http.PostForm(o.issuer+"/account/profile", fields)
	if err != nil {
		o.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		o.t.Fatalf("profile form: %d", resp.StatusCode)
	}
}

func userinfo(t testing.TB, issuer, token string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, issuer+"/userinfo", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func oidcClient(t testing.TB, issuer, clientID, secret, redirect string, scopes ...string) (*oauth2.Config, *oidc.IDTokenVerifier) {
	t.Helper()
	p, err := oidc.NewProvider(context.Background(), issuer)
	if err != nil {
		t.Fatal(err)
	}
	return &oauth2.Config{ClientID: clientID, ClientSecret: secret, RedirectURL: redirect, Endpoint: p.Endpoint(), Scopes: scopes},
		p.Verifier(&oidc.Config{ClientID: clientID})
}
