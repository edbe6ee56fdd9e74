package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

func testInTxCommit(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateGrant(ctx, activeGrant("g", store.GrantImmediate)))
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.CreateClient(ctx, store.Client{ID: "c", CreatedAt: t0}); err != nil {
			return err
		}
		// Reads inside the transaction see its own writes...
		if _, err := s.GetClient(ctx, "c"); err != nil {
			return err
		}
		// ...and other contexts do not, until it commits.
		if _, err := s.GetClient(t.Context(), "c"); err == nil {
			t.Error("uncommitted client visible outside the transaction")
		}
		if _, err := s.UseGrant(ctx, "g", store.GrantUsage{At: at(time.Minute)}); err != nil {
			return err
		}
		_, err := s.ConsumeChallenge(ctx, "missing", t0)
		if err == nil {
			t.Error("consumed a missing challenge")
		}
		return nil
	})
	must(t, err)
	_, err = s.GetClient(ctx, "c")
	must(t, err)
	g, err := s.GetGrant(ctx, "g")
	must(t, err)
	if g.State != store.GrantUsed {
		t.Fatalf("grant state %s after committed use", g.State)
	}
}

func testInTxRollback(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.CreateGrant(ctx, activeGrant("g", store.GrantImmediate)))
	must(t, s.CreateChallenge(ctx, challenge("n", at(time.Hour))))
	err := s.InTx(ctx, func(ctx context.Context) error {
		steps := []func() error{
			func() error { return s.CreateClient(ctx, store.Client{ID: "c", CreatedAt: t0}) },
			func() error { _, err := s.ConsumeChallenge(ctx, "n", t0); return err },
			func() error { _, err := s.UseGrant(ctx, "g", store.GrantUsage{At: at(time.Minute)}); return err },
			func() error {
				_, err := s.AppendAuditEvent(ctx, store.AuditEvent{At: t0, Kind: store.AuditToken})
				return err
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return errBoom
	})
	wantErr(t, err, errBoom)

	_, err = s.GetClient(ctx, "c")
	wantErr(t, err, store.ErrNotFound)
	_, err = s.ConsumeChallenge(ctx, "n", t0)
	must(t, err)
	g, err := s.GetGrant(ctx, "g")
	must(t, err)
	if g.State != store.GrantActive || g.UsageCount != 0 {
		t.Fatalf("rolled-back use left grant %+v", g)
	}
	usage, _, err := s.ListGrantUsage(ctx, "g", "", 10)
	must(t, err)
	events, _, err := s.ListAuditEvents(ctx, store.AuditFilter{})
	must(t, err)
	if len(usage) != 0 || len(events) != 0 {
		t.Fatalf("rollback left %d usage rows and %d audit events", len(usage), len(events))
	}
}

func testInTxNested(t *testing.T, s store.Store) {
	ctx := t.Context()
	err := s.InTx(ctx, func(ctx context.Context) error {
		err := s.InTx(ctx, func(ctx context.Context) error {
			return s.CreateClient(ctx, store.Client{ID: "inner", CreatedAt: t0})
		})
		if err != nil {
			return err
		}
		// An Update* (itself transactional) joins the outer transaction too.
		if _, err := s.UpdateClient(ctx, "inner", func(c store.Client) (store.Client, error) {
			c.Name = "renamed"
			return c, nil
		}); err != nil {
			return err
		}
		return errBoom
	})
	wantErr(t, err, errBoom)
	_, err = s.GetClient(ctx, "inner")
	wantErr(t, err, store.ErrNotFound)
}

func testInTxPanic(t *testing.T, s store.Store) {
	ctx := t.Context()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("InTx swallowed the panic")
			}
		}()
		_ = s.InTx(ctx, func(ctx context.Context) error {
			must(t, s.CreateClient(ctx, store.Client{ID: "p", CreatedAt: t0}))
			panic("boom")
		})
	}()
	// The transaction was rolled back and its connection released: the
	// store still writes (on SQLite, through its only writer).
	_, err := s.GetClient(ctx, "p")
	wantErr(t, err, store.ErrNotFound)
	must(t, s.CreateClient(ctx, store.Client{ID: "after", CreatedAt: t0}))
}

func testTimesUTC(t *testing.T, s store.Store) {
	ctx := t.Context()
	zone := time.FixedZone("UTC+5", 5*3600)
	issued := time.Date(2030, 6, 1, 12, 0, 0, 123456789, zone)
	must(t, s.CreateChallenge(ctx, store.Challenge{
		Nonce: "tz", Purpose: store.PurposeConsent, IssuedAt: issued, ExpiresAt: issued.Add(time.Minute),
	}))
	c, err := s.ConsumeChallenge(ctx, "tz", issued.Add(30*time.Second))
	must(t, err)
	want := issued.UTC().Truncate(time.Microsecond)
	if c.IssuedAt != want || c.IssuedAt.Location() != time.UTC {
		t.Fatalf("IssuedAt = %v, want %v (UTC, microseconds)", c.IssuedAt, want)
	}
	// An instant given in another zone compares by instant, not by text.
	_, err = s.ConsumeChallenge(ctx, "tz", issued.UTC())
	wantErr(t, err, store.ErrConsumed)
}

// testExplicitTx holds BeginTx/Commit/Rollback to InTx's behaviour: writes
// are private until Commit, gone after Rollback, and a joined BeginTx
// leaves the decision to the outer owner.
func testExplicitTx(t *testing.T, s store.Store) {
	ctx := t.Context()
	tx, err := s.BeginTx(ctx)
	must(t, err)
	must(t, s.CreateClient(tx, store.Client{ID: "kept", CreatedAt: t0}))
	if _, err := s.GetClient(ctx, "kept"); err == nil {
		t.Error("uncommitted client visible outside the transaction")
	}
	inner, err := s.BeginTx(tx)
	must(t, err)
	must(t, s.CreateClient(inner, store.Client{ID: "inner", CreatedAt: t0}))
	must(t, s.Rollback(inner)) // joined: the outer transaction goes on
	must(t, s.Commit(tx))
	for _, id := range []string{"kept", "inner"} {
		_, err = s.GetClient(ctx, id)
		must(t, err)
	}

	tx, err = s.BeginTx(ctx)
	must(t, err)
	must(t, s.CreateClient(tx, store.Client{ID: "dropped", CreatedAt: t0}))
	must(t, s.Rollback(tx))
	_, err = s.GetClient(ctx, "dropped")
	wantErr(t, err, store.ErrNotFound)

	wantErr(t, s.Commit(ctx), store.ErrNoTx)
	wantErr(t, s.Rollback(ctx), store.ErrNoTx)
	// The writer was released: plain writes still work.
	must(t, s.CreateClient(ctx, store.Client{ID: "after", CreatedAt: t0}))
}
