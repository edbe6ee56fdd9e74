// Package simchain runs go-ethereum's in-process simulated chain (chain id 1337) with
// instant mining: every accepted transaction is sealed into a block at once, as a
// `geth --dev` node does, so callers can wait for receipts the ordinary way.
package simchain
