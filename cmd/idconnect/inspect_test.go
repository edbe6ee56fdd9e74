package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
)

// rpcChain is a simulated chain served over JSON-RPC, as `serve --dev` serves it.
func rpcChain(t *testing.T) (*simchain.Chain, string, *contracts.Sender) {
	t.Helper()
	key := simchain.NewKey()
	addr := freeAddr(t)
	chain, err := simchain.NewWithRPC(addr, crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go chain.MinePending(ctx, 20*time.Millisecond)
	t.Cleanup(func() { cancel(); chain.Close() })
	return chain, "http://" + addr, chain.Sender(key)
}

func TestInspect(t *testing.T) {
	ctx := context.Background()
	_, rpcURL, deployer := rpcChain(t)
	suite, err := contracts.DeploySuite(ctx, deployer)
	if err != nil {
		t.Fatal(err)
	}
	signer := simchain.NewKey()
	issuer, err := contracts.DeployClaimIssuer(ctx, deployer, suite, crypto.PubkeyToAddress(signer.PublicKey), 1)
	if err != nil {
		t.Fatal(err)
	}
	// The deployer gets an identity and stores a KYC claim from the issuer on it.
	wallet := deployer.From()
	id, err := contracts.CreateIdentity(ctx, deployer, suite, wallet, "inspect")
	if err != nil {
		t.Fatal(err)
	}
	until := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	data := identity.EncodeClaimData(identity.ClaimData{ValidUntil: until})
	digest := identity.ClaimDigest(id, 1, data)
	sig, _ := crypto.Sign(digest[:], signer)
	sig[64] += 27
	if _, err := deployer.Transact(ctx, id, contracts.IdentityCall().PackAddClaim(big.NewInt(1), big.NewInt(1), issuer, sig, data, "")); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	cc := chainConfig{RPC: rpcURL, IdFactory: suite.IdFactory.Hex(), IdentityRegistry: suite.IdentityRegistry.Hex()}
	if err := inspect(ctx, cc, wallet.Hex(), "", time.Now(), &out); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		ChainID  uint64         `json:"chainId"`
		Identity common.Address `json:"identity"`
		Source   string         `json:"source"`
		Keys     []struct {
			Purposes     []uint64        `json:"purposes"`
			PurposeNames []string        `json:"purposeNames"`
			Wallet       *common.Address `json:"wallet"`
		} `json:"keys"`
		Claims []struct {
			Topic     uint64         `json:"topic"`
			TopicName string         `json:"topicName"`
			Issuer    common.Address `json:"issuer"`
			State     string         `json:"state"`
			Expiry    *time.Time     `json:"expiry"`
		} `json:"claims"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if rep.ChainID != 1337 || rep.Identity != id || rep.Source != "factory" {
		t.Errorf("report = %+v", rep)
	}
	if len(rep.Keys) != 1 || rep.Keys[0].Wallet == nil || *rep.Keys[0].Wallet != wallet || rep.Keys[0].PurposeNames[0] != "management" {
		t.Errorf("keys = %+v", rep.Keys)
	}
	if len(rep.Claims) != 1 || rep.Claims[0].TopicName != "KYC" || rep.Claims[0].Issuer != issuer ||
		rep.Claims[0].State != "valid" || rep.Claims[0].Expiry == nil || !rep.Claims[0].Expiry.Equal(until) {
		t.Errorf("claims = %+v", rep.Claims)
	}

	for name, c := range map[string]struct {
		wallet, id string
		want       error
	}{
		"malformed address":        {"0x1234", "", identity.ErrInvalidAddress},
		"identity that is not one": {"", suite.IdFactory.Hex(), identity.ErrNotIdentity},
		"no identity at address":   {"", common.HexToAddress("0xdead").Hex(), identity.ErrNoIdentity},
	} {
		if err := inspect(ctx, cc, c.wallet, c.id, time.Now(), &bytes.Buffer{}); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
}

func TestContractsDeploy(t *testing.T) {
	ctx := context.Background()
	chain, rpcURL, funder := rpcChain(t)
	key := simchain.NewKey()
	keyFile := filepath.Join(t.TempDir(), "deployer.key")
	if err := os.WriteFile(keyFile, []byte("0x"+common.Bytes2Hex(crypto.FromECDSA(key))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Fund the new deployer from the chain's funded key.
	if err := funder.Transfer(ctx, crypto.PubkeyToAddress(key.PublicKey), big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := deploySuite(ctx, rpcURL, keyFile, &out); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ChainID uint64 `json:"chainId"`
		contracts.Suite
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]common.Address{"IdFactory": got.IdFactory, "IdentityRegistry": got.IdentityRegistry, "TrustedIssuersRegistry": got.TrustedIssuersRegistry, "ClaimTopicsRegistry": got.ClaimTopicsRegistry} {
		if code, err := chain.Client().CodeAt(ctx, a, nil); err != nil || len(code) == 0 {
			t.Errorf("%s at %s has no code (%v)", name, a, err)
		}
	}
}
