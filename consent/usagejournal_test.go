package consent_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/idconnect/idconnect/consent"
	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/journal"
)

// flakyStore moves journaled rows only while ok allows it.
type flakyStore struct {
	store.Store
	ok func() bool
}

var errStoreDown = errors.New("store down")

func (f *flakyStore) RecordJournaledUsage(ctx context.Context, j string, seq uint64, us []store.GrantUsage) error {
	if !f.ok() {
		return errStoreDown
	}
	return f.Store.RecordJournaledUsage(ctx, j, seq, us)
}

func openJournal(t *testing.T, dir string) *journal.Journal {
	t.Helper()
	j, err := journal.Open(dir, journal.Options{SegmentSize: 4096})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// TestJournaledUsageSurvivesAStop: reads answered while the store takes
// only some of their rows (the rest fail to move, as when the process
// dies before its writer gets to them) are all logged exactly once after
// the next start replays the journal: the rows that had moved are not
// logged twice.
func TestJournaledUsageSurvivesAStop(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	dir := filepath.Join(t.TempDir(), "journal")
	var moves atomic.Int64
	flaky := &flakyStore{Store: s, ok: func() bool { return moves.Add(1) <= 3 }}
	l, n, err := consent.OpenUsageLog(t.Context(), flaky, openJournal(t, dir),
		consent.UsageLogConfig{MaxBatch: 20, CommitGap: time.Millisecond, Log: quiet})
	if err != nil || n != 0 {
		t.Fatalf("open: %d rows, %v", n, err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 100 {
				if err := l.Record(t.Context(), usage("a", w*100+i)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := l.Close(); !errors.Is(err, errStoreDown) {
		t.Fatalf("close with rows the store refused: %v", err)
	}
	count, rows := logged(t, s, "a")
	if count != int64(rows) || rows >= 400 {
		t.Fatalf("before the restart: count %d, %d rows; want some rows missing", count, rows)
	}

	l2, n, err := consent.OpenUsageLog(t.Context(), s, openJournal(t, dir), consent.UsageLogConfig{Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if n != 400-rows {
		t.Errorf("replay moved %d rows, want %d", n, 400-rows)
	}
	if count, rows := logged(t, s, "a"); count != 400 || rows != 400 {
		t.Fatalf("after the replay: count %d, %d rows; want 400", count, rows)
	}
	if err := l2.Close(); err != nil {
		t.Fatal(err)
	}
	// A clean stop leaves nothing to replay.
	l3, n, err := consent.OpenUsageLog(t.Context(), s, openJournal(t, dir), consent.UsageLogConfig{Log: quiet})
	if err != nil || n != 0 {
		t.Fatalf("after a clean stop: %d rows replayed, %v", n, err)
	}
	_ = l3.Close()
	if count, _ := logged(t, s, "a"); count != 400 {
		t.Fatalf("count %d after reopening", count)
	}
}

// TestJournaledUsageRetries: rows the store refuses are kept and moved
// once it is back, without another read to push them.
func TestJournaledUsageRetries(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	var down atomic.Bool
	down.Store(true)
	l, _, err := consent.OpenUsageLog(t.Context(), &flakyStore{Store: s, ok: func() bool { return !down.Load() }},
		openJournal(t, filepath.Join(t.TempDir(), "j")), consent.UsageLogConfig{Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i := range 10 {
		if err := l.Record(t.Context(), usage("a", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Flush(t.Context()); !errors.Is(err, errStoreDown) {
		t.Fatalf("flush while the store is down: %v", err)
	}
	down.Store(false)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if count, rows := logged(t, s, "a"); count == 10 && rows == 10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the held rows were not moved once the store was back")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestFlushedUsageSeesAnsweredReads: through FlushedUsage, the count and
// the log include every read whose Record returned.
func TestFlushedUsageSeesAnsweredReads(t *testing.T) {
	s := openStore(t)
	persistentGrant(t, s, "a")
	l, _, err := consent.OpenUsageLog(t.Context(), s, openJournal(t, filepath.Join(t.TempDir(), "j")),
		consent.UsageLogConfig{CommitGap: time.Hour, Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	view := consent.FlushedUsage{Store: s, Log: l}
	for i := range 5 {
		if err := l.Record(t.Context(), usage("a", i)); err != nil {
			t.Fatal(err)
		}
		g, err := view.GetGrant(t.Context(), "a")
		if err != nil || g.UsageCount != int64(i+1) {
			t.Fatalf("after %d reads: count %d, %v", i+1, g.UsageCount, err)
		}
	}
	reads, _, err := view.ListGrantUsage(t.Context(), "a", "", 50)
	if err != nil || len(reads) != 5 {
		t.Fatalf("%d reads listed, %v", len(reads), err)
	}
}
