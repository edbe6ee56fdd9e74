package consent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/store"
)

// Read is one resource read under a grant, as the grant token describes it.
type Read struct {
	GrantID  string
	ClientID string
	Identity common.Address
	Wallet   common.Address
	Resource string   // e.g. "/userinfo" or "/identities/0x…/profile"
	Fields   []string // what the read returns
	// TokenHash, when set, is the key under which a revoked access token is
	// stored (authz.Provider.VerifyGrantToken returns it): the read then
	// refuses a token revoked on its own, with the same store read that
	// checks the grant.
	TokenHash string
	// Profile asks Use for the identity's profile (Used.Profile), which a
	// persistent grant's read fetches with the grant's status.
	Profile bool
}

// Used is an allowed read: its grant (for a persistent grant, only the
// fields of store.GrantStatus) and, when Read.Profile asked, the
// identity's profile (zero when none is stored).
type Used struct {
	store.Grant
	Profile Profile
}

// errTokenRevoked refuses a read whose access token was revoked on its own.
var errTokenRevoked = errors.New("the access token was revoked")

// Use runs checks 2 and 3 of a resource read: the wallet that signed the consent
// still holds purpose 1 or 2 on the identity (from the cache, so a key removed on
// the chain stops reads within one block), then the grant is active and, if
// immediate, consumed atomically, with the read recorded in its usage log. The
// key check comes first so that a refused read does not burn an immediate grant.
// Refused reads go to the audit log. With Grants.Usage set, a persistent grant's
// read is logged in a batch and the grant returned carries only the fields of
// store.GrantStatus.
func (g *Grants) Use(ctx context.Context, r Read) (Used, error) {
	if r.Profile && g.Profiles == nil {
		return Used{}, errors.New("consent: a read asks for the profile, and Grants has no Profiles")
	}
	gr, err := g.use(ctx, r)
	if err != nil {
		g.audit(ctx, store.AuditEvent{Kind: store.AuditRefusedRead, Actor: r.ClientID, Identity: r.Identity.Hex(),
			ClientID: r.ClientID, GrantID: r.GrantID, Detail: refusal(err)})
	}
	return gr, err
}

func (g *Grants) use(ctx context.Context, r Read) (Used, error) {
	err := identity.RequirePurpose(ctx, g.Directory, r.Identity, r.Wallet, identity.PurposeManagement, identity.PurposeAction)
	if errors.Is(err, identity.ErrMissingPurpose) {
		return Used{}, fmt.Errorf("%w: %w", ErrKeyRevoked, err)
	}
	if err != nil {
		return Used{}, err
	}
	u := store.GrantUsage{GrantID: r.GrantID, At: g.Clock().UTC(), Resource: r.Resource, Fields: r.Fields, ClientID: r.ClientID}
	if g.Usage != nil || r.TokenHash != "" {
		gr, done, err := g.usePersistent(ctx, r, u)
		if done {
			return gr, err
		}
	}
	gr, err := g.Store.UseGrant(ctx, r.GrantID, u)
	if err != nil {
		return Used{}, grantErr(err)
	}
	if err := matches(gr, r); err != nil {
		return Used{}, err
	}
	used := Used{Grant: gr}
	if r.Profile {
		if used.Profile, err = g.Profiles.Get(ctx, r.Identity); err != nil {
			return Used{}, err
		}
	}
	return used, nil
}

// usePersistent reads the grant's status, which sees a revocation
// committed before it (and of the access token, with r.TokenHash), and
// serves a read of a persistent grant with it, handing the usage row to
// the batching UsageLog. The grant it returns has only the fields of
// store.GrantStatus. done is false for any other grant, or without a
// UsageLog, which UseGrant then consumes atomically.
func (g *Grants) usePersistent(ctx context.Context, r Read, u store.GrantUsage) (used Used, done bool, err error) {
	st, err := g.Store.GetGrantStatus(ctx, r.GrantID, store.StatusQuery{AccessTokenHash: r.TokenHash, Profile: r.Profile})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return Used{}, true, grantErr(err)
	case err != nil:
		return Used{}, true, err
	case st.TokenRevoked:
		return Used{}, true, fmt.Errorf("%w: %w", ErrGrantInactive, errTokenRevoked)
	case st.Kind != store.GrantPersistent, g.Usage == nil:
		return Used{}, false, nil
	}
	gr := store.Grant{ID: st.ID, Kind: st.Kind, State: st.State, Identity: st.Identity, ClientID: st.ClientID, ExpiresAt: st.ExpiresAt}
	if err := usable(gr, u.At); err != nil {
		return Used{}, true, grantErr(err)
	}
	if err := matches(gr, r); err != nil {
		return Used{}, true, err
	}
	used = Used{Grant: gr}
	if st.Profile != nil {
		// st.Identity is the stored EIP-55 hex, which sealed the profile.
		if used.Profile, err = g.Profiles.open(st.Identity, *st.Profile); err != nil {
			return Used{}, true, err
		}
	}
	if err := g.Usage.Record(ctx, u); err != nil {
		return Used{}, true, err
	}
	return used, true, nil
}

// usable applies store.UseGrant's rule: the grant is active and not expired
// at the read's time.
func usable(gr store.Grant, at time.Time) error {
	switch gr.State {
	case store.GrantActive:
		if !gr.ExpiresAt.IsZero() && !gr.ExpiresAt.After(at) {
			return store.ErrExpired
		}
		return nil
	case store.GrantUsed:
		return store.ErrGrantUsed
	case store.GrantRevoked:
		return store.ErrGrantRevoked
	case store.GrantExpired:
		return store.ErrExpired
	}
	return store.ErrGrantInactive
}

// grantErr turns the store's refusals of a grant into ErrGrantInactive.
func grantErr(err error) error {
	switch {
	case errors.Is(err, store.ErrGrantUsed), errors.Is(err, store.ErrGrantRevoked),
		errors.Is(err, store.ErrGrantInactive), errors.Is(err, store.ErrExpired), errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%w: %w", ErrGrantInactive, err)
	}
	return err
}

// matches checks that the token describes the grant it names.
func matches(gr store.Grant, r Read) error {
	// Compared as addresses: formatting r.Identity in EIP-55 would hash it.
	if id, err := identity.ParseAddress(gr.Identity); err != nil || id != r.Identity || gr.ClientID != r.ClientID {
		return fmt.Errorf("%w: the token does not match its grant", ErrGrantInactive)
	}
	return nil
}

// refusal names why a read was refused, without personal data.
func refusal(err error) string {
	switch {
	case errors.Is(err, ErrKeyRevoked):
		return "key-revoked"
	case errors.Is(err, errTokenRevoked):
		return "token-revoked"
	case errors.Is(err, store.ErrGrantUsed):
		return "grant-used"
	case errors.Is(err, store.ErrGrantRevoked):
		return "grant-revoked"
	case errors.Is(err, store.ErrExpired):
		return "grant-expired"
	case errors.Is(err, identity.ErrChainUnavailable):
		return "chain-unavailable"
	default:
		return "grant-inactive"
	}
}

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
