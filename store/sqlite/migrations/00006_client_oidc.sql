-- OpenID Connect conformance: RS256 signing keys (the algorithm OpenID
-- Connect clients assume when they registered none), each client's
-- id_token_signed_response_alg, and its post-logout redirect URIs.
-- Clients that exist already keep the ES256 ID tokens they were getting;
-- new ones default to RS256.
-- SQLite cannot change a CHECK constraint in place, so signing_keys is
-- rebuilt.

-- +goose Up
CREATE TABLE signing_keys_new (
    kid            TEXT PRIMARY KEY,
    alg            TEXT NOT NULL CHECK (alg IN ('ES256', 'EdDSA', 'RS256')),
    private_sealed BLOB NOT NULL,
    public_jwk     BLOB NOT NULL,
    created_at     TEXT NOT NULL,
    not_after      TEXT,
    retired_at     TEXT
) STRICT;
INSERT INTO signing_keys_new SELECT kid, alg, private_sealed, public_jwk, created_at, not_after, retired_at
    FROM signing_keys;
DROP TABLE signing_keys;
ALTER TABLE signing_keys_new RENAME TO signing_keys;

ALTER TABLE clients ADD COLUMN id_token_signed_response_alg TEXT NOT NULL DEFAULT ''
    CHECK (id_token_signed_response_alg IN ('', 'ES256', 'EdDSA', 'RS256'));
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]';
UPDATE clients SET id_token_signed_response_alg = 'ES256';

-- +goose Down
ALTER TABLE clients DROP COLUMN post_logout_redirect_uris;
ALTER TABLE clients DROP COLUMN id_token_signed_response_alg;

DELETE FROM signing_keys WHERE alg = 'RS256';
CREATE TABLE signing_keys_old (
    kid            TEXT PRIMARY KEY,
    alg            TEXT NOT NULL CHECK (alg IN ('ES256', 'EdDSA')),
    private_sealed BLOB NOT NULL,
    public_jwk     BLOB NOT NULL,
    created_at     TEXT NOT NULL,
    not_after      TEXT,
    retired_at     TEXT
) STRICT;
INSERT INTO signing_keys_old SELECT kid, alg, private_sealed, public_jwk, created_at, not_after, retired_at
    FROM signing_keys;
DROP TABLE signing_keys;
ALTER TABLE signing_keys_old RENAME TO signing_keys;
