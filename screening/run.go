package screening

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
	"github.com/idconnect/idconnect/store"
)

// Store is what screening runs keep: their own records, and the issued
// claims and applications they act on.
type Store interface {
	store.ScreeningStore
	store.IssuedClaimStore
	store.ApplicationStore
	store.Transactor
}

// Chain lists an identity's wallets and keys, every address screened.
type Chain interface {
	Wallets(ctx context.Context, id common.Address) ([]common.Address, error)
	Keys(ctx context.Context, id common.Address, extra ...common.Address) ([]identity.Key, error)
}

// Alerts tells the issuer's reviewers of a new hit: the notify Outbox
// sends it to the issuer identity's webhook, with ids only.
type Alerts interface {
	ScreeningHit(ctx context.Context, issuer common.Address, h store.ScreeningHit) error
}

// Config wires a Runner.
type Config struct {
	Desk   *issuer.Desk
	Store  Store
	Lists  *Lists
	Chain  Chain
	Sealer *store.Sealer
	// Oracle, when set, is consulted for every wallet as well.
	Oracle *Oracle
	Alerts Alerts
	// Threshold is the name score from which a name is a hit (default
	// DefaultThreshold).
	Threshold float64
	// RenewBefore is how long before validUntil a clean identity's
	// rolling claim is renewed (default 7 days).
	RenewBefore time.Duration
	// Interval is how often every identity is screened again (default 1h).
	Interval time.Duration
	// Node names this node in the runs it records and in the lease.
	Node  string
	Clock func() time.Time
	Rand  io.Reader
	Log   *slog.Logger
}

// Runner screens an issuer's identities: on a schedule, when a list
// changes, and when a reviewer clears a hit. Only one node of a cluster
// runs at a time, holding the store's lease.
type Runner struct {
	cfg    Config
	topics []uint64
	// running keeps a second run on this node (the loop's and a reviewer's)
	// from starting while one goes on.
	running sync.Mutex
	// screened is the list versions this node last ran for (listsMu).
	listsMu  sync.Mutex
	screened string
}

// leaseTTL bounds how long a crashed node keeps others from running; a
// running node extends its lease well before.
const leaseTTL = 5 * time.Minute

// NewRunner checks the configuration and returns a Runner.
func NewRunner(cfg Config) (*Runner, error) {
	if cfg.Desk == nil || cfg.Store == nil || cfg.Lists == nil || cfg.Chain == nil || cfg.Sealer == nil {
		return nil, errors.New("screening: a runner needs the desk, a store, the lists, the chain and a sealer")
	}
	if cfg.Threshold <= 0 {
		cfg.Threshold = DefaultThreshold
	}
	if cfg.RenewBefore <= 0 {
		cfg.RenewBefore = 7 * 24 * time.Hour
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Hour
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Node == "" {
		id, err := newID(cfg.Rand)
		if err != nil {
			return nil, err
		}
		cfg.Node = "node-" + id[:8]
	}
	r := &Runner{cfg: cfg}
	for _, t := range cfg.Desk.Topics().Numbers() {
		if cfg.Desk.Topics()[t].Rolling {
			r.topics = append(r.topics, t)
		}
	}
	if len(r.topics) == 0 {
		return nil, errors.New("screening: the issuer's catalogue has no rolling topic to screen")
	}
	return r, nil
}

// ErrBusy means another node holds the lease and is running.
var ErrBusy = errors.New("screening: another node is running")

// ErrNoLists refuses a run while no list has loaded: there is nothing to
// screen against.
var ErrNoLists = errors.New("screening: no list is loaded")

// errIncomplete marks a run that screened against fewer lists than it was
// given, or without the oracle's answer: it still revokes on every hit it
// found, but calls no one clean, so it renews and approves nothing.
var errIncomplete = errors.New("screening incomplete: nothing was renewed or approved")

// ready checks there is something to screen against, and reports what is
// missing from a complete screening.
func (r *Runner) ready() (missing []string, err error) {
	// The oracle is consulted too, not instead: it knows addresses only.
	if len(r.cfg.Lists.Index().Lists()) == 0 {
		return nil, fmt.Errorf("%w: no list is configured, or none has loaded", ErrNoLists)
	}
	return r.cfg.Lists.Missing(), nil
}

// Run screens every identity the issuer screens once, and returns the
// run it recorded. It fails with ErrBusy when another run, on this node or
// another, holds the lease.
func (r *Runner) Run(ctx context.Context, trigger store.ScreeningRunTrigger) (store.ScreeningRun, error) {
	missing, err := r.ready()
	if err != nil {
		return store.ScreeningRun{}, err
	}
	if !r.running.TryLock() {
		return store.ScreeningRun{}, ErrBusy
	}
	defer r.running.Unlock()
	id, err := newID(r.cfg.Rand)
	if err != nil {
		return store.ScreeningRun{}, err
	}
	// Each run holds the lease under its own name, so that nothing but the
	// run that took it extends or releases it.
	l := lease{r: r, name: "screening:" + r.cfg.Desk.Issuer().Hex(), holder: r.cfg.Node + "/" + id}
	if err := l.take(ctx); err != nil {
		return store.ScreeningRun{}, err
	}
	ctx, stop := l.keep(ctx)
	defer stop()
	ix := r.cfg.Lists.Index()
	run := store.ScreeningRun{ID: id, Issuer: r.cfg.Desk.Issuer(), Node: r.cfg.Node, Trigger: trigger,
		Lists: ix.Versions(), StartedAt: r.cfg.Clock()}
	if err := r.cfg.Store.PutScreeningRun(ctx, run); err != nil {
		return run, fmt.Errorf("screening: record run: %w", err)
	}
	var errs []error
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%w: %s never loaded", errIncomplete, strings.Join(missing, ", ")))
	}
	errs = append(errs, r.screenAll(ctx, ix, &run, len(missing) == 0))
	return r.finish(ctx, run, errors.Join(errs...))
}

