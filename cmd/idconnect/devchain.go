package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"math/big"
	"sync"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/issuer"
)

// devChain is the in-process chain of `serve --dev` with the suite deployed on it.
type devChain struct {
	chain     *simchain.Chain
	suite     contracts.Suite
	issuer    issuer.Deployment
	deployer  *ecdsa.PrivateKey
	issuerKey *ecdsa.PrivateKey
	faucet    *devFaucet
	// oracle is a Chainalysis-style sanctions oracle the deployer owns:
	// screening consults it, and tests list wallets on it.
	oracle common.Address
}

// startDevChain starts the simulated chain, deploys the contract suite and a demo
// ClaimIssuer trusted for the topics of the default catalogue (1–8), set up for
// the server's claim desk: the dev issuer key manages it and signs its claims.
// Keys persist in dataDir, so addresses are the same on every run.
func startDevChain(ctx context.Context, dataDir, rpcAddr string) (*devChain, error) {
	deployer, err := loadOrCreateKey(dataPath(dataDir, "dev-deployer.key"))
	if err != nil {
		return nil, err
	}
	issuerKey, err := loadOrCreateKey(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		return nil, err
	}
	faucetKey, err := loadOrCreateKey(dataPath(dataDir, "dev-faucet.key"))
	if err != nil {
		return nil, err
	}
	chain, err := simchain.NewWithRPC(rpcAddr, crypto.PubkeyToAddress(deployer.PublicKey),
		crypto.PubkeyToAddress(issuerKey.PublicKey), crypto.PubkeyToAddress(faucetKey.PublicKey))
	if err != nil {
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	d := &devChain{chain: chain, deployer: deployer, issuerKey: issuerKey, faucet: &devFaucet{sender: chain.Sender(faucetKey)}}
	sender := chain.Sender(deployer)
	if d.suite, err = contracts.DeploySuite(ctx, sender); err != nil {
		chain.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	if d.issuer, err = issuer.Deploy(ctx, chain.Sender(issuerKey)); err != nil {
		chain.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	if err := contracts.TrustIssuer(ctx, sender, d.suite, d.issuer.Issuer, identity.DefaultCatalogue().Numbers()...); err != nil {
		chain.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	if d.oracle, err = contracts.DeploySanctionsOracle(ctx, sender); err != nil {
		chain.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	return d, nil
}

// print writes what was deployed.
func (d *devChain) print(w io.Writer, rpcAddr string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "dev chain\tid %d, in-process", simchain.ChainID)
	if rpcAddr != "" {
		fmt.Fprintf(tw, ", JSON-RPC at http://%s", rpcAddr)
	}
	fmt.Fprintln(tw)
	rows := []struct {
		name string
		addr common.Address
	}{
		{"IdFactory", d.suite.IdFactory},
		{"IdentityRegistry", d.suite.IdentityRegistry},
		{"IdentityRegistryStorage", d.suite.IdentityRegistryStorage},
		{"TrustedIssuersRegistry", d.suite.TrustedIssuersRegistry},
		{"ClaimTopicsRegistry", d.suite.ClaimTopicsRegistry},
		{"demo ClaimIssuer", d.issuer.Issuer},
		{"ClaimRenewal", d.issuer.Renewal},
		{"demo issuer key", d.issuer.Signer},
		{"sanctions oracle", d.oracle},
		{"deployer", crypto.PubkeyToAddress(d.deployer.PublicKey)},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%s\n", r.name, r.addr.Hex())
	}
	fmt.Fprintf(tw, "  demo issuer trusted for\ttopics 1-8\n")
	tw.Flush()
}

func (d *devChain) Close() error { return d.chain.Close() }

// devFaucet gives wallets gas on the dev chain, so that a fresh wallet can
// send its own transactions (addKey, addClaim) and never gets stuck.
type devFaucet struct {
	mu     sync.Mutex // one key: its nonces go one at a time
	sender *contracts.Sender
}

// devFaucetAmount is what a wallet gets: 1 ether, a lifetime of dev gas.
var devFaucetAmount = big.NewInt(1e18)

// Fund sends devFaucetAmount to wallet unless it holds half of that
// already.
func (f *devFaucet) Fund(ctx context.Context, wallet common.Address) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	bal, err := f.sender.Backend.(interface {
		BalanceAt(ctx context.Context, a common.Address, block *big.Int) (*big.Int, error)
	}).BalanceAt(ctx, wallet, nil)
	if err != nil {
		return err
	}
	if bal.Cmp(new(big.Int).Rsh(devFaucetAmount, 1)) >= 0 {
		return nil
	}
	return f.sender.Transfer(ctx, wallet, devFaucetAmount)
}
