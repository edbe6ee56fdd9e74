package authz

import (
	"context"

	"github.com/idconnect/idconnect/store"
)

// fosite brackets the writes of a token exchange, a refresh and a refresh
// token's reuse in BeginTX and Commit. The storage queues those writes and
// hands them to the store at Commit as one store.InGroupTx, so that the
// single SQLite writer is held only for the statements themselves (none of
// fosite's work, encoding included, runs while it is held) and concurrent
// exchanges share a commit. Reads inside the bracket see the store as it
// was before it: fosite reads nothing there that the bracket wrote.
//
// Each queued write is a whole operation (a check and its insert, say),
// so it runs inside the transaction as it would have without the queue.
// An error that the write would have returned comes back from Commit
// instead; fosite treats both alike (a server error for a code exchange;
// for a refresh, ErrSerializationFailure still means a concurrent use).

type pendingTx struct {
	writes []func(ctx context.Context) error
}

type pendingTxKey struct{}

func pendingFrom(ctx context.Context) *pendingTx {
	p, _ := ctx.Value(pendingTxKey{}).(*pendingTx)
	return p
}

// write runs w now, or queues it when ctx is inside BeginTX.
func (s *Storage) write(ctx context.Context, w func(ctx context.Context) error) error {
	if p := pendingFrom(ctx); p != nil {
		p.writes = append(p.writes, w)
		return nil
	}
	return w(ctx)
}

// BeginTX implements storage.Transactional. A nested call joins.
func (s *Storage) BeginTX(ctx context.Context) (context.Context, error) {
	if pendingFrom(ctx) != nil {
		return ctx, nil
	}
	return context.WithValue(ctx, pendingTxKey{}, &pendingTx{}), nil
}

// Commit implements storage.Transactional: the queued writes run, in
// order, in one transaction; the first error undoes them all.
func (s *Storage) Commit(ctx context.Context) error {
	p := pendingFrom(ctx)
	if p == nil {
		return store.ErrNoTx
	}
	writes := p.writes
	p.writes = nil
	if len(writes) == 0 {
		return nil
	}
	return s.st.InGroupTx(ctx, func(ctx context.Context) error {
		for _, w := range writes {
			if err := w(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// Rollback implements storage.Transactional: the queued writes are
// dropped. fosite also calls it after a failed Commit, which undid
// everything already.
func (s *Storage) Rollback(ctx context.Context) error {
	p := pendingFrom(ctx)
	if p == nil {
		return store.ErrNoTx
	}
	p.writes = nil
	return nil
}
