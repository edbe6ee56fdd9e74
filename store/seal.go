package store

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"io"
)

// Sealer encrypts records at rest with envelope encryption: every Seal
// makes a fresh AES-256-GCM data key, encrypts the plaintext with it, and
// wraps the data key with the server key. Rotating the server key then
// means re-wrapping small keys, not re-encrypting every record.
//
// The associated data names the record (for example "profile:<identity>"),
// so a sealed value copied onto another record fails to open.
type Sealer struct {
	kek    cipher.AEAD
	random io.Reader
}

// sealVersion prefixes every output so that the format (and, later, the
// server key generation) can change without guessing.
const sealVersion byte = 1

// Domain separation: a wrapped key can never be opened as data, and the
// reverse.
const (
	aadKeyPrefix  = "idconnect/seal/v1/key\x00"
	aadDataPrefix = "idconnect/seal/v1/data\x00"
)

// NewSealer builds a Sealer from a 32-byte server key. random supplies
// data keys and nonces; pass crypto/rand.Reader outside tests.
func NewSealer(serverKey []byte, random io.Reader) (*Sealer, error) {
	if len(serverKey) != 32 {
		return nil, fmt.Errorf("store: server key must be 32 bytes, got %d", len(serverKey))
	}
	if random == nil {
		return nil, errors.New("store: sealer needs a random source")
	}
	kek, err := newGCM(serverKey)
	if err != nil {
		return nil, err
	}
	return &Sealer{kek: kek, random: random}, nil
}

// Seal encrypts plaintext under a fresh data key bound to aad, and returns
// the wrapped data key and the ciphertext. Neither reveals the plaintext.
func (s *Sealer) Seal(aad string, plaintext []byte) (wrappedKey, ciphertext []byte, err error) {
	dataKey := make([]byte, 32)
	if _, err := io.ReadFull(s.random, dataKey); err != nil {
		return nil, nil, fmt.Errorf("store: seal: read random data key: %w", err)
	}
	dek, err := newGCM(dataKey)
	if err != nil {
		return nil, nil, err
	}
	if wrappedKey, err = s.seal(s.kek, aadKeyPrefix+aad, dataKey); err != nil {
		return nil, nil, err
	}
	if ciphertext, err = s.seal(dek, aadDataPrefix+aad, plaintext); err != nil {
		return nil, nil, err
	}
	return wrappedKey, ciphertext, nil
}

// Open unwraps the data key and decrypts ciphertext. Any tampering, a
// different aad, or another server key fails with ErrSealBroken.
func (s *Sealer) Open(aad string, wrappedKey, ciphertext []byte) ([]byte, error) {
	dataKey, err := open(s.kek, aadKeyPrefix+aad, wrappedKey)
	if err != nil {
		return nil, err
	}
	if len(dataKey) != 32 {
		return nil, ErrSealBroken
	}
	dek, err := newGCM(dataKey)
	if err != nil {
		return nil, err
	}
	return open(dek, aadDataPrefix+aad, ciphertext)
}

func (s *Sealer) seal(aead cipher.AEAD, aad string, plaintext []byte) ([]byte, error) {
	out := make([]byte, 1+aead.NonceSize(), 1+aead.NonceSize()+len(plaintext)+aead.Overhead())
	out[0] = sealVersion
	if _, err := io.ReadFull(s.random, out[1:]); err != nil {
		return nil, fmt.Errorf("store: seal: read random nonce: %w", err)
	}
	return aead.Seal(out, out[1:], plaintext, []byte(aad)), nil
}

func open(aead cipher.AEAD, aad string, sealed []byte) ([]byte, error) {
	head := 1 + aead.NonceSize()
	if len(sealed) < head+aead.Overhead() || sealed[0] != sealVersion {
		return nil, ErrSealBroken
	}
	plain, err := aead.Open(nil, sealed[1:head], sealed[head:], []byte(aad))
	if err != nil {
		return nil, ErrSealBroken
	}
	return plain, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("store: seal: %w", err)
	}
	return cipher.NewGCM(block)
}
