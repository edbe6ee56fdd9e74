-- OpenID Connect conformance: RS256 signing keys (the algorithm OpenID
-- Connect clients assume when they registered none), each client's
-- id_token_signed_response_alg, and its post-logout redirect URIs.
-- Clients that exist already keep the ES256 ID tokens they were getting;
-- new ones default to RS256.

-- +goose Up
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_alg_check;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_alg_check CHECK (alg IN ('ES256', 'EdDSA', 'RS256'));

ALTER TABLE clients ADD COLUMN id_token_signed_response_alg text NOT NULL DEFAULT ''
    CHECK (id_token_signed_response_alg IN ('', 'ES256', 'EdDSA', 'RS256'));
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris jsonb NOT NULL DEFAULT '[]';
UPDATE clients SET id_token_signed_response_alg = 'ES256';

-- +goose Down
ALTER TABLE clients DROP COLUMN post_logout_redirect_uris;
ALTER TABLE clients DROP COLUMN id_token_signed_response_alg;

DELETE FROM signing_keys WHERE alg = 'RS256';
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_alg_check;
ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_alg_check CHECK (alg IN ('ES256', 'EdDSA'));
