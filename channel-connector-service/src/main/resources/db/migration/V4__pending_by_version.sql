-- A pair is pending until the wanted version itself is recorded as pushed, not merely an equal quantity: when
-- a call's outcome could not be recorded (the transaction failed after the marketplace applied it) and the wanted
-- quantity then returned to the last recorded one, only the versions tell that the marketplace may hold another.
DROP INDEX sync_state_due;
CREATE INDEX sync_state_due ON sync_state (channel, next_attempt_at)
    WHERE pushed_version IS DISTINCT FROM wanted_version AND rejected_version IS NULL;
