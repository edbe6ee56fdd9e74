package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/idconnect/idconnect/store"
)

// testInGroupTx runs many group transactions at once: those that fail
// leave nothing behind, the others commit, whoever they shared a
// transaction with, and a single-use spend still has exactly one winner.
func testInGroupTx(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateOAuthToken(ctx, token(store.TokenCode, "code", "r")))
	errBoom := errors.New("boom")
	const n = 40
	errs := race(n, func(i int) error {
		return s.InGroupTx(ctx, func(ctx context.Context) error {
			if err := s.CreateClient(ctx, store.Client{ID: fmt.Sprintf("c%d", i), CreatedAt: t0}); err != nil {
				return err
			}
			// Each job reads its own writes.
			if _, err := s.GetClient(ctx, fmt.Sprintf("c%d", i)); err != nil {
				return err
			}
			if i%3 == 0 {
				return errBoom
			}
			return s.SpendOAuthToken(ctx, store.TokenCode, "code", "code.spent")
		})
	})
	spent := 0
	for i, err := range errs {
		_, getErr := s.GetClient(ctx, fmt.Sprintf("c%d", i))
		switch {
		case err == nil:
			spent++
			must(t, getErr)
		case errors.Is(err, errBoom), errors.Is(err, store.ErrNotFound):
			// A failed job's writes are gone, its earlier statements too.
			wantErr(t, getErr, store.ErrNotFound)
		default:
			t.Fatalf("job %d: %v", i, err)
		}
	}
	if spent != 1 {
		t.Fatalf("%d group transactions spent the code, want 1", spent)
	}
}

// testInGroupTxNested joins an outer transaction, whose rollback undoes it.
func testInGroupTxNested(t *testing.T, s store.Store) {
	ctx := t.Context()
	errOuter := errors.New("outer")
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.InGroupTx(ctx, func(ctx context.Context) error {
			return s.CreateClient(ctx, store.Client{ID: "c", CreatedAt: t0})
		}); err != nil {
			return err
		}
		if _, err := s.GetClient(ctx, "c"); err != nil {
			return err
		}
		return errOuter
	})
	wantErr(t, err, errOuter)
	_, err = s.GetClient(ctx, "c")
	wantErr(t, err, store.ErrNotFound)
}

// testInGroupTxCancelled does not run a job whose context is already
// cancelled.
func testInGroupTxCancelled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	ran := false
	err := s.InGroupTx(ctx, func(ctx context.Context) error {
		ran = true
		return nil
	})
	if err == nil || ran {
		t.Fatalf("cancelled group transaction: err %v, ran %v", err, ran)
	}
	// The store still works.
	must(t, s.InGroupTx(t.Context(), func(ctx context.Context) error {
		return s.CreateClient(ctx, store.Client{ID: "c", CreatedAt: t0})
	}))
}
