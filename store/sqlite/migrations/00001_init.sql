-- The initial schema. Times are TEXT in the fixed-width UTC layout
-- 2006-01-02T15:04:05.000000Z, so that text order is time order; lists are
-- JSON arrays; STRICT makes SQLite enforce the declared types.

-- +goose Up
CREATE TABLE clients (
    id             TEXT PRIMARY KEY,
    secret_hash    BLOB,
    public         INTEGER NOT NULL,
    name           TEXT NOT NULL,
    logo_uri       TEXT NOT NULL,
    redirect_uris  TEXT NOT NULL,
    grant_types    TEXT NOT NULL,
    response_types TEXT NOT NULL,
    scopes         TEXT NOT NULL,
    wallets        TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE challenges (
    nonce       TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('login', 'consent', 'access-grant', 'service')),
    request_id  TEXT NOT NULL,
    address     TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    consumed_at TEXT
) STRICT;
CREATE INDEX challenges_expires_at ON challenges (expires_at);

CREATE TABLE login_sessions (
    id         TEXT PRIMARY KEY,
    identity   TEXT NOT NULL,
    wallet     TEXT NOT NULL,
    chain_id   INTEGER NOT NULL,
    auth_time  TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

CREATE TABLE auth_requests (
    id                    TEXT PRIMARY KEY,
    client_id             TEXT NOT NULL,
    redirect_uri          TEXT NOT NULL,
    scopes                TEXT NOT NULL,
    state                 TEXT NOT NULL,
    nonce                 TEXT NOT NULL,
    code_challenge        TEXT NOT NULL,
    code_challenge_method TEXT NOT NULL,
    form                  BLOB,
    identity              TEXT NOT NULL,
    wallet                TEXT NOT NULL,
    login_session_id      TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    expires_at            TEXT NOT NULL
) STRICT;

CREATE TABLE oauth_tokens (
    kind         TEXT NOT NULL CHECK (kind IN ('code', 'access', 'refresh', 'pkce', 'oidc')),
    signature    TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    grant_id     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    active       INTEGER NOT NULL,
    data         BLOB,
    requested_at TEXT NOT NULL,
    expires_at   TEXT,
    PRIMARY KEY (kind, signature)
) STRICT;
CREATE INDEX oauth_tokens_request ON oauth_tokens (kind, request_id);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);

CREATE TABLE grants (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('immediate', 'persistent')),
    state             TEXT NOT NULL
                      CHECK (state IN ('requested', 'active', 'used', 'denied', 'revoked', 'expired')),
    identity          TEXT NOT NULL,
    chain_id          INTEGER NOT NULL,
    wallet            TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    scopes            TEXT NOT NULL,
    resource          TEXT NOT NULL,
    fields            TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    callback_url      TEXT NOT NULL,
    consent_message   TEXT NOT NULL,
    consent_signature TEXT NOT NULL,
    consent_hash      TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    activated_at      TEXT,
    expires_at        TEXT,
    used_at           TEXT,
    revoked_at        TEXT,
    last_used_at      TEXT,
    usage_count       INTEGER NOT NULL DEFAULT 0
) STRICT;
-- Keyset pages of one identity's (or client's) grants, newest first.
CREATE INDEX grants_identity_created ON grants (identity, created_at, id);
CREATE INDEX grants_client_created ON grants (client_id, created_at, id);

CREATE TABLE grant_usage (
    id        INTEGER PRIMARY KEY,
    grant_id  TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    resource  TEXT NOT NULL,
    fields    TEXT NOT NULL,
    client_id TEXT NOT NULL
) STRICT;
CREATE INDEX grant_usage_grant_at ON grant_usage (grant_id, at, id);

CREATE TABLE access_requests (
    id                TEXT PRIMARY KEY,
    grant_id          TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    identity          TEXT NOT NULL,
    resource          TEXT NOT NULL,
    fields            TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('immediate', 'persistent')),
    purpose           TEXT NOT NULL,
    callback_url      TEXT NOT NULL,
    challenge_message TEXT NOT NULL,
    challenge_nonce   TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    decided_at        TEXT
) STRICT;
CREATE INDEX access_requests_pending ON access_requests (identity, created_at, id)
    WHERE decided_at IS NULL;

CREATE TABLE profiles (
    identity    TEXT PRIMARY KEY,
    wrapped_key BLOB NOT NULL,
    ciphertext  BLOB NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL,
    name         TEXT NOT NULL,
    hash         BLOB NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;
CREATE INDEX api_keys_client ON api_keys (client_id, created_at);

CREATE TABLE signing_keys (
    kid            TEXT PRIMARY KEY,
    alg            TEXT NOT NULL CHECK (alg IN ('ES256', 'EdDSA')),
    private_sealed BLOB NOT NULL,
    public_jwk     BLOB NOT NULL,
    created_at     TEXT NOT NULL,
    not_after      TEXT,
    retired_at     TEXT
) STRICT;

CREATE TABLE audit_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    identity  TEXT NOT NULL,
    client_id TEXT NOT NULL,
    grant_id  TEXT NOT NULL,
    detail    TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_at ON audit_events (at, id);
CREATE INDEX audit_events_identity ON audit_events (identity, at, id);
CREATE INDEX audit_events_grant ON audit_events (grant_id, at, id);

CREATE TABLE webhooks (
    identity   TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    identity        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    payload         BLOB,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at    TEXT
) STRICT;
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE delivered_at IS NULL;

-- +goose Down
DROP TABLE notifications;
DROP TABLE webhooks;
DROP TABLE audit_events;
DROP TABLE signing_keys;
DROP TABLE api_keys;
DROP TABLE profiles;
DROP TABLE access_requests;
DROP TABLE grant_usage;
DROP TABLE grants;
DROP TABLE oauth_tokens;
DROP TABLE auth_requests;
DROP TABLE login_sessions;
DROP TABLE challenges;
DROP TABLE clients;
