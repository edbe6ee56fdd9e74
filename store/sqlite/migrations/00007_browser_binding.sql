-- Login challenges and parked authorization requests are bound to the
-- browser that asked for them: each stores the SHA-256 of a random value
-- held in that browser's cookie. Authorization requests also keep the OIDC
-- parameters the sign-in step reads (prompt, max_age, login_hint).
-- onboarding_days counts the identities created each day at the
-- operator's expense (one small row a day, never purged).

-- +goose Up
ALTER TABLE challenges ADD COLUMN binding TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_requests ADD COLUMN browser_binding TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_requests ADD COLUMN prompt TEXT NOT NULL DEFAULT '';
ALTER TABLE auth_requests ADD COLUMN max_age INTEGER NOT NULL DEFAULT 0;
ALTER TABLE auth_requests ADD COLUMN login_hint TEXT NOT NULL DEFAULT '';
CREATE TABLE onboarding_days (
    day  TEXT PRIMARY KEY,
    used INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE onboarding_days;
ALTER TABLE auth_requests DROP COLUMN login_hint;
ALTER TABLE auth_requests DROP COLUMN max_age;
ALTER TABLE auth_requests DROP COLUMN prompt;
ALTER TABLE auth_requests DROP COLUMN browser_binding;
ALTER TABLE challenges DROP COLUMN binding;
