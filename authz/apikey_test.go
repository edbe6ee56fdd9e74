package authz

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func TestAPIKeyLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	clientA, _ := f.newClient(t, false)
	clientB, _ := f.newClient(t, false)
	clock := func() time.Time { return testTime }

	recA, keyA, err := IssueAPIKey(ctx, f.st, rand.Reader, clock, clientA, "  batch job ")
	must(t, err)
	_, keyB, err := IssueAPIKey(ctx, f.st, rand.Reader, clock, clientB, "")
	must(t, err)

	t.Run("record", func(t *testing.T) {
		sum := sha256.Sum256([]byte(keyA))
		switch {
		case len(keyA) != apiKeyLen || !strings.HasPrefix(keyA, APIKeyPrefix):
			t.Errorf("key %q has the wrong shape", keyA)
		case !bytes.Equal(recA.Hash, sum[:]):
			t.Errorf("hash is not the key's SHA-256")
		case recA.Prefix != keyA[:apiKeyShown] || recA.ClientID != clientA || recA.Name != "batch job":
			t.Errorf("record %+v", recA)
		case !recA.CreatedAt.Equal(testTime) || !recA.LastUsedAt.IsZero() || !recA.RevokedAt.IsZero():
			t.Errorf("times %+v", recA)
		}
		stored, err := f.st.ListAPIKeys(ctx, clientA)
		must(t, err)
		if len(stored) != 1 || stored[0].ID != recA.ID || strings.Contains(string(stored[0].Hash), keyA) {
			t.Errorf("stored %+v", stored)
		}
	})
	t.Run("each key names its own client", func(t *testing.T) {
		for key, want := range map[string]string{keyA: clientA, keyB: clientB} {
			k, err := AuthenticateAPIKey(ctx, f.st, key, testTime)
			must(t, err)
			if k.ClientID != want {
				t.Errorf("key of %s authenticated as %s", want, k.ClientID)
			}
		}
	})
	t.Run("last use recorded once a minute", func(t *testing.T) {
		lastUsed := func() time.Time {
			ks, err := f.st.ListAPIKeys(ctx, clientA)
			must(t, err)
			return ks[0].LastUsedAt
		}
		at := testTime.Add(time.Hour)
		for i, now := range []time.Time{at, at.Add(30 * time.Second), at.Add(61 * time.Second)} {
			_, err := AuthenticateAPIKey(ctx, f.st, keyA, now)
			must(t, err)
			want := at
			if i == 2 {
				want = now
			}
			if got := lastUsed(); !got.Equal(want) {
				t.Errorf("use %d at %v: last used %v, want %v", i, now, got, want)
			}
		}
	})
	t.Run("revoked", func(t *testing.T) {
		must(t, f.st.RevokeAPIKey(ctx, recA.ID, testTime))
		if _, err := AuthenticateAPIKey(ctx, f.st, keyA, testTime); !errors.Is(err, ErrBadAPIKey) {
			t.Errorf("revoked key: err = %v, want ErrBadAPIKey", err)
		}
	})
	t.Run("client deleted", func(t *testing.T) {
		must(t, DeleteClient(ctx, f.st, clientB))
		if _, err := AuthenticateAPIKey(ctx, f.st, keyB, testTime); !errors.Is(err, ErrBadAPIKey) {
			t.Errorf("key of a deleted client: err = %v, want ErrBadAPIKey", err)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		other := APIKeyPrefix + base64.RawURLEncoding.EncodeToString(make([]byte, apiKeyBytes))
		if _, err := AuthenticateAPIKey(ctx, f.st, other, testTime); !errors.Is(err, ErrBadAPIKey) {
			t.Errorf("unknown key: err = %v, want ErrBadAPIKey", err)
		}
	})
}

func TestIssueAPIKeyRefuses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	client, _ := f.newClient(t, false)
	tests := []struct {
		name     string
		random   io.Reader
		clientID string
		keyName  string
		want     error
	}{
		{"unknown client", rand.Reader, "no-such-client", "", store.ErrNotFound},
		{"control character in name", rand.Reader, client, "a\x00b", ErrInvalidAPIKeyName},
		{"name too long", rand.Reader, client, strings.Repeat("n", maxAPIKeyName+1), ErrInvalidAPIKeyName},
		{"invalid UTF-8 name", rand.Reader, client, "\xff", ErrInvalidAPIKeyName},
		{"randomness fails", bytes.NewReader(make([]byte, 8)), client, "", io.ErrUnexpectedEOF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, key, err := IssueAPIKey(ctx, f.st, tc.random, nil, tc.clientID, tc.keyName)
			if !errors.Is(err, tc.want) || key != "" {
				t.Fatalf("err = %v, key %q; want %v", err, key, tc.want)
			}
		})
	}
	keys, err := f.st.ListAPIKeys(ctx, client)
	must(t, err)
	if len(keys) != 0 {
		t.Errorf("refused issues stored %d keys", len(keys))
	}
}

func TestAPIKeyHash(t *testing.T) {
	good := APIKeyPrefix + base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{0xfe}, apiKeyBytes))
	tests := []struct {
		name string
		key  string
		ok   bool
	}{
		{"good", good, true},
		{"empty", "", false},
		{"prefix only", APIKeyPrefix, false},
		{"no prefix", strings.TrimPrefix(good, APIKeyPrefix) + "abcd", false},
		{"other prefix", "idk_" + strings.TrimPrefix(good, APIKeyPrefix), false},
		{"upper-case prefix", "IDC_" + strings.TrimPrefix(good, APIKeyPrefix), false},
		{"one short", good[:len(good)-1], false},
		{"one long", good + "A", false},
		{"padded", good + "=", false},
		{"standard base64", strings.ReplaceAll(good, "_", "/"), false},
		{"space inside", good[:10] + " " + good[11:], false},
		{"trailing newline", good[:len(good)-1] + "\n", false},
		// The last character carries 2 padding bits; only zero bits are canonical.
		{"non-canonical last character", good[:len(good)-1] + "9", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := apiKeyHash(tc.key)
			if (err == nil) != tc.ok {
				t.Fatalf("apiKeyHash(%q) err = %v, want ok %v", tc.key, err, tc.ok)
			}
			if err != nil && !errors.Is(err, ErrBadAPIKey) {
				t.Fatalf("err %v does not wrap ErrBadAPIKey", err)
			}
			if sum := sha256.Sum256([]byte(tc.key)); tc.ok && !bytes.Equal(h, sum[:]) {
				t.Fatalf("hash is not SHA-256 of the key")
			}
		})
	}
}

// FuzzAPIKeyHash: whatever is accepted is exactly the prefix and the
// canonical encoding of 32 bytes, so one key has one spelling.
func FuzzAPIKeyHash(f *testing.F) {
	for _, s := range []string{
		APIKeyPrefix + base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{1}, apiKeyBytes)),
		APIKeyPrefix + strings.Repeat("A", 43), APIKeyPrefix + strings.Repeat("_", 43), APIKeyPrefix, "", "ApiKey x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if _, err := apiKeyHash(key); err != nil {
			if !errors.Is(err, ErrBadAPIKey) {
				t.Fatalf("err %v does not wrap ErrBadAPIKey", err)
			}
			return
		}
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(key, APIKeyPrefix))
		if err != nil || len(raw) != apiKeyBytes || APIKeyPrefix+base64.RawURLEncoding.EncodeToString(raw) != key {
			t.Fatalf("accepted %q", key)
		}
	})
}
