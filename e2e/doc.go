// Package e2e holds the end-to-end tests. They build the idconnect binary, run
// `idconnect serve --dev` as a newcomer would, and drive Debian's Chromium through
// the demo relying party, the login page and the consent page, with a test wallet
// injected into the page whose key the Go test holds. The package has no code
// outside its tests, and nothing may import it.
package e2e
