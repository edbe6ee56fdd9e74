package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/idconnect/idconnect/contracts/internal/bindgen"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bindgen <buildDir> <bindingsDir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(buildDir, outDir string) error {
	for _, name := range bindgen.Contracts {
		src, err := bindgen.Source(buildDir, name)
		if err != nil {
			return err
		}
		path := filepath.Join(outDir, bindgen.File(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	return nil
}
