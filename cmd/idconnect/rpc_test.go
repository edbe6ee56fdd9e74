package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store/sqlite"
)

// rpcCaller signs a wallet in to the identity JSON-RPC and calls it.
type rpcCaller struct {
	t      *testing.T
	issuer string
	auth   string
}

// walletToken runs POST /auth/challenges and POST /auth/tokens for key.
func walletToken(t testing.TB, issuer string, key *ecdsa.PrivateKey) string {
	t.Helper()
	o := &owner{t: t, issuer: issuer, key: key, http: http.DefaultClient}
	code, ch := o.postJSON("/auth/challenges", map[string]string{"wallet": strings.ToLower(o.address())})
	if code != http.StatusCreated || ch["challenge"] == "" || ch["expires_at"] == "" {
		t.Fatalf("challenge: %d %v", code, ch)
	}
	body, _ := json.Marshal(map[string]string{"message": ch["challenge"], "signature": o.sign(ch["challenge"])})
	resp, err := http.Post(issuer+"/auth/tokens", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != http.StatusOK || tok.TokenType != "Bearer" || tok.ExpiresIn <= 0 {
		t.Fatalf("token: %d %+v %v", resp.StatusCode, tok, err)
	}
	// A challenge is single use.
	resp2, err := http.Post(issuer+"/auth/tokens", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusUnauthorized {
		t.Fatalf("replayed challenge: %d", resp2.StatusCode)
	}
	return "Bearer " + tok.AccessToken
}

type rpcAnswer struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    string `json:"data"`
	} `json:"error"`
}

// raw posts a body and returns the answer's bytes.
func (c *rpcCaller) raw(body string) []byte {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.issuer+"/rpc", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return out
}

// call makes one call with named params and decodes the result into out.
func (c *rpcCaller) call(method string, params any, out any) *rpcAnswer {
	c.t.Helper()
	p, _ := json.Marshal(params)
	var a rpcAnswer
	raw := c.raw(fmt.Sprintf(`{"jsonrpc":"2.0","id":7,"method":%q,"params":%s}`, method, p))
	if err := json.Unmarshal(raw, &a); err != nil {
		c.t.Fatalf("%s: %s", method, raw)
	}
	if a.Error == nil && out != nil {
		if err := json.Unmarshal(a.Result, out); err != nil {
			c.t.Fatalf("%s result %s: %v", method, a.Result, err)
		}
	}
	return &a
}

func (c *rpcCaller) must(method string, params any, out any) {
	c.t.Helper()
	if a := c.call(method, params, out); a.Error != nil {
		c.t.Fatalf("%s: %d %s: %s", method, a.Error.Code, a.Error.Message, a.Error.Data)
	}
}

func (c *rpcCaller) wantCode(method string, params any, code int, data string) {
	c.t.Helper()
	a := c.call(method, params, nil)
	if a.Error == nil || a.Error.Code != code || !strings.Contains(a.Error.Data, data) {
		c.t.Fatalf("%s: got %+v, want %d with %q", method, a.Error, code, data)
	}
}

var testPDF = base64.StdEncoding.EncodeToString(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 512)...))

func kycParams(identity string) map[string]any {
	return map[string]any{"identity": identity, "topic": 1,
		"fields": map[string]string{"full_name": "Ada Lovelace", "date_of_birth": "1815-12-10", "nationality": "GB"},
		"documents": []map[string]string{
			{"name": "id_document", "contentType": "application/pdf", "data": testPDF},
			{"name": "proof_of_address", "contentType": "application/pdf", "data": testPDF},
		}}
}

