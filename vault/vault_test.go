package vault_test

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"

	"github.com/idconnect/idconnect/vault"
)

// TestRoundTrip: a document sealed and wrapped to the owner opens with the
// owner's key; rewrapped to a verifier it opens with the verifier's key,
// and the body is the same bytes.
func TestRoundTrip(t *testing.T) {
	owner, verifier := mustKey(t), mustKey(t)
	plain := bytes.Repeat([]byte("passport scan "), 1000)
	doc, key, err := vault.Seal(rand.Reader, plain)
	if err != nil {
		t.Fatal(err)
	}
	id := vault.CID(doc)
	if id.Prefix().Codec != cid.Raw || id.Version() != 1 || id.Prefix().MhType != 0x12 {
		t.Fatalf("CID %s: %+v", id, id.Prefix())
	}
	if err := vault.Check(doc, id, vault.DocumentHash(doc)); err != nil {
		t.Fatal(err)
	}
	env, err := vault.Wrap(rand.Reader, owner.Public(), key, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(env.Bytes()) != vault.EnvelopeSize || env.KeyID != owner.Public().ID() {
		t.Fatalf("envelope of %d bytes for %s", len(env.Bytes()), env.KeyID.Hex())
	}
	granted, err := vault.Rewrap(rand.Reader, owner, env, id, verifier.Public())
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := vault.ParseEnvelope(granted.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err := vault.Unwrap(verifier, parsed, id)
	if err != nil {
		t.Fatal(err)
	}
	out, err := vault.Open(doc, got)
	if err != nil || !bytes.Equal(out, plain) {
		t.Fatalf("opened %d bytes, %v", len(out), err)
	}
}

// TestTamper: a flipped byte anywhere, a swapped document, the wrong key or
// a wrong documentHash is an integrity error, and no plaintext comes back.
func TestTamper(t *testing.T) {
	owner, other := mustKey(t), mustKey(t)
	doc, key, err := vault.Seal(rand.Reader, []byte("the screening report"))
	if err != nil {
		t.Fatal(err)
	}
	id := vault.CID(doc)
	env, err := vault.Wrap(rand.Reader, owner.Public(), key, id)
	if err != nil {
		t.Fatal(err)
	}
	for i := range doc {
		bad := bytes.Clone(doc)
		bad[i] ^= 0x01
		if err := vault.Check(bad, id, vault.DocumentHash(doc)); !errors.Is(err, vault.ErrIntegrity) {
			t.Fatalf("byte %d flipped: check %v", i, err)
		}
		if out, err := vault.Open(bad, key); err == nil || out != nil {
			t.Fatalf("byte %d flipped: opened %q", i, out)
		}
	}
	other2, _, _ := vault.Seal(rand.Reader, []byte("another document"))
	if err := vault.Check(other2, id, vault.DocumentHash(doc)); !errors.Is(err, vault.ErrIntegrity) {
		t.Fatalf("swapped document: %v", err)
	}
	wrongHash := common.HexToHash("0x01")
	if err := vault.Check(doc, id, wrongHash); !errors.Is(err, vault.ErrIntegrity) ||
		!bytes.Contains([]byte(err.Error()), []byte(wrongHash.Hex())) || !bytes.Contains([]byte(err.Error()), []byte(vault.DocumentHash(doc).Hex())) {
		t.Fatalf("wrong documentHash: %v", err)
	}
	if out, err := vault.Unwrap(other, env, id); !errors.Is(err, vault.ErrIntegrity) || out != nil {
		t.Fatalf("another reader's key: %v", err)
	}
	if out, err := vault.Unwrap(owner, env, vault.CID(other2)); !errors.Is(err, vault.ErrIntegrity) || out != nil {
		t.Fatalf("another document's id: %v", err)
	}
	raw := env.Bytes()
	for _, i := range []int{40, 500, 1125, 1130, 1150, vault.EnvelopeSize - 1} {
		bad := bytes.Clone(raw)
		bad[i] ^= 0x80
		e, err := vault.ParseEnvelope(bad)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := vault.Unwrap(owner, e, id); !errors.Is(err, vault.ErrIntegrity) || out != nil {
			t.Fatalf("envelope byte %d flipped: %v", i, err)
		}
	}
}

// TestOwnerKey: the same wallet signature derives the same key, another
// signature another; the did:key and the key id round-trip.
func TestOwnerKey(t *testing.T) {
	wallet, _ := crypto.GenerateKey()
	msg := vault.OwnerKeyMessage(common.HexToAddress("0x00000000000000000000000000000000000000aa"), 1337)
	sig, err := crypto.Sign(crypto.Keccak256([]byte("\x19Ethereum Signed Message:\n"+strconv.Itoa(len(msg))+msg)), wallet)
	if err != nil {
		t.Fatal(err)
	}
	a, err := vault.DeriveOwnerKey(sig, msg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := vault.DeriveOwnerKey(sig, msg)
	if !bytes.Equal(a.MarshalBinary(), b.MarshalBinary()) {
		t.Fatal("one signature derived two keys")
	}
	sig[10] ^= 1
	c, _ := vault.DeriveOwnerKey(sig, msg)
	if bytes.Equal(a.Public().Bytes(), c.Public().Bytes()) {
		t.Fatal("two signatures derived one key")
	}
	did := a.Public().DID()
	if did[:9] != "did:key:z" {
		t.Fatalf("did %s", did)
	}
	back, err := vault.ParseDID(did)
	if err != nil || back.ID() != a.Public().ID() {
		t.Fatalf("did round trip: %v", err)
	}
	if a.Public().ID() != crypto.Keccak256Hash(a.Public().Bytes()) {
		t.Fatal("the key id is not keccak256 of the public key")
	}
	priv, err := vault.ParsePrivateKey(a.MarshalBinary())
	if err != nil || priv.Public().ID() != a.Public().ID() {
		t.Fatalf("private key round trip: %v", err)
	}
	for _, bad := range []string{"", "did:key:", "did:key:zQ3s", "did:pkh:eip155:1:0xabc", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"} {
		if _, err := vault.ParseDID(bad); !errors.Is(err, vault.ErrKey) {
			t.Errorf("ParseDID(%q) = %v", bad, err)
		}
	}
}

// TestEnvelopeKnownAnswer pins the version 1 format: a fixed seed, data
// key, randomness and document id give these exact bytes, so a change of
// the format cannot pass unnoticed (the browser and the CLI read them).
func TestEnvelopeKnownAnswer(t *testing.T) {
	seed := make([]byte, 64)
	for i := range seed {
		seed[i] = byte(i)
	}
	k, err := vault.NewKeyFromSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	dataKey := bytes.Repeat([]byte{0x42}, 32)
	doc := vault.CID([]byte("known answer document"))
	env, err := vault.Wrap(bytes.NewReader(bytes.Repeat([]byte{0x07}, 44)), k.Public(), dataKey, doc)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(env.Bytes())
	const want = "03e145c7b720697a7014f20289deeb957d05b10ad040abb5b5ad8cef73f2eaa2"
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("sha256 of the known-answer envelope = %s, want %s", got, want)
	}
	got, err := vault.Unwrap(k, env, doc)
	if err != nil || !bytes.Equal(got, dataKey) {
		t.Fatalf("known-answer unwrap: %x, %v", got, err)
	}
}

func mustKey(t testing.TB) *vault.PrivateKey {
	t.Helper()
	k, err := vault.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
