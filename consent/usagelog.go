package consent

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/idconnect/idconnect/store"
)

// UsageStore is what a UsageLog writes to; store.Store satisfies it.
type UsageStore interface {
	RecordGrantUsage(ctx context.Context, us []store.GrantUsage) error
}

// UsageLogConfig tunes a UsageLog; zero values select the defaults.
type UsageLogConfig struct {
	// Interval is the longest a recorded read waits to be written
	// (default 5ms).
	Interval time.Duration
	// MaxBatch is the most rows one transaction writes (default 500).
	MaxBatch int
	// Capacity is how many reads may wait; past it, Record waits for the
	// writer, so a store that cannot keep up slows reads down rather than
	// losing their log (default 10,000).
	Capacity int
	// WriteTimeout bounds one batch's transaction (default 10s).
	WriteTimeout time.Duration
	Log          *slog.Logger // default slog.Default()
}

// UsageLog writes the usage rows of persistent-grant reads in batches, one
// transaction per batch, off the request path. SQLite has a single writer,
// and one write transaction per read capped /userinfo at the writer's
// rate; the read itself still checks its grant synchronously. Close
// writes everything recorded before it returns, so a graceful shutdown
// loses nothing; a read recorded after Close is written at once.
type UsageLog struct {
	st  UsageStore
	cfg UsageLogConfig

	in    chan store.GrantUsage
	flush chan chan error
	quit  chan struct{}
	done  chan struct{}

	// mu orders Record against Close: Record holds it shared while it
	// enqueues, Close exclusively while it marks the log closed, so no row
	// is enqueued after the writer's last drain.
	mu       sync.RWMutex
	closed   bool
	closeErr error
}

// NewUsageLog starts the writer; Close stops it.
func NewUsageLog(st UsageStore, cfg UsageLogConfig) *UsageLog {
	if cfg.Interval <= 0 {
		cfg.Interval = 5 * time.Millisecond
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = 500
	}
	if cfg.Capacity <= 0 {
		cfg.Capacity = 10_000
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 10 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	l := &UsageLog{st: st, cfg: cfg, in: make(chan store.GrantUsage, cfg.Capacity),
		flush: make(chan chan error), quit: make(chan struct{}), done: make(chan struct{})}
	go l.run()
	return l
}

// Record queues one read's usage row. It waits only when Capacity reads
// are already waiting, and then fails with ctx's error if ctx ends first.
func (l *UsageLog) Record(ctx context.Context, u store.GrantUsage) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.closed {
		return l.st.RecordGrantUsage(ctx, []store.GrantUsage{u})
	}
	select {
	case l.in <- u:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Flush writes every row recorded before it was called, and returns the
// write's error.
func (l *UsageLog) Flush(ctx context.Context) error {
	reply := make(chan error, 1)
	select {
	case l.flush <- reply:
	case <-l.done:
		return l.closeErr
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close writes what is queued, stops the writer and returns the last
// write's error. Later calls return the same.
func (l *UsageLog) Close() error {
	l.mu.Lock()
	first := !l.closed
	l.closed = true
	l.mu.Unlock()
	if first {
		close(l.quit)
	}
	<-l.done
	return l.closeErr
}

// run is the writer: it collects rows and writes a batch when it is full,
// when the oldest row has waited Interval, on Flush and on Close. A failed
// write keeps its rows and is retried; while Capacity rows are held it
// stops taking more, which makes Record wait.
func (l *UsageLog) run() {
	defer close(l.done)
	var batch []store.GrantUsage
	timer := time.NewTimer(l.cfg.Interval)
	timer.Stop()
	for {
		in := l.in
		if len(batch) >= l.cfg.Capacity {
			in = nil
		}
		select {
		case u := <-in:
			if len(batch) == 0 {
				timer.Reset(l.cfg.Interval)
			}
			if batch = append(batch, u); len(batch) >= l.cfg.MaxBatch {
				batch, _ = l.write(batch, timer)
			}
		case <-timer.C:
			batch, _ = l.write(batch, timer)
		case reply := <-l.flush:
			var err error
			batch, err = l.write(l.drain(batch), timer)
			reply <- err
		case <-l.quit:
			_, l.closeErr = l.write(l.drain(batch), timer)
			return
		}
	}
}

// drain takes every row already queued.
func (l *UsageLog) drain(batch []store.GrantUsage) []store.GrantUsage {
	for {
		select {
		case u := <-l.in:
			batch = append(batch, u)
		default:
			return batch
		}
	}
}

// write stores batch in MaxBatch chunks and returns what is left: nothing,
// or the rows not yet written when the store failed, retried after
// retryDelay.
func (l *UsageLog) write(batch []store.GrantUsage, timer *time.Timer) ([]store.GrantUsage, error) {
	timer.Stop()
	for len(batch) > 0 {
		n := min(len(batch), l.cfg.MaxBatch)
		left, err := l.writeChunk(batch[:n])
		if err != nil {
			l.cfg.Log.Error("consent: write grant usage; will retry", "rows", len(left)+len(batch)-n, "err", err)
			timer.Reset(retryDelay)
			return append(left, batch[n:]...), err
		}
		batch = batch[n:]
	}
	return batch[:0], nil
}

// retryDelay spaces the attempts to write rows the store refused.
const retryDelay = 100 * time.Millisecond

// writeChunk writes one transaction's rows and returns those it could not
// write. When a grant of the chunk is gone, the chunk is written grant by
// grant and only the missing grants' rows are dropped, so that they cannot
// hold the others up forever.
func (l *UsageLog) writeChunk(chunk []store.GrantUsage) ([]store.GrantUsage, error) {
	err := l.record(chunk)
	switch {
	case err == nil:
		return nil, nil
	case !errors.Is(err, store.ErrNotFound):
		return slices.Clone(chunk), err
	}
	groups := map[string][]store.GrantUsage{}
	var order []string
	for _, u := range chunk {
		if _, ok := groups[u.GrantID]; !ok {
			order = append(order, u.GrantID)
		}
		groups[u.GrantID] = append(groups[u.GrantID], u)
	}
	for i, id := range order {
		err := l.record(groups[id])
		if errors.Is(err, store.ErrNotFound) {
			l.cfg.Log.Error("consent: dropping the usage of a grant that no longer exists", "grant", id, "rows", len(groups[id]))
		} else if err != nil {
			var left []store.GrantUsage
			for _, rest := range order[i:] {
				left = append(left, groups[rest]...)
			}
			return left, err
		}
	}
	return nil, nil
}

func (l *UsageLog) record(us []store.GrantUsage) error {
	ctx, cancel := context.WithTimeout(context.Background(), l.cfg.WriteTimeout)
	defer cancel()
	return l.st.RecordGrantUsage(ctx, us)
}
