-- Continuous screening: the list sources and the versions loaded from
-- them, each run over an issuer's screened identities, the hits (their
-- explanation sealed, since it names people) with reviewers' decisions,
-- and the lease that lets one node of a cluster run at a time.

-- +goose Up
CREATE TABLE screening_sources (
    source   text PRIMARY KEY,
    added_at timestamptz NOT NULL
);

CREATE TABLE screening_list_versions (
    source    text NOT NULL,
    hash      bytea NOT NULL,
    name      text NOT NULL,
    format    text NOT NULL,
    entities  bigint NOT NULL,
    loaded_at timestamptz NOT NULL,
    error     text NOT NULL DEFAULT '',
    PRIMARY KEY (source, hash)
);
CREATE INDEX screening_list_versions_loaded ON screening_list_versions (loaded_at);

CREATE TABLE leases (
    name   text PRIMARY KEY,
    holder text NOT NULL,
    until  timestamptz NOT NULL
);

CREATE TABLE screening_runs (
    id          text PRIMARY KEY,
    issuer      text NOT NULL,
    node        text NOT NULL,
    cause       text NOT NULL,
    lists       text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    screened    bigint NOT NULL DEFAULT 0,
    renewed     bigint NOT NULL DEFAULT 0,
    approved    bigint NOT NULL DEFAULT 0,
    hits        bigint NOT NULL DEFAULT 0,
    revoked     bigint NOT NULL DEFAULT 0,
    error       text NOT NULL DEFAULT ''
);
CREATE INDEX screening_runs_issuer ON screening_runs (issuer, started_at);

CREATE TABLE screening_hits (
    id            text PRIMARY KEY,
    run_id        text NOT NULL,
    issuer        text NOT NULL,
    identity      text NOT NULL,
    kind          text NOT NULL,
    list          text NOT NULL,
    entity_id     text NOT NULL,
    entity_digest bytea NOT NULL,
    field         text NOT NULL,
    score         double precision NOT NULL,
    topics        text NOT NULL,
    state         text NOT NULL,
    created_at    timestamptz NOT NULL,
    decided_at    timestamptz,
    decided_by    text NOT NULL DEFAULT '',
    decision      text NOT NULL DEFAULT '',
    wrapped_key   bytea,
    explanation   bytea
);
CREATE INDEX screening_hits_issuer ON screening_hits (issuer, created_at, id);
CREATE INDEX screening_hits_entry ON screening_hits (issuer, identity, list, entity_id, created_at);

-- +goose Down
DROP TABLE screening_hits;
DROP TABLE screening_runs;
DROP TABLE leases;
DROP TABLE screening_list_versions;
DROP TABLE screening_sources;
