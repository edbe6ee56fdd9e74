// Command bindgen writes the Go bindings under contracts/bindings from the
// artifacts in contracts/build.
// Usage: go run ./contracts/internal/bindgen/cmd/bindgen <buildDir> <bindingsDir>
package main
