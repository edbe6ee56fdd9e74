// Command idconnect is the "Connect with ONCHAINID" authorization server and its
// operator tools: serve, migrate, contracts deploy and identity inspect.
package main
