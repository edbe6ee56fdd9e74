package store_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/idconnect/idconnect/store"
)

func newSealer(t *testing.T, key byte) *store.Sealer {
	t.Helper()
	s, err := store.NewSealer(bytes.Repeat([]byte{key}, 32), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x01
	return c
}

func TestSealerRoundTrip(t *testing.T) {
	s := newSealer(t, 7)
	for _, plain := range [][]byte{nil, {}, []byte("x"), bytes.Repeat([]byte("profile"), 1000)} {
		wk, ct, err := s.Seal("profile:0xabc", plain)
		if err != nil {
			t.Fatal(err)
		}
		// A one-byte plaintext turns up in random bytes by chance; a long one does not.
		if len(plain) >= 8 && bytes.Contains(ct, plain) {
			t.Fatal("ciphertext contains the plaintext")
		}
		got, err := s.Open("profile:0xabc", wk, ct)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("Open = %q, want %q", got, plain)
		}
	}
}

func TestSealerFreshKeyPerRecord(t *testing.T) {
	s := newSealer(t, 7)
	wk1, ct1, _ := s.Seal("a", []byte("same"))
	wk2, ct2, _ := s.Seal("a", []byte("same"))
	if bytes.Equal(wk1, wk2) || bytes.Equal(ct1, ct2) {
		t.Fatal("two seals of the same plaintext are equal: data keys or nonces are reused")
	}
	if _, err := s.Open("a", wk1, ct2); !errors.Is(err, store.ErrSealBroken) {
		t.Fatalf("ciphertext opened with another record's key: err = %v", err)
	}
}

func TestSealerRejects(t *testing.T) {
	s := newSealer(t, 7)
	wk, ct, err := s.Seal("profile:0xabc", []byte("Alice"))
	if err != nil {
		t.Fatal(err)
	}
	other := newSealer(t, 8)
	tests := []struct {
		name   string
		sealer *store.Sealer
		aad    string
		wk, ct []byte
	}{
		{"tampered ciphertext", s, "profile:0xabc", wk, flip(ct, len(ct)-1)},
		{"tampered ciphertext nonce", s, "profile:0xabc", wk, flip(ct, 1)},
		{"tampered wrapped key", s, "profile:0xabc", flip(wk, len(wk)/2), ct},
		{"wrong aad", s, "profile:0xdef", wk, ct},
		{"empty aad", s, "", wk, ct},
		{"other server key", other, "profile:0xabc", wk, ct},
		{"truncated ciphertext", s, "profile:0xabc", wk, ct[:10]},
		{"empty wrapped key", s, "profile:0xabc", nil, ct},
		{"unknown version", s, "profile:0xabc", wk, append([]byte{9}, ct[1:]...)},
		{"key and data swapped", s, "profile:0xabc", ct, wk},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.sealer.Open(tc.aad, tc.wk, tc.ct)
			if !errors.Is(err, store.ErrSealBroken) {
				t.Fatalf("Open = %q, %v; want ErrSealBroken", got, err)
			}
		})
	}
}

func TestNewSealerValidates(t *testing.T) {
	tests := []struct {
		name string
		key  []byte
		ok   bool
	}{
		{"32 bytes", make([]byte, 32), true},
		{"16 bytes", make([]byte, 16), false},
		{"empty", nil, false},
		{"33 bytes", make([]byte, 33), false},
	}
	for _, tc := range tests {
		_, err := store.NewSealer(tc.key, rand.Reader)
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	if _, err := store.NewSealer(make([]byte, 32), nil); err == nil {
		t.Error("nil random source accepted")
	}
}

func TestSealerRandomFailure(t *testing.T) {
	s, err := store.NewSealer(make([]byte, 32), bytes.NewReader(make([]byte, 40)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Seal("a", []byte("x")); err == nil {
		t.Fatal("Seal succeeded with an exhausted random source")
	}
}
