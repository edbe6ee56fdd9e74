package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// groupCommitter runs the functions given to InGroupTx. SQLite has one
// writer, and a transaction's cost is mostly its commit: the WAL frames of
// every page it touched. Functions that wait at the same moment therefore
// share one transaction, each in its own savepoint, and one commit; under
// load the hot pages (the table's last leaf, the expiry index) are written
// once per batch instead of once per caller. A lone caller runs alone, at
// once: nothing waits for company.
type groupCommitter struct {
	p    *pools
	jobs chan *groupJob

	start, stop sync.Once
	done        chan struct{}
	quit        chan struct{}
}

type groupJob struct {
	ctx context.Context
	fn  func(ctx context.Context) error
	err chan error
}

// maxGroup bounds a batch, and with it the latency a batch adds to its
// first caller.
const maxGroup = 64

func newGroupCommitter(p *pools) *groupCommitter {
	return &groupCommitter{p: p, jobs: make(chan *groupJob), done: make(chan struct{}), quit: make(chan struct{})}
}

// errClosed is what InGroupTx returns after Close.
var errClosed = errors.New("sqlite: store closed")

func (g *groupCommitter) run(ctx context.Context, fn func(ctx context.Context) error) error {
	if g.p.tx(ctx) != nil {
		// Inside a transaction already: join it, as InTx does.
		return fn(ctx)
	}
	g.start.Do(func() { go g.loop() })
	j := &groupJob{ctx: ctx, fn: fn, err: make(chan error, 1)}
	select {
	case g.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	case <-g.quit:
		return errClosed
	}
	return <-j.err
}

func (g *groupCommitter) loop() {
	defer close(g.done)
	batch := make([]*groupJob, 0, maxGroup)
	for {
		select {
		case j := <-g.jobs:
			batch = append(batch[:0], j)
		case <-g.quit:
			return
		}
	collect:
		for len(batch) < maxGroup {
			select {
			case j := <-g.jobs:
				batch = append(batch, j)
			default:
				break collect
			}
		}
		g.commit(batch)
	}
}

// commit runs a batch in one transaction. Each job runs in a savepoint
// that its error rolls back; a failed commit fails every job whose work
// it held.
func (g *groupCommitter) commit(batch []*groupJob) {
	results := make([]error, len(batch))
	ran := make([]bool, len(batch))
	err := g.p.InTx(context.Background(), func(txCtx context.Context) error {
		tx := g.p.tx(txCtx)
		for i, j := range batch {
			if err := j.ctx.Err(); err != nil {
				results[i] = err
				continue
			}
			if _, err := tx.ExecContext(txCtx, "SAVEPOINT job"); err != nil {
				return mapErr(err)
			}
			// The job sees its caller's values (a request's memo, say) and
			// the shared transaction, but not its cancellation: SQLite
			// answers an interrupted write by rolling back the whole
			// transaction, the other jobs' work with it.
			jobCtx := context.WithValue(context.WithoutCancel(j.ctx), txKey{}, g.p.state(txCtx))
			results[i] = runJob(jobCtx, j.fn)
			if results[i] != nil {
				if _, err := tx.ExecContext(txCtx, "ROLLBACK TO job"); err != nil {
					return mapErr(err)
				}
			}
			if _, err := tx.ExecContext(txCtx, "RELEASE job"); err != nil {
				return mapErr(err)
			}
			ran[i] = results[i] == nil
		}
		return nil
	})
	for i, j := range batch {
		if err != nil && (ran[i] || results[i] == nil) {
			results[i] = err
		}
		j.err <- results[i]
	}
}

// runJob runs fn, turning a panic into an error so that one caller's bug
// does not take the committer, and everyone waiting on it, down.
func runJob(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("sqlite: group transaction: panic: %v", r)
		}
	}()
	return fn(ctx)
}

// close stops the committer after the batch in hand.
func (g *groupCommitter) close() {
	g.stop.Do(func() {
		close(g.quit)
		g.start.Do(func() { close(g.done) })
		<-g.done
	})
}
