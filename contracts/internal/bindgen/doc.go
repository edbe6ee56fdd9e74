// Package bindgen turns the compiled contract artifacts in contracts/build into the
// abigen v2 Go bindings committed under contracts/bindings. The freshness test and
// `make generate` share it, so both produce byte-identical output.
package bindgen
