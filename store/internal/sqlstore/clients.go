package sqlstore

import (
	"context"

	"github.com/idconnect/idconnect/store"
)

const clientCols = `id, secret_hash, public, name, logo_uri, redirect_uris, grant_types,
	response_types, scopes, wallets, created_at, id_token_signed_response_alg, post_logout_redirect_uris,
	resources`

func scanClient(r Row) (store.Client, error) {
	var c store.Client
	err := r.Scan(&c.ID, bs(&c.SecretHash), &c.Public, &c.Name, &c.LogoURI, ls(&c.RedirectURIs),
		ls(&c.GrantTypes), ls(&c.ResponseTypes), ls(&c.Scopes), al(&c.Wallets), tm(&c.CreatedAt),
		&c.IDTokenAlg, ls(&c.PostLogoutRedirectURIs), ls(&c.Resources))
	return c, err
}

// CreateClient implements store.ClientStore.
func (s *Core) CreateClient(ctx context.Context, c store.Client) error {
	_, err := s.db.Write(ctx).Exec(ctx, `INSERT INTO clients (`+clientCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		c.ID, blob(c.SecretHash), c.Public, c.Name, c.LogoURI, list(c.RedirectURIs),
		list(c.GrantTypes), list(c.ResponseTypes), list(c.Scopes), addrList(c.Wallets), c.CreatedAt.UTC(),
		string(c.IDTokenAlg), list(c.PostLogoutRedirectURIs), list(c.Resources))
	return wrap("create client", err)
}

// GetClient implements store.ClientStore.
func (s *Core) GetClient(ctx context.Context, id string) (store.Client, error) {
	c, err := scanClient(s.db.Read(ctx).QueryRow(ctx,
		`SELECT `+clientCols+` FROM clients WHERE id = $1`, id))
	return c, wrap("get client", err)
}

// ListClients implements store.ClientStore.
func (s *Core) ListClients(ctx context.Context) ([]store.Client, error) {
	rows, err := s.db.Read(ctx).Query(ctx,
		`SELECT `+clientCols+` FROM clients ORDER BY created_at, id`)
	out, err := collect(rows, err, scanClient)
	return out, wrap("list clients", err)
}

// UpdateClient implements store.ClientStore.
func (s *Core) UpdateClient(ctx context.Context, id string, fn func(store.Client) (store.Client, error)) (store.Client, error) {
	var out store.Client
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		w := s.db.Write(ctx)
		old, err := scanClient(w.QueryRow(ctx,
			`SELECT `+clientCols+` FROM clients WHERE id = $1`+s.d.ForUpdate, id))
		if err != nil {
			return err
		}
		c, err := fn(old)
		if err != nil {
			return err
		}
		if c.ID != id {
			return errIDChanged
		}
		out, err = scanClient(w.QueryRow(ctx, `UPDATE clients SET secret_hash = $2, public = $3,
			name = $4, logo_uri = $5, redirect_uris = $6, grant_types = $7, response_types = $8,
			scopes = $9, wallets = $10, created_at = $11, id_token_signed_response_alg = $12,
			post_logout_redirect_uris = $13, resources = $14 WHERE id = $1 RETURNING `+clientCols,
			id, blob(c.SecretHash), c.Public, c.Name, c.LogoURI, list(c.RedirectURIs),
			list(c.GrantTypes), list(c.ResponseTypes), list(c.Scopes), addrList(c.Wallets), c.CreatedAt.UTC(),
			string(c.IDTokenAlg), list(c.PostLogoutRedirectURIs), list(c.Resources)))
		return err
	})
	return out, wrap("update client", err)
}

// DeleteClient implements store.ClientStore.
func (s *Core) DeleteClient(ctx context.Context, id string) error {
	n, err := s.db.Write(ctx).Exec(ctx, `DELETE FROM clients WHERE id = $1`, id)
	return wrap("delete client", affected(n, err))
}
