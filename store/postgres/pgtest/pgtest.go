package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvDSN names the environment variable holding the server's DSN.
const EnvDSN = "IDCONNECT_TEST_POSTGRES_DSN"

const hint = EnvDSN + " is not set: run `scripts/postgres.sh start DIR` and export the DSN it prints"

// ServerDSN returns the test server's DSN. Without one the test is skipped
// on a workstation, but fails in CI (CI=true), where skipping would hide
// the PostgreSQL backend from the build.
func ServerDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(EnvDSN)
	switch {
	case dsn != "":
		return dsn
	case os.Getenv("CI") == "true":
		tb.Fatal(hint)
	default:
		tb.Skip(hint)
	}
	return ""
}

// SchemaDSN creates a uniquely named schema, drops it when tb ends, and
// returns a DSN whose connections use it as their search_path.
func SchemaDSN(tb testing.TB) string {
	tb.Helper()
	server := ServerDSN(tb)
	var b [8]byte
	_, _ = rand.Read(b[:])
	schema := "idc_test_" + hex.EncodeToString(b[:])
	exec(tb, server, "CREATE SCHEMA "+schema)
	tb.Cleanup(func() { exec(tb, server, "DROP SCHEMA "+schema+" CASCADE") })
	return withSearchPath(tb, server, schema)
}

func exec(tb testing.TB, dsn, sql string) {
	tb.Helper()
	// Cleanups run after the test context is cancelled, so use our own.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("pgtest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		tb.Fatalf("pgtest: %s: %v", sql, err)
	}
}

// withSearchPath adds search_path to a URL or keyword/value DSN.
func withSearchPath(tb testing.TB, dsn, schema string) string {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("pgtest: %s is not a valid URL", EnvDSN)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
