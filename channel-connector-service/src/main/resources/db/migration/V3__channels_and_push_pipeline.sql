-- Channels as admins set them up. Credentials are a reference (a name); their values live in configuration.
CREATE TABLE channel (
    id                 TEXT PRIMARY KEY,
    type               TEXT NOT NULL,
    endpoint           TEXT NOT NULL,
    options            JSONB NOT NULL DEFAULT '{}',
    credentials_ref    TEXT NOT NULL,
    locations          JSONB NOT NULL DEFAULT '[]',
    buffer_amount      BIGINT NOT NULL DEFAULT 0,
    buffer_unit        TEXT NOT NULL DEFAULT 'UNITS',
    percentage         INT NOT NULL DEFAULT 100,
    max_quantity       BIGINT,
    zero_out_threshold BIGINT NOT NULL DEFAULT 0,
    enabled            BOOLEAN NOT NULL DEFAULT true,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Per-SKU exceptions to a channel's rules (null = the channel's own), or an exclusion.
CREATE TABLE channel_sku_rule (
    channel       TEXT NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    sku           TEXT NOT NULL,
    excluded      BOOLEAN NOT NULL DEFAULT false,
    buffer_amount BIGINT,
    buffer_unit   TEXT,
    percentage    INT,
    max_quantity  BIGINT,
    PRIMARY KEY (channel, sku)
);

-- Which marketplace listing a SKU is on; a SKU without one uses the default listing id of the channel type.
CREATE TABLE channel_listing (
    channel    TEXT NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    sku        TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    PRIMARY KEY (channel, sku)
);

-- Catalog status per SKU from inventory.items, the latest revision wins.
CREATE TABLE item_status (
    sku        TEXT PRIMARY KEY,
    status     TEXT NOT NULL,
    revision   BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The single configured channel is gone: sync state is rebuilt from the read model when channels are created.
DELETE FROM sync_state;
ALTER TABLE sync_state
    ADD COLUMN wanted_version   BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN pushed_version   BIGINT,
    ADD COLUMN attempts         INT NOT NULL DEFAULT 0,
    ADD COLUMN rejected_version BIGINT,
    ADD COLUMN pending_since    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD CONSTRAINT sync_state_channel_fk FOREIGN KEY (channel) REFERENCES channel (id) ON DELETE CASCADE;
DROP INDEX sync_state_pending;
-- What a channel's worker takes next: pending pairs that are due.
CREATE INDEX sync_state_due ON sync_state (channel, next_attempt_at)
    WHERE pushed_quantity IS DISTINCT FROM wanted_quantity AND rejected_version IS NULL;

-- One instance works a channel at a time: it holds the lease until it expires or it lets go.
CREATE TABLE channel_lease (
    channel    TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- How a channel's calls go: failures in a row, the back-off they earned, the last success and error.
CREATE TABLE channel_health (
    channel              TEXT PRIMARY KEY REFERENCES channel (id) ON DELETE CASCADE,
    consecutive_failures INT NOT NULL DEFAULT 0,
    last_success_at      TIMESTAMPTZ,
    last_failure_at      TIMESTAMPTZ,
    last_error           TEXT,
    backoff_until        TIMESTAMPTZ,
    circuit_open         BOOLEAN NOT NULL DEFAULT false,
    reconcile_requested  BOOLEAN NOT NULL DEFAULT false
);

-- Failed calls of the last hour, for failuresLastHour; older rows are deleted as new ones come.
CREATE TABLE channel_call_failure (
    channel   TEXT NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX channel_call_failure_recent ON channel_call_failure (channel, failed_at);
