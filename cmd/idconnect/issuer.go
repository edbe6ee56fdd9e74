package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
)

// devChainFile is where `serve --dev` writes what it deployed, so that the
// commands given --dev find the dev chain and its demo issuer.
const devChainFile = "dev-chain.json"

// devChainInfo is the content of devChainFile.
type devChainInfo struct {
	ChainID uint64            `json:"chainId"`
	RPC     string            `json:"rpc"` // empty: the server serves no JSON-RPC
	Suite   contracts.Suite   `json:"suite"`
	Issuer  issuer.Deployment `json:"issuer"`
	// SanctionsOracle is the dev chain's sanctions oracle, owned by the
	// deployer key in the data dir.
	SanctionsOracle common.Address `json:"sanctionsOracle"`
}

func writeDevChainInfo(dataDir string, info devChainInfo) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(dataPath(dataDir, devChainFile), append(b, '\n'), 0o600)
}

func readDevChainInfo(dataDir string) (devChainInfo, error) {
	b, err := os.ReadFile(dataPath(dataDir, devChainFile))
	if errors.Is(err, fs.ErrNotExist) {
		return devChainInfo{}, fmt.Errorf("no dev chain in %s: start the dev server first (make dev)", dataDir)
	}
	if err != nil {
		return devChainInfo{}, err
	}
	var info devChainInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return devChainInfo{}, fmt.Errorf("%s: %w", dataPath(dataDir, devChainFile), err)
	}
	return info, nil
}

func issuerCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "issuer",
		Usage: "set up the ClaimIssuer the server issues claims for",
		Commands: []*cli.Command{
			{
				Name:  "deploy",
				Usage: "deploy a ClaimIssuer and its ClaimRenewal, or adopt an existing issuer (--issuer), and print the addresses",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "chain-rpc", Usage: "Ethereum JSON-RPC URL", Sources: env("CHAIN_RPC")},
					&cli.StringFlag{Name: "key-file", Usage: "the key that will manage the issuer and sign its claims (hex); it pays for the transactions"},
					&cli.StringFlag{Name: "issuer", Usage: "adopt this ClaimIssuer (the key must be a management key of it) instead of deploying one"},
					&cli.BoolFlag{Name: "dev", Usage: "print the dev server's demo issuer"},
					&cli.StringFlag{Name: "data-dir", Value: "./.idconnect", Usage: "with --dev, the dev server's data dir", Sources: env("DATA_DIR")},
					&cli.BoolFlag{Name: "json", Usage: "print JSON"},
				},
				Action: func(ctx context.Context, c *cli.Command) error { return issuerDeploy(ctx, c, stdout) },
			},
			{
				Name:  "add-reviewer",
				Usage: "make a wallet a reviewer: addKey(purpose 3) on the issuer; with --dev it is sent at once, otherwise the transaction is printed for the issuer's management key",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "wallet", Usage: "the reviewer's wallet address"},
					&cli.StringFlag{Name: "issuer", Usage: "the ClaimIssuer's address (not with --dev)"},
					&cli.UintFlag{Name: "chain-id", Usage: "the chain the transaction is for (not with --dev)"},
					&cli.BoolFlag{Name: "dev", Usage: "add the key on the dev chain now, with the demo issuer's key"},
					&cli.StringFlag{Name: "data-dir", Value: "./.idconnect", Usage: "with --dev, the dev server's data dir", Sources: env("DATA_DIR")},
					&cli.BoolFlag{Name: "json", Usage: "print JSON"},
				},
				Action: func(ctx context.Context, c *cli.Command) error { return issuerAddReviewer(ctx, c, stdout) },
			},
		},
	}
}

