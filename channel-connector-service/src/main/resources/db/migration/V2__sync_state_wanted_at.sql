-- When the wanted quantity last changed, so the re-push sweep leaves fresh changes to the consumer.
ALTER TABLE sync_state ADD COLUMN wanted_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX sync_state_pending ON sync_state (channel) WHERE pushed_quantity IS DISTINCT FROM wanted_quantity;
