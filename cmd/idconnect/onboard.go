package main

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/contracts/bindings/idfactory"
)

// factoryOnboarder gives a wallet without an identity a new one from the IdFactory,
// with the wallet as its management key. The factory's owner pays, so it runs in
// --dev and where the operator enabled --onboarding.
//
// Concurrent first logins do not queue behind one another's block wait: the
// operator key's nonces are handed out under a short lock that covers only the
// allocation and the send, and each caller waits for its own receipt unlocked.
// A second first login of the same wallet joins the one in flight.
type factoryOnboarder struct {
	sender  *contracts.Sender
	factory contracts.Suite

	mu   sync.Mutex // guards next and inflight; never held while waiting for a block
	next uint64     // the nonce after our last send, or 0 after a failed one
	// inflight are the onboardings being mined, by wallet.
	inflight map[common.Address]*onboarding
}

type onboarding struct {
	done chan struct{}
	id   common.Address
	err  error
}

func newFactoryOnboarder(sender *contracts.Sender, factory contracts.Suite) *factoryOnboarder {
	return &factoryOnboarder{sender: sender, factory: factory, inflight: map[common.Address]*onboarding{}}
}

// Onboard creates wallet's identity and returns its address once it is mined.
func (o *factoryOnboarder) Onboard(ctx context.Context, wallet common.Address) (common.Address, error) {
	o.mu.Lock()
	if on, ok := o.inflight[wallet]; ok {
		o.mu.Unlock()
		select {
		case <-on.done:
			return on.id, on.err
		case <-ctx.Done():
			return common.Address{}, ctx.Err()
		}
	}
	on := &onboarding{done: make(chan struct{})}
	o.inflight[wallet] = on
	o.mu.Unlock()

	on.id, on.err = o.create(ctx, wallet)
	o.mu.Lock()
	delete(o.inflight, wallet)
	o.mu.Unlock()
	close(on.done)
	return on.id, on.err
}

func (o *factoryOnboarder) create(ctx context.Context, wallet common.Address) (common.Address, error) {
	f := idfactory.NewIdFactory()
	tx, err := o.send(ctx, f.PackCreateIdentity(wallet, wallet.Hex()))
	if err != nil {
		return common.Address{}, fmt.Errorf("onboard: %w", err)
	}
	if _, err := o.sender.Wait(ctx, tx); err != nil {
		return common.Address{}, fmt.Errorf("onboard: %w", err)
	}
	inst := f.Instance(o.sender.Backend, o.factory.IdFactory)
	return bind.Call(inst, &bind.CallOpts{Context: ctx}, f.PackGetIdentity(wallet), f.UnpackGetIdentity)
}

// send allocates a nonce and sends calldata to the factory with it, under the
// lock. The nonce is the larger of the node's pending count and the one after
// our last send (the node may not count a transaction it has just accepted).
// Other senders of the same key (the dev chain's set-up, operator tools) make
// ours stale: a nonce the node calls too low is retried with a fresh count.
func (o *factoryOnboarder) send(ctx context.Context, calldata []byte) (*types.Transaction, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for attempt := 1; ; attempt++ {
		pending, err := o.sender.Backend.PendingNonceAt(ctx, o.sender.From())
		if err != nil {
			return nil, fmt.Errorf("read the operator's nonce: %w", err)
		}
		n := max(o.next, pending)
		tx, err := o.sender.SendWithNonce(ctx, o.factory.IdFactory, calldata, n)
		if err == nil {
			o.next = n + 1
			return tx, nil
		}
		// Forget our count: whatever happened, the node's is the one to trust.
		o.next = 0
		if attempt == 3 || !staleNonce(err) {
			return nil, err
		}
	}
}

// staleNonce reports whether a send failed because its nonce was taken. The
// node's errors arrive as text over JSON-RPC, so they are matched by words.
func staleNonce(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "nonce too low") || strings.Contains(msg, "already known") ||
		strings.Contains(msg, "replacement transaction underpriced")
}
