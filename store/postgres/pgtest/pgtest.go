package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvDSN names the environment variable holding the server's DSN.
const EnvDSN = "IDCONNECT_TEST_POSTGRES_DSN"

// Main runs a package's tests against a PostgreSQL server: the one EnvDSN
// names (make test starts one for every package), or else a throwaway
// cluster that the first SchemaDSN starts with scripts/postgres.sh, which
// installs PostgreSQL when it is missing; Main stops it when the tests are
// done. A package whose tests call SchemaDSN runs them through it:
// func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }.
func Main(m *testing.M) int {
	managed = true
	code := m.Run()
	if stopCluster != nil {
		stopCluster()
	}
	return code
}

var (
	// managed is set by Main: only then may a cluster be started, since
	// only Main can stop it.
	managed     bool
	startOnce   sync.Once
	startErr    error
	stopCluster func()
)

// startCluster starts a cluster in a new temporary directory and exports
// its DSN as EnvDSN.
func startCluster() (stop func(), err error) {
	script, err := moduleFile("scripts/postgres.sh")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "idconnect-pgtest-")
	if err != nil {
		return nil, err
	}
	// postgres.sh creates DIR itself and refuses one that is not its own.
	if err := os.Remove(dir); err != nil {
		return nil, err
	}
	cmd := exec.Command("bash", script, "start", dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("start a PostgreSQL cluster: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err := os.Setenv(EnvDSN, lines[len(lines)-1]); err != nil {
		return nil, err
	}
	return func() { _ = exec.Command("bash", script, "stop", dir).Run() }, nil
}

// moduleFile finds a file of this module from the test's directory up.
func moduleFile(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, rel), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// ServerDSN returns the test server's DSN, starting a cluster for the
// package when none is named (see Main).
func ServerDSN(tb testing.TB) string {
	tb.Helper()
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		return dsn
	}
	if !managed {
		tb.Fatal(EnvDSN + " is not set and the package's TestMain does not call pgtest.Main, which would start a cluster")
	}
	startOnce.Do(func() { stopCluster, startErr = startCluster() })
	if startErr != nil {
		tb.Fatalf("pgtest: %v", startErr)
	}
	return os.Getenv(EnvDSN)
}

// SchemaDSN creates a uniquely named schema, drops it when tb ends, and
// returns a DSN whose connections use it as their search_path.
func SchemaDSN(tb testing.TB) string {
	tb.Helper()
	server := ServerDSN(tb)
	var b [8]byte
	_, _ = rand.Read(b[:])
	schema := "idc_test_" + hex.EncodeToString(b[:])
	run(tb, server, "CREATE SCHEMA "+schema)
	tb.Cleanup(func() { run(tb, server, "DROP SCHEMA "+schema+" CASCADE") })
	return withSearchPath(tb, server, schema)
}

func run(tb testing.TB, dsn, sql string) {
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
