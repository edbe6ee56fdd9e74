package authz

import (
	"context"
	"errors"

	"github.com/ory/fosite"

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
	// codeRequest is the request of the authorization code the bracket
	// spends, if any: when another exchange spent it first, its reuse
	// ends the grant.
	codeRequest string
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
	writes, code := p.writes, p.codeRequest
	p.writes, p.codeRequest = nil, ""
	if len(writes) == 0 {
		return nil
	}
	err := s.st.InGroupTx(ctx, func(ctx context.Context) error {
		for _, w := range writes {
			if err := w(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if code != "" && errors.Is(err, fosite.ErrInvalidatedAuthorizeCode) {
		// The code was read as live (from this node's cache, or just before
		// a concurrent exchange) and spent by someone else meanwhile: a
		// reuse, which revokes what the code gave (RFC 6749 section 4.1.2),
		// as fosite does when it reads a spent code itself.
		return errors.Join(err, s.revokeRequest(withoutPending(ctx), code))
	}
	return err
}

// revokeRequest ends the grant of a request and every token issued for it.
func (s *Storage) revokeRequest(ctx context.Context, requestID string) error {
	return errors.Join(s.RevokeRefreshToken(ctx, requestID), s.RevokeAccessToken(ctx, requestID))
}

// withoutPending is ctx outside any BeginTX bracket, for writes that must
// run now.
func withoutPending(ctx context.Context) context.Context {
	return context.WithValue(ctx, pendingTxKey{}, (*pendingTx)(nil))
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
