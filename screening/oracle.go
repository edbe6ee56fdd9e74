package screening

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts/bindings/sanctionsoracle"
	"github.com/idconnect/idconnect/identity"
)

// Errors of a sanctions oracle that is not what the configuration says. A node
// that does not answer is reported with identity.ErrChainUnavailable instead, so
// that health reports describe it as they describe every other chain failure.
var (
	// ErrNoOracleCode: nothing is deployed at the oracle's address, as when the
	// address was copied from another chain.
	ErrNoOracleCode = errors.New("no contract code at this address")
	// ErrNotOracle: the contract there refuses isSanctioned(address) or answers
	// something that is not a bool.
	ErrNotOracle = errors.New("not a sanctions oracle")
)

// Oracle reads a Chainalysis-style sanctions oracle: isSanctioned(address).
// It is safe for concurrent use.
type Oracle struct {
	chain  bind.ContractCaller
	addr   common.Address
	oracle *sanctionsoracle.SanctionsOracle
	// checked is set once the address has been seen to hold a contract that
	// answers isSanctioned. An address with no code answers every call with
	// nothing, and a bool decoder must never get the chance to read that as
	// "not sanctioned".
	checked atomic.Bool
}

// NewOracle returns a reader of the oracle at addr. It does not touch the chain:
// the first Sanctioned (or Check) verifies that the address holds an oracle.
func NewOracle(chain bind.ContractCaller, addr common.Address) *Oracle {
	return &Oracle{chain: chain, addr: addr, oracle: sanctionsoracle.NewSanctionsOracle()}
}

// Address is the oracle's contract address.
func (o *Oracle) Address() common.Address { return o.addr }

// Check verifies that the address holds a contract and that it answers
// isSanctioned, so a server can refuse to start with a wrong address rather than
// find out at the first screening. Sanctioned calls it until it has passed once.
func (o *Oracle) Check(ctx context.Context) error {
	if o.checked.Load() {
		return nil
	}
	code, err := o.chain.CodeAt(ctx, o.addr, nil)
	if err != nil {
		return o.fail("read code", oracleUnavailable(err))
	}
	if len(code) == 0 {
		return o.fail("", ErrNoOracleCode)
	}
	// The zero address stands for any address: what matters is that the call is
	// answered with a bool, not what the bool is.
	if _, err := o.isSanctioned(ctx, common.Address{}); err != nil {
		return err
	}
	o.checked.Store(true)
	return nil
}

// Sanctioned returns the addresses the oracle says are sanctioned, in order. An RPC
// failure is an error (screening must fail closed: an unanswered check is not a
// clean result), and so is any address the oracle does not answer for: there is no
// partial result.
func (o *Oracle) Sanctioned(ctx context.Context, addrs []common.Address) ([]common.Address, error) {
	if len(addrs) == 0 {
		return nil, nil
	}
	if err := o.Check(ctx); err != nil {
		return nil, err
	}
	var hits []common.Address
	for _, a := range addrs {
		yes, err := o.isSanctioned(ctx, a)
		if err != nil {
			return nil, err
		}
		if yes {
			hits = append(hits, a)
		}
	}
	return hits, nil
}

// isSanctioned asks the oracle about one address at the latest block.
func (o *Oracle) isSanctioned(ctx context.Context, a common.Address) (bool, error) {
	op := "isSanctioned(" + a.Hex() + ")"
	out, err := o.chain.CallContract(ctx, ethereum.CallMsg{To: &o.addr, Data: o.oracle.PackIsSanctioned(a)}, nil)
	switch {
	case err != nil && identity.Reverted(err):
		return false, o.fail(op, fmt.Errorf("%w: %v", ErrNotOracle, err))
	case err != nil:
		return false, o.fail(op, oracleUnavailable(err))
	case len(out) == 0:
		// No answer at all: the code is gone, or a fallback swallowed the call.
		return false, o.fail(op, fmt.Errorf("%w: empty answer", ErrNotOracle))
	}
	yes, err := o.oracle.UnpackIsSanctioned(out)
	if err != nil {
		return false, o.fail(op, fmt.Errorf("%w: %v", ErrNotOracle, err))
	}
	return yes, nil
}

// fail names the oracle, and the call when there is one, in err.
func (o *Oracle) fail(op string, err error) error {
	if op == "" {
		return fmt.Errorf("sanctions oracle %s: %w", o.addr.Hex(), err)
	}
	return fmt.Errorf("sanctions oracle %s: %s: %w", o.addr.Hex(), op, err)
}

// oracleUnavailable marks a failure to get an answer from the node, keeping the cause
// reachable with errors.As for identity.DescribeChainError.
func oracleUnavailable(err error) error {
	return fmt.Errorf("%w: %w", identity.ErrChainUnavailable, err)
}
