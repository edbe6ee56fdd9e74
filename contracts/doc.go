// Package contracts holds idconnect's own Solidity implementations of the ONCHAINID
// 2.2 and ERC-3643 4.1 interfaces, and a stand-in for Chainalysis' sanctions oracle
// (src/), their compiled ABI and bytecode (build/), the abigen v2 bindings
// (bindings/), and helpers that deploy the suite on any backend. It knows nothing of
// idconnect's storage or HTTP layers; reading identities is the identity package's job.
package contracts

//go:generate sh -c "node solc/compile.js $(../scripts/npm-deps.sh) src build"
//go:generate go run ./internal/bindgen/cmd/bindgen build bindings
