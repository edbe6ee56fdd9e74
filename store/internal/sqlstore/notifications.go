package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/idconnect/idconnect/store"
)

const notificationCols = `id, identity, kind, payload, attempts, next_attempt_at, delivered_at, created_at, dead_at`

func scanNotification(r Row) (store.Notification, error) {
	var n store.Notification
	err := r.Scan(&n.ID, ad(&n.Identity), &n.Kind, bs(&n.Payload), &n.Attempts, tm(&n.NextAttemptAt),
		tm(&n.DeliveredAt), tm(&n.CreatedAt), tm(&n.DeadAt))
	return n, err
}

// EnqueueNotification implements store.NotificationStore.
func (s *Core) EnqueueNotification(ctx context.Context, n store.Notification) (store.Notification, error) {
	if n.CreatedAt.IsZero() {
		n.CreatedAt = n.NextAttemptAt
	}
	out, err := scanNotification(s.db.Write(ctx).QueryRow(ctx, `INSERT INTO notifications
		(identity, kind, payload, attempts, next_attempt_at, delivered_at, created_at, dead_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING `+notificationCols,
		addr(n.Identity), n.Kind, blob(n.Payload), n.Attempts, n.NextAttemptAt.UTC(), optTime(n.DeliveredAt),
		n.CreatedAt.UTC(), optTime(n.DeadAt)))
	return out, wrap("enqueue notification", err)
}

// ClaimDueNotifications implements store.NotificationStore. Claiming
// pushes next_attempt_at to the lease end in the same statement, so a
// claimed row is not due for anyone else; PostgreSQL skips rows another
// node is claiming at this instant instead of waiting for them.
func (s *Core) ClaimDueNotifications(ctx context.Context, now, leaseUntil time.Time, limit int) ([]store.Notification, error) {
	rows, err := s.db.Write(ctx).Query(ctx, `UPDATE notifications
		SET attempts = attempts + 1, next_attempt_at = $2
		WHERE id IN (SELECT id FROM notifications
			WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
			ORDER BY next_attempt_at, id LIMIT $3`+s.d.SkipLocked+`)
		RETURNING `+notificationCols, now.UTC(), leaseUntil.UTC(), store.PageLimit(limit))
	out, err := collect(rows, err, scanNotification)
	if err != nil {
		return nil, wrap("claim notifications", err)
	}
	// RETURNING has no order; keep the order the rows were claimed in.
	slices.SortFunc(out, func(a, b store.Notification) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// MarkNotificationDelivered implements store.NotificationStore.
func (s *Core) MarkNotificationDelivered(ctx context.Context, id int64, at time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx,
		`UPDATE notifications SET delivered_at = $2 WHERE id = $1`, id, at.UTC())
	return wrap("mark notification delivered", affected(n, err))
}

// MarkNotificationFailed implements store.NotificationStore.
func (s *Core) MarkNotificationFailed(ctx context.Context, id int64, nextAttempt time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE notifications SET next_attempt_at = $2
		WHERE id = $1 AND delivered_at IS NULL AND dead_at IS NULL`, id, nextAttempt.UTC())
	return wrap("mark notification failed", affected(n, err))
}

// MarkNotificationDead implements store.NotificationStore.
func (s *Core) MarkNotificationDead(ctx context.Context, id int64, at time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE notifications SET dead_at = $2
		WHERE id = $1 AND delivered_at IS NULL AND dead_at IS NULL`, id, at.UTC())
	return wrap("mark notification dead", affected(n, err))
}

// ListDeadNotifications implements store.NotificationStore.
func (s *Core) ListDeadNotifications(ctx context.Context, limit int) ([]store.Notification, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+notificationCols+` FROM notifications
		WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id DESC LIMIT $1`, store.PageLimit(limit))
	out, err := collect(rows, err, scanNotification)
	return out, wrap("list dead notifications", err)
}
