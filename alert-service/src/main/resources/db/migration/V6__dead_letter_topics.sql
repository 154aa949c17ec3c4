-- What each dead-letter topic has received (DEAD_LETTERS alerts): its record count, the latest reason and event type,
-- and when the latest record was read, from which the sweep resolves the topic's alert after a quiet period.
CREATE TABLE dead_letter_topic (
    topic        TEXT PRIMARY KEY,
    records      BIGINT NOT NULL,
    last_reason  TEXT NOT NULL,
    last_type    TEXT,
    last_at      TIMESTAMPTZ NOT NULL
);
