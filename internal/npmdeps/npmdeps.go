package npmdeps

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// NodeModules installs the pinned packages when missing and returns the
// node_modules folder that holds them.
func NodeModules() (string, error) {
	script := filepath.Join(RepoRoot(), "scripts", "npm-deps.sh")
	var stderr bytes.Buffer
	cmd := exec.Command("bash", script)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npmdeps: %s: %w: %s", script, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// RepoRoot is the repository's root folder, found from this source file.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
