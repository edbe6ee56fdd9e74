package identity_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
)

// following starts a cache over a counting chain and waits until it follows the head.
func following(t testing.TB, w *world, cfg identity.CacheConfig) (*identity.Cache, *countingChain) {
	t.Helper()
	cc := &countingChain{Chain: w.chain}
	r, err := identity.NewReader(ctx(t), cc, identity.Config{IdFactory: w.suite.IdFactory, IdentityRegistry: w.suite.IdentityRegistry})
	if err != nil {
		t.Fatal(err)
	}
	cache := identity.NewCache(r, cfg)
	runCtx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); cache.Run(runCtx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	head, err := w.chain.BlockNumber(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := cache.WaitBlock(ctx(t), head); err != nil {
		t.Fatal(err)
	}
	return cache, cc
}

// testCacheFollowsChain: a key removed on the chain reads as removed once the cache
// has seen the block that removed it, and a revoked claim reads as revoked.
func testCacheFollowsChain(t *testing.T, w *world) {
	cache, cc := following(t, w, identity.CacheConfig{})
	o := w.newOwner(t)
	_, action := w.wallet(t)
	if err := cache.WaitBlock(ctx(t), w.addKey(t, o, action, contracts.PurposeAction)); err != nil {
		t.Fatal(err)
	}
	mustPurpose(t, cache, o.id, action, true)
	before := cc.calls.Load()
	mustPurpose(t, cache, o.id, action, true)
	if cc.calls.Load() != before {
		t.Fatal("second key check went to the chain; want a cache hit")
	}

	if err := cache.WaitBlock(ctx(t), w.removeKey(t, o, action, contracts.PurposeAction)); err != nil {
		t.Fatal(err)
	}
	mustPurpose(t, cache, o.id, action, false)

	now := time.Now()
	is := w.newIssuerWithKey(t, topicKYC)
	data := window(now.Add(-time.Hour), now.Add(time.Hour))
	sig := is.sign(t, o.id, topicKYC, data)
	w.mustAddClaim(t, o, is, topicKYC, sig, data)
	head, _ := w.chain.BlockNumber(ctx(t))
	if err := cache.WaitBlock(ctx(t), head); err != nil {
		t.Fatal(err)
	}
	if j := claimsByIssuer(t, cache, o.id, topicKYC, now)[is.addr]; j.State != identity.StateValid {
		t.Fatalf("claim = %s, want valid", j.State)
	}
	w.revoke(t, is, highSTwin(sig))
	head, _ = w.chain.BlockNumber(ctx(t))
	if err := cache.WaitBlock(ctx(t), head); err != nil {
		t.Fatal(err)
	}
	if j := claimsByIssuer(t, cache, o.id, topicKYC, now)[is.addr]; j.State != identity.StateRevoked {
		t.Fatalf("after revocation the cached claim reads %s, want revoked", j.State)
	}
}

func mustPurpose(t testing.TB, d identity.Directory, id, wallet common.Address, want bool) {
	t.Helper()
	got, err := d.HasPurpose(ctx(t), id, wallet, identity.PurposeAction)
	if err != nil || got != want {
		t.Fatalf("HasPurpose = %v, %v; want %v", got, err, want)
	}
}

func TestCacheBounds(t *testing.T) {
	w := simWorld(t)
	var mu sync.Mutex
	clock := time.Now()
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	cache, cc := following(t, w, identity.CacheConfig{MaxIdentities: 2, MaxAge: time.Minute, Clock: now})

	owners := []owner{w.newOwner(t), w.newOwner(t), w.newOwner(t)}
	head, _ := w.chain.BlockNumber(ctx(t))
	if err := cache.WaitBlock(ctx(t), head); err != nil {
		t.Fatal(err)
	}
	for _, o := range owners {
		mustPurpose(t, cache, o.id, o.wallet, true)
	}
	if n := cache.Len(); n != 2 {
		t.Fatalf("cache holds %d identities, want its bound of 2", n)
	}

	last := owners[2]
	before := cc.calls.Load()
	mustPurpose(t, cache, last.id, last.wallet, true)
	if cc.calls.Load() != before {
		t.Fatal("fresh entry not served from the cache")
	}
	mu.Lock()
	clock = clock.Add(2 * time.Minute)
	mu.Unlock()
	mustPurpose(t, cache, last.id, last.wallet, true)
	if cc.calls.Load() == before {
		t.Fatal("an entry older than MaxAge was served")
	}
}

// TestCacheFailsClosed stops the geth node under a following cache: cached entries
// stop being served and reads fail with ErrChainUnavailable.
func TestCacheFailsClosed(t *testing.T) {
	w, stop := gethWorldWithStop(t)
	cache, _ := following(t, w, identity.CacheConfig{})
	o := w.newOwner(t)
	mustPurpose(t, cache, o.id, o.wallet, true)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if f, _ := cache.Following(); !f {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("cache still follows a stopped node")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := cache.HasPurpose(ctx(t), o.id, o.wallet, identity.PurposeAction); !errors.Is(err, identity.ErrChainUnavailable) {
		t.Fatalf("HasPurpose on a stopped chain: err = %v, want ErrChainUnavailable", err)
	}
}

// TestCachePollsOverHTTP: over HTTP there are no subscriptions, so the cache polls
// the head; a removed key still reads as removed once its block is seen.
func TestCachePollsOverHTTP(t *testing.T) {
	ws, _ := gethWorldWithStop(t)
	client, err := ethclient.DialContext(ctx(t), ws.httpURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	w := *ws
	w.chain = client
	cache, _ := following(t, &w, identity.CacheConfig{PollInterval: 50 * time.Millisecond})
	o := w.newOwner(t)
	_, action := w.wallet(t)
	if err := cache.WaitBlock(ctx(t), w.addKey(t, o, action, contracts.PurposeAction)); err != nil {
		t.Fatal(err)
	}
	mustPurpose(t, cache, o.id, action, true)
	if err := cache.WaitBlock(ctx(t), w.removeKey(t, o, action, contracts.PurposeAction)); err != nil {
		t.Fatal(err)
	}
	mustPurpose(t, cache, o.id, action, false)
}
