// Package challenge owns the wallet-signature layer: it builds EIP-4361 (Sign-In
// with Ethereum) messages with single-use nonces, verifies signed ones (EOA recovery,
// then ERC-1271 for contract wallets), and encodes and decodes the EIP-5573 ReCaps
// that consent messages carry.
//
// It decides only whether a signature over an issued message is good. It must not
// look up identities, key purposes or scopes: callers (consent, web) do that with
// the Verified result. The expected domain, URI and request id always come from the
// caller, never from the message under test.
package challenge
