package consent

import (
	"context"
	"errors"
	"log/slog"
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
	// MaxBatch is the most rows one transaction writes (default 500).
	MaxBatch int
	// Capacity is how many reads may wait for the writer; past it, Record
	// waits for room, so a store that cannot keep up slows reads down
	// (default 10,000).
	Capacity int
	// WriteTimeout bounds one batch's transaction (default 10s), and so
	// how long a read waits for a store that does not answer.
	WriteTimeout time.Duration
	Log          *slog.Logger // default slog.Default()
}

// UsageLog writes the usage rows of persistent-grant reads with a group
// commit: every read waits until the transaction holding its row has
// committed, and the reads that arrive while one transaction runs share
// the next. SQLite has a single writer, and one write transaction per
// read capped /userinfo at the writer's rate; the group commit keeps that
// rate while a read is answered only once its row is stored, so a crash
// (SIGKILL, power loss) cannot lose the log of a read that was answered,
// and a failed write fails its reads rather than logging them later. The
// read itself still checks its grant synchronously.
type UsageLog struct {
	st  UsageStore
	cfg UsageLogConfig

	in    chan pendingUsage
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

// pendingUsage is a queued row and where its write's outcome goes.
type pendingUsage struct {
	u    store.GrantUsage
	done chan error // buffered: the writer never blocks on it
}

// NewUsageLog starts the writer; Close stops it.
func NewUsageLog(st UsageStore, cfg UsageLogConfig) *UsageLog {
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
	l := &UsageLog{st: st, cfg: cfg, in: make(chan pendingUsage, cfg.Capacity),
		flush: make(chan chan error), quit: make(chan struct{}), done: make(chan struct{})}
	go l.run()
	return l
}

// Record writes one read's usage row and returns once it is committed,
// with the write's error otherwise. It fails with ctx's error only while
// it waits for room in the queue: once queued, it waits for the writer
// (at most WriteTimeout), so that its answer says exactly whether the row
// is stored.
func (l *UsageLog) Record(ctx context.Context, u store.GrantUsage) error {
	l.mu.RLock()
	if l.closed {
		l.mu.RUnlock()
		return l.st.RecordGrantUsage(ctx, []store.GrantUsage{u})
	}
	p := pendingUsage{u: u, done: make(chan error, 1)}
	select {
	case l.in <- p:
		l.mu.RUnlock()
	case <-ctx.Done():
		l.mu.RUnlock()
		return ctx.Err()
	}
	return <-p.done
}

// Flush writes every row queued before it was called, and returns the
// last write's error.
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

// run is the writer: as soon as a row is queued it writes it with every
// other row already waiting, so a batch is whatever arrived during the
// previous write and no read waits for a timer.
func (l *UsageLog) run() {
	defer close(l.done)
	for {
		select {
		case p := <-l.in:
			l.commit(l.drain([]pendingUsage{p}))
		case reply := <-l.flush:
			reply <- l.commit(l.drain(nil))
		case <-l.quit:
			l.closeErr = l.commit(l.drain(nil))
			return
		}
	}
}

// drain takes every row already queued, up to Capacity.
func (l *UsageLog) drain(batch []pendingUsage) []pendingUsage {
	for len(batch) < l.cfg.Capacity {
		select {
		case p := <-l.in:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

// commit writes batch in MaxBatch chunks, tells each row's reader the
// outcome of its chunk, and returns the last error. A failed chunk is not
// retried: its reads fail, and a row that was never acknowledged must not
// appear later.
func (l *UsageLog) commit(batch []pendingUsage) error {
	var last error
	for len(batch) > 0 {
		n := min(len(batch), l.cfg.MaxBatch)
		if err := l.commitChunk(batch[:n]); err != nil {
			last = err
		}
		batch = batch[n:]
	}
	return last
}

// commitChunk writes one transaction's rows. When a grant of the chunk is
// gone, the chunk is written grant by grant and only the missing grants'
// reads fail, so that they cannot fail the others.
func (l *UsageLog) commitChunk(chunk []pendingUsage) error {
	err := l.record(chunk)
	if !errors.Is(err, store.ErrNotFound) {
		if err != nil {
			l.cfg.Log.Error("consent: write grant usage; the reads fail", "rows", len(chunk), "err", err)
		}
		answer(chunk, err)
		return err
	}
	groups := map[string][]pendingUsage{}
	var order []string
	for _, p := range chunk {
		if _, ok := groups[p.u.GrantID]; !ok {
			order = append(order, p.u.GrantID)
		}
		groups[p.u.GrantID] = append(groups[p.u.GrantID], p)
	}
	var last error
	for _, id := range order {
		err := l.record(groups[id])
		switch {
		case errors.Is(err, store.ErrNotFound):
			l.cfg.Log.Error("consent: the usage of a grant that no longer exists; the reads fail", "grant", id, "rows", len(groups[id]))
		case err != nil:
			l.cfg.Log.Error("consent: write grant usage; the reads fail", "rows", len(groups[id]), "err", err)
			last = err
		}
		answer(groups[id], err)
	}
	return last
}

func answer(ps []pendingUsage, err error) {
	for _, p := range ps {
		p.done <- err
	}
}

func (l *UsageLog) record(ps []pendingUsage) error {
	us := make([]store.GrantUsage, len(ps))
	for i, p := range ps {
		us[i] = p.u
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.cfg.WriteTimeout)
	defer cancel()
	return l.st.RecordGrantUsage(ctx, us)
}
