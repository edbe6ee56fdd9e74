// Package faults holds the fault suite: it builds the idconnect binary, runs
// it against a real `geth --dev` chain and a real SQLite file or PostgreSQL
// server, and breaks things under load: the server is killed with SIGKILL
// and restarted on the same data, PostgreSQL is stopped and started again,
// the chain's JSON-RPC endpoint is cut and restored through a proxy, and
// clients trickle their requests. Each test checks what the server promised
// before the fault against what the data holds after it. The package has no
// code outside its tests, and nothing may import it.
package faults
