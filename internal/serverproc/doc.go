// Package serverproc builds the idconnect binary and runs it as a child
// process, as an operator would: `idconnect serve` with flags, the other
// subcommands, a graceful stop (SIGINT) or a crash (SIGKILL), and a restart
// on the same address and data.
//
// It is test support only: production code must not import it. The child
// dies with the process that started it, and it is configured by flags
// alone (IDCONNECT_* variables of the caller's environment are dropped).
package serverproc
