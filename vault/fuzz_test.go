package vault_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/idconnect/idconnect/vault"
)

// FuzzEnvelope: any bytes either parse as an envelope or are refused with
// ErrFormat; a parsed one that was not made for this key and document
// never opens, and nothing panics.
func FuzzEnvelope(f *testing.F) {
	k := mustKey(f)
	doc := vault.CID([]byte("fuzzed document"))
	env, err := vault.Wrap(rand.Reader, k.Public(), bytes.Repeat([]byte{1}, 32), doc)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(env.Bytes())
	f.Add([]byte("IDCK\x01\x01"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := vault.ParseEnvelope(b)
		if err != nil {
			if !errors.Is(err, vault.ErrFormat) {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		key, err := vault.Unwrap(k, e, doc)
		if err == nil && !bytes.Equal(b, env.Bytes()) {
			t.Fatalf("forged envelope opened to %x", key)
		}
	})
}

// FuzzOpen: any bytes either are refused or, when they are the sealed
// document, open to its plaintext.
func FuzzOpen(f *testing.F) {
	doc, key, err := vault.Seal(rand.Reader, []byte("fuzzed plaintext"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(doc)
	f.Add([]byte("IDCD\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := vault.Open(b, key)
		if err == nil && (!bytes.Equal(b, doc) || string(out) != "fuzzed plaintext") {
			t.Fatalf("forged document opened to %q", out)
		}
		if err != nil && !errors.Is(err, vault.ErrFormat) && !errors.Is(err, vault.ErrIntegrity) {
			t.Fatalf("refused with %v", err)
		}
	})
}