// TestRPCLifecycle walks the id_* methods on the dev server: a wallet
// signs in and creates its identity, applies for KYC; the demo issuer's
// key reviews (a second review is a conflict); the claim is read, renewed
// and revoked, each step seen through id_getClaim and id_verifyClaim.
func TestRPCLifecycle(t *testing.T) {
	issuer, dataDir := devServer(t)
	ownerKey, _ := crypto.GenerateKey()
	wallet := crypto.PubkeyToAddress(ownerKey.PublicKey)
	o := &rpcCaller{t: t, issuer: issuer, auth: walletToken(t, issuer, ownerKey)}

	var created struct{ Identity, TxHash string }
	o.must("id_createIdentity", map[string]string{"wallet": wallet.Hex()}, &created)
	o.wantCode("id_createIdentity", map[string]string{"wallet": wallet.Hex()}, -32009, "already has identity")
	var got struct {
		Identity string
		Wallets  []string
		Keys     []struct {
			Key      string
			Purposes []uint64
			KeyType  uint64
		}
	}
	o.must("id_getIdentity", map[string]string{"wallet": strings.ToLower(wallet.Hex())}, &got)
	if got.Identity != created.Identity || len(got.Wallets) != 1 || got.Wallets[0] != wallet.Hex() || len(got.Keys) < 2 {
		t.Fatalf("identity %+v, created %+v", got, created)
	}

	var app struct{ ApplicationID, State string }
	o.must("id_submitKycApplication", kycParams(created.Identity), &app)
	if app.State != "pending" || app.ApplicationID == "" {
		t.Fatalf("application %+v", app)
	}
	o.wantCode("id_submitKycApplication", kycParams(created.Identity), -32009, "already waiting for review")
	var seen struct {
		ApplicationID, Identity, State, SubmittedAt string
		Topic                                       uint64
	}
	o.must("id_getKycApplication", map[string]string{"applicationId": app.ApplicationID}, &seen)
	if seen.State != "pending" || seen.Identity != created.Identity || seen.Topic != 1 {
		t.Fatalf("application as the owner sees it: %+v", seen)
	}
	o.wantCode("id_reviewKycApplication", map[string]string{"applicationId": app.ApplicationID, "decision": "approve"}, -32003, "no CLAIM key")

	reviewerKey, err := crypto.LoadECDSA(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		t.Fatal(err)
	}
	r := &rpcCaller{t: t, issuer: issuer, auth: walletToken(t, issuer, reviewerKey)}
	var reviewed struct{ ApplicationID, State, ClaimID string }
	r.must("id_reviewKycApplication", map[string]string{"applicationId": app.ApplicationID, "decision": "approve"}, &reviewed)
	if reviewed.State != "approved" || reviewed.ClaimID == "" {
		t.Fatalf("reviewed %+v", reviewed)
	}
	r.wantCode("id_reviewKycApplication", map[string]string{"applicationId": app.ApplicationID, "decision": "reject", "reason": "late"}, -32009, "already decided")

	type claim struct {
		ClaimID, Issuer, State, DocumentHash string
		Topic                                uint64
		ValidFrom, ValidUntil                int64
	}
	var claims struct{ Claims []claim }
	o.must("id_getClaim", map[string]any{"identity": created.Identity, "topic": 1}, &claims)
	if len(claims.Claims) != 1 || claims.Claims[0].State != "valid" || claims.Claims[0].ClaimID != reviewed.ClaimID ||
		claims.Claims[0].ValidUntil <= time.Now().AddDate(0, 11, 0).Unix() || claims.Claims[0].DocumentHash == "0x0000000000000000000000000000000000000000000000000000000000000000" {
		t.Fatalf("claims %+v", claims)
	}
	var verdict struct {
		Valid  bool
		State  string
		Reason string
	}
	o.must("id_verifyClaim", map[string]any{"identity": created.Identity, "topic": 1}, &verdict)
	if !verdict.Valid || verdict.State != "valid" {
		t.Fatalf("verdict %+v", verdict)
	}
	r.must("id_verifyClaim", map[string]any{"identity": created.Identity, "topic": 1}, &verdict)

	time.Sleep(1100 * time.Millisecond) // a renewal must end later, and the chain counts seconds
	var renewed struct {
		ClaimID    string
		ValidUntil int64
		TxHash     string
	}
	r.must("id_renewClaim", map[string]any{"identity": created.Identity, "topic": 1}, &renewed)
	if renewed.ClaimID != reviewed.ClaimID || renewed.ValidUntil < claims.Claims[0].ValidUntil || renewed.TxHash == "" {
		t.Fatalf("renewed %+v", renewed)
	}
	var revoked struct{ ClaimID, State, TxHash string }
	r.must("id_revokeClaim", map[string]any{"identity": created.Identity, "topic": 1}, &revoked)
	if revoked.State != "revoked" || revoked.TxHash == "" {
		t.Fatalf("revoked %+v", revoked)
	}
	o.must("id_verifyClaim", map[string]any{"identity": created.Identity, "topic": 1}, &verdict)
	if verdict.Valid || verdict.State != "revoked" {
		t.Fatalf("after revocation: %+v", verdict)
	}
	r.wantCode("id_revokeClaim", map[string]any{"identity": created.Identity, "topic": 1}, -32009, "already revoked")

	// Keys: the owner gets the call for their wallet; a stranger does not.
	var addKey struct {
		Transaction struct {
			To, Data string
			ChainID  uint64
		}
	}
	o.must("id_addKey", map[string]any{"identity": created.Identity, "key": r.walletHex(reviewerKey), "purpose": 2}, &addKey)
	if addKey.Transaction.To != created.Identity || addKey.Transaction.ChainID != 1337 || !strings.HasPrefix(addKey.Transaction.Data, "0x1d381240") {
		t.Fatalf("addKey %+v", addKey)
	}
	r.wantCode("id_addKey", map[string]any{"identity": created.Identity, "key": wallet.Hex(), "purpose": 2}, -32003, "not a management or action key")

	// A service with an API key reads a claim only under a grant.
	s := &rpcCaller{t: t, issuer: issuer, auth: "ApiKey " + apiKeyFor(t, dataDir)}
	s.wantCode("id_getClaim", map[string]any{"identity": created.Identity, "topic": 1}, -32003, "no live grant")
}

