package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
	"github.com/idconnect/idconnect/store/storetest"
)

func TestTwoNodes(t *testing.T) {
	storetest.RunTwoNodes(t, func(t *testing.T) (store.Store, store.Store) {
		path := filepath.Join(t.TempDir(), "shared.db")
		a, b := openPath(t, path), openPath(t, path)
		return a, b
	})
}

func openPath(t *testing.T, path string, opts ...sqlite.Option) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path, append(opts, sqlite.WithMigrate())...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestOpenMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "idconnect.db")
	_, err := sqlite.Open(t.Context(), path)
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Open = %v, want ErrUnavailable", err)
	}
}

func TestOpenRejectsMemory(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file::memory:?cache=shared"} {
		if _, err := sqlite.Open(t.Context(), path); err == nil {
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

// lockFile holds an exclusive lock on a rollback-journal database, as
// another process in the middle of a write would.
func lockFile(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE IF NOT EXISTS held (x INTEGER)", "BEGIN EXCLUSIVE", "INSERT INTO held VALUES (1)"} {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() { _, _ = conn.ExecContext(context.Background(), "ROLLBACK"); _ = conn.Close() })
}

func TestOpenLockedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "locked.db")
	lockFile(t, path)
	start := time.Now()
	_, err := sqlite.Open(t.Context(), path, sqlite.WithBusyTimeout(200*time.Millisecond))
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Open = %v, want ErrUnavailable", err)
	}
	t.Logf("Open: %v", err)
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Fatalf("Open gave up after %v, before the busy timeout", waited)
	}
}

// A write that waits on another process's write lock beyond the busy
// timeout fails with ErrUnavailable, not a driver error.
func TestWriteBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	s := openPath(t, path, sqlite.WithBusyTimeout(100*time.Millisecond))
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM clients"); err != nil {
		t.Fatal(err)
	}
	err = s.CreateClient(t.Context(), store.Client{ID: "c"})
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("CreateClient = %v, want ErrUnavailable", err)
	}
	// Reads still work while another process writes (WAL).
	if _, err := s.GetClient(t.Context(), "c"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("GetClient = %v, want ErrNotFound", err)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	// Characters that mean something in a URI must still name the file.
	dir := filepath.Join(t.TempDir(), "a dir?#%20")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "m.db")
	s := openPath(t, path)
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	openPath(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the given path: %v", err)
	}
}
