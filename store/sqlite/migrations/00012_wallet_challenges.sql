-- Wallets sign in to the identity JSON-RPC with a challenge of their own
-- purpose, "wallet". SQLite cannot change a CHECK constraint in place, so
-- the table is rebuilt with the same rows; nothing references it.

-- +goose Up
CREATE TABLE challenges_next (
    nonce       TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('login', 'consent', 'access-grant', 'service', 'wallet')),
    request_id  TEXT NOT NULL,
    address     TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    consumed_at TEXT,
    binding     TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO challenges_next (nonce, purpose, request_id, address, issued_at, expires_at, consumed_at, binding)
    SELECT nonce, purpose, request_id, address, issued_at, expires_at, consumed_at, binding FROM challenges;
DROP TABLE challenges;
ALTER TABLE challenges_next RENAME TO challenges;
CREATE INDEX challenges_expires_at ON challenges (expires_at);

-- +goose Down
DELETE FROM challenges WHERE purpose = 'wallet';
CREATE TABLE challenges_prev (
    nonce       TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('login', 'consent', 'access-grant', 'service')),
    request_id  TEXT NOT NULL,
    address     TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    consumed_at TEXT,
    binding     TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO challenges_prev SELECT nonce, purpose, request_id, address, issued_at, expires_at, consumed_at, binding FROM challenges;
DROP TABLE challenges;
ALTER TABLE challenges_prev RENAME TO challenges;
CREATE INDEX challenges_expires_at ON challenges (expires_at);
