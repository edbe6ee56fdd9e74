package main

import (
	"context"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/contracts"
)

// factoryOnboarder gives a wallet without an identity a new one from the IdFactory,
// with the wallet as its management key. The factory's owner pays, so it runs in
// --dev and where the operator configured the factory owner's key.
type factoryOnboarder struct {
	mu      sync.Mutex // one factory transaction at a time: they share the sender's nonce
	sender  *contracts.Sender
	factory contracts.Suite
}

func (o *factoryOnboarder) Onboard(ctx context.Context, wallet common.Address) (common.Address, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return contracts.CreateIdentity(ctx, o.sender, o.factory, wallet, wallet.Hex())
}
