package contracts_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/idconnect/idconnect/contracts/internal/bindgen"
	"github.com/idconnect/idconnect/internal/npmdeps"
)

// TestArtifactsAreFresh recompiles the Solidity sources with the pinned solc and
// regenerates the bindings, and fails on any difference from what is committed.
func TestArtifactsAreFresh(t *testing.T) {
	modules, err := npmdeps.NodeModules()
	if err != nil {
		t.Fatal(err)
	}
	build := t.TempDir()
	cmd := exec.Command("node", filepath.Join("solc", "compile.js"), modules, "src", build)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("compile: %v\n%s", err, out)
	}
	for _, name := range bindgen.Contracts {
		for _, ext := range []string{".abi", ".bin"} {
			assertSameFile(t, filepath.Join("build", name+ext), filepath.Join(build, name+ext))
		}
		want, err := bindgen.Source(build, name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("bindings", bindgen.File(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("bindings/%s is stale: run `make generate`", bindgen.File(name))
		}
	}
}

func assertSameFile(t *testing.T, committed, fresh string) {
	t.Helper()
	a, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s is stale: run `make generate`", committed)
	}
}
