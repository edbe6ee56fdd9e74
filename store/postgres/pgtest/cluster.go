package pgtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Cluster is a throwaway PostgreSQL cluster of one test, which the test
// may stop and start again (on the same port and data) to see what its
// code does while the database is down. It is never the shared server
// that EnvDSN names.
type Cluster struct {
	DSN    string // postgres://…@127.0.0.1:port/postgres?sslmode=disable
	dir    string
	script string
}

// NewCluster starts a cluster with scripts/postgres.sh in a new directory
// (installing PostgreSQL when missing) and removes it when tb ends.
func NewCluster(tb testing.TB) *Cluster {
	tb.Helper()
	script, err := moduleFile("scripts/postgres.sh")
	if err != nil {
		tb.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "idconnect-pgcluster-")
	if err != nil {
		tb.Fatal(err)
	}
	// postgres.sh creates DIR itself and refuses one that is not its own.
	if err := os.Remove(dir); err != nil {
		tb.Fatal(err)
	}
	c := &Cluster{dir: dir, script: script}
	tb.Cleanup(func() { _ = exec.Command("bash", script, "stop", dir).Run() })
	cmd := exec.Command("bash", script, "start", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("pgtest: start a cluster: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	c.DSN = lines[len(lines)-1]
	return c
}

// Stop shuts the server down with `pg_ctl stop -m fast`: sessions are
// disconnected and new connections are refused until Start.
func (c *Cluster) Stop() error { return c.pgCtl("-m", "fast", "-w", "-t", "30", "stop") }

// Start starts the stopped server again, on the same port and data. It
// tries three times, and a failure carries the tail of the server's log.
func (c *Cluster) Start() error {
	logPath := filepath.Join(c.dir, "data", "server.log")
	var err error
	for try := 0; try < 3; try++ {
		if err = c.pgCtl("-l", logPath, "-w", "-t", "60", "start"); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	log, _ := os.ReadFile(logPath)
	lines := strings.Split(strings.TrimRight(string(log), "\n"), "\n")
	return fmt.Errorf("%w\n--- tail of the server log ---\n%s", err, strings.Join(lines[max(0, len(lines)-15):], "\n"))
}

// pgCtl runs pg_ctl on the cluster as its owner (postgres when root, as
// scripts/postgres.sh made it).
func (c *Cluster) pgCtl(args ...string) error {
	bin, err := pgCtlPath()
	if err != nil {
		return err
	}
	argv := append([]string{bin, "-D", filepath.Join(c.dir, "data")}, args...)
	if os.Geteuid() == 0 {
		argv = append([]string{"runuser", "-u", "postgres", "--"}, argv...)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = "/" // the owner may not be able to read the test's directory
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: pg_ctl %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// pgCtlPath finds pg_ctl as scripts/postgres.sh does: on PATH, else the
// newest Debian versioned directory.
func pgCtlPath() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return p, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(dirs) == 0 {
		return "", fmt.Errorf("pgtest: pg_ctl not found")
	}
	// Glob sorts lexically; pick the highest version numerically.
	best, bestV := "", -1
	for _, d := range dirs {
		var v int
		if _, err := fmt.Sscanf(strings.TrimPrefix(d, "/usr/lib/postgresql/"), "%d", &v); err == nil && v > bestV {
			best, bestV = d, v
		}
	}
	return best, nil
}
