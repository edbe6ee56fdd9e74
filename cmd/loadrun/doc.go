// Command loadrun drives a running `idconnect serve --dev` for
// scripts/loadrun.sh: it completes a persistent grant over HTTP the way a
// wallet owner and a public client would (the wallet key signs the SIWE
// login and consent messages), prints the access token, and offers a Go
// load generator for when wrk is not installed, and a count of the usage
// log after the server has stopped. It talks to loopback addresses only.
package main
