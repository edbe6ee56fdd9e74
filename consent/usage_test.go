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

// TestUsageLogRecordIsStored: Record returns only once its row is
// committed, under concurrency too, so an answered read cannot lose its
// log to a crash; a read recorded after Close is written at once.
func TestUsageLogRecordIsStored(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	l := consent.NewUsageLog(s, consent.UsageLogConfig{Log: quiet})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range 25 {
				if err := l.Record(t.Context(), usage("a", i)); err != nil {
					t.Error(err)
					return
				}
				// Every row of this worker so far is stored: the count
				// cannot be below how many it recorded.
				if g, err := s.GetGrant(t.Context(), "a"); err != nil || g.UsageCount < int64(i+1) {
					t.Errorf("after %d recorded reads the store counts %d (%v)", i+1, g.UsageCount, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if count, rows := logged(t, s, "a"); count != 200 || rows != 200 {
		t.Fatalf("count %d, %d rows; want 200", count, rows)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Record(t.Context(), usage("a", 0)); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, s, "a"); count != 201 || rows != 201 {
		t.Fatalf("a read after Close: count %d, %d rows", count, rows)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

// TestUsageLogFailedWriteFailsReads: while the store cannot write (another
// transaction holds SQLite's writer), Record fails once the write times
// out, and its row never appears later: a read that was not answered has
// no usage row. Once the store is back, reads are logged again.
func TestUsageLogFailedWriteFailsReads(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	hold, err := s.BeginTx(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	l := consent.NewUsageLog(s, consent.UsageLogConfig{WriteTimeout: 200 * time.Millisecond, Log: quiet})
	defer l.Close()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if err := l.Record(t.Context(), usage("a", i)); err == nil {
				t.Error("a read was recorded while the store could not write")
			}
		})
	}
	wg.Wait()
	if err := s.Rollback(hold); err != nil {
		t.Fatal(err)
	}
	if err := l.Record(t.Context(), usage("a", 9)); err != nil {
		t.Fatal(err)
	}
	if err := l.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if count, rows := logged(t, s, "a"); count != 1 || rows != 1 {
		t.Fatalf("count %d, %d rows; want only the read recorded once the store was back", count, rows)
	}
}

// TestUsageLogFailsOnlyMissingGrants: the reads of a grant that does not
// exist fail; the others of their batch are written.
func TestUsageLogFailsOnlyMissingGrants(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	l := consent.NewUsageLog(s, consent.UsageLogConfig{Log: quiet})
	defer l.Close()
	var wg sync.WaitGroup
	for i := range 10 {
		id := "a"
		if i%3 == 0 {
			id = "gone"
		}
		wg.Go(func() {
			err := l.Record(t.Context(), usage(id, i))
			if id == "a" && err != nil || id == "gone" && !errors.Is(err, store.ErrNotFound) {
				t.Errorf("read of grant %s: %v", id, err)
			}
		})
	}
	wg.Wait()
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
