package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
)

// devChain is the in-process chain of `serve --dev` with the suite deployed on it.
type devChain struct {
	chain     *simchain.Chain
	suite     contracts.Suite
	issuer    common.Address
	deployer  *ecdsa.PrivateKey
	issuerKey *ecdsa.PrivateKey
}

// startDevChain starts the simulated chain, deploys the contract suite and a demo
// ClaimIssuer trusted for the topics of the default catalogue (1–8). Keys persist in dataDir, so addresses are the
// same on every run.
func startDevChain(ctx context.Context, dataDir, rpcAddr string) (*devChain, error) {
	deployer, err := loadOrCreateKey(dataPath(dataDir, "dev-deployer.key"))
	if err != nil {
		return nil, err
	}
	issuerKey, err := loadOrCreateKey(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		return nil, err
	}
	chain, err := simchain.NewWithRPC(rpcAddr, crypto.PubkeyToAddress(deployer.PublicKey))
	if err != nil {
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	d := &devChain{chain: chain, deployer: deployer, issuerKey: issuerKey}
	sender := chain.Sender(deployer)
	if d.suite, err = contracts.DeploySuite(ctx, sender); err != nil {
		chain.Close()
		return nil, fmt.Errorf("dev chain: %w", err)
	}
	if d.issuer, err = contracts.DeployClaimIssuer(ctx, sender, d.suite, crypto.PubkeyToAddress(issuerKey.PublicKey), identity.DefaultCatalogue().Numbers()...); err != nil {
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
		{"demo ClaimIssuer", d.issuer},
		{"deployer", crypto.PubkeyToAddress(d.deployer.PublicKey)},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%s\n", r.name, r.addr.Hex())
	}
	fmt.Fprintf(tw, "  demo issuer trusted for\ttopics 1-8\n")
	tw.Flush()
}

func (d *devChain) Close() error { return d.chain.Close() }
