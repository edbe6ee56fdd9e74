package storetest

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// BenchConsumeChallenge measures ConsumeChallenge. The b.N challenges are
// created before the timer starts, so each iteration consumes exactly one.
func BenchConsumeChallenge(b *testing.B, open func(tb testing.TB) store.Store) {
	s := open(b)
	ctx := b.Context()
	nonces := make([]string, b.N)
	for i := range nonces {
		nonces[i] = fmt.Sprintf("bench-%d", i)
	}
	must(b, inBatches(ctx, s, len(nonces), func(ctx context.Context, i int) error {
		return s.CreateChallenge(ctx, challenge(nonces[i], at(time.Hour)))
	}))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.ConsumeChallenge(ctx, nonces[i], at(time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchUseGrant measures UseGrant on one persistent grant: a conditional
// update plus a usage row per iteration.
func BenchUseGrant(b *testing.B, open func(tb testing.TB) store.Store) {
	s := open(b)
	ctx := b.Context()
	g := activeGrant("bench", store.GrantPersistent)
	g.ExpiresAt = time.Time{}
	must(b, s.CreateGrant(ctx, g))
	u := store.GrantUsage{At: at(time.Minute), Resource: "/identities/" + identityA.Hex() + "/profile",
		Fields: []string{"name", "email"}, ClientID: "client-1"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.UseGrant(ctx, "bench", u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchListGrantsDeepPage measures reading a 50-grant page 9,000 grants
// deep into one identity's 10,000 grants: keyset pagination must make it
// cost what the first page costs.
func BenchListGrantsDeepPage(b *testing.B, open func(tb testing.TB) store.Store) {
	s := open(b)
	ctx := b.Context()
	createGrants(b, s, identityB, "other", 1000)
	grants := createGrants(b, s, identityA, "deep", 10000)
	// A cursor is opaque, so walk to the deep page once before timing.
	f := store.GrantFilter{Identity: identityA, Limit: store.MaxPageLimit}
	for range 9000 / store.MaxPageLimit {
		_, next, err := s.ListGrants(ctx, f)
		must(b, err)
		f.Cursor = next
	}
	f.Limit = store.DefaultPageLimit
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		page, _, err := s.ListGrants(ctx, f)
		if err != nil || len(page) != f.Limit || page[0].ID != grants[9000].ID {
			b.Fatalf("deep page: %d grants, err %v", len(page), err)
		}
	}
}

// inBatches runs create for 0..n-1 in transactions of 1,000, which keeps
// set-up fast without one huge transaction.
func inBatches(ctx context.Context, s store.Store, n int, create func(ctx context.Context, i int) error) error {
	for lo := 0; lo < n; lo += 1000 {
		err := s.InTx(ctx, func(ctx context.Context) error {
			for i := lo; i < min(lo+1000, n); i++ {
				if err := create(ctx, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchReviewQueue measures a page of the review queue (pending
// applications of one issuer, oldest first) with 10,000 pending and
// 2,000 decided or for another issuer: the first page, and a page 9,000
// deep.
func BenchReviewQueue(b *testing.B, open func(tb testing.TB) store.Store) {
	s := open(b)
	ctx := b.Context()
	must(b, inBatches(ctx, s, 12000, func(ctx context.Context, i int) error {
		a := application(fmt.Sprintf("app-%05d", i), issuerA, common.BigToAddress(big.NewInt(int64(i+1))), t0.Add(time.Duration(i)*time.Second))
		switch {
		case i >= 11000:
			a.Issuer = issuerB
		case i >= 10000:
			a.State = store.ApplicationApproved
		}
		return s.CreateApplication(ctx, a)
	}))
	q := store.ApplicationQuery{Issuer: issuerA, State: store.ApplicationPending, Limit: store.MaxPageLimit}
	deep := q
	for range 9000 / store.MaxPageLimit {
		_, next, err := s.ListApplications(ctx, deep)
		must(b, err)
		deep.Cursor = next
	}
	q.Limit, deep.Limit = store.DefaultPageLimit, store.DefaultPageLimit
	for _, bc := range []struct {
		name  string
		q     store.ApplicationQuery
		first string
	}{{"first", q, "app-00000"}, {"deep9000", deep, "app-09000"}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				page, _, err := s.ListApplications(ctx, bc.q)
				if err != nil || len(page) != store.DefaultPageLimit || page[0].ID != bc.first {
					b.Fatalf("page: %d, err %v", len(page), err)
				}
			}
		})
	}
}
