package main

import (
	"context"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/internal/simchain"
)

// TestOnboardConcurrently (finding 7): first logins that each need an identity
// do not queue behind one another's block wait. The chain seals a block every
// blockTime, as a real one does; n onboardings at once finish within a couple
// of blocks, where one at a time would take n. The same wallet twice at once
// sends one transaction.
func TestOnboardConcurrently(t *testing.T) {
	const blockTime, n = 400 * time.Millisecond, 8
	deployer := simchain.NewKey()
	chain := simchain.New(crypto.PubkeyToAddress(deployer.PublicKey))
	t.Cleanup(func() { chain.Close() })
	ctx := context.Background()
	suite, err := contracts.DeploySuite(ctx, chain.Sender(deployer))
	if err != nil {
		t.Fatal(err)
	}
	// The embedded client mines on every send; the plain simulated client
	// leaves transactions in the pool for the block timer below.
	sender := &contracts.Sender{Backend: chain.Client().Client, Opts: bind.NewKeyedTransactor(deployer, big.NewInt(simchain.ChainID))}
	o := newFactoryOnboarder(sender, suite)
	mineCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		tick := time.NewTicker(blockTime)
		defer tick.Stop()
		for {
			select {
			case <-mineCtx.Done():
				return
			case <-tick.C:
				chain.Commit()
			}
		}
	}()

	wallets := make([]common.Address, n)
	for i := range wallets {
		wallets[i] = crypto.PubkeyToAddress(simchain.NewKey().PublicKey)
	}
	wallets = append(wallets, wallets[0]) // the same wallet twice at once
	ids := make([]common.Address, len(wallets))
	errs := make([]error, len(wallets))
	start := time.Now()
	var wg sync.WaitGroup
	for i, w := range wallets {
		wg.Go(func() { ids[i], errs[i] = o.Onboard(ctx, w) })
	}
	wg.Wait()
	elapsed := time.Since(start)
	seen := map[common.Address]bool{}
	for i, err := range errs[:n] {
		if err != nil || ids[i] == (common.Address{}) || seen[ids[i]] {
			t.Fatalf("onboarding %d: %s, %v", i, ids[i], err)
		}
		seen[ids[i]] = true
	}
	if errs[n] != nil || ids[n] != ids[0] {
		t.Fatalf("the same wallet twice: %s %v, first %s", ids[n], errs[n], ids[0])
	}
	if elapsed > 4*blockTime {
		t.Fatalf("%d onboardings took %s, about %d blocks of %s: they queued", n, elapsed, elapsed/blockTime, blockTime)
	}
	t.Logf("%d onboardings in %s (blocks every %s)", n, elapsed, blockTime)
	// Another sender of the same key (as the dev chain's tools are) moves the
	// nonce on; the allocator follows the node, and one more goes through.
	if err := chain.Sender(deployer).Transfer(ctx, wallets[1], big.NewInt(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Onboard(ctx, crypto.PubkeyToAddress(simchain.NewKey().PublicKey)); err != nil {
		t.Fatal(err)
	}
}
