-- The server as a claim issuer: owners' applications for a claim topic
-- (their fields and documents sealed, like profiles) and the claims it
-- signed, which it later renews, revokes or announces before they lapse.

-- +goose Up
CREATE TABLE applications (
    id           TEXT PRIMARY KEY,
    issuer       TEXT NOT NULL,
    identity     TEXT NOT NULL,
    topic        INTEGER NOT NULL,
    state        TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    reviewed_at  TEXT,
    reviewer     TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    claim_id     BLOB,
    bundle_hash  BLOB,
    bundle_size  INTEGER NOT NULL,
    wrapped_key  BLOB,
    ciphertext   BLOB
) STRICT;
CREATE INDEX applications_queue ON applications (issuer, state, submitted_at, id);
CREATE INDEX applications_identity ON applications (identity, submitted_at, id);

CREATE TABLE issued_claims (
    id             TEXT PRIMARY KEY,
    issuer         TEXT NOT NULL,
    identity       TEXT NOT NULL,
    topic          INTEGER NOT NULL,
    claim_id       BLOB NOT NULL,
    signature      BLOB NOT NULL,
    data           BLOB NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    document_hash  BLOB,
    state          TEXT NOT NULL,
    tx_hash        BLOB,
    application_id TEXT NOT NULL DEFAULT '',
    issued_at      TEXT NOT NULL,
    notice_at      TEXT
) STRICT;
CREATE INDEX issued_claims_current ON issued_claims (issuer, identity, topic, issued_at);
CREATE INDEX issued_claims_identity ON issued_claims (identity, issued_at);
CREATE INDEX issued_claims_expiring ON issued_claims (valid_until) WHERE notice_at IS NULL AND state IN ('ready', 'added');

-- +goose Down
DROP TABLE issued_claims;
DROP TABLE applications;
