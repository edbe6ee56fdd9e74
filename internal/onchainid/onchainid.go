package onchainid

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/npmdeps"
)

// Artifact is a compiled contract of the release.
type Artifact struct {
	Name     string
	ABI      abi.ABI
	Bytecode []byte
}

// Load reads a release artifact, e.g. "ClaimIssuer.sol/ClaimIssuer.json" or
// "factory/IdFactory.sol/IdFactory.json".
func Load(rel string) (*Artifact, error) {
	modules, err := npmdeps.NodeModules()
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(modules, "@onchain-id", "solidity", "artifacts", "contracts", rel))
	if err != nil {
		return nil, fmt.Errorf("onchainid: %w", err)
	}
	var art struct {
		ContractName string          `json:"contractName"`
		ABI          json.RawMessage `json:"abi"`
		Bytecode     string          `json:"bytecode"`
	}
	if err := json.Unmarshal(raw, &art); err != nil {
		return nil, fmt.Errorf("onchainid: %s: %w", rel, err)
	}
	parsed, err := abi.JSON(bytes.NewReader(art.ABI))
	if err != nil {
		return nil, fmt.Errorf("onchainid: %s: %w", rel, err)
	}
	return &Artifact{Name: art.ContractName, ABI: parsed, Bytecode: common.FromHex(art.Bytecode)}, nil
}

// Deploy deploys the artifact with constructor arguments.
func (a *Artifact) Deploy(ctx context.Context, s *contracts.Sender, args ...any) (common.Address, error) {
	input, err := a.ABI.Pack("", args...)
	if err != nil {
		return common.Address{}, fmt.Errorf("onchainid: pack %s constructor: %w", a.Name, err)
	}
	meta := &bind.MetaData{ID: a.Name, Bin: common.Bytes2Hex(a.Bytecode)}
	return s.Deploy(ctx, meta, input)
}

// DeployFactory deploys the official identity implementation (as a library), its
// ImplementationAuthority and the IdFactory that makes identity proxies from it,
// all owned by the sender.
func DeployFactory(ctx context.Context, s *contracts.Sender) (common.Address, error) {
	var addr common.Address
	steps := []struct {
		rel  string
		args func() []any
	}{
		{"Identity.sol/Identity.json", func() []any { return []any{s.From(), true} }},
		{"proxy/ImplementationAuthority.sol/ImplementationAuthority.json", func() []any { return []any{addr} }},
		{"factory/IdFactory.sol/IdFactory.json", func() []any { return []any{addr} }},
	}
	for _, step := range steps {
		art, err := Load(step.rel)
		if err != nil {
			return common.Address{}, err
		}
		if addr, err = art.Deploy(ctx, s, step.args()...); err != nil {
			return common.Address{}, err
		}
	}
	return addr, nil
}

// DeployClaimIssuer deploys an official ClaimIssuer managed by the sender and adds
// signer as its claim key.
func DeployClaimIssuer(ctx context.Context, s *contracts.Sender, signer common.Address) (common.Address, error) {
	art, err := Load("ClaimIssuer.sol/ClaimIssuer.json")
	if err != nil {
		return common.Address{}, err
	}
	issuer, err := art.Deploy(ctx, s, s.From())
	if err != nil {
		return common.Address{}, err
	}
	addKey := contracts.IdentityCall().PackAddKey(contracts.KeyID(signer), big.NewInt(contracts.PurposeClaim), big.NewInt(contracts.KeyTypeECDSA))
	if _, err := s.Transact(ctx, issuer, addKey); err != nil {
		return common.Address{}, fmt.Errorf("onchainid: add claim key: %w", err)
	}
	return issuer, nil
}
