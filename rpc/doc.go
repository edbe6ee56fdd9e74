// Package rpc is the identity JSON-RPC 2.0 API at POST /rpc: the id_*
// methods over identities and keys, claims, and claim applications. It is
// a transport, like web: go-ethereum's rpc package does the JSON-RPC 2.0
// codec and batching, this package authenticates the caller, decodes each
// method's named params (naming the field at fault), and calls one flow
// (issuer, consent, identity) per method. It holds no rule of its own
// beyond who may call what: the owner of an identity, a reviewer of this
// server's issuer, or a service under a grant.
package rpc
