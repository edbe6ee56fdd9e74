// Package identity reads ONCHAINID identities from the chain through their standard
// interfaces only (ERC-734 keys, ERC-735 claims, ClaimIssuer, IdFactory and the
// ERC-3643 registries): it resolves wallets to identities, checks key purposes,
// lists keys, judges claims and caches what it read, dropping entries on chain events.
//
// It never writes to the chain and never stores anything; when the chain cannot be
// reached it fails closed with ErrChainUnavailable rather than serve stale data.
package identity
