package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/hex"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"golang.org/x/oauth2"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/trustedissuersregistry"
	"github.com/idconnect/idconnect/internal/gethdev"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/issuer"
)

// lifecycleEnv is a running server with a claim desk, and the chain
// around it.
type lifecycleEnv struct {
	issuer, dataDir string
	owner           *owner
	identity        common.Address
	reviewer        *ecdsa.PrivateKey
	// registryOwner owns the TrustedIssuersRegistry.
	registryOwner *contracts.Sender
	suite         contracts.Suite
	claimIssuer   common.Address
	// ownerSends is set where the issuer holds no CLAIM key on the
	// identity: the owner's wallet sends the claims it is given.
	ownerSends *contracts.Sender
}

// TestClaimLifecycle walks a claim's life on the simulated chain (the
// demo issuer adds claims itself) and on geth --dev (the owner's wallet
// adds them): apply, review, issue, read through Connect and the REST
// API, renew, expire, revoke, and remove the issuer from the
// TrustedIssuersRegistry; each step seen through id_getClaim, the
// dashboard and a grant read.
func TestClaimLifecycle(t *testing.T) {
	t.Run("simulated", func(t *testing.T) { claimLifecycle(t, simLifecycle(t)) })
	t.Run("geth", func(t *testing.T) { claimLifecycle(t, gethLifecycle(t)) })
}

func simLifecycle(t *testing.T) *lifecycleEnv {
	issuerURL, dataDir := devServer(t)
	info, err := readDevChainInfo(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	client, err := ethclient.Dial(info.RPC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	deployer, err := readKeyFile(dataPath(dataDir, "dev-deployer.key"))
	if err != nil {
		t.Fatal(err)
	}
	reviewer, err := readKeyFile(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		t.Fatal(err)
	}
	o := newOwner(t, issuerURL)
	o.accountLogin("acct-lifecycle-sim-0001")
	return &lifecycleEnv{issuer: issuerURL, dataDir: dataDir, owner: o, identity: identityOfSession(t, o), reviewer: reviewer,
		registryOwner: &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(deployer, big.NewInt(simchain.ChainID))},
		suite:         info.Suite, claimIssuer: info.Issuer.Issuer}
}

func gethLifecycle(t *testing.T) *lifecycleEnv {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	geth, err := gethdev.Start(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { geth.Stop() })
	client, err := ethclient.DialContext(ctx, geth.WSURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	chainID := new(big.Int).SetUint64(geth.ChainID())
	deployerKey, deskKey := simchain.NewKey(), simchain.NewKey()
	o := newOwner(t, "")
	for _, a := range []common.Address{crypto.PubkeyToAddress(deployerKey.PublicKey), crypto.PubkeyToAddress(deskKey.PublicKey), crypto.PubkeyToAddress(o.key.PublicKey)} {
		if err := geth.Fund(ctx, a, new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))); err != nil {
			t.Fatal(err)
		}
	}
	deployer := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(deployerKey, chainID)}
	suite, err := contracts.DeploySuite(ctx, deployer)
	if err != nil {
		t.Fatal(err)
	}
	dep, err := issuer.Deploy(ctx, &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(deskKey, chainID)})
	if err != nil {
		t.Fatal(err)
	}
	if err := contracts.TrustIssuer(ctx, deployer, suite, dep.Issuer, 1, 2, 3, 4, 5, 6, 7, 8); err != nil {
		t.Fatal(err)
	}
	id, err := contracts.CreateIdentity(ctx, deployer, suite, crypto.PubkeyToAddress(o.key.PublicKey), "lifecycle")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	addr := freeAddr(t)
	dataDir := filepath.Join(dir, "data")
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	base := startNode(t, &serveConfig{Addr: addr, DataDir: dataDir, DSN: dataPath(dataDir, "idconnect.db"), CacheAge: time.Minute,
		ServerKeyFile: write("server.key", hex.EncodeToString(secret)),
		Chain:         chainConfig{RPC: geth.WSURL, IdFactory: suite.IdFactory.Hex(), IdentityRegistry: suite.IdentityRegistry.Hex()},
		ClaimIssuer:   dep.Issuer.Hex(), ClaimRenewal: dep.Renewal.Hex(),
		ClaimIssuerKeyFile: write("issuer.key", hex.EncodeToString(crypto.FromECDSA(deskKey))), ExpiryNotice: 14 * 24 * time.Hour})
	o.issuer = base
	o.accountLogin("acct-lifecycle-geth-0001")
	return &lifecycleEnv{issuer: base, dataDir: dataDir, owner: o, identity: id, reviewer: deskKey, registryOwner: deployer,
		suite: suite, claimIssuer: dep.Issuer, ownerSends: &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(o.key, chainID)}}
}

