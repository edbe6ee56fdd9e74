package vault

import (
	"bytes"
	"crypto/cipher"
	"crypto/sha256"
	"fmt"
	"io"

	"github.com/cloudflare/circl/kem/mlkem/mlkem768"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"golang.org/x/crypto/hkdf"
)

// An envelope wraps one document's data key to one reader, version 1:
//
//	offset  size  field
//	0       4     magic "IDCK"
//	4       1     version, 0x01
//	5       1     KEM, 0x01 = ML-KEM-768
//	6       32    the reader's key id: keccak256 of the public key
//	38      1088  ML-KEM-768 ciphertext (FIPS 203 encapsulation)
//	1126    12    AES-GCM nonce
//	1138    48    AES-256-GCM(wrap key, nonce, data key, aad) ‖ tag
//
// wrap key = HKDF-SHA256(ikm = the ML-KEM shared secret,
// salt = "idconnect/vault/v1/wrap", info = bytes 0..1126), 32 bytes, so
// the key commits to the header and the KEM ciphertext; aad = bytes 0..38
// ‖ the document's CID in binary, so an envelope opens for one reader and
// one document only. 1186 bytes in all.
const (
	envMagic      = "IDCK"
	envVersion    = 1
	kemMLKEM768   = 1
	envHeaderSize = 6 + 32
	kemCTSize     = mlkem768.CiphertextSize
	// EnvelopeSize is the size of a version 1 envelope.
	EnvelopeSize = envHeaderSize + kemCTSize + nonceSize + DataKeySize + tagSize
)

var wrapSalt = []byte("idconnect/vault/v1/wrap")

// Envelope is a parsed envelope.
type Envelope struct {
	KeyID common.Hash // whose key opens it
	raw   []byte
}

// ParseEnvelope checks an envelope's framing and reads whose key opens it.
func ParseEnvelope(b []byte) (Envelope, error) {
	switch {
	case len(b) < 6 || string(b[:4]) != envMagic:
		return Envelope{}, fmt.Errorf("%w: not an envelope", ErrFormat)
	case b[4] != envVersion:
		return Envelope{}, fmt.Errorf("%w: envelope version %d", ErrFormat, b[4])
	case b[5] != kemMLKEM768:
		return Envelope{}, fmt.Errorf("%w: envelope KEM %d", ErrFormat, b[5])
	case len(b) != EnvelopeSize:
		return Envelope{}, fmt.Errorf("%w: a version 1 envelope is %d bytes, not %d", ErrFormat, EnvelopeSize, len(b))
	}
	return Envelope{KeyID: common.BytesToHash(b[6:envHeaderSize]), raw: bytes.Clone(b)}, nil
}

// Bytes is the envelope as stored and sent.
func (e Envelope) Bytes() []byte { return bytes.Clone(e.raw) }

// Wrap wraps a document's data key to a reader's public key.
func Wrap(rand io.Reader, to PublicKey, dataKey []byte, doc cid.Cid) (Envelope, error) {
	if len(dataKey) != DataKeySize {
		return Envelope{}, fmt.Errorf("vault: a data key is %d bytes, not %d", DataKeySize, len(dataKey))
	}
	seed := make([]byte, mlkem768.EncapsulationSeedSize)
	nonce := make([]byte, nonceSize)
	if _, err := io.ReadFull(rand, seed); err != nil {
		return Envelope{}, fmt.Errorf("vault: random encapsulation seed: %w", err)
	}
	if _, err := io.ReadFull(rand, nonce); err != nil {
		return Envelope{}, fmt.Errorf("vault: random nonce: %w", err)
	}
	b := make([]byte, envHeaderSize+kemCTSize, EnvelopeSize)
	copy(b, envMagic)
	b[4], b[5] = envVersion, kemMLKEM768
	id := to.ID()
	copy(b[6:envHeaderSize], id[:])
	ss := make([]byte, mlkem768.SharedKeySize)
	to.pk.EncapsulateTo(b[envHeaderSize:], ss, seed)
	aead, err := wrapAEAD(ss, b)
	if err != nil {
		return Envelope{}, err
	}
	b = append(b, nonce...)
	b = aead.Seal(b, nonce, dataKey, wrapAAD(b[:envHeaderSize], doc))
	return Envelope{KeyID: id, raw: b}, nil
}

// Unwrap opens an envelope with the reader's private key, for the
// document it was wrapped for.
func Unwrap(k *PrivateKey, e Envelope, doc cid.Cid) ([]byte, error) {
	if len(e.raw) != EnvelopeSize {
		return nil, fmt.Errorf("%w: not a parsed envelope", ErrFormat)
	}
	if e.KeyID != k.pub.ID() {
		return nil, fmt.Errorf("%w: the envelope is for key %s, not %s", ErrIntegrity, e.KeyID.Hex(), k.pub.ID().Hex())
	}
	ss := make([]byte, mlkem768.SharedKeySize)
	k.sk.DecapsulateTo(ss, e.raw[envHeaderSize:envHeaderSize+kemCTSize])
	aead, err := wrapAEAD(ss, e.raw[:envHeaderSize+kemCTSize])
	if err != nil {
		return nil, err
	}
	off := envHeaderSize + kemCTSize
	key, err := aead.Open(nil, e.raw[off:off+nonceSize], e.raw[off+nonceSize:], wrapAAD(e.raw[:envHeaderSize], doc))
	if err != nil {
		return nil, fmt.Errorf("%w: the envelope does not open with this key for this document", ErrIntegrity)
	}
	return key, nil
}

// Rewrap unwraps an envelope with k and wraps its data key to another
// reader: granting a verifier, or rotating the owner's key, without
// touching the document's body.
func Rewrap(rand io.Reader, k *PrivateKey, e Envelope, doc cid.Cid, to PublicKey) (Envelope, error) {
	key, err := Unwrap(k, e, doc)
	if err != nil {
		return Envelope{}, err
	}
	defer clear(key)
	return Wrap(rand, to, key, doc)
}

func wrapAEAD(sharedSecret, headerAndCT []byte) (cipher.AEAD, error) {
	key := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, sharedSecret, wrapSalt, headerAndCT), key); err != nil {
		return nil, err
	}
	return gcm(key)
}

func wrapAAD(header []byte, doc cid.Cid) []byte {
	return append(bytes.Clone(header), doc.Bytes()...)
}
