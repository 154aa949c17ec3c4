-- Calls to each channel's marketplace per minute, for the console's chart: every instance adds what it counted every
-- few seconds (ChannelCalls), so the numbers are the whole deployment's and outlive a restart. A day is kept.
-- No foreign key to channel: one statement writes every channel's minutes, and a channel deleted in between must not
-- refuse the others'; a deleted channel's minutes age out with the rest.
CREATE TABLE channel_call_minute (
    channel   TEXT NOT NULL,
    minute    TIMESTAMPTZ NOT NULL,
    calls     BIGINT NOT NULL DEFAULT 0,
    throttled BIGINT NOT NULL DEFAULT 0,
    failed    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (channel, minute)
);
CREATE INDEX channel_call_minute_age ON channel_call_minute (minute);
