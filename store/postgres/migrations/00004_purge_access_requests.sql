-- The janitor deletes access requests that were never answered, and their
-- requested grants, once they have been expired for a while; these partial
-- indexes keep that from scanning the tables.

-- +goose Up
CREATE INDEX access_requests_undecided_expires ON access_requests (expires_at) WHERE decided_at IS NULL;
CREATE INDEX grants_requested_expires ON grants (expires_at) WHERE state = 'requested';

-- +goose Down
DROP INDEX grants_requested_expires;
DROP INDEX access_requests_undecided_expires;
