-- Serves the hourly purge of keys past their retention (IdempotencyKeyPurge).
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
