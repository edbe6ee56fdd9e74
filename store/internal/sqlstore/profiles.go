package sqlstore

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/idconnect/idconnect/store"
)

// PutProfile implements store.ProfileStore.
func (s *Core) PutProfile(ctx context.Context, p store.Profile) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO profiles
		(identity, wrapped_key, ciphertext, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (identity) DO UPDATE SET wrapped_key = excluded.wrapped_key,
		ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
		addr(p.Identity), p.WrappedKey, p.Ciphertext, p.UpdatedAt.UTC())
	return wrap("put profile", err)
}

// GetProfile implements store.ProfileStore.
func (s *Core) GetProfile(ctx context.Context, identity common.Address) (store.Profile, error) {
	var p store.Profile
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT identity, wrapped_key, ciphertext, updated_at
		FROM profiles WHERE identity = $1`, addr(identity)).
		Scan(ad(&p.Identity), bs(&p.WrappedKey), bs(&p.Ciphertext), tm(&p.UpdatedAt))
	return p, wrap("get profile", err)
}

// DeleteProfile implements store.ProfileStore.
func (s *Core) DeleteProfile(ctx context.Context, identity common.Address) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM profiles WHERE identity = $1`, addr(identity))
	return wrap("delete profile", affected(n, err))
}
