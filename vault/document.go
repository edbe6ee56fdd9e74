package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
)

// A sealed document, version 1:
//
//	offset  size  field
//	0       4     magic "IDCD"
//	4       1     version, 0x01
//	5       12    AES-GCM nonce
//	17      n+16  AES-256-GCM(data key, nonce, plaintext, aad = bytes 0..5)
const (
	docMagic      = "IDCD"
	docVersion    = 1
	docHeaderSize = 5
	nonceSize     = 12
	tagSize       = 16
	// DataKeySize is the size of a document's AES-256 data key.
	DataKeySize = 32
)

// Errors of sealed documents.
var (
	// ErrIntegrity means bytes do not hash to the id or the claim's
	// documentHash they were fetched by, or do not open under their key:
	// nothing of them is returned.
	ErrIntegrity = errors.New("vault: integrity check failed")
	// ErrFormat refuses bytes that are not a sealed document or an
	// envelope of a version this code reads.
	ErrFormat = errors.New("vault: not a sealed document or envelope of a known version")
)

// Seal encrypts plaintext under a fresh random data key, and returns the
// sealed document and the key.
func Seal(rand io.Reader, plaintext []byte) (doc, dataKey []byte, err error) {
	dataKey = make([]byte, DataKeySize)
	nonce := make([]byte, nonceSize)
	if _, err := io.ReadFull(rand, dataKey); err != nil {
		return nil, nil, fmt.Errorf("vault: random data key: %w", err)
	}
	if _, err := io.ReadFull(rand, nonce); err != nil {
		return nil, nil, fmt.Errorf("vault: random nonce: %w", err)
	}
	aead, err := gcm(dataKey)
	if err != nil {
		return nil, nil, err
	}
	doc = make([]byte, 0, docHeaderSize+nonceSize+len(plaintext)+tagSize)
	doc = append(doc, docMagic...)
	doc = append(doc, docVersion)
	doc = append(doc, nonce...)
	doc = aead.Seal(doc, nonce, plaintext, doc[:docHeaderSize])
	return doc, dataKey, nil
}

// Open decrypts a sealed document with its data key.
func Open(doc, dataKey []byte) ([]byte, error) {
	if len(doc) < docHeaderSize+nonceSize+tagSize || string(doc[:4]) != docMagic {
		return nil, fmt.Errorf("%w: not a sealed document", ErrFormat)
	}
	if doc[4] != docVersion {
		return nil, fmt.Errorf("%w: sealed document version %d", ErrFormat, doc[4])
	}
	aead, err := gcm(dataKey)
	if err != nil {
		return nil, err
	}
	nonce := doc[docHeaderSize : docHeaderSize+nonceSize]
	plain, err := aead.Open(nil, nonce, doc[docHeaderSize+nonceSize:], doc[:docHeaderSize])
	if err != nil {
		return nil, fmt.Errorf("%w: the document does not open under this key", ErrIntegrity)
	}
	return plain, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	if len(key) != DataKeySize {
		return nil, fmt.Errorf("vault: a data key is %d bytes, not %d", DataKeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// CID is the sealed document's id: CIDv1, raw codec, sha2-256.
func CID(doc []byte) cid.Cid {
	sum := sha256.Sum256(doc)
	mh, _ := multihash.Encode(sum[:], multihash.SHA2_256) // sha2-256 of 32 bytes: no error
	return cid.NewCidV1(cid.Raw, mh)
}

// DocumentHash is what a claim's documentHash holds for a sealed
// document: the SHA-256 of its bytes, the digest inside its CID.
func DocumentHash(doc []byte) common.Hash { return sha256.Sum256(doc) }

// Check verifies that doc is what id names and what the claim's
// documentHash commits to, and names both hashes when it is not.
func Check(doc []byte, id cid.Cid, documentHash common.Hash) error {
	got := CID(doc)
	if !got.Equals(id) {
		return fmt.Errorf("%w: the bytes hash to %s, not %s", ErrIntegrity, got, id)
	}
	if h := DocumentHash(doc); h != documentHash {
		return fmt.Errorf("%w: the document hashes to %s, the claim's documentHash is %s", ErrIntegrity, h.Hex(), documentHash.Hex())
	}
	return nil
}
