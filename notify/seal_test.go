package notify

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// fileStore is a real SQLite store whose folder the test can read.
func fileStore(t *testing.T) (store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.Open(t.Context(), filepath.Join(dir, "db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// onDisk reports whether any file of the database (main file, WAL and
// shared memory) holds b.
func onDisk(t *testing.T, dir string, b []byte) bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "db*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no database files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, b) {
			return true
		}
	}
	return false
}

// TestWebhookSecretSealedAtRest: the secret Set hands the owner is not in
// the database files, while the URL stored beside it is (so the search
// does look at the stored row); the delivery side opens it.
func TestWebhookSecretSealedAtRest(t *testing.T) {
	s, dir := fileStore(t)
	hooks := &Webhooks{Store: s, Sealer: hookSealer}
	secret, err := hooks.Set(t.Context(), hookOwner, "https://hooks.example.com/sealed-at-rest")
	if err != nil {
		t.Fatal(err)
	}
	if !onDisk(t, dir, []byte("hooks.example.com/sealed-at-rest")) {
		t.Fatal("the webhook row is not in the files searched")
	}
	if onDisk(t, dir, []byte(secret)) {
		t.Fatal("the webhook secret is stored in plaintext")
	}
	row, err := s.GetWebhook(t.Context(), hookOwner)
	if err != nil || row.Secret != "" || len(row.SecretSealed) == 0 || bytes.Contains(row.SecretSealed, []byte(secret)) {
		t.Fatalf("stored row %+v, %v", row, err)
	}
	if _, got, err := hooks.signingSecret(t.Context(), hookOwner); err != nil || got != secret {
		t.Fatalf("opened %q, %v", got, err)
	}
}

// TestWebhookSecretBoundToOwner: a sealed secret copied onto another
// owner's row does not open, and neither does one under another server
// key.
func TestWebhookSecretBoundToOwner(t *testing.T) {
	s := hookStore(t)
	hooks := &Webhooks{Store: s, Sealer: hookSealer}
	if _, err := hooks.Set(t.Context(), hookOwner, "https://hooks.example.com/a"); err != nil {
		t.Fatal(err)
	}
	row, _ := s.GetWebhook(t.Context(), hookOwner)
	other := common.HexToAddress("0x0000000000000000000000000000000000000B0b")
	row.Identity = other
	if err := s.PutWebhook(t.Context(), row); err != nil {
		t.Fatal(err)
	}
	if _, _, err := hooks.signingSecret(t.Context(), other); !errors.Is(err, ErrSecretUnreadable) {
		t.Fatalf("a copied secret opened: %v", err)
	}
	otherKey, err := store.NewSealer(bytes.Repeat([]byte{8}, 32), bytes.NewReader(make([]byte, 1024)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := (&Webhooks{Store: s, Sealer: otherKey}).signingSecret(t.Context(), hookOwner); !errors.Is(err, ErrSecretUnreadable) {
		t.Fatalf("opened under another server key: %v", err)
	}
}

// TestPlaintextSecretsSealed: secrets stored in plaintext before sealing
// (as migration 00005 leaves them) are sealed by SealPlaintext, keep
// signing with the same value, and are sealed on first read too.
func TestPlaintextSecretsSealed(t *testing.T) {
	s := hookStore(t)
	ids := []common.Address{hookOwner, common.HexToAddress("0x0000000000000000000000000000000000000B0b"), common.HexToAddress("0x0000000000000000000000000000000000000C0c")}
	for _, id := range ids {
		if err := s.PutWebhook(t.Context(), store.Webhook{Identity: id, URL: "https://hooks.example.com/old", Secret: "old-" + id.Hex(), CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	hooks := &Webhooks{Store: s, Sealer: hookSealer}
	// A read seals the row it reads.
	if h, ok, err := hooks.Get(t.Context(), hookOwner); err != nil || !ok || h.Secret != "" {
		t.Fatalf("Get = %+v, %v, %v", h, ok, err)
	}
	n, err := hooks.SealPlaintext(t.Context())
	if err != nil || n != 2 {
		t.Fatalf("SealPlaintext = %d, %v; want the two left", n, err)
	}
	if left, err := s.PlaintextWebhooks(t.Context(), 10); err != nil || len(left) != 0 {
		t.Fatalf("left in plaintext: %v, %v", left, err)
	}
	for _, id := range ids {
		row, _ := s.GetWebhook(t.Context(), id)
		_, secret, err := hooks.signingSecret(t.Context(), id)
		if err != nil || secret != "old-"+id.Hex() || row.Secret != "" {
			t.Fatalf("%s: secret %q, %v; row %+v", id, secret, err, row)
		}
	}
}
