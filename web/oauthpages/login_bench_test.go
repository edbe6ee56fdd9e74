package oauthpages_test

import (
	"context"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/challenge"
	"github.com/idconnect/idconnect/contracts"
	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/internal/simchain"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// BenchmarkLoginCheck measures the check at the heart of POST /login: the
// SIWE message is parsed and verified, its nonce consumed in SQLite, and the
// wallet's MANAGEMENT-or-ACTION purpose on its identity read from a warm
// identity.Cache that follows the simulated chain. Messages are issued and
// signed before the timer starts. Run it with -cpu 1 for a per-core figure.
func BenchmarkLoginCheck(b *testing.B) {
	ctx := context.Background()
	deployer, ownerKey := simchain.NewKey(), simchain.NewKey()
	wallet := crypto.PubkeyToAddress(ownerKey.PublicKey)
	chain := simchain.New(crypto.PubkeyToAddress(deployer.PublicKey))
	b.Cleanup(func() { chain.Close() })
	suite, err := contracts.DeploySuite(ctx, chain.Sender(deployer))
	if err != nil {
		b.Fatal(err)
	}
	id, err := contracts.CreateIdentity(ctx, chain.Sender(deployer), suite, wallet, "bench")
	if err != nil {
		b.Fatal(err)
	}
	cache := followingCache(b, chain, suite)
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	svc := challenge.New(challenge.Config{Store: st, Caller: chain.Client(), ChainID: simchain.ChainID})

	const domain, origin, request = "127.0.0.1:8080", "http://127.0.0.1:8080", "req-bench"
	texts, sigs := make([]string, b.N), make([]string, b.N)
	for i := range b.N {
		c, err := svc.Issue(ctx, challenge.Request{Purpose: store.PurposeLogin, Domain: domain, URI: origin,
			Address: wallet, Statement: "Sign in to " + domain + " with your ONCHAINID identity.", RequestID: request})
		if err != nil {
			b.Fatal(err)
		}
		sig, err := crypto.Sign(accounts.TextHash([]byte(c.Text)), ownerKey)
		if err != nil {
			b.Fatal(err)
		}
		sig[64] += 27
		texts[i], sigs[i] = c.Text, hexutil.Encode(sig)
	}
	want := challenge.Expect{Purpose: store.PurposeLogin, Domain: domain, URI: origin, RequestID: request}
	if err := identity.RequirePurpose(ctx, cache, id, wallet, identity.PurposeManagement, identity.PurposeAction); err != nil {
		b.Fatal(err) // warms the cache
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU(b)
	for i := range b.N {
		v, err := svc.Verify(ctx, texts[i], sigs[i], want)
		if err != nil {
			b.Fatal(err)
		}
		if err := identity.RequirePurpose(ctx, cache, id, v.Address, identity.PurposeManagement, identity.PurposeAction); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// followingCache is an identity.Cache that has caught up with the chain, so
// that it serves reads from memory.
func followingCache(b *testing.B, chain *simchain.Chain, suite contracts.Suite) *identity.Cache {
	b.Helper()
	ctx := context.Background()
	r, err := identity.NewReader(ctx, chain.Client(), identity.Config{IdFactory: suite.IdFactory, IdentityRegistry: suite.IdentityRegistry})
	if err != nil {
		b.Fatal(err)
	}
	cache := identity.NewCache(r, identity.CacheConfig{MaxAge: time.Hour})
	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { _ = cache.Run(runCtx) })
	b.Cleanup(func() { cancel(); wg.Wait() })
	head, err := chain.Client().BlockNumber(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if err := cache.WaitBlock(ctx, head); err != nil {
		b.Fatal(err)
	}
	return cache
}

// processCPU is the CPU time (user and system, every thread) the process has
// used: the one figure a shared machine does not distort much.
func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
