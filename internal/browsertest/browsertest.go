// Package browsertest finds the Debian Chromium that the browser tests drive. It is
// for tests only.
package browsertest

import (
	"os"
	"testing"
)

// ChromiumPath finds Debian's Chromium (or $CHROMIUM). Without it the browser tests
// are skipped on a workstation but fail in CI (CI=true), where a skip would hide
// that the pages went untested; `make test` installs it (scripts/deps.sh).
func ChromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	const p = "/usr/bin/chromium"
	if _, err := os.Stat(p); err == nil {
		return p
	}
	const hint = "no Chromium at " + p + ": apt-get install chromium (make test does), or set CHROMIUM"
	if os.Getenv("CI") == "true" {
		t.Fatal(hint)
	}
	t.Skip(hint)
	return ""
}
