package browsertest

import (
	"os"
	"os/exec"
	"testing"
)

// debianChromium is where Debian's chromium package puts the browser.
const debianChromium = "/usr/bin/chromium"

// ChromiumPath finds Debian's Chromium (or $CHROMIUM). When it is missing it
// installs it, as scripts/deps.sh does for make test, so that the browser tests
// never skip: without root that cannot be done, and the test fails saying how
// to install it.
func ChromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat(debianChromium); err == nil {
		return debianChromium
	}
	if os.Geteuid() != 0 {
		t.Fatal("no Chromium at " + debianChromium + ": apt-get install chromium (make test does), or set CHROMIUM")
	}
	// Several test packages may get here at once: apt waits for its lock.
	for _, args := range [][]string{
		{"-o", "DPkg::Lock::Timeout=300", "update", "-qq"},
		{"-o", "DPkg::Lock::Timeout=300", "install", "-y", "-qq", "chromium"},
	} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("install Chromium: apt-get %v: %v\n%s", args, err, out)
		}
	}
	if _, err := os.Stat(debianChromium); err != nil {
		t.Fatalf("apt-get installed chromium, but %s is missing: %v", debianChromium, err)
	}
	return debianChromium
}
