package api

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/web"
	"github.com/idconnect/idconnect/web/httperr"
)

// serviceFixture is ServiceAuth on a real HTTP server, with a real SQLite
// store, a real authz.Provider and the simulated chain (for ERC-1271).
// Client A may sign with an EOA and with a contract wallet owned by
// another key; client B with its own EOA. GET /whoami answers the client
// Authenticate finds.
type serviceFixture struct {
	st       store.Store
	p        *authz.Provider
	auth     *ServiceAuth
	url      string
	a, b     string // client ids
	keyA     *ecdsa.PrivateKey
	keyB     *ecdsa.PrivateKey
	owner    *ecdsa.PrivateKey // owns contract
	contract common.Address
}

func newServiceFixture(t *testing.T) *serviceFixture {
	t.Helper()
	ctx := context.Background()
	deployer := simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(deployer.PublicKey))
	t.Cleanup(func() { _ = chain.Close() })
	f := &serviceFixture{keyA: simchain.NewKey(), keyB: simchain.NewKey(), owner: simchain.NewKey()}
	var err error
	f.contract, err = contracts.DeploySmartWallet(ctx, chain.Sender(deployer), crypto.PubkeyToAddress(f.owner.PublicKey))
	must(t, err)
	f.st, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "idc.db"), sqlite.WithMigrate())
	must(t, err)
	t.Cleanup(func() { _ = f.st.Close() })

	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sealer, err := store.NewSealer(bytes.Repeat([]byte{7}, 32), rand.Reader)
	must(t, err)
	keys, err := authz.NewKeyring(ctx, f.st, sealer, authz.KeyringConfig{TokenTTL: time.Hour, Log: log})
	must(t, err)
	f.p, err = authz.New(authz.Config{Issuer: srv.URL, GlobalSecret: bytes.Repeat([]byte("s"), 32)}, f.st, keys, log)
	must(t, err)
	f.auth = &ServiceAuth{
		Site: web.Site{Issuer: srv.URL, ChainID: simchain.ChainID}, Store: f.st, Tokens: f.p, Log: log, Clock: time.Now,
		Challenges: challenge.New(challenge.Config{Store: f.st, Caller: chain.Client(), ChainID: simchain.ChainID}),
	}
	f.auth.Mount(mux)
	mux.HandleFunc("GET /whoami", func(w http.ResponseWriter, r *http.Request) {
		id, err := f.auth.Authenticate(r)
		switch {
		case errors.Is(err, ErrUnauthenticated):
			httperr.Unauthenticated(w, r, "")
		case err != nil:
			httperr.FailProblem(w, r, log, "whoami", err)
		default:
			web.WriteJSON(w, http.StatusOK, map[string]string{"client_id": id})
		}
	})
	f.a = f.newClient(t, crypto.PubkeyToAddress(f.keyA.PublicKey).Hex(), strings.ToLower(f.contract.Hex()))
	f.b = f.newClient(t, crypto.PubkeyToAddress(f.keyB.PublicKey).Hex())
	return f
}

func (f *serviceFixture) newClient(t *testing.T, wallets ...string) string {
	t.Helper()
	id, _, err := authz.CreateClient(context.Background(), f.st, authz.ClientSpec{Name: "Service", RedirectURIs: []string{"https://rp.example/cb"}})
	must(t, err)
	_, err = authz.SetServiceWallets(context.Background(), f.st, id, wallets)
	must(t, err)
	return id
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// personalSign signs text as a wallet's personal_sign does.
func personalSign(t testing.TB, key *ecdsa.PrivateKey, text string) string {
	t.Helper()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), key)
	must(t, err)
	sig[64] += 27
	return hexutil.Encode(sig)
}

// post sends a JSON body and decodes the JSON answer.
func (f *serviceFixture) post(t *testing.T, path, contentType, body string) (int, http.Header, map[string]any) {
	t.Helper()
	resp, err := http.Post(f.url+path, contentType, strings.NewReader(body))
	must(t, err)
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: status %d, body not JSON: %v", path, resp.StatusCode, err)
	}
	return resp.StatusCode, resp.Header, out
}

func jsonBody(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err)
	return string(b)
}

// challengeFor asks for a challenge and fails unless it is issued.
func (f *serviceFixture) challengeFor(t *testing.T, clientID string, wallet common.Address) string {
	t.Helper()
	status, _, out := f.post(t, "/service/challenges", "application/json",
		jsonBody(t, map[string]string{"client_id": clientID, "wallet": strings.ToLower(wallet.Hex())}))
	text, _ := out["challenge"].(string)
	if status != http.StatusCreated || text == "" {
		t.Fatalf("challenge: %d %v", status, out)
	}
	exp, err := time.Parse(time.RFC3339, out["expires_at"].(string))
	if err != nil || exp.Sub(time.Now()) > challenge.DefaultTTL || exp.Before(time.Now()) {
		t.Fatalf("expires_at %v (%v)", out["expires_at"], err)
	}
	return text
}

// exchange posts a signed challenge.
func (f *serviceFixture) exchange(t *testing.T, text, sig string) (int, http.Header, map[string]any) {
	t.Helper()
	return f.post(t, "/service/tokens", "application/json", jsonBody(t, map[string]string{"message": text, "signature": sig}))
}

