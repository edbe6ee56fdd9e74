package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/idconnect/idconnect/store"
)

// openDB opens one pool the way Open does, with a table to play with.
func openDB(t *testing.T) *sql.DB {
	t.Helper()
	c, err := newConnector(dsn(filepath.Join(t.TempDir(), "c.db"), config{busyTimeout: 5e9}, true))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Exec(`CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return db
}

// cached reports how many statements the pool's one connection keeps.
func cached(t *testing.T, db *sql.DB) int {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	n := -1
	err = conn.Raw(func(dc any) error {
		n = len(dc.(*stmtConn).stmts)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStmtCacheReuses: a query run many times, in and out of transactions,
// is prepared once per connection, and a failed run leaves it usable.
func TestStmtCacheReuses(t *testing.T) {
	db := openDB(t)
	base := cached(t, db)
	for i := range 50 {
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO kv (k, v) VALUES (?1, ?2)`, i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		var v string
		if err := db.QueryRow(`SELECT v FROM kv WHERE k = ?1`, i).Scan(&v); err != nil || v != fmt.Sprint("v", i) {
			t.Fatalf("row %d = %q, %v", i, v, err)
		}
	}
	if _, err := db.Exec(`INSERT INTO kv (k, v) VALUES (?1, ?2)`, 3, "dup"); err == nil {
		t.Fatal("duplicate key accepted")
	}
	if _, err := db.Exec(`INSERT INTO kv (k, v) VALUES (?1, ?2)`, 1000, "after"); err != nil {
		t.Fatalf("statement unusable after a failed run: %v", err)
	}
	if got := cached(t, db) - base; got != 2 {
		t.Fatalf("%d statements cached for 2 queries", got)
	}
}

// TestStmtCacheNestedSameQuery: running a query while rows of the same query
// are still open must not reset the statement under those rows.
func TestStmtCacheNestedSameQuery(t *testing.T) {
	db := openDB(t)
	for i := range 5 {
		if _, err := db.Exec(`INSERT INTO kv (k, v) VALUES (?1, ?2)`, i, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	const q = `SELECT k, v FROM kv WHERE k >= ?1 ORDER BY k`
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.Query(q, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for rows.Next() {
		var k int
		var v string
		if err := rows.Scan(&k, &v); err != nil || k != seen {
			t.Fatalf("outer row %d: k=%d %v", seen, k, err)
		}
		inner, err := tx.Query(q, k)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for inner.Next() {
			n++
		}
		inner.Close()
		if n != 5-k {
			t.Fatalf("inner query from %d saw %d rows", k, n)
		}
		seen++
	}
	if err := rows.Err(); err != nil || seen != 5 {
		t.Fatalf("outer query saw %d rows: %v", seen, err)
	}
}

// TestStmtCacheBounded: past maxCachedStmts distinct queries still run, and
// the cache stops growing.
func TestStmtCacheBounded(t *testing.T) {
	db := openDB(t)
	for i := range maxCachedStmts + 20 {
		var n int
		if err := db.QueryRow(fmt.Sprintf(`SELECT %d + count(*) FROM kv`, i)).Scan(&n); err != nil || n != i {
			t.Fatalf("query %d = %d, %v", i, n, err)
		}
	}
	if got := cached(t, db); got != maxCachedStmts {
		t.Fatalf("%d statements cached, want the bound %d", got, maxCachedStmts)
	}
}

// TestDetachedReadStillSeesDoneContext: single-row reads run detached from
// cancellation, but a context that is already done still fails them.
func TestDetachedReadStillSeesDoneContext(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "d.db"), WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.GetGrant(ctx, "any"); !errors.Is(err, context.Canceled) {
		t.Fatalf("read with a cancelled context = %v", err)
	}
	if _, err := s.GetGrant(t.Context(), "any"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("read = %v, want not found", err)
	}
}