func issuerDeploy(ctx context.Context, c *cli.Command, w io.Writer) error {
	var d issuer.Deployment
	if c.Bool("dev") {
		info, err := readDevChainInfo(c.String("data-dir"))
		if err != nil {
			return err
		}
		d = info.Issuer
	} else {
		cc := chainConfig{RPC: c.String("chain-rpc")}
		errs := cc.validate(false)
		if c.String("key-file") == "" {
			errs = append(errs, errors.New("--key-file is required: the key that manages the issuer and signs its claims"))
		}
		var adopt common.Address
		if v := c.String("issuer"); v != "" {
			a, err := identity.ParseAddress(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("--issuer %q: want a 0x address", v))
			}
			adopt = a
		}
		if len(errs) > 0 {
			return &configError{errors.Join(errs...)}
		}
		key, err := readKeyFile(c.String("key-file"))
		if err != nil {
			return err
		}
		client, id, err := dialChain(ctx, cc.RPC)
		if err != nil {
			return err
		}
		defer client.Close()
		s := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(key, new(big.Int).SetUint64(id))}
		if adopt != (common.Address{}) {
			d, err = issuer.Adopt(ctx, s, adopt)
		} else {
			d, err = issuer.Deploy(ctx, s)
		}
		if err != nil {
			return err
		}
	}
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(d)
	}
	fmt.Fprintf(w, "ClaimIssuer   %s\nClaimRenewal  %s\nsigning key   %s\n", d.Issuer.Hex(), d.Renewal.Hex(), d.Signer.Hex())
	fmt.Fprintf(w, "\nserve with: --claim-issuer %s --claim-renewal %s --claim-issuer-key <the key file>\n", d.Issuer.Hex(), d.Renewal.Hex())
	fmt.Fprintln(w, "and have the TrustedIssuersRegistry's owner trust the issuer for its topics.")
	return nil
}

func issuerAddReviewer(ctx context.Context, c *cli.Command, w io.Writer) error {
	wallet, err := identity.ParseAddress(c.String("wallet"))
	if err != nil || wallet == (common.Address{}) {
		return &configError{fmt.Errorf("--wallet %q: want the reviewer's 0x address", c.String("wallet"))}
	}
	if !c.Bool("dev") {
		iss, err := identity.ParseAddress(c.String("issuer"))
		var errs []error
		if err != nil {
			errs = append(errs, fmt.Errorf("--issuer %q: want the ClaimIssuer's 0x address", c.String("issuer")))
		}
		if c.Uint("chain-id") == 0 {
			errs = append(errs, errors.New("--chain-id is required: the chain the transaction is for"))
		}
		if len(errs) > 0 {
			return &configError{errors.Join(errs...)}
		}
		tx := issuer.AddReviewer(iss, wallet, uint64(c.Uint("chain-id")))
		if c.Bool("json") {
			return json.NewEncoder(w).Encode(map[string]any{"wallet": identity.Hex(wallet), "issuer": identity.Hex(iss), "transaction": tx})
		}
		fmt.Fprintf(w, "Send from a management key of the issuer:\n  to       %s\n  data     0x%x\n  chain id %d\n", tx.To.Hex(), tx.Data, tx.ChainID)
		return nil
	}
	dataDir := c.String("data-dir")
	info, err := readDevChainInfo(dataDir)
	if err != nil {
		return err
	}
	if info.RPC == "" {
		return errors.New("the dev server serves no chain JSON-RPC (it was started with an empty --dev-rpc-addr)")
	}
	key, err := readKeyFile(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		return err
	}
	client, id, err := dialChain(ctx, info.RPC)
	if err != nil {
		return fmt.Errorf("%w (is the dev server running?)", err)
	}
	defer client.Close()
	s := &contracts.Sender{Backend: client, Opts: bind.NewKeyedTransactor(key, new(big.Int).SetUint64(id))}
	tx := issuer.AddReviewer(info.Issuer.Issuer, wallet, id)
	var hash common.Hash
	if has, err := hasClaimKey(ctx, client, info.Issuer.Issuer, wallet); err != nil {
		return err
	} else if !has {
		receipt, err := s.Transact(ctx, tx.To, tx.Data)
		if err != nil {
			return err
		}
		hash = receipt.TxHash
	}
	out := map[string]string{"wallet": identity.Hex(wallet), "issuer": identity.Hex(info.Issuer.Issuer), "txHash": hash.Hex()}
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(out)
	}
	if hash == (common.Hash{}) {
		fmt.Fprintf(w, "%s is already a reviewer of %s\n", out["wallet"], out["issuer"])
		return nil
	}
	fmt.Fprintf(w, "%s reviews for %s (transaction %s)\n", out["wallet"], out["issuer"], out["txHash"])
	return nil
}

// hasClaimKey reports whether wallet already holds purpose 3 on the issuer.
func hasClaimKey(ctx context.Context, client identity.Chain, iss, wallet common.Address) (bool, error) {
	r, err := identity.NewReader(ctx, client, identity.Config{})
	if err != nil {
		return false, err
	}
	return r.HasPurpose(ctx, iss, wallet, contracts.PurposeClaim)
}
