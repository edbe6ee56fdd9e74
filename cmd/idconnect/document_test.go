package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/vault"
)

// TestDocumentKeygen: keygen prints the verifier's did:key and writes the
// private key, readable by its owner only, from which the same did:key
// comes back; an existing file is never overwritten.
func TestDocumentKeygen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "verifier.key")
	out, err := runPlain(t, "document", "keygen", "--out", path, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ DID, KeyID string }
	if err := json.Unmarshal([]byte(out), &got); err != nil || !strings.HasPrefix(got.DID, "did:key:z") {
		t.Fatalf("keygen printed %q, %v", out, err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", fi.Mode(), err)
	}
	k, err := readVerifierKey(path)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := vault.ParseDID(got.DID)
	if err != nil || k.Public().ID() != pub.ID() || pub.ID().Hex() != got.KeyID {
		t.Fatalf("the file's key is not the printed one: %v", err)
	}
	before, _ := os.ReadFile(path)
	var ce *configError
	if _, err := runPlain(t, "document", "keygen", "--out", path); !errors.As(err, &ce) {
		t.Fatalf("keygen over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("an existing key file was overwritten")
	}
}
