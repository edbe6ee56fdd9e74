// Package onchainid deploys the official @onchain-id/solidity 2.2.1 release artifacts,
// installed from the npm registry into a cache by scripts/npm-deps.sh, so that the
// identity suite runs against the contracts real deployments use. It is for tests;
// the artifacts are never committed.
package onchainid
