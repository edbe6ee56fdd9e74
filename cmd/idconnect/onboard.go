package main

import (
	"context"
	"fmt"
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
	// claimKeys, when set (dev mode), become CLAIM keys of each new
	// identity, so that the demo issuer adds approved claims itself. It
	// needs the project's own IdFactory.
	claimKeys []common.Address
	// fund, when set (dev mode), gives each new identity's wallet gas, so
	// that a fresh wallet can send its own transactions.
	fund func(ctx context.Context, wallet common.Address) error

	mu   sync.Mutex // guards next and inflight; never held while waiting for a block
	next uint64     // the nonce after our last send, or 0 after a failed one
	// inflight are the onboardings being mined, by wallet.
	inflight map[common.Address]*onboarding
}

type onboarding struct {
	done chan struct{}
	id   common.Address
	tx   common.Hash
	err  error
}

func newFactoryOnboarder(sender *contracts.Sender, factory contracts.Suite) *factoryOnboarder {
	return &factoryOnboarder{sender: sender, factory: factory, inflight: map[common.Address]*onboarding{}}
}

// Onboard creates wallet's identity and returns its address once it is mined.
func (o *factoryOnboarder) Onboard(ctx context.Context, wallet common.Address) (common.Address, error) {
	id, _, err := o.CreateIdentity(ctx, wallet)
	return id, err
}

// CreateIdentity is Onboard that also returns the transaction (the one
// in flight, when a first login of the same wallet started it).
func (o *factoryOnboarder) CreateIdentity(ctx context.Context, wallet common.Address) (common.Address, common.Hash, error) {
	o.mu.Lock()
	if on, ok := o.inflight[wallet]; ok {
		o.mu.Unlock()
		select {
		case <-on.done:
			return on.id, on.tx, on.err
		case <-ctx.Done():
			return common.Address{}, common.Hash{}, ctx.Err()
		}
	}
	on := &onboarding{done: make(chan struct{})}
	o.inflight[wallet] = on
	o.mu.Unlock()

	on.id, on.tx, on.err = o.create(ctx, wallet)
	o.mu.Lock()
	delete(o.inflight, wallet)
	o.mu.Unlock()
	close(on.done)
	return on.id, on.tx, on.err
}

func (o *factoryOnboarder) create(ctx context.Context, wallet common.Address) (common.Address, common.Hash, error) {
	f := idfactory.NewIdFactory()
	call := f.PackCreateIdentity(wallet, wallet.Hex())
	if len(o.claimKeys) > 0 {
		keys := make([][32]byte, len(o.claimKeys))
		for i, k := range o.claimKeys {
			keys[i] = contracts.KeyID(k)
		}
		call = f.PackCreateIdentityWithClaimKeys(wallet, wallet.Hex(), keys)
	}
	tx, err := o.send(ctx, call)
	if err != nil {
		return common.Address{}, common.Hash{}, fmt.Errorf("onboard: %w", err)
	}
	if _, err := o.sender.Wait(ctx, tx); err != nil {
		return common.Address{}, common.Hash{}, fmt.Errorf("onboard: %w", err)
	}
	if o.fund != nil {
		if err := o.fund(ctx, wallet); err != nil {
			return common.Address{}, common.Hash{}, fmt.Errorf("onboard: fund the wallet: %w", err)
		}
	}
	inst := f.Instance(o.sender.Backend, o.factory.IdFactory)
	id, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, f.PackGetIdentity(wallet), f.UnpackGetIdentity)
	return id, tx.Hash(), err
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
		if attempt == 3 || !contracts.StaleNonce(err) {
			return nil, err
		}
	}
}
