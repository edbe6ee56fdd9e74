package identity

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
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
