package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// runPlain runs the command line without --dev.
func runPlain(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := newApp(&out, &errOut).Run(context.Background(), append([]string{"idconnect"}, args...))
	return out.String(), err
}

// TestIssuerCommands: `issuer deploy --dev` prints the demo issuer,
// `issuer add-reviewer --dev` makes a wallet a reviewer at once (and says
// so when it already is), the wallet can then issue over the JSON-RPC;
// without --dev add-reviewer prints the transaction, and `issuer deploy`
// deploys a ClaimIssuer with its ClaimRenewal on a chain.
func TestIssuerCommands(t *testing.T) {
	issuerURL, dataDir := devServer(t)
	var dep struct{ Issuer, Renewal, Signer string }
	runCLIJSON(t, dataDir, &dep, "issuer", "deploy")
	info, err := readDevChainInfo(dataDir)
	if err != nil || dep.Issuer != info.Issuer.Issuer.Hex() || dep.Renewal == "" || dep.Signer == "" {
		t.Fatalf("deploy --dev: %+v, %+v, %v", dep, info, err)
	}

	key, _ := crypto.GenerateKey()
	wallet := crypto.PubkeyToAddress(key.PublicKey)
	var added struct{ Wallet, Issuer, TxHash string }
	runCLIJSON(t, dataDir, &added, "issuer", "add-reviewer", "--wallet", strings.ToLower(wallet.Hex()))
	if added.Wallet != wallet.Hex() || added.Issuer != dep.Issuer || added.TxHash == (common.Hash{}).Hex() {
		t.Fatalf("add-reviewer --dev: %+v", added)
	}
	runCLIJSON(t, dataDir, &added, "issuer", "add-reviewer", "--wallet", wallet.Hex())
	if added.TxHash != (common.Hash{}).Hex() {
		t.Fatalf("adding a reviewer twice sent %s", added.TxHash)
	}
	owner, _ := crypto.GenerateKey()
	o := &rpcCaller{t: t, issuer: issuerURL, auth: walletToken(t, issuerURL, owner)}
	var created struct{ Identity string }
	o.must("id_createIdentity", map[string]string{"wallet": crypto.PubkeyToAddress(owner.PublicKey).Hex()}, &created)
	r := &rpcCaller{t: t, issuer: issuerURL, auth: walletToken(t, issuerURL, key)}
	var issued struct{ State, TxHash string }
	r.must("id_issueClaim", map[string]any{"identity": created.Identity, "topic": 3}, &issued)
	if issued.State != "valid" || issued.TxHash == "" {
		t.Fatalf("claim issued by the new reviewer: %+v", issued)
	}

	out, err := runPlain(t, "issuer", "add-reviewer", "--issuer", dep.Issuer, "--wallet", wallet.Hex(), "--chain-id", "1", "--json")
	var prepared struct {
		Transaction struct {
			To, Data string
			ChainID  uint64
		}
	}
	if err != nil || json.Unmarshal([]byte(out), &prepared) != nil || prepared.Transaction.To != dep.Issuer ||
		prepared.Transaction.ChainID != 1 || !strings.HasPrefix(prepared.Transaction.Data, "0x1d381240") {
		t.Fatalf("add-reviewer: %q, %v", out, err)
	}
	if _, err := runPlain(t, "issuer", "add-reviewer", "--wallet", "0x12"); err == nil {
		t.Fatal("a malformed wallet was accepted")
	}

	// A new issuer on the dev chain, paid for by the dev deployer.
	keyFile := filepath.Join(t.TempDir(), "issuer.key")
	raw, err := os.ReadFile(dataPath(dataDir, "dev-deployer.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err = runPlain(t, "issuer", "deploy", "--chain-rpc", info.RPC, "--key-file", keyFile, "--json")
	var fresh struct{ Issuer, Renewal, Signer string }
	if err != nil || json.Unmarshal([]byte(out), &fresh) != nil || fresh.Issuer == dep.Issuer || fresh.Renewal == "" {
		t.Fatalf("deploy: %q, %v", out, err)
	}
	if _, err := runPlain(t, "issuer", "deploy", "--key-file", keyFile); err == nil || !strings.Contains(err.Error(), "--chain-rpc") {
		t.Fatalf("deploy without a chain: %v", err)
	}
}