// identityOfSession reads the signed-in owner's identity from the dashboard.
func identityOfSession(t *testing.T, o *owner) common.Address {
	t.Helper()
	rc := &rpcCaller{t: t, issuer: o.issuer, auth: walletToken(t, o.issuer, o.key)}
	var got struct{ Identity string }
	rc.must("id_getIdentity", map[string]string{"wallet": o.address()}, &got)
	return common.HexToAddress(got.Identity)
}

func claimLifecycle(t *testing.T, e *lifecycleEnv) {
	o := e.owner
	id := e.identity.Hex()
	ownerRPC := &rpcCaller{t: t, issuer: e.issuer, auth: walletToken(t, e.issuer, o.key)}
	reviewer := &rpcCaller{t: t, issuer: e.issuer, auth: walletToken(t, e.issuer, e.reviewer)}

	// The owner sends what the issuer could not add, and the dashboard
	// (which settles ready claims) sees the block.
	landed := func(tx *struct {
		To, Data string
		ChainID  uint64
	}) {
		t.Helper()
		if e.ownerSends == nil {
			if tx != nil && tx.To != "" {
				t.Fatalf("the issuer holds a CLAIM key, yet the owner was asked to send %+v", tx)
			}
			return
		}
		if tx == nil || tx.To != id {
			t.Fatalf("no transaction for the owner's wallet: %+v", tx)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		receipt, err := e.ownerSends.Transact(ctx, common.HexToAddress(tx.To), common.FromHex(tx.Data))
		if err != nil {
			t.Fatal(err)
		}
		if code, _ := o.get("/account/claims?done=sent&block=" + receipt.BlockNumber.String()); code != http.StatusOK {
			t.Fatalf("claims page after the owner's transaction: %d", code)
		}
	}
	type tx = struct {
		To, Data string
		ChainID  uint64
	}

	// Apply and review.
	var app struct{ ApplicationID string }
	ownerRPC.must("id_submitKycApplication", kycParams(id), &app)
	var reviewed struct{ State, ClaimID string }
	reviewer.must("id_reviewKycApplication", map[string]string{"applicationId": app.ApplicationID, "decision": "approve"}, &reviewed)
	if reviewed.State != "approved" {
		t.Fatalf("review: %+v", reviewed)
	}
	if e.ownerSends != nil {
		// The claim is ready: the dashboard offers the owner's transaction.
		_, page := o.get("/account/claims")
		i := strings.Index(page, "/account/claims/ready/")
		if i < 0 {
			t.Fatal("the dashboard does not offer the ready claim")
		}
		_, call := o.get(page[i : i+len("/account/claims/ready/")+32])
		landed(&tx{To: between(call, `data-to="`, `"`), Data: between(call, `data-data="`, `"`)})
	}

	// Connect: a persistent grant on KYC, Accreditation and Tax Residency.
	const redirect = "http://127.0.0.1:9/callback"
	client, _ := registerClient(t, e.dataDir, redirect, true)
	conf, _ := oidcClient(t, e.issuer, client, "", redirect, oidc.ScopeOpenID, "claim:1", "claim:3", "claim:5", oidc.ScopeOfflineAccess)
	pkce := oauth2.GenerateVerifier()
	req := o.authorize(conf.AuthCodeURL("state-life", oidc.Nonce("nonce-life"), oauth2.S256ChallengeOption(pkce)))
	if code, _ := o.get("/login?request=" + req); code != http.StatusSeeOther {
		o.login(req)
	}
	back := o.allow(req, "claim:1", "claim:3", "claim:5")
	tok, err := conf.Exchange(context.Background(), back.Query().Get("code"), oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}
	// REST: a persistent grant on KYC, by access request.
	svc := newService(t, e.issuer, e.dataDir)
	_, restToken := askClaim(t, svc, svc, o, strings.ToLower(id), "persistent")

	// check sees the state of topic through id_getClaim, the dashboard,
	// /userinfo and the REST resource.
	check := func(step string, topic uint64, want string) {
		t.Helper()
		var got struct {
			Claims []struct {
				State      string
				ValidUntil int64
			}
		}
		ownerRPC.must("id_getClaim", map[string]any{"identity": id, "topic": topic}, &got)
		if len(got.Claims) != 1 || got.Claims[0].State != want {
			t.Fatalf("%s: id_getClaim %+v, want %s", step, got, want)
		}
		_, page := o.get("/account/claims")
		row := between(page, `data-topic="`+u64s(topic)+`"`, "</tr>")
		if !strings.Contains(row, "state-"+want) {
			t.Fatalf("%s: dashboard row %q, want %s", step, row, want)
		}
		_, info := userinfo(t, e.issuer, tok.AccessToken)
		if s := claimState(info, topic); s != want {
			t.Fatalf("%s: userinfo says %q, want %s (%v)", step, s, want, info)
		}
		if topic == 1 {
			code, out := svc.read("/identities/"+id+"/claims/1", restToken)
			if code != http.StatusOK || claimState(out, 1) != want {
				t.Fatalf("%s: REST read %d %v, want %s", step, code, out, want)
			}
		}
	}
	check("issued", 1, "valid")

	// Renew.
	time.Sleep(1100 * time.Millisecond)
	var before struct{ Claims []struct{ ValidUntil int64 } }
	ownerRPC.must("id_getClaim", map[string]any{"identity": id, "topic": 1}, &before)
	var renewed struct {
		ValidUntil  int64
		TxHash      string
		Transaction *tx
	}
	reviewer.must("id_renewClaim", map[string]any{"identity": id, "topic": 1}, &renewed)
	landed(renewed.Transaction)
	var after struct{ Claims []struct{ ValidUntil int64 } }
	ownerRPC.must("id_getClaim", map[string]any{"identity": id, "topic": 1}, &after)
	if renewed.ValidUntil <= before.Claims[0].ValidUntil || after.Claims[0].ValidUntil != renewed.ValidUntil {
		t.Fatalf("renewal: %d → %d (on the identity %d)", before.Claims[0].ValidUntil, renewed.ValidUntil, after.Claims[0].ValidUntil)
	}
	check("renewed", 1, "valid")

	// Expire: an Accreditation claim valid for three seconds.
	var short struct{ Transaction *tx }
	reviewer.must("id_issueClaim", map[string]any{"identity": id, "topic": 3, "validUntil": time.Now().Add(3 * time.Second).Unix()}, &short)
	landed(short.Transaction)
	time.Sleep(3500 * time.Millisecond)
	check("expired", 3, "expired")

	// Revoke.
	var revoked struct{ State string }
	reviewer.must("id_revokeClaim", map[string]any{"identity": id, "topic": 1}, &revoked)
	check("revoked", 1, "revoked")

	// The issuer leaves the TrustedIssuersRegistry: a valid claim reads untrusted.
	var tax struct{ Transaction *tx }
	reviewer.must("id_issueClaim", map[string]any{"identity": id, "topic": 5}, &tax)
	landed(tax.Transaction)
	check("trusted", 5, "valid")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	receipt, err := e.registryOwner.Transact(ctx, e.suite.TrustedIssuersRegistry, trustedissuersregistry.NewTrustedIssuersRegistry().PackRemoveTrustedIssuer(e.claimIssuer))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = o.get("/account/claims?block=" + receipt.BlockNumber.String())
	check("untrusted", 5, "untrusted")
}

func claimState(info map[string]any, topic uint64) string {
	for key, v := range map[string]any{"onchainid_claims": info["onchainid_claims"], "claims": info["claims"]} {
		_ = key
		list, _ := v.([]any)
		for _, c := range list {
			m, _ := c.(map[string]any)
			if t, _ := m["topic"].(float64); uint64(t) == topic {
				s, _ := m["state"].(string)
				return s
			}
		}
	}
	return ""
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

func u64s(n uint64) string { return new(big.Int).SetUint64(n).String() }
