package storetest

import (
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// RunTwoNodes checks the single-use guarantees across two stores sharing
// one database, as two idconnect processes would. open returns both,
// migrated, closed when t ends.
func RunTwoNodes(t *testing.T, open func(t *testing.T) (store.Store, store.Store)) {
	a, b := open(t)
	nodes := []store.Store{a, b}
	ctx := t.Context()

	must(t, a.CreateChallenge(ctx, challenge("shared-nonce", at(time.Minute))))
	errs := race(50, func(i int) error {
		_, err := nodes[i%2].ConsumeChallenge(ctx, "shared-nonce", t0)
		return err
	})
	if ok, consumed := countErrs(t, errs, store.ErrConsumed); ok != 1 || consumed != 49 {
		t.Fatalf("nonce: %d successes and %d ErrConsumed across two nodes, want 1 and 49", ok, consumed)
	}

	must(t, b.CreateGrant(ctx, activeGrant("shared-grant", store.GrantImmediate)))
	errs = race(50, func(i int) error {
		_, err := nodes[i%2].UseGrant(ctx, "shared-grant", store.GrantUsage{At: at(time.Minute)})
		return err
	})
	if ok, used := countErrs(t, errs, store.ErrGrantUsed); ok != 1 || used != 49 {
		t.Fatalf("grant: %d successes and %d ErrGrantUsed across two nodes, want 1 and 49", ok, used)
	}
	usage, _, err := a.ListGrantUsage(ctx, "shared-grant", "", 100)
	must(t, err)
	if len(usage) != 1 {
		t.Fatalf("%d usage rows, want 1", len(usage))
	}
}
