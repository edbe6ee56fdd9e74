package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/idconnect/idconnect/store"
)

const grantCols = `id, kind, state, identity, chain_id, wallet, client_id, scopes, resource, fields,
	purpose, callback_url, consent_message, consent_signature, consent_hash, created_at,
	activated_at, expires_at, used_at, revoked_at, last_used_at, usage_count`

func scanGrant(r Row) (store.Grant, error) {
	var g store.Grant
	err := r.Scan(&g.ID, &g.Kind, &g.State, ad(&g.Identity), &g.ChainID, ad(&g.Wallet), &g.ClientID,
		ls(&g.Scopes), &g.Resource, ls(&g.Fields), &g.Purpose, &g.CallbackURL, &g.ConsentMessage,
		&g.ConsentSignature, &g.ConsentHash, tm(&g.CreatedAt), tm(&g.ActivatedAt),
		tm(&g.ExpiresAt), tm(&g.UsedAt), tm(&g.RevokedAt), tm(&g.LastUsedAt), &g.UsageCount)
	return g, err
}

func grantArgs(g store.Grant) []any {
	return []any{g.ID, g.Kind, g.State, addr(g.Identity), g.ChainID, addr(g.Wallet), g.ClientID,
		list(g.Scopes), g.Resource, list(g.Fields), g.Purpose, g.CallbackURL, g.ConsentMessage,
		g.ConsentSignature, g.ConsentHash, g.CreatedAt.UTC(), optTime(g.ActivatedAt),
		optTime(g.ExpiresAt), optTime(g.UsedAt), optTime(g.RevokedAt), optTime(g.LastUsedAt),
		g.UsageCount}
}

// CreateGrant implements store.GrantStore.
func (s *Core) CreateGrant(ctx context.Context, g store.Grant) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO grants (`+grantCols+`) VALUES ($1, $2, $3,
		$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		grantArgs(g)...)
	return wrap("create grant", err)
}

// GetGrant implements store.GrantStore.
func (s *Core) GetGrant(ctx context.Context, id string) (store.Grant, error) {
	g, err := s.getGrant(ctx, s.db.Read(ctx), id, "")
	return g, wrap("get grant", err)
}

// GetGrantStatus implements store.GrantStore. One statement reads it all.
func (s *Core) GetGrantStatus(ctx context.Context, id string, q store.StatusQuery) (store.GrantStatus, error) {
	var (
		g       store.GrantStatus
		p       store.Profile
		profile sql.NullString // NULL: no profile joined
	)
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT g.id, g.kind, g.state, g.identity, g.client_id, g.expires_at,
		$2 <> '' AND EXISTS (SELECT 1 FROM oauth_tokens WHERE kind = 'access' AND signature = $2),
		p.identity, p.wrapped_key, p.ciphertext, p.updated_at
		FROM grants g LEFT JOIN profiles p ON $3 AND p.identity = g.identity
		WHERE g.id = $1`, id, q.AccessTokenHash, q.Profile).Scan(&g.ID, &g.Kind, &g.State, ad(&g.Identity), &g.ClientID,
		tm(&g.ExpiresAt), &g.TokenRevoked, &profile, bs(&p.WrappedKey), bs(&p.Ciphertext), tm(&p.UpdatedAt))
	if err == nil && profile.Valid {
		err = ad(&p.Identity).Scan(profile.String)
		g.Profile = &p
	}
	return g, wrap("get grant status", err)
}

func (s *Core) getGrant(ctx context.Context, c Conn, id, lock string) (store.Grant, error) {
	return scanGrant(c.QueryRow(ctx, `SELECT `+grantCols+` FROM grants WHERE id = $1`+lock, id))
}

// UpdateGrant implements store.GrantStore.
func (s *Core) UpdateGrant(ctx context.Context, id string, fn func(store.Grant) (store.Grant, error)) (store.Grant, error) {
	var out store.Grant
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		w := s.db.Write(ctx)
		old, err := s.getGrant(ctx, w, id, s.d.ForUpdate)
		if err != nil {
			return err
		}
		g, err := fn(old)
		if err != nil {
			return err
		}
		if g.ID != id {
			return errIDChanged
		}
		out, err = scanGrant(w.QueryRow(ctx, `UPDATE grants SET kind = $2, state = $3,
			identity = $4, chain_id = $5, wallet = $6, client_id = $7, scopes = $8, resource = $9,
			fields = $10, purpose = $11, callback_url = $12, consent_message = $13,
			consent_signature = $14, consent_hash = $15, created_at = $16, activated_at = $17,
			expires_at = $18, used_at = $19, revoked_at = $20, last_used_at = $21,
			usage_count = $22 WHERE id = $1 RETURNING `+grantCols, grantArgs(g)...))
		return err
	})
	return out, wrap("update grant", err)
}

// ListGrants implements store.GrantStore. The (identity, created_at, id)
// index serves the identity filter and the keyset order together.
func (s *Core) ListGrants(ctx context.Context, f store.GrantFilter) ([]store.Grant, string, error) {
	limit := store.PageLimit(f.Limit)
	var w where
	w.addIf("identity", addr(f.Identity))
	w.addIf("client_id", f.ClientID)
	w.addIf("state", string(f.State))
	if f.Cursor != "" {
		c, err := parseCursor(f.Cursor)
		if err != nil {
			return nil, "", wrap("list grants", err)
		}
		w.addCursor("created_at", "id", c, c.id)
	}
	q := `SELECT ` + grantCols + ` FROM grants` + w.String() +
		` ORDER BY created_at DESC, id DESC` + w.limit(limit+1)
	rows, err := s.db.Read(ctx).Query(ctx, q, w.args...)
	grants, err := collect(rows, err, scanGrant)
	if err != nil {
		return nil, "", wrap("list grants", err)
	}
	grants, next := page(grants, limit, func(g store.Grant) cursor { return cursor{g.CreatedAt, g.ID} })
	return grants, next, nil
}

// RevokeGrant implements store.GrantStore.
func (s *Core) RevokeGrant(ctx context.Context, id string, at time.Time) (store.Grant, error) {
	g, err := scanGrant(s.db.Write(ctx).QueryRow(ctx, `UPDATE grants SET state = 'revoked',
		revoked_at = $2 WHERE id = $1 AND state IN ('requested', 'active') RETURNING `+grantCols,
		id, at.UTC()))
	if !errors.Is(err, store.ErrNotFound) {
		return g, wrap("revoke grant", err)
	}
	return store.Grant{}, wrap("revoke grant", s.whyUnusable(ctx, id, at))
}

// whyUnusable explains why a conditional grant update matched no row.
func (s *Core) whyUnusable(ctx context.Context, id string, at time.Time) error {
	g, err := s.getGrant(ctx, s.db.Read(ctx), id, "")
	if err != nil {
		return err
	}
	if err := g.Usable(at); err != nil {
		return err
	}
	return store.ErrGrantInactive // changed under us: refused all the same
}
