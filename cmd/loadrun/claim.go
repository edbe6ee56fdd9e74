package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
)

// walletToken signs key in to the identity JSON-RPC: POST /auth/challenges,
// then POST /auth/tokens with the signed challenge.
func walletToken(ctx context.Context, issuer string, key *ecdsa.PrivateKey) (string, error) {
	o, err := newOwner(issuer)
	if err != nil {
		return "", err
	}
	o.key = key
	ch, err := o.postJSONStatus(ctx, "/auth/challenges", map[string]string{"wallet": o.address()}, http.StatusCreated)
	if err != nil {
		return "", err
	}
	sig, err := o.sign(ch["challenge"])
	if err != nil {
		return "", err
	}
	tok, err := o.postJSON(ctx, "/auth/tokens", map[string]string{"message": ch["challenge"], "signature": sig})
	if err != nil {
		return "", err
	}
	return tok["access_token"], nil
}

// rpcCall makes one id_* call with named params and decodes its result.
func rpcCall(ctx context.Context, issuer, token, method string, params, out any) error {
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":%q,"params":%s}`, method, p)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, issuer+"/rpc", strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var answer struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code int    `json:"code"`
			Data string `json:"data"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if answer.Error != nil {
		return fmt.Errorf("%s: %d %s", method, answer.Error.Code, answer.Error.Data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(answer.Result, out)
}

// issuedClaim gives a fresh wallet an identity on the dev server and a KYC
// claim from the demo issuer (whose key the data dir holds), and returns
// the identity and the owner's wallet token, for loading id_getClaim and
// id_verifyClaim.
func issuedClaim(ctx context.Context, issuer, dataDir string) (identity, token string, err error) {
	owner, err := crypto.GenerateKey()
	if err != nil {
		return "", "", err
	}
	if token, err = walletToken(ctx, issuer, owner); err != nil {
		return "", "", err
	}
	var created struct{ Identity string }
	if err := rpcCall(ctx, issuer, token, "id_createIdentity", map[string]string{"wallet": crypto.PubkeyToAddress(owner.PublicKey).Hex()}, &created); err != nil {
		return "", "", err
	}
	reviewer, err := crypto.LoadECDSA(filepath.Join(dataDir, "dev-issuer.key"))
	if err != nil {
		return "", "", err
	}
	rtoken, err := walletToken(ctx, issuer, reviewer)
	if err != nil {
		return "", "", err
	}
	if err := rpcCall(ctx, issuer, rtoken, "id_issueClaim", map[string]any{"identity": created.Identity, "topic": 1}, nil); err != nil {
		return "", "", err
	}
	return created.Identity, token, nil
}

// postJSONStatus posts v and decodes the answer into a map, which must
// come with the status want.
func (o *owner) postJSONStatus(ctx context.Context, path string, v any, want int) (map[string]string, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
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
	out := map[string]string{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != want {
		return nil, fmt.Errorf("POST %s: %d %v", path, resp.StatusCode, out)
	}
	return out, nil
}
