package main

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// serverKeys are derived from one 32-byte server key, so an operator keeps one
// secret: it seals profiles and signing keys, keys the HMAC of codes and refresh
// tokens, and authenticates and encrypts session cookies.
type serverKeys struct {
	seal, hmac, sessionHash, sessionBlock []byte
	// logPseudonym keys the hashes that stand for addresses and client IPs
	// in logs (web.Pseudonyms).
	logPseudonym []byte
}

func deriveKeys(master []byte) (serverKeys, error) {
	if len(master) != 32 {
		return serverKeys{}, fmt.Errorf("server key: want 32 bytes, got %d", len(master))
	}
	derive := func(label string, n int) ([]byte, error) {
		return hkdf.Key(sha256.New, master, nil, "idconnect "+label, n)
	}
	var k serverKeys
	var err error
	for _, d := range []struct {
		dst   *[]byte
		label string
		n     int
	}{{&k.seal, "seal", 32}, {&k.hmac, "oauth2 hmac", 32}, {&k.sessionHash, "session hash", 64}, {&k.sessionBlock, "session block", 32}, {&k.logPseudonym, "log pseudonym", 32}} {
		if *d.dst, err = derive(d.label, d.n); err != nil {
			return serverKeys{}, err
		}
	}
	return k, nil
}

// readServerKey reads a server key written as 64 hex digits.
func readServerKey(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("server key file: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(string(raw)), "0x"))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("server key file %s: want 64 hex digits (32 random bytes)", path)
	}
	return key, nil
}

// loadOrCreateServerKey reads the dev server key, or makes one readable by the user only.
func loadOrCreateServerKey(path string) ([]byte, error) {
	key, err := readServerKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write server key: %w", err)
	}
	return key, nil
}
