package gethdev_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/idconnect/idconnect/internal/gethdev"
)

// TestNode runs a real geth --dev node, installing geth first on a clean machine.
func TestNode(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	node, err := gethdev.Start(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := node.Stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	if got := node.ChainID(); got != 1337 {
		t.Fatalf("chain id = %d, want 1337", got)
	}

	ws, err := ethclient.DialContext(ctx, node.WSURL)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	heads := make(chan *types.Header, 16)
	sub, err := ws.SubscribeNewHead(ctx, heads)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()

	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	want := new(big.Int).Mul(big.NewInt(3), big.NewInt(params.Ether))
	if err := node.Fund(ctx, addr, want); err != nil {
		t.Fatal(err)
	}
	if got, err := ws.BalanceAt(ctx, addr, nil); err != nil || got.Cmp(want) != 0 {
		t.Fatalf("balance = %v, %v; want %v", got, err, want)
	}
	mined, err := ws.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waitHead(t, heads, sub.Err(), mined)
}

// waitHead waits for the subscription to deliver the head of block number want.
func waitHead(t *testing.T, heads <-chan *types.Header, subErr <-chan error, want uint64) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case h := <-heads:
			if h.Number.Uint64() >= want {
				return
			}
		case err := <-subErr:
			t.Fatalf("subscription: %v", err)
		case <-timeout:
			t.Fatalf("no head for block %d", want)
		}
	}
}

func TestStopTwice(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	node, err := gethdev.Start(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := node.Stop(); err != nil {
		t.Fatalf("first stop: %v", err)
	}
	if err := node.Stop(); err != nil {
		t.Fatalf("second stop: %v", err)
	}
	client, err := ethclient.DialContext(ctx, node.HTTPURL) // HTTP dials lazily
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, err := client.ChainID(ctx); err == nil {
		t.Fatal("node still answers after Stop")
	}
}
