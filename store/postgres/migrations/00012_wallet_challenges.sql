-- Wallets sign in to the identity JSON-RPC with a challenge of their own
-- purpose, "wallet".

-- +goose Up
ALTER TABLE challenges DROP CONSTRAINT challenges_purpose_check;
ALTER TABLE challenges ADD CONSTRAINT challenges_purpose_check
    CHECK (purpose IN ('login', 'consent', 'access-grant', 'service', 'wallet'));

-- +goose Down
DELETE FROM challenges WHERE purpose = 'wallet';
ALTER TABLE challenges DROP CONSTRAINT challenges_purpose_check;
ALTER TABLE challenges ADD CONSTRAINT challenges_purpose_check
    CHECK (purpose IN ('login', 'consent', 'access-grant', 'service'));
