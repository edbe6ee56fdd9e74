// Package storetest is the conformance suite every store.Store backend
// runs: Run for behaviour, and the Bench functions for the hot paths.
//
// It tests only through the store interfaces, so a behaviour that holds
// here holds on every backend. It must not import a backend.
package storetest
