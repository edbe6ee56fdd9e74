package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// shared is what the tests of this binary share: the binary, built once, and the
// server and the browser, each started by the first test that needs it. TestMain
// sets it before any test runs and tears it down after the last one; a package
// variable is the only way TestMain can hand anything to the tests.
var shared *suite

func TestMain(m *testing.M) { os.Exit(runMain(m)) }

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "idconnect-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin, err := buildBinary(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	shared = &suite{dir: dir, bin: bin}
	defer shared.close()
	return m.Run()
}

// buildBinary builds ./cmd/idconnect the way a newcomer does, into dir.
func buildBinary(dir string) (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is not on PATH: %w", err)
	}
	bin := filepath.Join(dir, "idconnect")
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/idconnect")
	cmd.Dir = ".." // the module root: the tests run in e2e/
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/idconnect: %w\n%s", err, out)
	}
	return bin, nil
}

// suite holds the shared server and browser. A start that failed stays failed, so
// every later test reports the same cause instead of trying again.
type suite struct {
	dir, bin string

	serverOnce sync.Once
	srv        *server
	serverErr  error

	browserOnce sync.Once
	browser     context.Context
	stopBrowser func()
	browserErr  error
}

// server returns the running `idconnect serve --dev`, starting it on first use.
func (s *suite) server(t *testing.T) *server {
	t.Helper()
	s.serverOnce.Do(func() { s.srv, s.serverErr = startServer(s.bin, filepath.Join(s.dir, "server")) })
	if s.serverErr != nil {
		t.Fatal(s.serverErr)
	}
	select {
	case <-s.srv.exited:
		t.Fatalf("the server has exited:\n%s", s.srv.logTail(40))
	default:
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server output (last lines):\n%s", s.srv.logTail(40))
		}
	})
	return s.srv
}

// chromium returns the shared browser, starting it on first use.
func (s *suite) chromium(t *testing.T, path string) context.Context {
	t.Helper()
	s.browserOnce.Do(func() {
		s.browser, s.stopBrowser, s.browserErr = startBrowser(path, filepath.Join(s.dir, "chromium"))
	})
	if s.browserErr != nil {
		t.Fatal(s.browserErr)
	}
	return s.browser
}

func (s *suite) close() {
	if s.stopBrowser != nil {
		s.stopBrowser()
	}
	if s.srv != nil {
		if err := s.srv.stop(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			fmt.Fprintln(os.Stderr, "e2e: stopping the server:", err)
		}
	}
}
