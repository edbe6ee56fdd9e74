package vault

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cloudflare/circl/kem/mlkem/mlkem768"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/multiformats/go-multibase"
	"github.com/multiformats/go-varint"
	"golang.org/x/crypto/hkdf"
)

// Sizes of ML-KEM-768 keys, from FIPS 203.
const (
	PublicKeySize  = mlkem768.PublicKeySize  // 1184
	PrivateKeySize = mlkem768.PrivateKeySize // 2400
	seedSize       = mlkem768.KeySeedSize    // 64: d ‖ z
)

// MulticodecMLKEM768Pub is the multicodec of an ML-KEM-768 public key,
// the prefix of its did:key.
const MulticodecMLKEM768Pub = 0x120c

// ErrKey refuses a malformed key or did:key.
var ErrKey = errors.New("vault: not an ML-KEM-768 key")

// PublicKey is a reader's ML-KEM-768 public key.
type PublicKey struct{ pk *mlkem768.PublicKey }

// PrivateKey is a reader's ML-KEM-768 private key.
type PrivateKey struct {
	sk  *mlkem768.PrivateKey
	pub PublicKey
}

// GenerateKey makes a key pair from rand (a verifier's, made by
// `idconnect document keygen`).
func GenerateKey(rand io.Reader) (*PrivateKey, error) {
	seed := make([]byte, seedSize)
	if _, err := io.ReadFull(rand, seed); err != nil {
		return nil, fmt.Errorf("vault: random seed: %w", err)
	}
	return NewKeyFromSeed(seed)
}

// NewKeyFromSeed is FIPS 203 ML-KEM.KeyGen_internal(d, z) with seed = d ‖ z.
func NewKeyFromSeed(seed []byte) (*PrivateKey, error) {
	if len(seed) != seedSize {
		return nil, fmt.Errorf("%w: a seed is %d bytes, not %d", ErrKey, seedSize, len(seed))
	}
	pk, sk := mlkem768.NewKeyFromSeed(seed)
	return &PrivateKey{sk: sk, pub: PublicKey{pk}}, nil
}

// OwnerKeyMessage is what the owner's wallet signs (EIP-191) to derive the
// owner's document key: fixed and versioned, naming the identity and the
// chain, so that one signature opens one identity's documents on one
// chain. Ethereum wallets sign deterministically (RFC 6979), so the same
// wallet derives the same key every time.
func OwnerKeyMessage(identity common.Address, chainID uint64) string {
	return fmt.Sprintf("idconnect document key v1\n\nThis signature derives the key that opens your claim documents. Sign it only on the idconnect dashboard.\n\nIdentity: %s\nChain ID: %d", identity.Hex(), chainID)
}

// DeriveOwnerKey derives the owner's key pair from the wallet's 65-byte
// signature of OwnerKeyMessage: seed = HKDF-SHA256(ikm = signature,
// salt = "idconnect/vault/v1/owner-key", info = the message), 64 bytes.
func DeriveOwnerKey(signature []byte, message string) (*PrivateKey, error) {
	if len(signature) != 65 {
		return nil, fmt.Errorf("%w: a wallet signature is 65 bytes, not %d", ErrKey, len(signature))
	}
	seed := make([]byte, seedSize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, signature, []byte("idconnect/vault/v1/owner-key"), []byte(message)), seed); err != nil {
		return nil, err
	}
	return NewKeyFromSeed(seed)
}

// Public is the key pair's public key.
func (k *PrivateKey) Public() PublicKey { return k.pub }

// MarshalBinary is the 2400-byte FIPS 203 decapsulation key.
func (k *PrivateKey) MarshalBinary() []byte {
	b := make([]byte, PrivateKeySize)
	k.sk.Pack(b)
	return b
}

// ParsePrivateKey reads a 2400-byte FIPS 203 decapsulation key.
func ParsePrivateKey(b []byte) (*PrivateKey, error) {
	if len(b) != PrivateKeySize {
		return nil, fmt.Errorf("%w: a private key is %d bytes, not %d", ErrKey, PrivateKeySize, len(b))
	}
	var sk mlkem768.PrivateKey
	if err := sk.Unpack(b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	pk, ok := sk.Public().(*mlkem768.PublicKey)
	if !ok {
		return nil, ErrKey
	}
	return &PrivateKey{sk: &sk, pub: PublicKey{pk}}, nil
}

// Bytes is the 1184-byte FIPS 203 encapsulation key.
func (p PublicKey) Bytes() []byte {
	b := make([]byte, PublicKeySize)
	p.pk.Pack(b)
	return b
}

// ParsePublicKey reads a 1184-byte FIPS 203 encapsulation key, with the
// modulus check FIPS 203 asks of it.
func ParsePublicKey(b []byte) (PublicKey, error) {
	if len(b) != PublicKeySize {
		return PublicKey{}, fmt.Errorf("%w: a public key is %d bytes, not %d", ErrKey, PublicKeySize, len(b))
	}
	var pk mlkem768.PublicKey
	if err := pk.Unpack(b); err != nil {
		return PublicKey{}, fmt.Errorf("%w: %v", ErrKey, err)
	}
	return PublicKey{&pk}, nil
}

// ID is keccak256 of the public key's bytes: the ENCRYPTION (purpose 4)
// key the owner adds to the identity, and the key id an envelope names.
func (p PublicKey) ID() common.Hash { return crypto.Keccak256Hash(p.Bytes()) }

// DID is the key's did:key: "did:key:z" and the base58btc of the varint
// multicodec 0x120c followed by the key's bytes.
func (p PublicKey) DID() string {
	raw := append(varint.ToUvarint(MulticodecMLKEM768Pub), p.Bytes()...)
	s, _ := multibase.Encode(multibase.Base58BTC, raw) // the encoding exists: no error
	return "did:key:" + s
}

// ParseDID reads an ML-KEM-768 did:key.
func ParseDID(did string) (PublicKey, error) {
	mb, ok := strings.CutPrefix(did, "did:key:")
	if !ok || !strings.HasPrefix(mb, "z") {
		return PublicKey{}, fmt.Errorf("%w: %q is not a base58btc did:key", ErrKey, did)
	}
	_, raw, err := multibase.Decode(mb)
	if err != nil {
		return PublicKey{}, fmt.Errorf("%w: %q: %v", ErrKey, did, err)
	}
	code, n, err := varint.FromUvarint(raw)
	if err != nil || code != MulticodecMLKEM768Pub {
		return PublicKey{}, fmt.Errorf("%w: %q is not an ML-KEM-768 public key (multicodec 0x120c)", ErrKey, did)
	}
	return ParsePublicKey(raw[n:])
}
