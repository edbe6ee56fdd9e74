-- Deliveries stop being retried a set time after they were enqueued and
-- are kept as dead for the operator; webhook secrets are sealed with the
-- server key. The server seals the secrets left in plaintext when it
-- starts (it holds the key, the migration does not), and on first read.

-- +goose Up
ALTER TABLE notifications ADD COLUMN created_at timestamptz;
ALTER TABLE notifications ADD COLUMN dead_at timestamptz;
-- The true enqueue time of older rows is unknown; their next attempt is
-- never earlier, so no row is given up on before its time.
UPDATE notifications SET created_at = next_attempt_at;
DROP INDEX notifications_due;
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX notifications_dead ON notifications (dead_at, id) WHERE dead_at IS NOT NULL;
ALTER TABLE webhooks ADD COLUMN secret_key bytea;
ALTER TABLE webhooks ADD COLUMN secret_sealed bytea;

-- +goose Down
ALTER TABLE webhooks DROP COLUMN secret_sealed;
ALTER TABLE webhooks DROP COLUMN secret_key;
DROP INDEX notifications_dead;
DROP INDEX notifications_due;
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE delivered_at IS NULL;
ALTER TABLE notifications DROP COLUMN dead_at;
ALTER TABLE notifications DROP COLUMN created_at;
