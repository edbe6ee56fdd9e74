package contracts

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
)

// ErrTxFailed reports a transaction that was mined but reverted.
var ErrTxFailed = errors.New("contracts: transaction reverted")

// Backend is what deploying and transacting need from a chain connection:
// an ethclient.Client or a simulated backend's client both satisfy it.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
}

// Sender sends transactions from one key and waits for each to be mined, so a
// caller that gets no error knows the change is on the chain.
type Sender struct {
	Backend Backend
	Opts    *bind.TransactOpts
}

// Transact sends calldata to a contract and waits for a successful receipt.
func (s *Sender) Transact(ctx context.Context, to common.Address, calldata []byte) (*types.Receipt, error) {
	bound := bind.NewBoundContract(to, abi.ABI{}, s.Backend, s.Backend, s.Backend)
	tx, err := bound.RawTransact(s.opts(ctx), calldata)
	if err != nil {
		return nil, fmt.Errorf("contracts: send to %s: %w", to, err)
	}
	return s.wait(ctx, tx)
}

// TransactGas is Transact with a gas limit of its own: for a call whose
// inner call may fail without reverting it (ONCHAINID's execute), where
// gas estimation finds the least gas that does not revert, which may be
// too little for the inner call to succeed.
func (s *Sender) TransactGas(ctx context.Context, to common.Address, calldata []byte, gas uint64) (*types.Receipt, error) {
	opts := s.opts(ctx)
	opts.GasLimit = gas
	bound := bind.NewBoundContract(to, abi.ABI{}, s.Backend, s.Backend, s.Backend)
	tx, err := bound.RawTransact(opts, calldata)
	if err != nil {
		return nil, fmt.Errorf("contracts: send to %s: %w", to, err)
	}
	return s.wait(ctx, tx)
}

// SendWithNonce sends calldata to a contract with the given nonce and returns
// once the node accepted it, without waiting for it to be mined: a caller
// that allocates nonces itself can send several at once and Wait for each.
func (s *Sender) SendWithNonce(ctx context.Context, to common.Address, calldata []byte, nonce uint64) (*types.Transaction, error) {
	opts := s.opts(ctx)
	opts.Nonce = new(big.Int).SetUint64(nonce)
	bound := bind.NewBoundContract(to, abi.ABI{}, s.Backend, s.Backend, s.Backend)
	tx, err := bound.RawTransact(opts, calldata)
	if err != nil {
		return nil, fmt.Errorf("contracts: send to %s: %w", to, err)
	}
	return tx, nil
}

// Wait waits until tx is mined and the node's head includes it, and fails
// with ErrTxFailed when it reverted.
func (s *Sender) Wait(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
	return s.wait(ctx, tx)
}

// Deploy creates a contract from its creation bytecode and constructor input and
// waits until it is mined.
func (s *Sender) Deploy(ctx context.Context, meta *bind.MetaData, constructorInput []byte) (common.Address, error) {
	_, tx, err := bind.DeployContract(s.opts(ctx), common.FromHex(meta.Bin), s.Backend, constructorInput)
	if err != nil {
		return common.Address{}, fmt.Errorf("contracts: deploy %s: %w", meta.ID, err)
	}
	receipt, err := s.wait(ctx, tx)
	if err != nil {
		return common.Address{}, fmt.Errorf("contracts: deploy %s: %w", meta.ID, err)
	}
	return receipt.ContractAddress, nil
}

// Transfer sends wei to an address and waits until it is mined.
func (s *Sender) Transfer(ctx context.Context, to common.Address, wei *big.Int) error {
	opts := s.opts(ctx)
	opts.Value = wei
	opts.GasLimit = params.TxGas // a plain transfer; also skips estimation, which refuses addresses without code
	bound := bind.NewBoundContract(to, abi.ABI{}, s.Backend, s.Backend, s.Backend)
	tx, err := bound.RawTransact(opts, nil)
	if err != nil {
		return fmt.Errorf("contracts: transfer to %s: %w", to, err)
	}
	_, err = s.wait(ctx, tx)
	return err
}

// From is the address the sender signs with.
func (s *Sender) From() common.Address { return s.Opts.From }

func (s *Sender) opts(ctx context.Context) *bind.TransactOpts {
	opts := *s.Opts
	opts.Context = ctx
	return &opts
}

func (s *Sender) wait(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
	receipt, err := waitMined(ctx, s.Backend, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("contracts: wait for %s: %w", tx.Hash(), err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		return receipt, fmt.Errorf("%w: %s", ErrTxFailed, tx.Hash())
	}
	if err := s.waitHead(ctx, receipt.BlockNumber); err != nil {
		return nil, err
	}
	return receipt, nil
}

// waitHead waits until the node's head has reached block n. geth writes a block's
// receipts before it moves the head, so for a moment a receipt can be found while
// calls at "latest" still see the block before: a caller that reads right after a
// transaction must not see the old state.
func (s *Sender) waitHead(ctx context.Context, n *big.Int) error {
	for {
		head, err := s.Backend.HeaderByNumber(ctx, nil)
		if err != nil {
			return fmt.Errorf("contracts: read head: %w", err)
		}
		if head.Number.Cmp(n) >= 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// StaleNonce reports whether a send failed because its nonce was taken:
// another sender of the same key (another node, an operator tool) got
// there first, and a retry with the node's fresh count may succeed. The
// node's errors arrive as text over JSON-RPC, so they are matched by words.
func StaleNonce(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "nonce too low") || strings.Contains(msg, "already known") ||
		strings.Contains(msg, "replacement transaction underpriced")
}

// waitMined polls for a receipt. bind.WaitMined polls once a second, which makes a
// dev chain that mines instantly look slow; this starts at 10ms and backs off to 1s.
func waitMined(ctx context.Context, b bind.DeployBackend, hash common.Hash) (*types.Receipt, error) {
	delay := 10 * time.Millisecond
	for {
		receipt, err := b.TransactionReceipt(ctx, hash)
		if err == nil {
			return receipt, nil
		}
		if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "indexing is in progress") {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, time.Second)
	}
}
