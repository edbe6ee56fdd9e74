package consent_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

func openStore(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "db"), sqlite.WithMigrate())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func persistentGrant(t *testing.T, s store.Store, id string) {
	t.Helper()
	now := time.Now().UTC()
	err := s.CreateGrant(t.Context(), store.Grant{ID: id, Kind: store.GrantPersistent, State: store.GrantActive,
		Identity: common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"), ChainID: 1337, Wallet: common.HexToAddress("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4"),
		ClientID: "client-1", Scopes: []string{"openid"}, CreatedAt: now, ActivatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// logged counts a grant's usage: its counter and its log rows.
func logged(t *testing.T, s store.Store, id string) (count int64, rows int) {
	t.Helper()
	g, err := s.GetGrant(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for cursor := ""; ; {
		page, next, err := s.ListGrantUsage(t.Context(), id, cursor, store.MaxPageLimit)
		if err != nil {
			t.Fatal(err)
		}
		rows += len(page)
		if next == "" {
			return g.UsageCount, rows
		}
		cursor = next
	}
}

func usage(id string, i int) store.GrantUsage {
	return store.GrantUsage{GrantID: id, At: time.Now().UTC(), Resource: fmt.Sprint("/r/", i), Fields: []string{"sub"}, ClientID: "client-1"}
}

// TestUsageLogExactAfterFlush: concurrent reads of two grants are all
// counted and logged, once each, when Flush returns.
func TestUsageLogExactAfterFlush(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	persistentGrant(t, s, "b")
	l := consent.NewUsageLog(s, consent.UsageLogConfig{MaxBatch: 64, Log: quiet})
	defer l.Close()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 250 {
				id := "a"
				if w%2 == 1 {
					id = "b"
				}
				if err := l.Record(t.Context(), usage(id, i)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := l.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b"} {
		if count, rows := logged(t, s, id); count != 1000 || rows != 1000 {
			t.Errorf("grant %s: count %d, %d rows; want 1000 and 1000", id, count, rows)
		}
	}
}

// TestUsageLogCloseWritesEverything: with an interval longer than the test,
// nothing is written until Close, which writes it all; a read recorded
// after Close is written at once.
func TestUsageLogCloseWritesEverything(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	l := consent.NewUsageLog(s, consent.UsageLogConfig{Interval: time.Hour, MaxBatch: 1 << 20, Log: quiet})
	for i := range 1500 {
		if err := l.Record(t.Context(), usage("a", i)); err != nil {
			t.Fatal(err)
		}
	}
	if count, _ := logged(t, s, "a"); count != 0 {
		t.Fatalf("%d reads written before the interval or Close", count)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, s, "a"); count != 1500 || rows != 1500 {
		t.Fatalf("after Close: count %d, %d rows; want 1500", count, rows)
	}
	if err := l.Record(t.Context(), usage("a", 0)); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, s, "a"); count != 1501 || rows != 1501 {
		t.Fatalf("a read after Close: count %d, %d rows", count, rows)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

// TestUsageLogBounded: while the store cannot write (another transaction
// holds SQLite's writer), at most Capacity reads wait and the next Record
// waits too, until its context ends; once the store is back every accepted
// read is written.
func TestUsageLogBounded(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	hold, err := s.BeginTx(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	l := consent.NewUsageLog(s, consent.UsageLogConfig{Capacity: 8, MaxBatch: 4, WriteTimeout: time.Minute, Log: quiet})
	defer l.Close()
	accepted := 0
	for i := range 100 {
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		err := l.Record(ctx, usage("a", i))
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		accepted++
	}
	if accepted == 100 || accepted < 8 {
		t.Fatalf("%d reads accepted while the store was blocked; want the capacity and a little more", accepted)
	}
	if err := s.Rollback(hold); err != nil {
		t.Fatal(err)
	}
	if err := l.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, s, "a"); count != int64(accepted) || rows != accepted {
		t.Fatalf("count %d, %d rows; want the %d accepted", count, rows, accepted)
	}
}

// TestUsageLogDropsOnlyMissingGrants: the rows of a grant that does not
// exist are dropped; the rest of their batch is written.
func TestUsageLogDropsOnlyMissingGrants(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	l := consent.NewUsageLog(s, consent.UsageLogConfig{Interval: time.Hour, Log: quiet})
	defer l.Close()
	for i := range 10 {
		id := "a"
		if i%3 == 0 {
			id = "gone"
		}
		if err := l.Record(t.Context(), usage(id, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, s, "a"); count != 6 || rows != 6 {
		t.Fatalf("count %d, %d rows; want 6", count, rows)
	}
}

// TestBatchedReads: with a UsageLog, reads of a persistent grant are
// counted exactly, a revocation stops the very next read, and an immediate
// grant is still read exactly once under concurrency.
func TestBatchedReads(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	l := consent.NewUsageLog(e.store, consent.UsageLogConfig{Log: quiet})
	defer l.Close()
	g := e.grants()
	g.Usage = l
	gr, err := g.Create(ctx, e.consentFor(e.wallet, "openid", "email", "offline_access"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if _, err := g.Use(ctx, e.read(gr, e.wallet)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := l.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, e.store, gr.ID); count != 200 || rows != 200 {
		t.Fatalf("count %d, %d rows; want 200", count, rows)
	}
	other := e.read(gr, e.wallet)
	other.ClientID = "client-2"
	if _, err := g.Use(ctx, other); !errors.Is(err, store.ErrGrantInactive) {
		t.Errorf("read by another client: %v", err)
	}
	if _, err := e.store.RevokeGrant(ctx, gr.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Use(ctx, e.read(gr, e.wallet)); !errors.Is(err, store.ErrGrantInactive) {
		t.Fatalf("read right after revocation: %v", err)
	}
	if err := l.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, e.store, gr.ID); count != 200 || rows != 200 {
		t.Fatalf("refused reads were logged: count %d, %d rows", count, rows)
	}

	once, err := g.Create(ctx, e.consentFor(e.wallet, "openid", "email"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	ok := 0
	for range 10 {
		wg.Go(func() {
			if _, err := g.Use(ctx, e.read(once, e.wallet)); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			} else if !errors.Is(err, store.ErrGrantInactive) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if count, rows := logged(t, e.store, once.ID); ok != 1 || count != 1 || rows != 1 {
		t.Fatalf("immediate grant: %d reads allowed, count %d, %d rows; want 1", ok, count, rows)
	}
}
