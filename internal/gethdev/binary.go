package gethdev

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

const (
	// Version is the geth release the node runs. v1.17's cmd/geth does not build with
	// our toolchain, and the JSON-RPC surface we test against is the same.
	Version = "1.14.13"

	gethPackage    = "github.com/ethereum/go-ethereum/cmd/geth@v" + Version
	installTimeout = 15 * time.Minute
)

// Binary returns the path of a geth v1.14.13 binary in BinDir, installing it there with
// `go install` when it is missing or has another version.
func Binary() (string, error) {
	dir, err := BinDir()
	if err != nil {
		return "", err
	}
	return BinaryIn(dir)
}

// BinDir is $IDCONNECT_CACHE/bin, or ${XDG_CACHE_HOME:-$HOME/.cache}/idconnect/bin.
func BinDir() (string, error) {
	if root := os.Getenv("IDCONNECT_CACHE"); root != "" {
		return filepath.Join(root, "bin"), nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("gethdev: locate cache dir: %w", err)
	}
	return filepath.Join(cache, "idconnect", "bin"), nil
}

// BinaryIn is Binary with an explicit directory. Parallel test processes share the
// directory, so installs are serialized by a lock file and the binary appears atomically.
func BinaryIn(dir string) (string, error) {
	path := filepath.Join(dir, "geth")
	if checkVersion(path) == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("gethdev: create %s: %w", dir, err)
	}
	unlock, err := lockFile(filepath.Join(dir, "geth.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	// Another process may have installed it while we waited for the lock.
	if checkVersion(path) == nil {
		return path, nil
	}
	if err := install(dir, path); err != nil {
		return "", err
	}
	if err := checkVersion(path); err != nil {
		return "", fmt.Errorf("gethdev: installed binary: %w", err)
	}
	return path, nil
}

// checkVersion runs `geth version` and requires Version in its output.
func checkVersion(path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "version").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s version: %w", path, err)
	}
	if !strings.Contains(string(out), "Version: "+Version) {
		return fmt.Errorf("%s is not geth %s: %q", path, Version, firstLines(out, 3))
	}
	return nil
}

// install builds geth into a private GOBIN under dir and renames it into place, so a
// process that checks the binary without the lock never runs a half-written file.
func install(dir, path string) error {
	tmp, err := os.MkdirTemp(dir, "install-")
	if err != nil {
		return fmt.Errorf("gethdev: %w", err)
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(context.Background(), installTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "install", gethPackage)
	// Run outside any module or workspace so only geth's own go.mod decides versions.
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "GOWORK=off", "GOFLAGS=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("gethdev: go install %s: %w\n%s", gethPackage, err, out.String())
	}
	if err := os.Rename(filepath.Join(tmp, "geth"), path); err != nil {
		return fmt.Errorf("gethdev: %w", err)
	}
	return nil
}

// lockFile takes an exclusive flock on path, waiting for other holders.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("gethdev: open lock: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gethdev: lock %s: %w", path, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(strings.TrimSpace(string(b)), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
