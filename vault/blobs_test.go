package vault_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/vault"
)

// TestBlobsRoundTrip: seal, store, fetch and open, in SQLite and in a
// directory; a blob whose stored bytes were changed or swapped reads as an
// integrity error, with nothing returned.
func TestBlobsRoundTrip(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dir := t.TempDir()
	for name, backend := range map[string]vault.BlobBackend{"sqlite": db, "dir": vault.Dir(dir)} {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			blobs := vault.Blobs{Backend: backend}
			plain := bytes.Repeat([]byte("id card "), 4096)
			doc, key, err := vault.Seal(rand.Reader, plain)
			if err != nil {
				t.Fatal(err)
			}
			id, err := blobs.Put(ctx, doc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := blobs.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out, err := vault.Open(got, key)
			if err != nil || !bytes.Equal(out, plain) {
				t.Fatalf("round trip: %v", err)
			}
			// Another document's bytes stored under this id.
			other, _, _ := vault.Seal(rand.Reader, []byte("someone else's"))
			if err := backend.DeleteBlob(ctx, id.String()); err != nil {
				t.Fatal(err)
			}
			if err := backend.PutBlob(ctx, id.String(), other, time.Now()); err != nil {
				t.Fatal(err)
			}
			if got, err := blobs.Get(ctx, id); !errors.Is(err, vault.ErrIntegrity) || got != nil {
				t.Fatalf("swapped blob: %d bytes, %v", len(got), err)
			}
			if err := blobs.Delete(ctx, id); err != nil {
				t.Fatal(err)
			}
			if _, err := blobs.Get(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("deleted blob: %v", err)
			}
		})
	}
	// One flipped byte in the file on disk.
	blobs := vault.Blobs{Backend: vault.Dir(dir)}
	doc, _, _ := vault.Seal(rand.Reader, []byte("flip me"))
	id, err := blobs.Put(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, id.String())
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 1
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := blobs.Get(t.Context(), id); !errors.Is(err, vault.ErrIntegrity) || got != nil {
		t.Fatalf("flipped byte on disk: %v", err)
	}
	if err := (vault.Dir(dir)).PutBlob(t.Context(), "../escape", doc, time.Now()); err == nil {
		t.Fatal("a non-CID name was written")
	}
}
