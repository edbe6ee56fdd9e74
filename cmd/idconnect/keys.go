package main

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
)

// readKeyFile reads a secp256k1 private key written as hex (with or without 0x).
func readKeyFile(path string) (*ecdsa.PrivateKey, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	key, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(string(raw)), "0x"))
	if err != nil {
		return nil, fmt.Errorf("key file %s: not a hex secp256k1 private key", path)
	}
	return key, nil
}

// loadOrCreateKey reads a dev key, or makes one and writes it readable by the user only.
// Keeping dev keys across runs keeps the dev chain's contract addresses stable.
func loadOrCreateKey(path string) (*ecdsa.PrivateKey, error) {
	key, err := readKeyFile(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	key, err = crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	hex := fmt.Sprintf("%x\n", crypto.FromECDSA(key))
	if err := os.WriteFile(path, []byte(hex), 0o600); err != nil {
		return nil, fmt.Errorf("write dev key: %w", err)
	}
	return key, nil
}
