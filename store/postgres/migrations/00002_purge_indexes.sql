-- Indexes for the janitor's minute-by-minute purge of expired rows, which would
-- otherwise scan these tables in full.

-- +goose Up
CREATE INDEX login_sessions_expires_at ON login_sessions (expires_at);
CREATE INDEX auth_requests_expires_at ON auth_requests (expires_at);
CREATE INDEX oauth_tokens_expires_at ON oauth_tokens (expires_at);

-- +goose Down
DROP INDEX oauth_tokens_expires_at;
DROP INDEX auth_requests_expires_at;
DROP INDEX login_sessions_expires_at;
