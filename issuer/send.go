package issuer

import (
	"context"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/idconnect/idconnect/contracts"
)

// chainTimeout bounds the chain work of one desk call.
const chainTimeout = 2 * time.Minute

// chainContext detaches the desk's chain work from the caller's
// cancellation: a transaction once sent is waited for and recorded even
// when the caller has gone (an HTTP timeout, a closed connection), so a
// call never stops between the chain and the store. chainTimeout bounds it.
func chainContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), chainTimeout)
}

// lockTopic serializes the desk's changes to one identity's claim on one
// topic on this node: two approvals or an approval and a revocation at
// once would otherwise both take the "no claim yet" path, and the claim
// one of them replaced would stay unrevoked.
func (d *Desk) lockTopic(subject common.Address, topic uint64) func() {
	key := topicKey{subject, topic}
	d.topicMu.Lock()
	if d.topicLocks == nil {
		d.topicLocks = map[topicKey]*topicLock{}
	}
	l := d.topicLocks[key]
	if l == nil {
		l = &topicLock{}
		d.topicLocks[key] = l
	}
	l.users++
	d.topicMu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		d.topicMu.Lock()
		if l.users--; l.users == 0 {
			delete(d.topicLocks, key)
		}
		d.topicMu.Unlock()
	}
}

type topicKey struct {
	subject common.Address
	topic   uint64
}

type topicLock struct {
	mu    sync.Mutex
	users int // guarded by Desk.topicMu
}

// Send sends a transaction from the desk's key, such as the addKey that
// makes a wallet a reviewer, and waits for it.
func (d *Desk) Send(ctx context.Context, op string, to common.Address, call []byte) (common.Hash, error) {
	return d.send(ctx, op, to, call)
}

// sendGas is send with a gas limit of its own (zero: estimated).
func (d *Desk) sendGas(ctx context.Context, op string, to common.Address, call []byte, gas uint64) (common.Hash, error) {
	d.sendMu.Lock()
	defer d.sendMu.Unlock()
	for attempt := 1; ; attempt++ {
		var receipt *types.Receipt
		var err error
		if gas == 0 {
			receipt, err = d.cfg.Sender.Transact(ctx, to, call)
		} else {
			receipt, err = d.cfg.Sender.TransactGas(ctx, to, call, gas)
		}
		if err == nil {
			d.follow(ctx, receipt)
			return receipt.TxHash, nil
		}
		// Another node sending from the same key took the nonce: the
		// next attempt reads the node's fresh count.
		if attempt == 3 || !contracts.StaleNonce(err) {
			return common.Hash{}, chainErr(op, err)
		}
	}
}

// followWait bounds how long the desk waits for the cache to see a block.
const followWait = 10 * time.Second

// follow waits until the cache has seen the block of receipt. It is best
// effort: a cache that lags only delays what reads show, for at most its
// bound, and the transaction stands.
func (d *Desk) follow(ctx context.Context, receipt *types.Receipt) {
	if d.cfg.Follow == nil || receipt.BlockNumber == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, followWait)
	defer cancel()
	_ = d.cfg.Follow.WaitBlock(ctx, receipt.BlockNumber.Uint64())
}

// send sends one transaction from the desk's key and waits for it.
func (d *Desk) send(ctx context.Context, op string, to common.Address, call []byte) (common.Hash, error) {
	return d.sendGas(ctx, op, to, call, 0)
}
