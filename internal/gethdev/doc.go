// Package gethdev owns running a real `geth --dev` node (go-ethereum v1.14.13) for tests
// and benchmarks: it installs the binary into the idconnect cache when missing, starts the
// node on free loopback ports with HTTP and websocket JSON-RPC, funds accounts from the
// developer account, and stops the node.
//
// It must not be used by production code, must not listen on anything but 127.0.0.1, and
// must not leave a geth process behind: the node dies with the process that started it.
package gethdev
