package issuer

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Signer holds the issuer's signing key: a key of purpose 3 (CLAIM) on
// the issuer identity. A KMS or an HSM can implement it; KeySigner keeps
// the key in memory, from a file.
type Signer interface {
	// Address is the signing key's address; its keccak256(abi.encode())
	// is the key id on the issuer identity.
	Address() common.Address
	// SignHash signs a 32-byte digest as Ethereum does: 65 bytes r ‖ s ‖ v,
	// with s in the lower half of the curve order and v 27 or 28.
	SignHash(ctx context.Context, digest common.Hash) ([]byte, error)
}

// KeySigner is a Signer over a secp256k1 key held in memory.
type KeySigner struct{ key *ecdsa.PrivateKey }

// NewKeySigner returns a Signer for key.
func NewKeySigner(key *ecdsa.PrivateKey) *KeySigner { return &KeySigner{key: key} }

// ErrKeyFile refuses a key file that does not hold one secp256k1 key.
var ErrKeyFile = errors.New("issuer: a key file holds one secp256k1 private key as 64 hex digits")

// LoadKeyFile reads a key file: 64 hex digits (an optional 0x and
// surrounding whitespace allowed), the form of the dev keys and of
// `openssl rand -hex 32`. The error never quotes the file's contents.
func LoadKeyFile(path string) (*KeySigner, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("issuer: %w", err)
	}
	hex := strings.TrimPrefix(strings.TrimSpace(string(b)), "0x")
	key, err := crypto.HexToECDSA(hex)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrKeyFile, path)
	}
	return NewKeySigner(key), nil
}

// Address implements Signer.
func (s *KeySigner) Address() common.Address { return crypto.PubkeyToAddress(s.key.PublicKey) }

// SignHash implements Signer. go-ethereum signs with RFC 6979 nonces and
// low s; v is moved from {0,1} to {27,28}, the form ecrecover and the
// ONCHAINID contracts expect.
func (s *KeySigner) SignHash(_ context.Context, digest common.Hash) ([]byte, error) {
	sig, err := crypto.Sign(digest[:], s.key)
	if err != nil {
		return nil, fmt.Errorf("issuer: sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}
