package templates_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// templVersion is the templ version go.mod pins, so the generator always matches
// the runtime the generated code calls.
func templVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/a-h/templ").Output()
	v := strings.TrimSpace(string(out))
	if err != nil || !strings.HasPrefix(v, "v") {
		t.Fatalf("go list templ version: %q %v", v, err)
	}
	return v
}

// TestGeneratedFilesAreFresh runs templ generate on a copy of the .templ files and
// fails if any committed _templ.go file differs, is missing or has no source.
func TestGeneratedFilesAreFresh(t *testing.T) {
	dir := t.TempDir()
	sources, err := filepath.Glob("*.templ")
	if err != nil || len(sources) == 0 {
		t.Fatalf("no .templ files: %v", err)
	}
	for _, src := range sources {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, src), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "github.com/a-h/templ/cmd/templ@"+templVersion(t), "generate", "-path", dir)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("templ generate: %v\n%s", err, out)
	}

	committed, _ := filepath.Glob("*_templ.go")
	if len(committed) != len(sources) {
		t.Errorf("%d _templ.go files for %d .templ files: run `go run github.com/a-h/templ/cmd/templ@%s generate -path templates`", len(committed), len(sources), templVersion(t))
	}
	for _, src := range sources {
		gen := strings.TrimSuffix(src, ".templ") + "_templ.go"
		want, err := os.ReadFile(filepath.Join(dir, gen))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(gen)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run `go run github.com/a-h/templ/cmd/templ@%s generate -path templates`", gen, templVersion(t))
		}
	}
}