// whoami authenticates with the Authorization header values given.
func (f *serviceFixture) whoami(t *testing.T, authorization ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.url+"/whoami", nil)
	must(t, err)
	for _, v := range authorization {
		req.Header.Add("Authorization", v)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	var out map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out["client_id"]
}

func TestServiceTokenFlow(t *testing.T) {
	f := newServiceFixture(t)
	walletA := crypto.PubkeyToAddress(f.keyA.PublicKey)
	tests := []struct {
		name   string
		wallet common.Address
		signer *ecdsa.PrivateKey
	}{
		{"EOA", walletA, f.keyA},
		{"ERC-1271 contract wallet", f.contract, f.owner},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := f.challengeFor(t, f.a, tc.wallet)
			if !strings.HasSuffix(text, "\nRequest ID: "+f.a) || !strings.HasPrefix(text, f.auth.Site.Domain()+" wants you") ||
				!strings.Contains(text, "\nURI: "+f.url+"\n") || !strings.Contains(text, "\n"+tc.wallet.Hex()+"\n") {
				t.Fatalf("challenge text:\n%s", text)
			}
			sig := personalSign(t, tc.signer, text)
			status, _, out := f.exchange(t, text, sig)
			tok, _ := out["access_token"].(string)
			if status != http.StatusOK || tok == "" || out["token_type"] != "Bearer" ||
				out["expires_in"] != float64(authz.DefaultServiceTokenTTL/time.Second) {
				t.Fatalf("token: %d %v", status, out)
			}
			if status, id := f.whoami(t, "Bearer "+tok); status != http.StatusOK || id != f.a {
				t.Fatalf("whoami with the service token: %d %q, want %q", status, id, f.a)
			}
			if status, _, out := f.exchange(t, text, sig); status != http.StatusUnauthorized {
				t.Fatalf("replayed challenge: %d %v", status, out)
			}
		})
	}
}

func TestServiceTokenRefusals(t *testing.T) {
	f := newServiceFixture(t)
	ctx := context.Background()
	walletA, walletB := crypto.PubkeyToAddress(f.keyA.PublicKey), crypto.PubkeyToAddress(f.keyB.PublicKey)

	t.Run("challenge for a wallet of another client", func(t *testing.T) {
		forbidden := func(clientID string, wallet common.Address) string {
			status, _, out := f.post(t, "/service/challenges", "application/json",
				jsonBody(t, map[string]string{"client_id": clientID, "wallet": wallet.Hex()}))
			if status != http.StatusForbidden {
				t.Fatalf("challenge %s/%s: %d %v", clientID, wallet, status, out)
			}
			return out["detail"].(string)
		}
		// An unknown client reads exactly like a wallet that is not registered.
		if forbidden(f.a, walletB) != forbidden("no-such-client", walletA) {
			t.Error("an unknown client is told apart from an unregistered wallet")
		}
	})
	t.Run("signed by another key", func(t *testing.T) {
		text := f.challengeFor(t, f.a, walletA)
		if status, _, out := f.exchange(t, text, personalSign(t, f.keyB, text)); status != http.StatusUnauthorized {
			t.Fatalf("%d %v", status, out)
		}
	})
	t.Run("request id changed to another client", func(t *testing.T) {
		text := strings.Replace(f.challengeFor(t, f.a, walletA), "Request ID: "+f.a, "Request ID: "+f.b, 1)
		if status, _, out := f.exchange(t, text, personalSign(t, f.keyA, text)); status != http.StatusUnauthorized {
			t.Fatalf("%d %v", status, out)
		}
	})
	t.Run("a login challenge is not a service challenge", func(t *testing.T) {
		c, err := f.auth.Challenges.Issue(ctx, challenge.Request{Purpose: store.PurposeLogin, Domain: f.auth.Site.Domain(),
			URI: f.auth.Site.Origin(), Address: walletA, RequestID: f.a})
		must(t, err)
		if status, _, out := f.exchange(t, c.Text, personalSign(t, f.keyA, c.Text)); status != http.StatusUnauthorized {
			t.Fatalf("%d %v", status, out)
		}
	})
	t.Run("wallet removed after the challenge", func(t *testing.T) {
		c := f.newClient(t, walletA.Hex())
		text := f.challengeFor(t, c, walletA)
		_, err := authz.SetServiceWallets(ctx, f.st, c, nil)
		must(t, err)
		if status, _, out := f.exchange(t, text, personalSign(t, f.keyA, text)); status != http.StatusForbidden {
			t.Fatalf("%d %v", status, out)
		}
	})
	t.Run("client deleted after the challenge", func(t *testing.T) {
		c := f.newClient(t, walletA.Hex())
		text := f.challengeFor(t, c, walletA)
		must(t, f.st.DeleteClient(ctx, c))
		if status, _, out := f.exchange(t, text, personalSign(t, f.keyA, text)); status != http.StatusUnauthorized {
			t.Fatalf("%d %v", status, out)
		}
	})
}