func (c *rpcCaller) walletHex(k *ecdsa.PrivateKey) string {
	return crypto.PubkeyToAddress(k.PublicKey).Hex()
}

func apiKeyFor(t *testing.T, dataDir string) string {
	t.Helper()
	clientID, _ := registerClient(t, dataDir, "http://127.0.0.1:9/cb", false)
	s, err := sqlite.Open(t.Context(), dataPath(dataDir, "idconnect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, key, err := authz.IssueAPIKey(t.Context(), s, rand.Reader, time.Now, clientID, "rpc test")
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// TestRPCBadInput: every bad input gets its pinned code, and error.data
// names the field.
func TestRPCBadInput(t *testing.T) {
	issuer, _ := devServer(t)
	key, _ := crypto.GenerateKey()
	c := &rpcCaller{t: t, issuer: issuer, auth: walletToken(t, issuer, key)}
	id := "0x00000000000000000000000000000000000000A1"

	code := func(raw []byte) int {
		t.Helper()
		var a rpcAnswer
		if err := json.Unmarshal(raw, &a); err != nil {
			var batch []rpcAnswer
			if err := json.Unmarshal(raw, &batch); err != nil || len(batch) != 1 {
				t.Fatalf("answer %s", raw)
			}
			a = batch[0]
		}
		if a.Error == nil {
			t.Fatalf("no error in %s", raw)
		}
		return a.Error.Code
	}
	if got := code(c.raw(`{"jsonrpc":"2.0","id":1,"method":"id_getClaim","params":{`)); got != -32700 {
		t.Fatalf("malformed JSON: %d", got)
	}
	var calls []string
	for i := range 101 {
		calls = append(calls, fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"id_verifyClaim","params":{"identity":%q,"topic":1}}`, i, id))
	}
	if got := code(c.raw("[" + strings.Join(calls, ",") + "]")); got != -32600 {
		t.Fatalf("batch of 101: %d", got)
	}
	var batch []rpcAnswer
	if err := json.Unmarshal(c.raw("["+strings.Join(calls[:3], ",")+"]"), &batch); err != nil || len(batch) != 3 {
		t.Fatalf("batch of 3: %v", batch)
	}
	c.wantCode("id_nothing", map[string]any{}, -32601, "")
	c.wantCode("id_grantClaimAccess", map[string]any{}, -32601, "")
	c.wantCode("id_getClaim", map[string]any{"identity": "0x12", "topic": 1}, -32602, "params.identity")
	c.wantCode("id_getClaim", map[string]any{"topic": 1}, -32602, "params.identity is required")
	c.wantCode("id_getClaim", map[string]any{"identity": id, "topic": "one"}, -32602, "params.topic")
	c.wantCode("id_getClaim", map[string]any{"identity": id, "topic": 99}, -32602, "topic 99 is not in the catalogue")
	c.wantCode("id_getClaim", map[string]any{"identity": id, "topic": 1, "extra": true}, -32602, `unknown member "extra"`)
	c.wantCode("id_getClaim", []any{id, 1}, -32602, "")
	c.wantCode("id_reviewKycApplication", map[string]any{"applicationId": "x", "decision": "maybe"}, -32602, "params.decision")
	big := kycParams(id)
	big["documents"] = []map[string]string{{"name": "id_document", "contentType": "application/pdf",
		"data": base64.StdEncoding.EncodeToString(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 10<<20)...))}}
	c.wantCode("id_submitKycApplication", big, -32602, "over the limit of 10485760 (10 MiB)")

	anon := &rpcCaller{t: t, issuer: issuer}
	anon.wantCode("id_getClaim", map[string]any{"identity": id, "topic": 1}, -32001, "Authorization")
	bad := &rpcCaller{t: t, issuer: issuer, auth: "Bearer not-a-token"}
	bad.wantCode("id_getIdentity", map[string]any{"identity": id}, -32001, "")
}
