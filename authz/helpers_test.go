package authz

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// fixture is a Provider mounted on a real HTTP server over a real SQLite
// store, with a test approver at /login playing the consent step.
type fixture struct {
	st     store.Store
	keys   *Keyring
	p      *Provider
	srv    *httptest.Server
	issuer string
	// owner is who the approver signs in as.
	identity, wallet common.Address
	// approve decides what the approver grants; nil grants everything.
	approve func(parked store.AuthRequest) (scopes []string, deny bool)
}

const (
	testChainID  = 1337
	testRegToken = "operator-registration-token"
	redirectPath = "/cb"
)

type fixtureOption func(*Config, *KeyringConfig)

func newFixture(t testing.TB, opts ...fixtureOption) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "idc.db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	sealer, err := store.NewSealer(bytes.Repeat([]byte{7}, 32), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg := Config{Issuer: srv.URL, GlobalSecret: bytes.Repeat([]byte("s"), 32), RegistrationToken: testRegToken}
	kcfg := KeyringConfig{TokenTTL: time.Hour}
	for _, o := range opts {
		o(&cfg, &kcfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	kcfg.Log = log
	keys, err := NewKeyring(ctx, st, sealer, kcfg)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(cfg, st, keys, log)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{
		st: st, keys: keys, p: p, srv: srv, issuer: srv.URL,
		identity: common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"),
		wallet:   common.HexToAddress("0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2"),
	}
	p.Mount(mux)
	mux.HandleFunc("GET /login", f.serveApprover)
	return f
}

// serveApprover stands in for the login and consent pages: it records a
// grant as the consent step would, then approves (or denies).
func (f *fixture) serveApprover(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.URL.Query().Get("request")
	parked, err := f.p.AuthRequest(ctx, id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	scopes, deny := parked.Scopes, false
	if f.approve != nil {
		scopes, deny = f.approve(parked)
	}
	if deny {
		u, err := f.p.Deny(ctx, id)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, u.String(), http.StatusSeeOther)
		return
	}
	a, err := f.recordGrant(ctx, parked.ClientID, scopes)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	u, err := f.p.Approve(ctx, id, a)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// recordGrant creates the active grant a consent produces and returns
// the matching Approval.
func (f *fixture) recordGrant(ctx context.Context, clientID string, scopes []string) (Approval, error) {
	gid, err := randomString(rand.Reader, 16)
	if err != nil {
		return Approval{}, err
	}
	kind := store.GrantImmediate
	if slices.Contains(scopes, consent.ScopeOffline) {
		kind = store.GrantPersistent
	}
	msg := "idconnect test consent for " + gid
	hash := "0x" + common.Bytes2Hex(crypto.Keccak256([]byte(msg)))
	now := time.Now().UTC()
	g := store.Grant{
		ID: gid, Kind: kind, State: store.GrantActive, Identity: f.identity, ChainID: testChainID,
		Wallet: f.wallet, ClientID: clientID, Scopes: scopes, ConsentMessage: msg,
		ConsentSignature: "0x00", ConsentHash: hash, CreatedAt: now, ActivatedAt: now,
	}
	if err := f.st.CreateGrant(ctx, g); err != nil {
		return Approval{}, err
	}
	return Approval{
		Identity: f.identity, Wallet: f.wallet, ChainID: testChainID, Scopes: scopes,
		GrantID: gid, GrantKind: kind, ConsentHash: hash, AuthTime: now,
	}, nil
}

// browser follows redirects up to the client's redirect URI and stops
// there, as a browser would hand the URL to the client.
func browser() *http.Client {
	return &http.Client{CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if req.URL.Path == redirectPath {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}

// authorize runs the browser part of the flow and returns the query the
// client receives at its redirect URI.
func (f *fixture) authorize(t testing.TB, authURL string) url.Values {
	t.Helper()
	resp, err := browser().Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("authorize: status %d, body %s", resp.StatusCode, body)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Path != redirectPath {
		t.Fatalf("authorize: redirected to %q", resp.Header.Get("Location"))
	}
	return loc.Query()
}

// newClient registers a client with the fixture's redirect URI.
func (f *fixture) newClient(t testing.TB, public bool) (id, secret string) {
	t.Helper()
	id, secret, err := CreateClient(context.Background(), f.st, ClientSpec{
		Name: "Shop", RedirectURIs: []string{f.redirectURI()}, Public: public,
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, secret
}

func (f *fixture) redirectURI() string { return f.issuer + redirectPath }

// postForm posts a form, with basic auth when id is set.
func (f *fixture) postForm(t testing.TB, path, id, secret string, form url.Values) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.issuer+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if len(b) > 0 {
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: status %d, not JSON: %s", path, resp.StatusCode, b)
		}
	}
	return resp, out
}

// introspect asks whether a token is active, as the given client.
func (f *fixture) introspect(t testing.TB, id, secret, token string) map[string]any {
	t.Helper()
	resp, out := f.postForm(t, PathIntrospect, id, secret, url.Values{"token": {token}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("introspect: status %d: %v", resp.StatusCode, out)
	}
	return out
}

func active(m map[string]any) bool { return m["active"] == true }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func httptestRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

// noRedirects stops at the first redirect.
func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// oidcKID reads the kid of a compact JWS without verifying it.
func oidcKID(token string) (string, error) {
	parsed, err := josejwt.ParseSigned(token, tokenAlgs)
	if err != nil {
		return "", err
	}
	return parsed.Headers[0].KeyID, nil
}
