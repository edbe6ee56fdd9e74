-- No statement looks OAuth rows up by grant: every row of one authorization
-- carries the grant id as its request id, which oauth_tokens_request
-- indexes. The index cost a page write on every code and refresh token.

-- +goose Up
DROP INDEX oauth_tokens_grant;

-- +goose Down
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);
