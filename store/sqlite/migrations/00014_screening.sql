-- Continuous screening: the list sources and the versions loaded from
-- them, each run over an issuer's screened identities, the hits (their
-- explanation sealed, since it names people) with reviewers' decisions,
-- and the lease that lets one node of a cluster run at a time.

-- +goose Up
CREATE TABLE screening_sources (
    source   TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
) STRICT;

CREATE TABLE screening_list_versions (
    source    TEXT NOT NULL,
    hash      BLOB NOT NULL,
    name      TEXT NOT NULL,
    format    TEXT NOT NULL,
    entities  INTEGER NOT NULL,
    loaded_at TEXT NOT NULL,
    error     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, hash)
) STRICT;
CREATE INDEX screening_list_versions_loaded ON screening_list_versions (loaded_at);

CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  TEXT NOT NULL
) STRICT;

CREATE TABLE screening_runs (
    id          TEXT PRIMARY KEY,
    issuer      TEXT NOT NULL,
    node        TEXT NOT NULL,
    cause       TEXT NOT NULL,
    lists       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    screened    INTEGER NOT NULL DEFAULT 0,
    renewed     INTEGER NOT NULL DEFAULT 0,
    approved    INTEGER NOT NULL DEFAULT 0,
    hits        INTEGER NOT NULL DEFAULT 0,
    revoked     INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX screening_runs_issuer ON screening_runs (issuer, started_at);

CREATE TABLE screening_hits (
    id            TEXT PRIMARY KEY,
    run_id        TEXT NOT NULL,
    issuer        TEXT NOT NULL,
    identity      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    list          TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    entity_digest BLOB NOT NULL,
    field         TEXT NOT NULL,
    score         REAL NOT NULL,
    topics        TEXT NOT NULL,
    state         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    decided_by    TEXT NOT NULL DEFAULT '',
    decision      TEXT NOT NULL DEFAULT '',
    wrapped_key   BLOB,
    explanation   BLOB
) STRICT;
CREATE INDEX screening_hits_issuer ON screening_hits (issuer, created_at, id);
CREATE INDEX screening_hits_entry ON screening_hits (issuer, identity, list, entity_id, created_at);

-- +goose Down
DROP TABLE screening_hits;
DROP TABLE screening_runs;
DROP TABLE leases;
DROP TABLE screening_list_versions;
DROP TABLE screening_sources;
