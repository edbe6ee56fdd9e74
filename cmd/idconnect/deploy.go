package main

import (
	"context"
	"encoding/json"
	"io"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/idconnect/idconnect/contracts"
)

// deploySuite deploys the contract suite with the key in keyFile and prints the
// addresses as JSON.
func deploySuite(ctx context.Context, rpcURL, keyFile string, out io.Writer) error {
	key, err := readKeyFile(keyFile)
	if err != nil {
		return err
	}
	client, chainID, err := dialChain(ctx, rpcURL)
	if err != nil {
		return err
	}
	defer client.Close()
	sender := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(key, new(big.Int).SetUint64(chainID))}
	suite, err := contracts.DeploySuite(ctx, sender)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		ChainID uint64 `json:"chainId"`
		contracts.Suite
	}{chainID, suite})
}
