package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/vault"
)

// verifierKeyFile is what `document keygen` writes: the key's did:key and
// its 64-byte FIPS 203 seed (d ‖ z), from which the key pair is derived.
type verifierKeyFile struct {
	DID  string `json:"did"`
	KEM  string `json:"kem"`
	Seed string `json:"seed"`
}

// documentCommand holds what a verifier runs on its own machine.
func documentCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "document",
		Usage: "claim documents, for verifiers on their own machine",
		Commands: []*cli.Command{{
			Name:  "keygen",
			Usage: "make a verifier's ML-KEM-768 key pair: print its did:key and write the private key to --out (mode 0600)",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "out", Usage: "the private key file to create; it must not exist", Required: true},
				&cli.BoolFlag{Name: "json", Usage: `print {"did","keyId"}`},
			},
			Action: func(ctx context.Context, c *cli.Command) error {
				return documentKeygen(c.String("out"), c.Bool("json"), stdout)
			},
		}},
	}
}

func documentKeygen(out string, asJSON bool, stdout io.Writer) error {
	seed := make([]byte, 64)
	if _, err := io.ReadFull(rand.Reader, seed); err != nil {
		return err
	}
	k, err := vault.NewKeyFromSeed(seed)
	if err != nil {
		return err
	}
	did := k.Public().DID()
	b, err := json.MarshalIndent(verifierKeyFile{DID: did, KEM: "ML-KEM-768", Seed: hex.EncodeToString(seed)}, "", "  ")
	clear(seed)
	if err != nil {
		return err
	}
	// O_EXCL: an existing key is never overwritten, which would lose what
	// was shared with it.
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return &configError{fmt.Errorf("--out %s exists: a key file is never overwritten", out)}
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(map[string]string{"did": did, "keyId": k.Public().ID().Hex()})
	}
	_, err = fmt.Fprintf(stdout, "%s\nprivate key written to %s\n", did, out)
	return err
}

// readVerifierKey reads a key file `document keygen` wrote.
func readVerifierKey(path string) (*vault.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f verifierKeyFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: not a key file of `idconnect document keygen`: %w", path, err)
	}
	seed, err := hex.DecodeString(f.Seed)
	if err != nil || f.KEM != "ML-KEM-768" {
		return nil, fmt.Errorf("%s: not an ML-KEM-768 key file", path)
	}
	k, err := vault.NewKeyFromSeed(seed)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if k.Public().DID() != f.DID {
		return nil, fmt.Errorf("%s: the seed does not give the did:key the file names", path)
	}
	return k, nil
}