// screenAll screens every subject, page by page, until done or ctx ends
// (the lease was lost, or the node stops).
func (r *Runner) screenAll(ctx context.Context, ix *Index, run *store.ScreeningRun, complete bool) error {
	var errs []error
	after := common.Address{}
	for ctx.Err() == nil {
		page, err := r.cfg.Store.ScreeningSubjects(ctx, r.cfg.Desk.Issuer(), r.topics, after, 100)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		for _, subject := range page {
			if ctx.Err() != nil {
				break
			}
			if err := r.screen(ctx, ix, run, subject, complete); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", subject.Hex(), err))
			}
			run.Screened++
		}
		if len(page) < 100 {
			break
		}
		after = page[len(page)-1]
	}
	if err := context.Cause(ctx); err != nil {
		errs = append(errs, fmt.Errorf("screening stopped: %w", err))
	}
	return errors.Join(errs...)
}

func (r *Runner) finish(ctx context.Context, run store.ScreeningRun, err error) (store.ScreeningRun, error) {
	run.FinishedAt = r.cfg.Clock()
	r.listsMu.Lock()
	r.screened = run.Lists
	r.listsMu.Unlock()
	if err != nil {
		run.Error = truncate(err.Error(), 2000)
		r.cfg.Log.Error("screening run finished with errors", "run", run.ID, "err", err)
	}
	if err := r.cfg.Store.FinishScreeningRun(context.WithoutCancel(ctx), run); err != nil {
		return run, fmt.Errorf("screening: record run: %w", err)
	}
	r.cfg.Log.Info("screening run", "run", run.ID, "trigger", run.Trigger, "screened", run.Screened, "renewed", run.Renewed,
		"approved", run.Approved, "hits", run.Hits, "revoked", run.Revoked)
	return run, nil
}

// lease is one run's hold on the issuer's screening lease.
type lease struct {
	r            *Runner
	name, holder string
}

func (l lease) take(ctx context.Context) error {
	now := l.r.cfg.Clock()
	ok, err := l.r.cfg.Store.AcquireLease(ctx, l.name, l.holder, now, now.Add(leaseTTL))
	switch {
	case err != nil:
		return fmt.Errorf("screening: lease: %w", err)
	case !ok:
		return ErrBusy
	}
	return nil
}

