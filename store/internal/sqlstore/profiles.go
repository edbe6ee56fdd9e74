package sqlstore

import (
	"context"

	"github.com/idconnect/idconnect/store"
)

// PutProfile implements store.ProfileStore.
func (s *Core) PutProfile(ctx context.Context, p store.Profile) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO profiles
		(identity, wrapped_key, ciphertext, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (identity) DO UPDATE SET wrapped_key = excluded.wrapped_key,
		ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
		p.Identity, p.WrappedKey, p.Ciphertext, p.UpdatedAt.UTC())
	return wrap("put profile", err)
}

// GetProfile implements store.ProfileStore.
func (s *Core) GetProfile(ctx context.Context, identity string) (store.Profile, error) {
	var p store.Profile
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT identity, wrapped_key, ciphertext, updated_at
		FROM profiles WHERE identity = $1`, identity).
		Scan(&p.Identity, bs(&p.WrappedKey), bs(&p.Ciphertext), tm(&p.UpdatedAt))
	return p, wrap("get profile", err)
}

// DeleteProfile implements store.ProfileStore.
func (s *Core) DeleteProfile(ctx context.Context, identity string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM profiles WHERE identity = $1`, identity)
	return wrap("delete profile", affected(n, err))
}

// PutWebhook implements store.WebhookStore.
func (s *Core) PutWebhook(ctx context.Context, h store.Webhook) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO webhooks (identity, url, secret, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (identity) DO UPDATE SET url = excluded.url,
		secret = excluded.secret, created_at = excluded.created_at`,
		h.Identity, h.URL, h.Secret, h.CreatedAt.UTC())
	return wrap("put webhook", err)
}

// GetWebhook implements store.WebhookStore.
func (s *Core) GetWebhook(ctx context.Context, identity string) (store.Webhook, error) {
	var h store.Webhook
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT identity, url, secret, created_at
		FROM webhooks WHERE identity = $1`, identity).
		Scan(&h.Identity, &h.URL, &h.Secret, tm(&h.CreatedAt))
	return h, wrap("get webhook", err)
}

// DeleteWebhook implements store.WebhookStore.
func (s *Core) DeleteWebhook(ctx context.Context, identity string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM webhooks WHERE identity = $1`, identity)
	return wrap("delete webhook", affected(n, err))
}
