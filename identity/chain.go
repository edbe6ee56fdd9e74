package identity

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

// Chain is what identity reads need from a chain connection. An *ethclient.Client
// (HTTP or websocket) and the simulated backend's client both satisfy it.
type Chain interface {
	ethereum.ContractCaller
	CodeAt(ctx context.Context, account common.Address, blockNumber *big.Int) ([]byte, error)
	ethereum.BlockNumberReader
	ethereum.LogFilterer
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
	ChainID(ctx context.Context) (*big.Int, error)
}

// errReverted marks a call the contract refused (revert, invalid opcode); it is
// turned into ErrNotIdentity or ErrBadChainData by the caller, which knows what it asked.
var errReverted = errors.New("call reverted")

// call runs a read-only call at the latest block and unpacks the result. A revert
// and an empty answer become errReverted; answers that do not decode become
// ErrBadChainData; every other failure becomes ErrChainUnavailable, so a throttled
// or failing provider fails the read closed instead of passing for a verdict.
func call[T any](ctx context.Context, c Chain, to common.Address, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		if isRevert(err) {
			return zero, fmt.Errorf("%w: %v", errReverted, err)
		}
		return zero, unavailable(err)
	}
	if len(out) == 0 {
		return zero, errReverted
	}
	v, err := unpack(out)
	if err != nil {
		return zero, fmt.Errorf("%w: %v", ErrBadChainData, err)
	}
	return v, nil
}

// isRevert tells a refusal by the contract from anything else. Only a JSON-RPC
// error object that says the EVM stopped the call counts: code 3 (revert with
// data), or an "execution reverted" or "invalid opcode" message. A node that is
// rate-limited (-32005), lagging ("header not found"), overloaded (HTTP 5xx) or
// slow (a timeout) also answers with an error, but says nothing about the
// contract, and reading that as a revert would turn "cannot tell" into "not
// revoked" or "not a key".
func isRevert(err error) bool {
	var rerr rpc.Error
	if !errors.As(err, &rerr) {
		return false
	}
	if rerr.ErrorCode() == 3 {
		return true
	}
	msg := strings.ToLower(rerr.Error())
	return strings.Contains(msg, "execution reverted") || strings.Contains(msg, "invalid opcode")
}

// unavailable wraps a failure to get an answer from the node. Both errors stay
// reachable with errors.As, so DescribeChainError can name the cause.
func unavailable(err error) error {
	return fmt.Errorf("%w: %w", ErrChainUnavailable, err)
}

// hasCode reports whether a contract is deployed at addr.
func hasCode(ctx context.Context, c Chain, addr common.Address) (bool, error) {
	code, err := c.CodeAt(ctx, addr, nil)
	if err != nil {
		return false, unavailable(err)
	}
	return len(code) > 0, nil
}

// Reverted reports whether err is the chain refusing a call or a
// transaction (the contract reverted), as opposed to failing to answer.
func Reverted(err error) bool { return isRevert(err) }
