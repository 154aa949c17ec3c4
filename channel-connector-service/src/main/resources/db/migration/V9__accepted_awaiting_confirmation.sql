-- An update the marketplace only queued (Amazon's 200 ACCEPTED) is not applied: the pair stays pending, with the
-- version and quantity accepted, until a read-back confirms it (or reports an error against it). (V8 is the eBay
-- work's; this one is independent of it.)
ALTER TABLE sync_state
    ADD COLUMN accepted_version  BIGINT,
    ADD COLUMN accepted_at       TIMESTAMPTZ,
    ADD COLUMN confirm_attempts  INT NOT NULL DEFAULT 0;
-- What a channel's worker reads back next: accepted versions still waiting for their confirmation.
CREATE INDEX sync_state_accepted ON sync_state (channel, next_attempt_at) WHERE accepted_version IS NOT NULL;
