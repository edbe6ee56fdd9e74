package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/idconnect/idconnect/store"
)

const challengeCols = `nonce, purpose, request_id, address, issued_at, expires_at, consumed_at, binding`

func scanChallenge(r Row) (store.Challenge, error) {
	var c store.Challenge
	err := r.Scan(&c.Nonce, &c.Purpose, &c.RequestID, ad(&c.Address), tm(&c.IssuedAt),
		tm(&c.ExpiresAt), tm(&c.ConsumedAt), &c.Binding)
	return c, err
}

// CreateChallenge implements store.ChallengeStore.
func (s *Core) CreateChallenge(ctx context.Context, c store.Challenge) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO challenges (`+challengeCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		c.Nonce, c.Purpose, c.RequestID, addr(c.Address), c.IssuedAt.UTC(), c.ExpiresAt.UTC(),
		optTime(c.ConsumedAt), c.Binding)
	return wrap("create challenge", err)
}

// ConsumeChallenge implements store.ChallengeStore.
func (s *Core) ConsumeChallenge(ctx context.Context, nonce string, now time.Time) (store.Challenge, error) {
	return s.ConsumeBoundChallenge(ctx, nonce, "", now)
}

// ConsumeBoundChallenge implements store.ChallengeStore. One conditional
// UPDATE decides the winner: PostgreSQL re-checks the WHERE clause of a
// row another transaction just changed, and SQLite has a single writer, so
// the row is claimed exactly once on any number of nodes. The binding is
// part of that condition, so a wrong one never consumes the nonce.
func (s *Core) ConsumeBoundChallenge(ctx context.Context, nonce, binding string, now time.Time) (store.Challenge, error) {
	c, err := scanChallenge(s.db.Write(ctx).QueryRow(ctx, `UPDATE challenges SET consumed_at = $2
		WHERE nonce = $1 AND consumed_at IS NULL AND expires_at > $2 AND binding = $3
		RETURNING `+challengeCols, nonce, now.UTC(), binding))
	if !errors.Is(err, store.ErrNotFound) {
		return c, wrap("consume challenge", err)
	}
	// Nothing was claimed: say why.
	c, err = scanChallenge(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+challengeCols+` FROM challenges WHERE nonce = $1`, nonce))
	switch {
	case err != nil:
	case !c.ConsumedAt.IsZero():
		err = store.ErrConsumed
	case !c.ExpiresAt.After(now):
		err = store.ErrExpired
	case c.Binding != binding:
		err = store.ErrBindingMismatch
	default:
		err = store.ErrExpired // it expired between the two statements
	}
	return store.Challenge{}, wrap("consume challenge", err)
}

// DeleteExpiredChallenges implements store.ChallengeStore.
func (s *Core) DeleteExpiredChallenges(ctx context.Context, before time.Time) (int64, error) {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM challenges WHERE expires_at < $1`, before.UTC())
	return n, wrap("delete expired challenges", err)
}
