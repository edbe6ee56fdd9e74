-- Sealed claim documents, content-addressed: the id is the CIDv1 of the
-- ciphertext, and the server never holds a document in the clear.

-- +goose Up
CREATE TABLE blobs (
    cid        TEXT PRIMARY KEY,
    data       BLOB NOT NULL,
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- +goose Down
DROP TABLE blobs;
