-- An identity has at most one pending application per issuer and topic:
-- a second one waits for the first to be decided.

-- +goose Up
CREATE UNIQUE INDEX applications_one_pending ON applications (issuer, identity, topic) WHERE state = 'pending';

-- +goose Down
DROP INDEX applications_one_pending;
