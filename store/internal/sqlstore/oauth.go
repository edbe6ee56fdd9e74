package sqlstore

import (
	"context"
	"errors"

	"github.com/idconnect/idconnect/store"
)

const oauthTokenCols = `kind, signature, request_id, client_id, grant_id, subject, active, data,
	requested_at, expires_at`

func scanOAuthToken(r Row) (store.OAuthToken, error) {
	var t store.OAuthToken
	err := r.Scan(&t.Kind, &t.Signature, &t.RequestID, &t.ClientID, &t.GrantID, &t.Subject,
		&t.Active, bs(&t.Data), tm(&t.RequestedAt), tm(&t.ExpiresAt))
	return t, err
}

// CreateOAuthToken implements store.OAuthTokenStore.
func (s *Core) CreateOAuthToken(ctx context.Context, t store.OAuthToken) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO oauth_tokens (`+oauthTokenCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		t.Kind, t.Signature, t.RequestID, t.ClientID, t.GrantID, t.Subject, t.Active,
		blob(t.Data), t.RequestedAt.UTC(), optTime(t.ExpiresAt))
	return wrap("create oauth token", err)
}

// GetOAuthToken implements store.OAuthTokenStore.
func (s *Core) GetOAuthToken(ctx context.Context, kind store.TokenKind, signature string) (store.OAuthToken, error) {
	t, err := scanOAuthToken(s.db.Read(ctx).QueryRow(ctx, `SELECT `+oauthTokenCols+`
		FROM oauth_tokens WHERE kind = $1 AND signature = $2`, kind, signature))
	return t, wrap("get oauth token", err)
}

// HasOAuthToken implements store.OAuthTokenStore.
func (s *Core) HasOAuthToken(ctx context.Context, kind store.TokenKind, signature string) (bool, error) {
	var one int
	err := s.db.Read(ctx).QueryRow(ctx, `SELECT 1 FROM oauth_tokens WHERE kind = $1 AND signature = $2`,
		kind, signature).Scan(&one)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, store.ErrNotFound):
		return false, nil
	}
	return false, wrap("has oauth token", err)
}

// DeleteOAuthToken implements store.OAuthTokenStore.
func (s *Core) DeleteOAuthToken(ctx context.Context, kind store.TokenKind, signature string) error {
	n, err := s.db.Write(ctx).Exec(ctx,
		`DELETE FROM oauth_tokens WHERE kind = $1 AND signature = $2`, kind, signature)
	return wrap("delete oauth token", affected(n, err))
}

// SpendOAuthToken implements store.OAuthTokenStore. Renaming the row
// rather than deleting and re-inserting it writes one row and one index
// entry instead of copying the request. A PostgreSQL transaction that
// waited on the row re-checks the WHERE clause against the renamed row,
// which no longer matches, so a concurrent spender finds nothing.
func (s *Core) SpendOAuthToken(ctx context.Context, kind store.TokenKind, signature, spentAs string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE oauth_tokens SET signature = $3, active = false
		WHERE kind = $1 AND signature = $2 AND active`, kind, signature, spentAs)
	return wrap("spend oauth token", affected(n, err))
}

// DeactivateOAuthToken implements store.OAuthTokenStore.
func (s *Core) DeactivateOAuthToken(ctx context.Context, kind store.TokenKind, signature string) error {
	n, err := s.db.Write(ctx).Exec(ctx,
		`UPDATE oauth_tokens SET active = false WHERE kind = $1 AND signature = $2`, kind, signature)
	return wrap("deactivate oauth token", affected(n, err))
}

// RevokeOAuthTokensByRequestID implements store.OAuthTokenStore.
func (s *Core) RevokeOAuthTokensByRequestID(ctx context.Context, kind store.TokenKind, requestID string) error {
	_, err := s.db.Write(ctx).Exec(ctx,
		`UPDATE oauth_tokens SET active = false WHERE kind = $1 AND request_id = $2`, kind, requestID)
	return wrap("revoke oauth tokens", err)
}

// DeleteOAuthTokensByRequestID implements store.OAuthTokenStore.
func (s *Core) DeleteOAuthTokensByRequestID(ctx context.Context, kind store.TokenKind, requestID string) error {
	_, err := s.db.Write(ctx).Exec(ctx,
		`DELETE FROM oauth_tokens WHERE kind = $1 AND request_id = $2`, kind, requestID)
	return wrap("delete oauth tokens", err)
}
