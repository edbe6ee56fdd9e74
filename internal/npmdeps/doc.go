// Package npmdeps finds the pinned npm packages (solc and the official ONCHAINID
// artifacts) that scripts/npm-deps.sh installs into a cache outside the repository.
// Tests and code generation use it; nothing it returns is ever committed.
package npmdeps
