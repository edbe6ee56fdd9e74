-- The server as a claim issuer: owners' applications for a claim topic
-- (their fields and documents sealed, like profiles) and the claims it
-- signed, which it later renews, revokes or announces before they lapse.

-- +goose Up
CREATE TABLE applications (
    id           text PRIMARY KEY,
    issuer       text NOT NULL,
    identity     text NOT NULL,
    topic        bigint NOT NULL,
    state        text NOT NULL,
    submitted_at timestamptz NOT NULL,
    reviewed_at  timestamptz,
    reviewer     text NOT NULL DEFAULT '',
    reason       text NOT NULL DEFAULT '',
    claim_id     bytea,
    bundle_hash  bytea,
    bundle_size  bigint NOT NULL,
    wrapped_key  bytea,
    ciphertext   bytea
);
CREATE INDEX applications_queue ON applications (issuer, state, submitted_at, id);
CREATE INDEX applications_identity ON applications (identity, submitted_at, id);

CREATE TABLE issued_claims (
    id             text PRIMARY KEY,
    issuer         text NOT NULL,
    identity       text NOT NULL,
    topic          bigint NOT NULL,
    claim_id       bytea NOT NULL,
    signature      bytea NOT NULL,
    data           bytea NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_until    timestamptz NOT NULL,
    document_hash  bytea,
    state          text NOT NULL,
    tx_hash        bytea,
    application_id text NOT NULL DEFAULT '',
    issued_at      timestamptz NOT NULL,
    notice_at      timestamptz
);
CREATE INDEX issued_claims_current ON issued_claims (issuer, identity, topic, issued_at);
CREATE INDEX issued_claims_identity ON issued_claims (identity, issued_at);
CREATE INDEX issued_claims_expiring ON issued_claims (valid_until) WHERE notice_at IS NULL AND state IN ('ready', 'added');

-- +goose Down
DROP TABLE issued_claims;
DROP TABLE applications;