func TestServiceBodies(t *testing.T) {
	f := newServiceFixture(t)
	wallet := crypto.PubkeyToAddress(f.keyA.PublicKey).Hex()
	okChallenge := jsonBody(t, map[string]string{"client_id": f.a, "wallet": wallet})
	tests := []struct {
		name, path, contentType, body string
		status                        int
	}{
		{"form body", "/service/challenges", "application/x-www-form-urlencoded", "client_id=" + f.a, http.StatusUnsupportedMediaType},
		{"no content type", "/service/challenges", "", okChallenge, http.StatusUnsupportedMediaType},
		{"too large", "/service/challenges", "application/json", `{"client_id":"` + strings.Repeat("a", maxAPIBody) + `"}`, http.StatusRequestEntityTooLarge},
		{"unknown field", "/service/challenges", "application/json", `{"client_id":"` + f.a + `","wallet":"` + wallet + `","scope":"x"}`, http.StatusBadRequest},
		{"trailing data", "/service/challenges", "application/json", okChallenge + `{}`, http.StatusBadRequest},
		{"trailing brace", "/service/challenges", "application/json", okChallenge + `}`, http.StatusBadRequest},
		{"not JSON", "/service/challenges", "application/json", `client_id=x`, http.StatusBadRequest},
		{"empty", "/service/challenges", "application/json", ``, http.StatusBadRequest},
		{"bad wallet", "/service/challenges", "application/json", `{"client_id":"` + f.a + `","wallet":"0x12"}`, http.StatusBadRequest},
		{"bad client id", "/service/challenges", "application/json", `{"client_id":"a b","wallet":"` + wallet + `"}`, http.StatusBadRequest},
		{"no signature", "/service/tokens", "application/json", `{"message":"m"}`, http.StatusBadRequest},
		{"signature not hex", "/service/tokens", "application/json", `{"message":"m","signature":"0xzz"}`, http.StatusBadRequest},
		{"message without request id", "/service/tokens", "application/json", `{"message":"a\nb\nc\nd\ne","signature":"0x00"}`, http.StatusBadRequest},
		{"message not a challenge", "/service/tokens", "application/json", `{"message":"a\nb\nc\nd\nRequest ID: ` + f.a + `","signature":"0x00"}`, http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, h, out := f.post(t, tc.path, tc.contentType, tc.body)
			if status != tc.status || h.Get("Content-Type") != "application/problem+json" ||
				out["status"] != float64(tc.status) || out["title"] != http.StatusText(tc.status) || out["type"] != "about:blank" {
				t.Fatalf("%d %v %v, want a %d problem", status, h, out, tc.status)
			}
		})
	}
	// The charset parameter is fine.
	if status, _, out := f.post(t, "/service/challenges", "application/json; charset=utf-8", okChallenge); status != http.StatusCreated {
		t.Fatalf("with charset: %d %v", status, out)
	}
}

// TestAuthenticate: each credential authenticates its own client, and
// nothing else authenticates at all.
func TestAuthenticate(t *testing.T) {
	f := newServiceFixture(t)
	ctx := context.Background()
	now := func() time.Time { return time.Now() }
	_, keyA, err := authz.IssueAPIKey(ctx, f.st, rand.Reader, now, f.a, "a")
	must(t, err)
	_, keyB, err := authz.IssueAPIKey(ctx, f.st, rand.Reader, now, f.b, "b")
	must(t, err)
	revoked, keyRevoked, err := authz.IssueAPIKey(ctx, f.st, rand.Reader, now, f.a, "old")
	must(t, err)
	must(t, f.st.RevokeAPIKey(ctx, revoked.ID, time.Now()))
	tokB, _, err := f.p.IssueServiceToken(ctx, f.b)
	must(t, err)
	gone := f.newClient(t)
	tokGone, _, err := f.p.IssueServiceToken(ctx, gone)
	must(t, err)
	must(t, authz.DeleteClient(ctx, f.p, gone))

	tests := []struct {
		name   string
		header []string
		want   string // "" for 401
	}{
		{"API key of A", []string{"ApiKey " + keyA}, f.a},
		{"API key of B", []string{"ApiKey " + keyB}, f.b},
		{"scheme in any case", []string{"apikey " + keyA}, f.a},
		{"service token of B", []string{"Bearer " + tokB}, f.b},
		{"revoked API key", []string{"ApiKey " + keyRevoked}, ""},
		{"API key as a bearer token", []string{"Bearer " + keyA}, ""},
		{"service token as an API key", []string{"ApiKey " + tokB}, ""},
		{"token of a deleted client", []string{"Bearer " + tokGone}, ""},
		{"none", nil, ""},
		{"basic", []string{"Basic YTpi"}, ""},
		{"two headers", []string{"ApiKey " + keyA, "ApiKey " + keyA}, ""},
		{"garbage key", []string{"ApiKey idc_nope"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, id := f.whoami(t, tc.header...)
			want := http.StatusOK
			if tc.want == "" {
				want = http.StatusUnauthorized
			}
			if status != want || id != tc.want {
				t.Fatalf("whoami = %d %q, want %d %q", status, id, want, tc.want)
			}
		})
	}
}
