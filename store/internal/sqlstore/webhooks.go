package sqlstore

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

const webhookCols = `identity, url, secret_key, secret_sealed, secret, created_at`

func scanWebhook(r Row) (store.Webhook, error) {
	var h store.Webhook
	err := r.Scan(ad(&h.Identity), &h.URL, bs(&h.SecretKey), bs(&h.SecretSealed), &h.Secret, tm(&h.CreatedAt))
	return h, err
}

// PutWebhook implements store.WebhookStore.
func (s *Core) PutWebhook(ctx context.Context, h store.Webhook) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO webhooks (`+webhookCols+`)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (identity) DO UPDATE SET url = excluded.url,
		secret_key = excluded.secret_key, secret_sealed = excluded.secret_sealed,
		secret = excluded.secret, created_at = excluded.created_at`,
		addr(h.Identity), h.URL, blob(h.SecretKey), blob(h.SecretSealed), h.Secret, h.CreatedAt.UTC())
	return wrap("put webhook", err)
}

// GetWebhook implements store.WebhookStore.
func (s *Core) GetWebhook(ctx context.Context, identity common.Address) (store.Webhook, error) {
	h, err := scanWebhook(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+webhookCols+` FROM webhooks WHERE identity = $1`, addr(identity)))
	return h, wrap("get webhook", err)
}

// UpdateWebhook implements store.WebhookStore.
func (s *Core) UpdateWebhook(ctx context.Context, identity common.Address, fn func(store.Webhook) (store.Webhook, error)) error {
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		w := s.db.Write(ctx)
		old, err := scanWebhook(w.QueryRow(ctx,
			`SELECT `+webhookCols+` FROM webhooks WHERE identity = $1`+s.d.ForUpdate, addr(identity)))
		if err != nil {
			return err
		}
		h, err := fn(old)
		if err != nil {
			return err
		}
		if h.Identity != identity {
			return errIDChanged
		}
		_, err = w.Exec(ctx, `UPDATE webhooks SET url = $2, secret_key = $3, secret_sealed = $4,
			secret = $5, created_at = $6 WHERE identity = $1`,
			addr(identity), h.URL, blob(h.SecretKey), blob(h.SecretSealed), h.Secret, h.CreatedAt.UTC())
		return err
	})
	return wrap("update webhook", err)
}

// PlaintextWebhooks implements store.WebhookStore.
func (s *Core) PlaintextWebhooks(ctx context.Context, limit int) ([]common.Address, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT identity FROM webhooks WHERE secret <> ''
		ORDER BY identity LIMIT $1`, store.PageLimit(limit))
	out, err := collect(rows, err, func(r Row) (common.Address, error) {
		var id common.Address
		return id, r.Scan(ad(&id))
	})
	return out, wrap("list plaintext webhooks", err)
}

// DeleteWebhook implements store.WebhookStore.
func (s *Core) DeleteWebhook(ctx context.Context, identity common.Address) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM webhooks WHERE identity = $1`, addr(identity))
	return wrap("delete webhook", affected(n, err))
}
