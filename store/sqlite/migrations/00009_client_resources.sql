-- The resource identifiers (RFC 8707) a client may read grants as, at
-- POST /oauth2/grant-reads: a JSON list of absolute URIs. Clients that
-- exist already have none, so they cannot read as any resource until
-- the operator registers theirs.

-- +goose Up
ALTER TABLE clients ADD COLUMN resources TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE clients DROP COLUMN resources;
