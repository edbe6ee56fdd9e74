// Package tcpproxy is a loopback TCP proxy that a test can cut and restore,
// to make a dependency (a chain's JSON-RPC endpoint, a database) unreachable
// while the process under test keeps running. Cut refuses new connections
// and drops live ones, as a dead host or a broken network would; Restore
// accepts again on the same address.
//
// It is test support only: production code must not import it, and it
// listens on 127.0.0.1 only.
package tcpproxy
