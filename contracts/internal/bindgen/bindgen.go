package bindgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// Contracts are the deployable contracts. Each gets its own package, because abigen
// names output structs after methods, and Identity and ClaimIssuer share many.
var Contracts = []string{
	"ClaimIssuer", "ClaimRenewal", "ClaimTopicsRegistry", "IdFactory", "Identity",
	"IdentityRegistry", "IdentityRegistryStorage", "SanctionsOracle", "SmartWallet", "TrustedIssuersRegistry",
}

// Package is the Go package name (and folder under contracts/bindings) of a contract.
func Package(contract string) string { return strings.ToLower(contract) }

// File is the path of a contract's binding, relative to contracts/bindings.
func File(contract string) string {
	return filepath.Join(Package(contract), Package(contract)+".go")
}

// Source returns the Go source of one contract's binding from the artifacts in buildDir.
func Source(buildDir, contract string) ([]byte, error) {
	abi, err := os.ReadFile(filepath.Join(buildDir, contract+".abi"))
	if err != nil {
		return nil, fmt.Errorf("bindgen: %w", err)
	}
	bin, err := os.ReadFile(filepath.Join(buildDir, contract+".bin"))
	if err != nil {
		return nil, fmt.Errorf("bindgen: %w", err)
	}
	code, err := abigen.BindV2([]string{contract}, []string{string(abi)},
		[]string{strings.TrimSpace(string(bin))}, Package(contract), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("bindgen: %s: %w", contract, err)
	}
	return []byte(code), nil
}
