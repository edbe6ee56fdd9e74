package identity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"
)

// Sentinel errors. Every error this package returns wraps one of them (test with
// errors.Is) inside an *Error that names the operation and the address.
var (
	ErrInvalidAddress   = errors.New("malformed address: want 0x followed by 40 hex digits")
	ErrNoIdentity       = errors.New("no identity found")
	ErrNotIdentity      = errors.New("contract is not an ONCHAINID identity")
	ErrMissingPurpose   = errors.New("wallet does not hold the required key purpose")
	ErrChainUnavailable = errors.New("chain unavailable")
	ErrBadChainData     = errors.New("undecodable chain data")

	ErrInvalidTrustedIssuer = errors.New("malformed trusted issuer: want TOPIC=ADDRESS")
)

// Error is the error type of this package.
type Error struct {
	Op   string         // what was being done, e.g. "resolve", "keyHasPurpose"
	Addr common.Address // the wallet or contract concerned, when there is one
	Err  error          // wraps a sentinel above
}

func (e *Error) Error() string {
	if e.Addr == (common.Address{}) {
		return fmt.Sprintf("identity: %s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("identity: %s %s: %v", e.Op, e.Addr.Hex(), e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

func fail(op string, addr common.Address, err error) error {
	var ie *Error
	if errors.As(err, &ie) {
		return err
	}
	return &Error{Op: op, Addr: addr, Err: err}
}

// DescribeChainError says in a few words why the chain did not answer, for health
// reports: a timeout, the node's HTTP status, its JSON-RPC error code and message,
// or the kind of network failure. It never repeats the endpoint's URL, where
// providers put API keys, nor network addresses.
func DescribeChainError(err error) string {
	if err == nil {
		return ""
	}
	var (
		herr rpc.HTTPError
		rerr rpc.Error
		nerr net.Error
		dns  *net.DNSError
		op   *net.OpError
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &nerr) && nerr.Timeout()):
		return "timeout waiting for the node"
	case errors.As(err, &herr):
		return fmt.Sprintf("node answered HTTP %d", herr.StatusCode)
	case errors.As(err, &rerr):
		return clip(fmt.Sprintf("node answered JSON-RPC error %d: %s", rerr.ErrorCode(), rerr.Error()))
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dns):
		return "DNS lookup failed"
	case errors.As(err, &op):
		return "network error (" + op.Op + ")"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by the node"
	}
	msg := err.Error()
	if strings.Contains(msg, "://") {
		return "node unreachable"
	}
	return clip(msg)
}
