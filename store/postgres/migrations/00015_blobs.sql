-- Sealed claim documents, content-addressed: the id is the CIDv1 of the
-- ciphertext, and the server never holds a document in the clear.

-- +goose Up
CREATE TABLE blobs (
    cid        text PRIMARY KEY,
    data       bytea NOT NULL,
    size       bigint NOT NULL,
    created_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE blobs;