// errLeaseLost ends a run whose lease could not be extended: another node
// may have taken over.
var errLeaseLost = errors.New("screening: the lease could not be extended")

// keep extends the lease every fifth of its time while the run goes on,
// however long one identity takes, and cancels the returned context when
// it cannot; stop ends it and releases the lease.
func (l lease) keep(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(leaseTTL / 5)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := l.take(ctx); err != nil {
					cancel(fmt.Errorf("%w: %w", errLeaseLost, err))
					return
				}
			}
		}
	}()
	return ctx, func() {
		close(done)
		cancel(nil)
		if err := l.r.cfg.Store.ReleaseLease(context.WithoutCancel(ctx), l.name, l.holder); err != nil {
			l.r.cfg.Log.Warn("screening: release lease", "err", err) // it runs out on its own
		}
	}
}

// Due says whether a run is due, and why: the lists differ from those
// the last run screened against, an application for a screened topic came
// in since it started, or it started an Interval ago. Every node asks the
// store, so the schedule holds across a cluster.
func (r *Runner) Due(ctx context.Context) (store.ScreeningRunTrigger, bool, error) {
	if _, err := r.ready(); err != nil {
		return "", false, nil
	}
	runs, err := r.cfg.Store.ScreeningRuns(ctx, r.cfg.Desk.Issuer(), 1)
	if err != nil {
		return "", false, err
	}
	own := r.cfg.Lists.Versions()
	switch {
	case len(runs) == 0:
		return store.TriggerSchedule, true, nil
	case runs[0].Lists != own && r.newLists(own):
		return store.TriggerLists, true, nil
	case r.cfg.Clock().Sub(runs[0].StartedAt) >= r.cfg.Interval:
		return store.TriggerSchedule, true, nil
	}
	fresh, err := r.applicationSince(ctx, runs[0].StartedAt)
	if err != nil || !fresh {
		return "", false, err
	}
	return store.TriggerApplication, true, nil
}

// newLists reports whether this node has not yet run against the list
// versions it serves. A node whose versions differ from the last run's
// only because another node loaded others (a newer file, a slower mirror)
// then runs once, not at every tick in turn with that node.
func (r *Runner) newLists(own string) bool {
	r.listsMu.Lock()
	defer r.listsMu.Unlock()
	return r.screened != own
}

// applicationSince reports whether an application for a screened topic
// is pending that was submitted at or after t: screening decides it at
// the next tick rather than at the next scheduled run.
func (r *Runner) applicationSince(ctx context.Context, t time.Time) (bool, error) {
	cursor := ""
	for {
		apps, next, err := r.cfg.Store.ListApplications(ctx, store.ApplicationQuery{Issuer: r.cfg.Desk.Issuer(),
			State: store.ApplicationPending, Newest: true, Cursor: cursor, Limit: 100})
		if err != nil {
			return false, err
		}
		for _, a := range apps {
			if a.SubmittedAt.Before(t) {
				return false, nil // newest first: the rest are older
			}
			if slices.Contains(r.topics, a.Topic) {
				return true, nil
			}
		}
		if next == "" {
			return false, nil
		}
		cursor = next
	}
}

// Loop refreshes the lists and runs whenever a run is due, checking
// every tick, until ctx ends.
func (r *Runner) Loop(ctx context.Context, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		if _, err := r.cfg.Lists.Refresh(ctx); err != nil && ctx.Err() == nil {
			r.cfg.Log.Warn("screening lists", "err", err) // the previous versions keep serving
		}
		trigger, due, err := r.Due(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			r.cfg.Log.Error("screening: is a run due", "err", err)
		case due:
			if _, err := r.Run(ctx, trigger); err != nil && !errors.Is(err, ErrBusy) && !errors.Is(err, ErrNoLists) && ctx.Err() == nil {
				r.cfg.Log.Error("screening run", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RenewBefore is how long before validUntil a clean claim is renewed.
func (r *Runner) RenewBefore() time.Duration { return r.cfg.RenewBefore }

// Topics are the rolling topics screening keeps.
func (r *Runner) Topics() []uint64 { return r.topics }

func newID(rnd io.Reader) (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return "", fmt.Errorf("screening: random id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
