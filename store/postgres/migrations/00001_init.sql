-- The initial schema. Lists are jsonb arrays, times timestamptz.

-- +goose Up
CREATE TABLE clients (
    id             text PRIMARY KEY,
    secret_hash    bytea,
    public         boolean NOT NULL,
    name           text NOT NULL,
    logo_uri       text NOT NULL,
    redirect_uris  jsonb NOT NULL,
    grant_types    jsonb NOT NULL,
    response_types jsonb NOT NULL,
    scopes         jsonb NOT NULL,
    wallets        jsonb NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE TABLE challenges (
    nonce       text PRIMARY KEY,
    purpose     text NOT NULL CHECK (purpose IN ('login', 'consent', 'access-grant', 'service')),
    request_id  text NOT NULL,
    address     text NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    consumed_at timestamptz
);
CREATE INDEX challenges_expires_at ON challenges (expires_at);

CREATE TABLE login_sessions (
    id         text PRIMARY KEY,
    identity   text NOT NULL,
    wallet     text NOT NULL,
    chain_id   bigint NOT NULL,
    auth_time  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE auth_requests (
    id                    text PRIMARY KEY,
    client_id             text NOT NULL,
    redirect_uri          text NOT NULL,
    scopes                jsonb NOT NULL,
    state                 text NOT NULL,
    nonce                 text NOT NULL,
    code_challenge        text NOT NULL,
    code_challenge_method text NOT NULL,
    form                  bytea,
    identity              text NOT NULL,
    wallet                text NOT NULL,
    login_session_id      text NOT NULL,
    created_at            timestamptz NOT NULL,
    expires_at            timestamptz NOT NULL
);

CREATE TABLE oauth_tokens (
    kind         text NOT NULL CHECK (kind IN ('code', 'access', 'refresh', 'pkce', 'oidc')),
    signature    text NOT NULL,
    request_id   text NOT NULL,
    client_id    text NOT NULL,
    grant_id     text NOT NULL,
    subject      text NOT NULL,
    active       boolean NOT NULL,
    data         bytea,
    requested_at timestamptz NOT NULL,
    expires_at   timestamptz,
    PRIMARY KEY (kind, signature)
);
CREATE INDEX oauth_tokens_request ON oauth_tokens (kind, request_id);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);

CREATE TABLE grants (
    id                text PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('immediate', 'persistent')),
    state             text NOT NULL
                      CHECK (state IN ('requested', 'active', 'used', 'denied', 'revoked', 'expired')),
    identity          text NOT NULL,
    chain_id          bigint NOT NULL,
    wallet            text NOT NULL,
    client_id         text NOT NULL,
    scopes            jsonb NOT NULL,
    resource          text NOT NULL,
    fields            jsonb NOT NULL,
    purpose           text NOT NULL,
    callback_url      text NOT NULL,
    consent_message   text NOT NULL,
    consent_signature text NOT NULL,
    consent_hash      text NOT NULL,
    created_at        timestamptz NOT NULL,
    activated_at      timestamptz,
    expires_at        timestamptz,
    used_at           timestamptz,
    revoked_at        timestamptz,
    last_used_at      timestamptz,
    usage_count       bigint NOT NULL DEFAULT 0
);
-- Keyset pages of one identity's (or client's) grants, newest first.
CREATE INDEX grants_identity_created ON grants (identity, created_at, id);
CREATE INDEX grants_client_created ON grants (client_id, created_at, id);

CREATE TABLE grant_usage (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grant_id  text NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    resource  text NOT NULL,
    fields    jsonb NOT NULL,
    client_id text NOT NULL
);
CREATE INDEX grant_usage_grant_at ON grant_usage (grant_id, at, id);

CREATE TABLE access_requests (
    id                text PRIMARY KEY,
    grant_id          text NOT NULL,
    client_id         text NOT NULL,
    identity          text NOT NULL,
    resource          text NOT NULL,
    fields            jsonb NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('immediate', 'persistent')),
    purpose           text NOT NULL,
    callback_url      text NOT NULL,
    challenge_message text NOT NULL,
    challenge_nonce   text NOT NULL,
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    decided_at        timestamptz
);
CREATE INDEX access_requests_pending ON access_requests (identity, created_at, id)
    WHERE decided_at IS NULL;

CREATE TABLE profiles (
    identity    text PRIMARY KEY,
    wrapped_key bytea NOT NULL,
    ciphertext  bytea NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    client_id    text NOT NULL,
    name         text NOT NULL,
    hash         bytea NOT NULL UNIQUE,
    prefix       text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_client ON api_keys (client_id, created_at);

CREATE TABLE signing_keys (
    kid            text PRIMARY KEY,
    alg            text NOT NULL CHECK (alg IN ('ES256', 'EdDSA')),
    private_sealed bytea NOT NULL,
    public_jwk     bytea NOT NULL,
    created_at     timestamptz NOT NULL,
    not_after      timestamptz,
    retired_at     timestamptz
);

CREATE TABLE audit_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    kind      text NOT NULL,
    actor     text NOT NULL,
    identity  text NOT NULL,
    client_id text NOT NULL,
    grant_id  text NOT NULL,
    detail    text NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at, id);
CREATE INDEX audit_events_identity ON audit_events (identity, at, id);
CREATE INDEX audit_events_grant ON audit_events (grant_id, at, id);

CREATE TABLE webhooks (
    identity   text PRIMARY KEY,
    url        text NOT NULL,
    secret     text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE notifications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identity        text NOT NULL,
    kind            text NOT NULL,
    payload         bytea,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz
);
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
