package identity_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/gethdev"
	"github.com/idconnect/idconnect/internal/onchainid"
	"github.com/idconnect/idconnect/internal/simchain"
)

// world is one chain with a deployed suite: the conformance suite runs the same
// cases on our contracts in-process, on the official ONCHAINID release artifacts,
// and on our contracts over JSON-RPC against a real geth --dev node.
type world struct {
	chain    identity.Chain
	backend  contracts.Backend
	chainID  *big.Int
	deployer *contracts.Sender
	suite    contracts.Suite
	// newIssuer deploys a claim issuer whose claim key is signer.
	newIssuer func(t testing.TB, signer common.Address) common.Address
	// httpURL is the node's HTTP JSON-RPC endpoint, in the geth world.
	httpURL string
	// official is true for the ONCHAINID 2.2.1 artifacts, whose ClaimIssuer accepts
	// re-encoded signatures (v-27, high s) in addClaim.
	official bool
}

func (w *world) sender(key *ecdsa.PrivateKey) *contracts.Sender {
	return &contracts.Sender{Backend: w.backend, Opts: bind.NewKeyedTransactor(key, w.chainID)}
}

// wallet makes a funded key.
func (w *world) wallet(t testing.TB) (*ecdsa.PrivateKey, common.Address) {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	if err := w.deployer.Transfer(ctx(t), addr, big.NewInt(params.Ether)); err != nil {
		t.Fatal(err)
	}
	return key, addr
}

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

func simWorld(t testing.TB) *world {
	key := simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(key.PublicKey))
	t.Cleanup(func() { chain.Close() })
	w := &world{chain: chain.Client(), backend: chain.Client(), chainID: big.NewInt(simchain.ChainID), deployer: chain.Sender(key)}
	w.deploySuite(t)
	return w
}

func (w *world) deploySuite(t testing.TB) {
	t.Helper()
	suite, err := contracts.DeploySuite(ctx(t), w.deployer)
	if err != nil {
		t.Fatal(err)
	}
	w.suite = suite
	w.newIssuer = func(t testing.TB, signer common.Address) common.Address {
		issuer, err := contracts.DeployClaimIssuer(ctx(t), w.deployer, w.suite, signer)
		if err != nil {
			t.Fatal(err)
		}
		return issuer
	}
}

func officialWorld(t testing.TB) *world {
	key := simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(key.PublicKey))
	t.Cleanup(func() { chain.Close() })
	w := &world{chain: chain.Client(), backend: chain.Client(), chainID: big.NewInt(simchain.ChainID), deployer: chain.Sender(key), official: true}
	c := ctx(t)
	suite, err := contracts.DeployRegistries(c, w.deployer)
	if err != nil {
		t.Fatal(err)
	}
	if suite.IdFactory, err = onchainid.DeployFactory(c, w.deployer); err != nil {
		t.Fatal(err)
	}
	w.suite = suite
	w.newIssuer = func(t testing.TB, signer common.Address) common.Address {
		issuer, err := onchainid.DeployClaimIssuer(ctx(t), w.deployer, signer)
		if err != nil {
			t.Fatal(err)
		}
		return issuer
	}
	return w
}

// gethWorld starts a real geth --dev node (installing geth v1.14.13 into the cache
// when missing) and talks to it over websocket JSON-RPC.
func gethWorld(t testing.TB) *world {
	w, _ := gethWorldWithStop(t)
	return w
}

// gethWorldWithStop is gethWorld and a function that stops the node early.
func gethWorldWithStop(t testing.TB) (*world, func() error) {
	c := ctx(t)
	node, err := gethdev.Start(c, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { node.Stop() })
	client, err := ethclient.DialContext(c, node.WSURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	key := simchain.NewKey()
	if err := node.Fund(c, crypto.PubkeyToAddress(key.PublicKey), new(big.Int).Mul(big.NewInt(1000), big.NewInt(params.Ether))); err != nil {
		t.Fatal(err)
	}
	chainID := new(big.Int).SetUint64(node.ChainID())
	w := &world{chain: client, backend: client, chainID: chainID, httpURL: node.HTTPURL,
		deployer: &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(key, chainID)}}
	w.deploySuite(t)
	return w, node.Stop
}

// worlds are the three runs of the suite. The geth run installs geth when missing.
var worlds = []struct {
	name string
	make func(testing.TB) *world
}{{"sim", simWorld}, {"official", officialWorld}, {"geth", gethWorld}}
