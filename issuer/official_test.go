package issuer_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"math/big"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/claimissuer"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/npmdeps"
	"github.com/idconnect/idconnect/internal/onchainid"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// nodeModules installs the pinned npm packages (the official contracts and
// the SDK) when missing, as `make test` does, and returns their folder.
func nodeModules(t *testing.T) string {
	t.Helper()
	modules, err := npmdeps.NodeModules()
	if err != nil {
		t.Fatalf("%v (make deps installs Node.js and npm)", err)
	}
	return modules
}

// TestOfficialContracts runs the desk against the official ONCHAINID 2.2.1
// contracts: an identity made by the official IdFactory, an official
// ClaimIssuer adopted by the desk. The issued claim is accepted by the
// official isClaimValid and read as valid by the official JavaScript SDK;
// a renewal replaces it and revokes the old signature in one transaction;
// after revocation both the contract and the SDK refuse it.
func TestOfficialContracts(t *testing.T) {
	modules := nodeModules(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	deployerKey, deskKey, ownerKey := simchain.NewKey(), simchain.NewKey(), simchain.NewKey()
	owner := crypto.PubkeyToAddress(ownerKey.PublicKey)
	chain, err := simchain.NewWithRPC(addr, crypto.PubkeyToAddress(deployerKey.PublicKey), crypto.PubkeyToAddress(deskKey.PublicKey), owner)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	deployer, desk := chain.Sender(deployerKey), chain.Sender(deskKey)

	factory, err := onchainid.DeployFactory(ctx, deployer)
	if err != nil {
		t.Fatal(err)
	}
	f := idfactory.NewIdFactory()
	if _, err := deployer.Transact(ctx, factory, f.PackCreateIdentity(owner, "official-owner")); err != nil {
		t.Fatal(err)
	}
	out, err := chain.Client().CallContract(ctx, callMsgTo(factory, f.PackGetIdentity(owner)), nil)
	if err != nil {
		t.Fatal(err)
	}
	subject, err := f.UnpackGetIdentity(out)
	if err != nil || subject == (common.Address{}) {
		t.Fatalf("official identity: %v", err)
	}
	officialIssuer, err := onchainid.DeployClaimIssuer(ctx, desk, desk.From())
	if err != nil {
		t.Fatal(err)
	}
	dep, err := issuer.Adopt(ctx, desk, officialIssuer)
	if err != nil {
		t.Fatal(err)
	}
	suite, err := contracts.DeployRegistries(ctx, deployer)
	if err != nil {
		t.Fatal(err)
	}
	if err := contracts.TrustIssuer(ctx, deployer, suite, officialIssuer, 1); err != nil {
		t.Fatal(err)
	}
	// The owner lets the issuer add claims: its contract becomes a CLAIM key.
	addKey := contracts.IdentityCall().PackAddKey(contracts.KeyID(officialIssuer), big.NewInt(contracts.PurposeClaim), big.NewInt(contracts.KeyTypeECDSA))
	if _, err := chain.Sender(ownerKey).Transact(ctx, subject, addKey); err != nil {
		t.Fatal(err)
	}

	reader, err := identity.NewReader(ctx, chain.Client(), identity.Config{IdFactory: factory, TrustedIssuersRegistry: suite.TrustedIssuersRegistry})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "idc.db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	key := make([]byte, 32)
	rand.Read(key)
	sealer, _ := store.NewSealer(key, rand.Reader)
	d, err := issuer.NewDesk(issuer.Config{Issuer: dep.Issuer, Renewal: dep.Renewal, Signer: issuer.NewKeySigner(deskKey), Sender: desk,
		ChainID: simchain.ChainID, Chain: reader, Store: st, Sealer: sealer, Topics: identity.DefaultCatalogue()})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Reviewer(ctx, desk.From()); err != nil {
		t.Fatalf("the desk key is no reviewer of the official issuer: %v", err)
	}

	first, err := d.Issue(ctx, subject, 1, issuer.IssueOptions{DocumentHash: crypto.Keccak256Hash([]byte("bundle"))})
	if err != nil || first.TxHash == (common.Hash{}) {
		t.Fatalf("issue: tx %s, %v", first.TxHash.Hex(), err)
	}
	if !officialValid(t, ctx, chain, officialIssuer, subject, first.Claim) {
		t.Fatal("the official isClaimValid refuses the issued claim")
	}
	rpcURL := "http://" + addr
	if got := sdkVerify(t, modules, rpcURL, subject, 1); len(got) != 1 || !got[0].Valid || !strings.EqualFold(got[0].Issuer, officialIssuer.Hex()) {
		t.Fatalf("the SDK reads %+v", got)
	}

	time.Sleep(1100 * time.Millisecond) // the renewal must end a second later at least
	renewed, err := d.Renew(ctx, subject, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !officialValid(t, ctx, chain, officialIssuer, subject, renewed.Claim) || officialValid(t, ctx, chain, officialIssuer, subject, first.Claim) {
		t.Fatal("after renewal the new claim must be valid and the old signature revoked")
	}
	if got := sdkVerify(t, modules, rpcURL, subject, 1); len(got) != 1 || !got[0].Valid {
		t.Fatalf("the SDK reads the renewed claim as %+v", got)
	}

	if _, _, err := d.Revoke(ctx, subject, 1); err != nil {
		t.Fatal(err)
	}
	if officialValid(t, ctx, chain, officialIssuer, subject, renewed.Claim) {
		t.Fatal("the official isClaimValid accepts a revoked claim")
	}
	if got := sdkVerify(t, modules, rpcURL, subject, 1); len(got) != 1 || got[0].Valid {
		t.Fatalf("the SDK reads the revoked claim as %+v", got)
	}
	js, err := reader.ClaimsByTopic(ctx, subject, 1, time.Now())
	if err != nil || len(js) != 1 || js[0].State != identity.StateRevoked {
		t.Fatalf("idconnect reads %+v, %v", js, err)
	}
}

func officialValid(t *testing.T, ctx context.Context, chain *simchain.Chain, iss, subject common.Address, c issuer.Claim) bool {
	t.Helper()
	ci := claimissuer.NewClaimIssuer()
	out, err := chain.Client().CallContract(ctx, callMsgTo(iss, ci.PackIsClaimValid(subject, new(big.Int).SetUint64(c.Topic), c.Signature, c.Data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := ci.UnpackIsClaimValid(out)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

type sdkClaim struct {
	ID     string `json:"id"`
	Issuer string `json:"issuer"`
	Valid  bool   `json:"valid"`
}

func sdkVerify(t *testing.T, modules, rpcURL string, subject common.Address, topic uint64) []sdkClaim {
	t.Helper()
	cmd := exec.Command("node", filepath.Join("testdata", "sdkverify.js"), modules, rpcURL, subject.Hex(), "1")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node sdkverify.js: %v\n%s", err, stderr)
	}
	var got []sdkClaim
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("sdkverify.js printed %q", out)
	}
	return got
}

func callMsgTo(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}
