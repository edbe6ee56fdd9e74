package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

const accessRequestCols = `id, grant_id, client_id, identity, resource, fields, kind, purpose,
	callback_url, challenge_message, challenge_nonce, created_at, expires_at, decided_at`

func scanAccessRequest(r Row) (store.AccessRequest, error) {
	var a store.AccessRequest
	err := r.Scan(&a.ID, &a.GrantID, &a.ClientID, ad(&a.Identity), &a.Resource, ls(&a.Fields), &a.Kind,
		&a.Purpose, &a.CallbackURL, &a.ChallengeMessage, &a.ChallengeNonce, tm(&a.CreatedAt),
		tm(&a.ExpiresAt), tm(&a.DecidedAt))
	return a, err
}

// CreateAccessRequest implements store.AccessRequestStore.
func (s *Core) CreateAccessRequest(ctx context.Context, a store.AccessRequest) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO access_requests (`+accessRequestCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, a.GrantID, a.ClientID, addr(a.Identity), a.Resource, list(a.Fields), a.Kind, a.Purpose,
		a.CallbackURL, a.ChallengeMessage, a.ChallengeNonce, a.CreatedAt.UTC(), a.ExpiresAt.UTC(),
		optTime(a.DecidedAt))
	return wrap("create access request", err)
}

// GetAccessRequest implements store.AccessRequestStore.
func (s *Core) GetAccessRequest(ctx context.Context, id string) (store.AccessRequest, error) {
	a, err := scanAccessRequest(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+accessRequestCols+` FROM access_requests WHERE id = $1`, id))
	return a, wrap("get access request", err)
}

// ListPendingAccessRequests implements store.AccessRequestStore.
func (s *Core) ListPendingAccessRequests(ctx context.Context, identity common.Address, cur string, limit int) ([]store.AccessRequest, string, error) {
	limit = store.PageLimit(limit)
	var w where
	w.add("identity = ?", addr(identity))
	w.add("decided_at IS NULL")
	if cur != "" {
		c, err := parseCursor(cur)
		if err != nil {
			return nil, "", wrap("list access requests", err)
		}
		w.addCursor("created_at", "id", c, c.id)
	}
	q := `SELECT ` + accessRequestCols + ` FROM access_requests` + w.String() +
		` ORDER BY created_at DESC, id DESC` + w.limit(limit+1)
	rows, err := s.db.Read(ctx).Query(ctx, q, w.args...)
	reqs, err := collect(rows, err, scanAccessRequest)
	if err != nil {
		return nil, "", wrap("list access requests", err)
	}
	reqs, next := page(reqs, limit, func(a store.AccessRequest) cursor { return cursor{a.CreatedAt, a.ID} })
	return reqs, next, nil
}

// DecideAccessRequest implements store.AccessRequestStore.
func (s *Core) DecideAccessRequest(ctx context.Context, id string, at time.Time) (store.AccessRequest, error) {
	a, err := scanAccessRequest(s.db.Write(ctx).QueryRow(ctx, `UPDATE access_requests
		SET decided_at = $2 WHERE id = $1 AND decided_at IS NULL RETURNING `+accessRequestCols,
		id, at.UTC()))
	if !errors.Is(err, store.ErrNotFound) {
		return a, wrap("decide access request", err)
	}
	if _, err = s.GetAccessRequest(ctx, id); err == nil {
		err = store.ErrConsumed
	}
	return store.AccessRequest{}, wrap("decide access request", err)
}
