package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/idconnect/idconnect/store"
)

const apiKeyCols = `id, client_id, name, hash, prefix, created_at, last_used_at, revoked_at`

func scanAPIKey(r Row) (store.APIKey, error) {
	var k store.APIKey
	err := r.Scan(&k.ID, &k.ClientID, &k.Name, bs(&k.Hash), &k.Prefix, tm(&k.CreatedAt),
		tm(&k.LastUsedAt), tm(&k.RevokedAt))
	return k, err
}

// CreateAPIKey implements store.APIKeyStore.
func (s *Core) CreateAPIKey(ctx context.Context, k store.APIKey) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO api_keys (`+apiKeyCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		k.ID, k.ClientID, k.Name, k.Hash, k.Prefix, k.CreatedAt.UTC(), optTime(k.LastUsedAt),
		optTime(k.RevokedAt))
	return wrap("create api key", err)
}

// GetAPIKeyByHash implements store.APIKeyStore.
func (s *Core) GetAPIKeyByHash(ctx context.Context, hash []byte) (store.APIKey, error) {
	k, err := scanAPIKey(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+apiKeyCols+` FROM api_keys WHERE hash = $1`, hash))
	return k, wrap("get api key", err)
}

// ListAPIKeys implements store.APIKeyStore.
func (s *Core) ListAPIKeys(ctx context.Context, clientID string) ([]store.APIKey, error) {
	rows, err := s.db.Read(ctx).Query(ctx, `SELECT `+apiKeyCols+` FROM api_keys
		WHERE client_id = $1 ORDER BY created_at, id`, clientID)
	keys, err := collect(rows, err, scanAPIKey)
	return keys, wrap("list api keys", err)
}

// RevokeAPIKey implements store.APIKeyStore.
func (s *Core) RevokeAPIKey(ctx context.Context, id string, at time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx,
		`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1`, id, at.UTC())
	return wrap("revoke api key", affected(n, err))
}

// TouchAPIKey implements store.APIKeyStore.
func (s *Core) TouchAPIKey(ctx context.Context, id string, at time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx,
		`UPDATE api_keys SET last_used_at = $2 WHERE id = $1`, id, at.UTC())
	return wrap("touch api key", affected(n, err))
}

const signingKeyCols = `kid, alg, private_sealed, public_jwk, created_at, not_after, retired_at`

func scanSigningKey(r Row) (store.SigningKey, error) {
	var k store.SigningKey
	err := r.Scan(&k.KID, &k.Alg, bs(&k.PrivateSealed), bs(&k.PublicJWK), tm(&k.CreatedAt),
		tm(&k.NotAfter), tm(&k.RetiredAt))
	return k, err
}

// CreateSigningKey implements store.SigningKeyStore.
func (s *Core) CreateSigningKey(ctx context.Context, k store.SigningKey) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO signing_keys (`+signingKeyCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		k.KID, k.Alg, k.PrivateSealed, k.PublicJWK, k.CreatedAt.UTC(), optTime(k.NotAfter),
		optTime(k.RetiredAt))
	return wrap("create signing key", err)
}

// ListSigningKeys implements store.SigningKeyStore.
func (s *Core) ListSigningKeys(ctx context.Context) ([]store.SigningKey, error) {
	rows, err := s.db.Read(ctx).Query(ctx,
		`SELECT `+signingKeyCols+` FROM signing_keys ORDER BY created_at, kid`)
	keys, err := collect(rows, err, scanSigningKey)
	return keys, wrap("list signing keys", err)
}

// RetireSigningKey implements store.SigningKeyStore.
func (s *Core) RetireSigningKey(ctx context.Context, kid string, at, notAfter time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE signing_keys SET retired_at = $2, not_after = $3
		WHERE kid = $1 AND retired_at IS NULL`, kid, at.UTC(), optTime(notAfter))
	if err = affected(n, err); !errors.Is(err, store.ErrNotFound) {
		return wrap("retire signing key", err)
	}
	var one int
	err = s.db.Read(ctx).QueryRow(ctx, `SELECT 1 FROM signing_keys WHERE kid = $1`, kid).Scan(&one)
	if err == nil {
		err = store.ErrConsumed
	}
	return wrap("retire signing key", err)
}
