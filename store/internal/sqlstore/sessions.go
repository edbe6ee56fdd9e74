package sqlstore

import (
	"context"
	"time"

	"github.com/idconnect/idconnect/store"
)

const loginSessionCols = `id, identity, wallet, chain_id, auth_time, expires_at, revoked_at`

func scanLoginSession(r Row) (store.LoginSession, error) {
	var l store.LoginSession
	err := r.Scan(&l.ID, ad(&l.Identity), ad(&l.Wallet), &l.ChainID, tm(&l.AuthTime), tm(&l.ExpiresAt),
		tm(&l.RevokedAt))
	return l, err
}

// CreateLoginSession implements store.LoginSessionStore.
func (s *Core) CreateLoginSession(ctx context.Context, l store.LoginSession) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO login_sessions (`+loginSessionCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		l.ID, addr(l.Identity), addr(l.Wallet), l.ChainID, l.AuthTime.UTC(), l.ExpiresAt.UTC(), optTime(l.RevokedAt))
	return wrap("create login session", err)
}

// GetLoginSession implements store.LoginSessionStore.
func (s *Core) GetLoginSession(ctx context.Context, id string) (store.LoginSession, error) {
	l, err := scanLoginSession(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+loginSessionCols+` FROM login_sessions WHERE id = $1`, id))
	return l, wrap("get login session", err)
}

// RevokeLoginSession implements store.LoginSessionStore.
func (s *Core) RevokeLoginSession(ctx context.Context, id string, at time.Time) error {
	n, err := s.db.Write(ctx).Exec(ctx, `UPDATE login_sessions
		SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1`, id, at.UTC())
	return wrap("revoke login session", affected(n, err))
}

// DeleteLoginSession implements store.LoginSessionStore.
func (s *Core) DeleteLoginSession(ctx context.Context, id string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM login_sessions WHERE id = $1`, id)
	return wrap("delete login session", affected(n, err))
}

const authRequestCols = `id, client_id, redirect_uri, scopes, state, nonce, code_challenge,
	code_challenge_method, form, identity, wallet, login_session_id, created_at, expires_at,
	browser_binding, prompt, max_age, login_hint`

func scanAuthRequest(r Row) (store.AuthRequest, error) {
	var a store.AuthRequest
	err := r.Scan(&a.ID, &a.ClientID, &a.RedirectURI, ls(&a.Scopes), &a.State, &a.Nonce,
		&a.CodeChallenge, &a.CodeChallengeMethod, bs(&a.Form), ad(&a.Identity), ad(&a.Wallet),
		&a.LoginSessionID, tm(&a.CreatedAt), tm(&a.ExpiresAt), &a.BrowserBinding, &a.Prompt,
		&a.MaxAge, ad(&a.LoginHint))
	return a, err
}

func authRequestArgs(a store.AuthRequest) []any {
	return []any{a.ID, a.ClientID, a.RedirectURI, list(a.Scopes), a.State, a.Nonce,
		a.CodeChallenge, a.CodeChallengeMethod, blob(a.Form), addr(a.Identity), addr(a.Wallet),
		a.LoginSessionID, a.CreatedAt.UTC(), a.ExpiresAt.UTC(), a.BrowserBinding, a.Prompt,
		a.MaxAge, addr(a.LoginHint)}
}

// CreateAuthRequest implements store.AuthRequestStore.
func (s *Core) CreateAuthRequest(ctx context.Context, a store.AuthRequest) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO auth_requests (`+authRequestCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		authRequestArgs(a)...)
	return wrap("create auth request", err)
}

// GetAuthRequest implements store.AuthRequestStore.
func (s *Core) GetAuthRequest(ctx context.Context, id string) (store.AuthRequest, error) {
	a, err := scanAuthRequest(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+authRequestCols+` FROM auth_requests WHERE id = $1`, id))
	return a, wrap("get auth request", err)
}

// UpdateAuthRequest implements store.AuthRequestStore.
func (s *Core) UpdateAuthRequest(ctx context.Context, id string, fn func(store.AuthRequest) (store.AuthRequest, error)) (store.AuthRequest, error) {
	var out store.AuthRequest
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		w := s.db.Write(ctx)
		old, err := scanAuthRequest(w.QueryRow(ctx,
			`SELECT `+authRequestCols+` FROM auth_requests WHERE id = $1`+s.d.ForUpdate, id))
		if err != nil {
			return err
		}
		a, err := fn(old)
		if err != nil {
			return err
		}
		if a.ID != id {
			return errIDChanged
		}
		out, err = scanAuthRequest(w.QueryRow(ctx, `UPDATE auth_requests SET client_id = $2,
			redirect_uri = $3, scopes = $4, state = $5, nonce = $6, code_challenge = $7,
			code_challenge_method = $8, form = $9, identity = $10, wallet = $11,
			login_session_id = $12, created_at = $13, expires_at = $14, browser_binding = $15,
			prompt = $16, max_age = $17, login_hint = $18
			WHERE id = $1 RETURNING `+authRequestCols, authRequestArgs(a)...))
		return err
	})
	return out, wrap("update auth request", err)
}

// DeleteAuthRequest implements store.AuthRequestStore.
func (s *Core) DeleteAuthRequest(ctx context.Context, id string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM auth_requests WHERE id = $1`, id)
	return wrap("delete auth request", affected(n, err))
}
